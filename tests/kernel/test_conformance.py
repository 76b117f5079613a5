"""jupyter_kernel_test's conformance suite against a real eagerrepl kernel, every sample it takes filled in."""

import functools

import jupyter_kernel_test

TENSOR_TEXT = "Tensor shape=(2,) dtype=float32 device=cpu:0\n[1. 2.]"


class EagerKernelTests(jupyter_kernel_test.KernelTests):
    """Messages, replies and their schemas as the Jupyter protocol (v5) specifies them."""

    kernel_name = "eagerrepl"
    language_name = "python"
    file_extension = ".py"

    code_hello_world = "print('hello, world')"
    code_stderr = "import sys; print('careful', file=sys.stderr)"

    completion_samples = [
        {"text": "zi", "matches": {"zip"}},
        {"text": "er.reduce_me", "matches": {"reduce_mean"}},
        {"text": "%timei", "matches": {"%timeit", "%%timeit"}},  # IPython offers the cell magic too
    ]

    # IPython ends a cell magic's body at a blank line.
    complete_code_samples = ["1", "print('hello, world')", "def f(x):\n    return 2 * x\n\n", "%time 1",
                             "%%time\nx = er.constant(1.)\n\n"]
    incomplete_code_samples = ["print('''hello", "def f(x):\n    x * 2", "for i in range(3):", "x = (1,",
                               "%%time\nx = er.constant(1.)\n"]
    invalid_code_samples = ["import = 7q", "1 + )"]

    code_generate_error = "raise ValueError('the kind of error a cell raises')"

    code_execute_result = [
        {"code": "6*7", "result": "42"},
        {"code": "er.constant([1., 2.])", "result": TENSOR_TEXT},
        {"code": "er.constant([1., 2.])", "mime": "text/html"},
    ]
    code_display_data = [
        {"code": "display(er.constant([1., 2.]))", "mime": "text/plain"},
        {"code": "display(er.constant([1., 2.]))", "mime": "text/html"},
    ]

    code_history_pattern = "6*7"
    supported_history_operations = ("tail", "range", "search")

    code_page_something = "er.reduce_sum?"
    code_inspect_sample = "er.reduce_sum"
    code_clear_output = "from IPython.display import clear_output; clear_output()"


class EagerIopubWelcomeTests(jupyter_kernel_test.IopubWelcomeTests):
    """A new IOPub subscriber is greeted (ipykernel's XPUB socket), so clients know they miss nothing."""

    kernel_name = "eagerrepl"
    support_iopub_welcome = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The suite waits for the welcome without a timeout: a kernel that never starts (a port
        # taken in between, say) would hang the run instead of failing this test.
        cls.kc.get_iopub_msg = functools.partial(cls.kc.get_iopub_msg, timeout=jupyter_kernel_test.TIMEOUT)

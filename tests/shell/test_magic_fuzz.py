"""Random text to the derivative, plot and %debug_nan magics in a real IPython shell: a result, a one-line
UsageError and the usage line, or an error raised in the user's own expression, never a traceback through
eagerrepl's code."""

import os
import re
import sys
import warnings

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from IPython.core.interactiveshell import InteractiveShell
from IPython.utils.capture import capture_output
from traitlets.config import Config

import eagerrepl as er

MAGICS = ["grad", "tape", "hessian", "jacobian", "gradcheck", "plot", "debug_nan"]
PACKAGE = os.path.dirname(os.path.abspath(er.__file__)) + os.sep
WORDS = ["x", "y", "W", "n", "s", "wrt", "-n", "2", "0", "-1", "1.5", "er.sin(x)", "x**3", "er.log(x)", "for",
         "in", "-10:10", "(", ")", "[", "]", ",", "+", "*", ":", "lambda", "None", "'a'", "\\", "on", "off",
         "er.reduce_sum(y)", "W @ W", "1/0", "nope", "x.numpy()", "%grad", "\n", "#", "…", "\x00"]
text = st.one_of(st.text(max_size=30), st.lists(st.sampled_from(WORDS), max_size=8).map(" ".join))


@pytest.fixture(scope="module")
def shell():
    main = sys.modules["__main__"]
    config = Config()
    config.HistoryManager.hist_file = ":memory:"
    config.InteractiveShell.colors = "nocolor"
    InteractiveShell.clear_instance()
    ip = InteractiveShell.instance(config=config)
    ip.run_line_magic("xmode", "Plain")  # IPython's Context mode takes 20 ms an error to lay out
    ip.extension_manager.load_extension("eagerrepl")
    ip.run_cell("x = er.constant(2.0)\ny = er.constant([1., 2., 3.])\nW = er.Variable([[1., 2.], [3., 4.]])\n"
                "n = 3\ns = 'text'")
    yield ip
    InteractiveShell.clear_instance()
    sys.modules["__main__"] = main
    er.seterr(all="ignore")


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(magic=st.sampled_from(MAGICS), args=text)
def test_random_arguments_never_show_our_internals(shell, magic, args):
    source = f"%{magic} {args}".replace("\n", " ")
    with capture_output() as captured, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # IPython's own about form feeds and the like in the input
        result = shell.run_cell(source, store_history=True)
    error = result.error_before_exec or result.error_in_exec
    if error is None:
        return
    if type(error).__name__ == "UsageError":
        message, usage = captured.stderr.rstrip("\n").split("\n")  # one line, then the usage
        assert message.startswith("UsageError: ") and usage.startswith(f"Usage: %{magic}"), captured.stderr
        return
    # Anything else is IPython's (a cell that does not parse, say with a NUL in it) or was raised
    # by the user's own expression: its frames are theirs (and IPython's).
    shown = captured.stdout
    assert not re.search(rf'File "?{re.escape(PACKAGE)}', shown), shown
    if result.error_in_exec is not None:
        assert "Cell In[" in shown, f"{source!r}: no user frame:\n{shown}"

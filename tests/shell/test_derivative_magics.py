"""%grad, %jacobian, %hessian, %tape, %%tape, %gradcheck and %plot in a real IPython shell with eagerrepl loaded."""

from html.parser import HTMLParser

import numpy as np
import pytest

import eagerrepl as er


@pytest.fixture
def s(ip, ok):
    """The shell's namespace, with a few names defined."""
    ok("x = er.constant(2.0)\ny = er.constant([1., 2., 3.])\n"
       "W = er.Variable([[1., 2.], [3., 4.]], name='W')\nn = 3\na = 1.5")
    return ip.user_ns


def usage_error(run, source):
    """The message of the UsageError `source` raises, checking it is one line and then the usage."""
    ran = run(source)
    assert type(ran.error).__name__ == "UsageError", (source, ran.stdout, ran.stderr)
    message, usage = ran.stderr.rstrip("\n").split("\n")
    assert message.startswith("UsageError: ") and usage.startswith("Usage: %")
    return message[len("UsageError: "):]


# ---- %grad -----------------------------------------------------------------------------------------

def test_grad_of_a_cube_at_the_current_value(s, ok):
    assert ok("%grad x**3").plain == "x**3 = 8.0\nd/dx = 12.0"
    assert s["_grad"]["x"].numpy() == 12.0


def test_grad_prints_its_result_as_the_cells_output(s, ok):
    assert ok("%grad x**3").stdout.endswith("d/dx = 12.0\n")


def test_grad_with_respect_to_every_differentiable_name(s, ok):
    ok("%grad x**2 * a")
    assert {k: v.numpy() for k, v in s["_grad"].items()} == {"x": 6.0, "a": 4.0}  # the int n is not involved


def test_grad_wrt_restricts_the_sources(s, ok):
    ok("%grad x**2 * a wrt a")
    assert list(s["_grad"]) == ["a"] and s["_grad"]["a"].numpy() == 4.0


def test_grad_skips_ints_as_constants(s, ok):
    ok("%grad x**n")
    assert list(s["_grad"]) == ["x"] and s["_grad"]["x"].numpy() == 12.0


def test_third_derivative(s, ok):
    assert "d^3/dx^3 = 6.0" in ok("%grad -n 3 x**3 wrt x").plain
    assert s["_grad"]["x"].numpy() == 6.0


def test_higher_order_of_sin_matches_the_engines_nested_grad(s, ok):
    ok("%grad -n 2 er.sin(x) * x wrt x")
    d2 = er.grad(er.grad(lambda v: er.sin(v) * v))(2.0)
    np.testing.assert_allclose(s["_grad"]["x"].numpy(), d2.numpy(), rtol=1e-6)


def test_non_scalar_expression_is_summed_and_says_so(s, ok):
    out = ok("%grad y**2").plain
    assert "summed" in out and "sum(y**2)" in out
    np.testing.assert_allclose(s["_grad"]["y"].numpy(), [2.0, 4.0, 6.0])


def test_a_tensor_derivative_is_shown_as_the_bounded_tensor_display(s, ok):
    lines = ok("%grad y**2").plain.splitlines()
    assert lines[2:] == ["d/dy = Tensor shape=(3,) dtype=float32 device=cpu:0", "       [2. 4. 6.]"]


def test_grad_with_respect_to_a_variable(s, ok):
    ok("%grad er.reduce_sum(er.matmul(W, W)) wrt W")
    expected = er.gradients_function(lambda m: er.reduce_sum(er.matmul(m, m)))(er.constant([[1., 2.], [3., 4.]]))[0]
    np.testing.assert_allclose(s["_grad"]["W"].numpy(), expected.numpy())


def test_grad_through_a_function_reading_a_global(s, ok):
    ok("def f():\n    return x * x * a")
    ok("%grad f() + x")  # f reads x and a as globals: both are watched in place
    assert s["_grad"]["x"].numpy() == 7.0  # 2*x*a + 1


def test_numbers_are_put_back_after_grad(s, ok):
    ok("%grad a * a")
    assert s["a"] == 1.5 and type(s["a"]) is float
    assert s["_grad"]["a"].numpy() == 3.0


def test_an_unconnected_source_gets_zero(s, ok):
    ok("%grad x + 0 * er.reduce_sum(er.stop_gradient(y))")
    np.testing.assert_array_equal(s["_grad"]["y"].numpy(), [0.0, 0.0, 0.0])


def test_grad_of_a_call_differentiates_the_variables_it_reads(ip, ok):
    ok("W = er.Variable([1., 2.], name='weights')\nb = er.Variable(0.5, name='bias')\n"
       "frozen = er.Variable(7., trainable=False)\n"
       "def loss(): return er.reduce_sum(W * W * W) + b * 3 + frozen")
    text = ok("%grad loss()").plain
    assert "d/dW" in text and "d/db = 3.0" in text and "frozen" not in text
    grads = ip.user_ns["_grad"]
    assert set(grads) == {"W", "b"}
    np.testing.assert_allclose(grads["W"].numpy(), 3 * np.array([1.0, 2.0]) ** 2)
    assert "d^2/dW^2" in ok("%grad -n 2 loss()").plain
    np.testing.assert_allclose(ip.user_ns["_grad"]["W"].numpy(), [6.0, 12.0])


def test_grad_of_a_call_reading_no_variable_says_so(ip, ok, run):
    ok("def f(): return er.constant(2.0) * 3")
    assert "reads no trainable Variable" in usage_error(run, "%grad f()")


# ---- %jacobian and %hessian --------------------------------------------------------------------------

def test_jacobian_matches_the_engine_and_shows_its_shape(s, ok):
    assert "shape=(3, 3)" in ok("%jacobian y**2 * x wrt y").plain
    expected = er.jacobian(lambda v: v ** 2 * 2.0)(er.constant([1., 2., 3.]))
    np.testing.assert_allclose(s["_jacobian"]["y"].numpy(), expected.numpy())


def test_hessian_of_a_scalar_with_cross_terms(s, ok):
    ok("%hessian er.reduce_sum(y**3) * x wrt y, x")
    h = s["_hessian"]
    np.testing.assert_allclose(h["y", "y"].numpy(), np.diag([12.0, 24.0, 36.0]))  # 6 * y * x
    np.testing.assert_allclose(h["y", "x"].numpy(), [3.0, 12.0, 27.0])  # 3 * y**2
    np.testing.assert_allclose(h["x", "y"].numpy(), [3.0, 12.0, 27.0])
    assert h["x", "x"].numpy() == 0.0


def test_hessian_matches_the_engines_hessian(s, ok):
    ok("%hessian er.reduce_sum(er.sin(y) * y) wrt y")
    expected = er.hessian(lambda v: er.reduce_sum(er.sin(v) * v))(er.constant([1., 2., 3.]))
    np.testing.assert_allclose(s["_hessian"]["y", "y"].numpy(), expected.numpy(), rtol=1e-6)


# ---- %tape and %%tape ----------------------------------------------------------------------------------

def test_tape_draws_the_expression_with_names_values_and_gradients(s, ok):
    assert ok("%tape er.sin(x) * x").plain.splitlines() == [
        "multiply  float32[]  1.819  grad 1.0",
        "├── sin  float32[]  0.9093  grad 2.0",
        "│   └── x  float32[]  2.0  grad 0.077",
        "└── x  float32[]  2.0  grad 0.077",
    ]  # d/dx x sin x = sin x + x cos x = 0.0770 at 2


def test_tape_result_has_html_and_binds_the_tape(s, ok):
    assert "<details" in ok("%tape er.reduce_sum(y * y) wrt y").data["text/html"]
    assert "digraph tape" in s["_tape"].to_dot()


def test_tape_names_a_number_it_stood_in_for(s, ok):
    assert "── a  float32[]  1.5  grad 4.0" in ok("%tape x * x * a wrt a").plain


def test_tape_of_a_call_draws_the_variables_it_reads(ip, ok):
    ok("W = er.Variable([1., 2.])\ndef loss(): return er.reduce_sum(W * W)")
    text = ok("%tape loss()").plain
    assert "(W)  Variable float32[2]" in text and "grad [2.0 4.0]" in text


def test_cell_tape_watches_tensors_the_cell_creates_and_roots_at_the_last_expression(s, ok):
    out = ok("%%tape\nz = er.constant([1., -1.])\nh = z * z\nloss = er.reduce_sum(h + h)\nloss").plain
    assert out.splitlines() == [
        "loss = reduce_sum  float32[]  4.0  grad 1.0",
        "└── add  float32[2]  [2.0 2.0]  grad [1.0 1.0]",
        "    ├── #1 h = multiply  float32[2]  [1.0 1.0]  grad [2.0 2.0]",
        "    │   ├── z  float32[2]  [1.0 -1.0]  grad [4.0 -4.0]",
        "    │   └── z  float32[2]  [1.0 -1.0]  grad [4.0 -4.0]",
        "    └── ↑ #1 multiply",
    ]
    assert s["loss"].numpy() == 4.0  # the cell's names stay defined


def test_cell_tape_with_a_named_target_and_a_variable(s, ok):
    ran = ok("%%tape -t out\nout = er.reduce_sum(W * x)\nprint('ran')")
    assert ran.stdout.startswith("ran\n")
    assert "── W  Variable float32[2,2]" in ran.plain and "grad [[2.0 2.0] [2.0 2.0]]" in ran.plain


def test_cell_tape_runs_ipython_syntax_in_the_cell(s, ok):
    ran = ok("%%tape\nz = x * 3\n%time q = 1\nz")
    assert "Wall time" in ran.stdout and ran.plain.startswith("z = multiply")


# ---- %gradcheck -------------------------------------------------------------------------------------------

def test_gradcheck_reports_the_worst_error(s, ok):
    shown = ok("%gradcheck er.sin(x) * y wrt x, y").stdout
    assert shown.startswith("gradcheck er.sin(x) * y wrt x, y: OK, worst error ")
    assert 0 <= s["_gradcheck"] < 1e-6


def test_gradcheck_finds_a_wrong_gradient(s, ok):
    ok("@er.custom_gradient\ndef bad(v):\n    return v * v, lambda dy: dy * 3.0 * v")
    out = ok("%gradcheck bad(x) wrt x").stdout
    assert "MISMATCH" in out and "tape 6" in out and "numeric 4" in out
    assert s["_gradcheck"] is None


def test_gradcheck_second_order(s, ok):
    assert "(derivatives up to order 2): OK" in ok("%gradcheck -n 2 er.exp(x) * x wrt x").stdout


# ---- %plot ---------------------------------------------------------------------------------------------

def test_plot_samples_f_and_its_derivative(s, ok):
    ran = ok("%plot er.sin(t) wrt t from -3 to 3")
    plot = ran.value
    assert plot.xs[0] == -3.0 and plot.xs[-1] == 3.0
    np.testing.assert_allclose(plot.ys, np.sin(plot.xs), atol=1e-12)
    np.testing.assert_allclose(plot.dys, np.cos(plot.xs), atol=1e-12)
    lines = ran.plain.splitlines()
    assert lines[0] == "f(t) = er.sin(t)" and "f'(t) = d/dt er.sin(t)" in lines
    assert lines[-1].split() == ["-3", "3", "t"]
    assert any("\u2800" < ch <= "\u28ff" for ch in "".join(lines))  # braille dots


def test_plot_default_range_and_a_range_from_the_namespace(s, ok):
    assert ok("%plot t**2 wrt t").value.xs[[0, -1]].tolist() == [-5.0, 5.0]
    assert ok("%plot t * a wrt t from -a to 2*a").value.xs[[0, -1]].tolist() == [-1.5, 3.0]


def test_plot_in_ascii(s, ok):
    out = ok("%plot t**3 wrt t from -1 to 1").value.text(ascii=True)
    assert out.isascii() and "*" in out


# ---- bad input ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("source, message", [
    ("%grad", "%grad needs an expression"),
    ("%grad q + 1", "unknown name 'q'"),
    ("%grad q + r", "unknown names 'q', 'r'"),
    ("%grad x +", "syntax error in the expression"),
    ("%grad x wrt y", "'y' is not in the expression"),
    ("%grad x * n wrt n", "'n' is an int, which has no derivative"),
    ("%grad x wrt 1", "after `wrt` give names"),
    ("%grad n * 2", "nothing to differentiate"),
    ("%grad str(x)", "the expression gives a str, not a number or tensor"),
    ("%grad -n 0 x", "-n must be at least 1"),
    ("%grad -n two x", "-n needs a whole number"),
    ("%jacobian y * 2", "%jacobian needs `wrt NAME`"),
    ("%jacobian er.cast(y, er.int32) wrt y", "int32 values, which have no derivative"),
    ("%hessian y**2 wrt y", "%hessian needs a scalar expression"),
    ("%tape n + 1", "nothing to differentiate"),
    ("%%tape\nq = 1", "end the cell with the expression"),
    ("%%tape -t nothing\nq = 1", "did not define 'nothing'"),
    ("%%tape -x\nx", "unknown option '-x'"),
    ("%%tape\n'text'", "not a tensor"),
    ("%gradcheck x * q wrt x", "unknown name 'q'"),
    ("%plot x", "%plot needs `wrt NAME`"),
    ("%plot t wrt t from 2 to 1", "the range must go up"),
    ("%plot t wrt t from zz to 1", "the range end 'zz' is not a number"),
    ("%plot y * t wrt t", "%plot needs a scalar function"),
    ("%plot x wrt t", "'t' is not in the expression"),
])
def test_bad_input_is_one_line_and_the_usage(s, run, ok, source, message):
    assert message in usage_error(run, source)
    assert ok("x + 1").value.numpy() == 3.0  # the session goes on


@pytest.mark.parametrize("source, usage", [
    ("%grad", "%grad [-n ORDER] EXPR [wrt NAME, ...]"),
    ("%jacobian x", "%jacobian EXPR wrt NAME[, NAME...]"),
    ("%hessian x", "%hessian EXPR wrt NAME[, NAME...]"),
    ("%tape", "%tape EXPR [wrt NAME, ...]"),
    ("%%tape\nq = 1", "%%tape [-t NAME]  (then the cell's code)"),
    ("%gradcheck", "%gradcheck [-n ORDER] EXPR [wrt NAME, ...]"),
    ("%plot x", "%plot EXPR wrt NAME [from A to B]"),
])
def test_each_magic_says_its_usage(s, run, source, usage):
    assert run(source).stderr.rstrip("\n").split("\n")[-1] == f"Usage: {usage}"


def test_failed_magic_leaves_numbers_in_place(s, run):
    run("%grad a * str(a)")
    assert s["a"] == 1.5 and type(s["a"]) is float


def test_magics_have_their_help_in_ipython(s, ok):
    help_text = ok("%grad?").stdout  # IPython's pager prints where there is none
    assert "d(EXPR)/d(name)" in help_text and "Usage: %grad [-n ORDER] EXPR [wrt NAME, ...]" in help_text
    listing = ok("%lsmagic").plain
    for name in ("%grad", "%jacobian", "%hessian", "%tape", "%%tape", "%gradcheck", "%plot", "%debug_nan", "%device"):
        assert name in listing


def test_results_render_as_html(s, ok):
    html = ok("%grad y * x").data["text/html"]

    class Check(HTMLParser):
        def __init__(self):
            super().__init__()
            self.stack = []

        def handle_starttag(self, tag, attrs):
            self.stack.append(tag)

        def handle_endtag(self, tag):
            assert self.stack.pop() == tag

    parser = Check()
    parser.feed(html)
    assert parser.stack == [] and "d/dx" in html and "<pre" in html

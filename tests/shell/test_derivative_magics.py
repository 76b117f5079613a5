"""%grad, %jacobian, %hessian, %tape, %%tape, %gradcheck and %plot through Session.execute."""

from html.parser import HTMLParser

import numpy as np
import pytest

import eagerrepl as er


@pytest.fixture
def s(session):
    session.execute("x = er.constant(2.0)\ny = er.constant([1., 2., 3.])\n"
                    "W = er.Variable([[1., 2.], [3., 4.]], name='W')\nn = 3\na = 1.5")
    return session


def ok(session, source):
    result = session.execute(source)
    assert result.error is None, result.error.text()
    return result


def text(result):
    stdout = "".join(o.text for o in result.outputs if getattr(o, "name", None) == "stdout")
    return stdout + (result.result.data["text/plain"] if result.result is not None else "")


def usage_error(session, source):
    error = session.execute(source).error
    assert error is not None and error.ename == "UsageError", source
    assert error.traceback[-1] == f"Usage: {error.usage}"
    return error.evalue


# ---- %grad -----------------------------------------------------------------------------------------

def test_grad_of_a_cube_at_the_current_value(s):
    assert text(ok(s, "%grad x**3")) == "x**3 = 8.0\nd/dx = 12.0"
    assert s.namespace["_grad"]["x"].numpy() == 12.0


def test_grad_with_respect_to_every_differentiable_name(s):
    grads = {k: v.numpy() for k, v in ok(s, "%grad x**2 * a") and s.namespace["_grad"].items()}
    assert grads == {"x": 6.0, "a": 4.0}  # 2*x*a and x**2; the int n is not involved


def test_grad_wrt_restricts_the_sources(s):
    ok(s, "%grad x**2 * a wrt a")
    assert list(s.namespace["_grad"]) == ["a"] and s.namespace["_grad"]["a"].numpy() == 4.0


def test_grad_skips_ints_as_constants(s):
    ok(s, "%grad x**n")
    assert list(s.namespace["_grad"]) == ["x"] and s.namespace["_grad"]["x"].numpy() == 12.0


def test_third_derivative(s):
    result = ok(s, "%grad -n 3 x**3 wrt x")
    assert "d^3/dx^3 = 6.0" in text(result)
    assert s.namespace["_grad"]["x"].numpy() == 6.0


def test_higher_order_of_sin_matches_the_engines_nested_grad(s):
    ok(s, "%grad -n 2 er.sin(x) * x wrt x")
    d2 = er.grad(er.grad(lambda v: er.sin(v) * v))(2.0)
    np.testing.assert_allclose(s.namespace["_grad"]["x"].numpy(), d2.numpy(), rtol=1e-6)


def test_non_scalar_expression_is_summed_and_says_so(s):
    out = text(ok(s, "%grad y**2"))
    assert "summed" in out and "sum(y**2)" in out
    np.testing.assert_allclose(s.namespace["_grad"]["y"].numpy(), [2.0, 4.0, 6.0])


def test_grad_with_respect_to_a_variable(s):
    ok(s, "%grad er.reduce_sum(er.matmul(W, W)) wrt W")
    expected = er.gradients_function(lambda m: er.reduce_sum(er.matmul(m, m)))(er.constant([[1., 2.], [3., 4.]]))[0]
    np.testing.assert_allclose(s.namespace["_grad"]["W"].numpy(), expected.numpy())


def test_grad_through_a_function_reading_a_global(s):
    ok(s, "def f():\n    return x * x * a")
    ok(s, "%grad f() + x")  # f reads x and a as globals: both are watched in place
    assert s.namespace["_grad"]["x"].numpy() == 7.0  # 2*x*a + 1


def test_numbers_are_put_back_after_grad(s):
    ok(s, "%grad a * a")
    assert s.namespace["a"] == 1.5 and type(s.namespace["a"]) is float
    assert s.namespace["_grad"]["a"].numpy() == 3.0


def test_an_unconnected_source_gets_zero(s):
    ok(s, "%grad x + 0 * er.reduce_sum(er.stop_gradient(y))")
    np.testing.assert_array_equal(s.namespace["_grad"]["y"].numpy(), [0.0, 0.0, 0.0])


# ---- %jacobian and %hessian --------------------------------------------------------------------------

def test_jacobian_matches_the_engine_and_shows_its_shape(s):
    out = text(ok(s, "%jacobian y**2 * x wrt y"))
    assert "shape=(3, 3)" in out
    expected = er.jacobian(lambda v: v ** 2 * 2.0)(er.constant([1., 2., 3.]))
    np.testing.assert_allclose(s.namespace["_jacobian"]["y"].numpy(), expected.numpy())


def test_hessian_of_a_scalar_with_cross_terms(s):
    ok(s, "%hessian er.reduce_sum(y**3) * x wrt y, x")
    h = s.namespace["_hessian"]
    np.testing.assert_allclose(h["y", "y"].numpy(), np.diag([12.0, 24.0, 36.0]))  # 6 * y * x
    np.testing.assert_allclose(h["y", "x"].numpy(), [3.0, 12.0, 27.0])  # 3 * y**2
    np.testing.assert_allclose(h["x", "y"].numpy(), [3.0, 12.0, 27.0])
    assert h["x", "x"].numpy() == 0.0


def test_hessian_matches_the_engines_hessian(s):
    ok(s, "%hessian er.reduce_sum(er.sin(y) * y) wrt y")
    expected = er.hessian(lambda v: er.reduce_sum(er.sin(v) * v))(er.constant([1., 2., 3.]))
    np.testing.assert_allclose(s.namespace["_hessian"]["y", "y"].numpy(), expected.numpy(), rtol=1e-6)


# ---- %tape and %%tape ----------------------------------------------------------------------------------

def test_tape_draws_the_expression_with_names_values_and_gradients(s):
    out = text(ok(s, "%tape er.sin(x) * x"))
    assert out.splitlines() == [
        "multiply  float32[]  1.819  grad 1.0",
        "├── sin  float32[]  0.9093  grad 2.0",
        "│   └── x  float32[]  2.0  grad 0.077",
        "└── x  float32[]  2.0  grad 0.077",
    ]  # d/dx x sin x = sin x + x cos x = 0.0770 at 2


def test_tape_result_has_html_and_binds_the_tape(s):
    result = ok(s, "%tape er.reduce_sum(y * y) wrt y")
    assert "<details" in result.result.data["text/html"]
    assert "digraph tape" in s.namespace["_tape"].to_dot()


def test_tape_names_a_number_it_stood_in_for(s):
    assert "── a  float32[]  1.5  grad 4.0" in text(ok(s, "%tape x * x * a wrt a"))


def test_cell_tape_watches_tensors_the_cell_creates_and_roots_at_the_last_expression(s):
    out = text(ok(s, "%%tape\nz = er.constant([1., -1.])\nh = z * z\nloss = er.reduce_sum(h + h)\nloss"))
    assert out.splitlines() == [
        "loss = reduce_sum  float32[]  4.0  grad 1.0",
        "└── add  float32[2]  [2.0 2.0]  grad [1.0 1.0]",
        "    ├── #1 h = multiply  float32[2]  [1.0 1.0]  grad [2.0 2.0]",
        "    │   ├── z  float32[2]  [1.0 -1.0]  grad [4.0 -4.0]",
        "    │   └── z  float32[2]  [1.0 -1.0]  grad [4.0 -4.0]",
        "    └── ↑ #1 multiply",
    ]
    assert s.namespace["loss"].numpy() == 4.0  # the cell's names stay defined


def test_cell_tape_with_a_named_target_and_a_variable(s):
    out = text(ok(s, "%%tape -t out\nout = er.reduce_sum(W * x)\nprint('ran')"))
    assert out.startswith("ran\n")
    assert "── W  Variable float32[2,2]" in out and "grad [[2.0 2.0] [2.0 2.0]]" in out


# ---- %gradcheck -------------------------------------------------------------------------------------------

def test_gradcheck_reports_the_worst_error(s):
    out = text(ok(s, "%gradcheck er.sin(x) * y wrt x, y"))
    assert out.startswith("gradcheck er.sin(x) * y wrt x, y: OK, worst error ")
    assert 0 <= s.namespace["_gradcheck"] < 1e-6


def test_gradcheck_finds_a_wrong_gradient(s):
    ok(s, "@er.custom_gradient\ndef bad(v):\n    return v * v, lambda dy: dy * 3.0 * v")
    out = text(ok(s, "%gradcheck bad(x) wrt x"))
    assert "MISMATCH" in out and "tape 6" in out and "numeric 4" in out
    assert s.namespace["_gradcheck"] is None


def test_gradcheck_second_order(s):
    assert "(derivatives up to order 2): OK" in text(ok(s, "%gradcheck -n 2 er.exp(x) * x wrt x"))


# ---- %plot ---------------------------------------------------------------------------------------------

def test_plot_samples_f_and_its_derivative(s):
    result = ok(s, "%plot er.sin(t) wrt t from -3 to 3")
    plot = result.result.value
    assert plot.xs[0] == -3.0 and plot.xs[-1] == 3.0
    np.testing.assert_allclose(plot.ys, np.sin(plot.xs), atol=1e-12)
    np.testing.assert_allclose(plot.dys, np.cos(plot.xs), atol=1e-12)
    lines = result.result.data["text/plain"].splitlines()
    assert lines[0] == "f(t) = er.sin(t)" and "f'(t) = d/dt er.sin(t)" in lines
    assert lines[-1].split() == ["-3", "3", "t"]
    assert any("\u2800" < ch <= "\u28ff" for ch in "".join(lines))  # braille dots


def test_plot_default_range_and_a_range_from_the_namespace(s):
    assert ok(s, "%plot t**2 wrt t").result.value.xs[[0, -1]].tolist() == [-5.0, 5.0]
    assert ok(s, "%plot t * a wrt t from -a to 2*a").result.value.xs[[0, -1]].tolist() == [-1.5, 3.0]


def test_plot_has_an_svg_for_jupyter_when_matplotlib_is_installed(s):
    pytest.importorskip("matplotlib")
    svg = ok(s, "%plot er.exp(t) wrt t from 0 to 1").result.data["image/svg+xml"]
    assert "<svg" in svg and "</svg>" in svg


def test_plot_in_ascii(s):
    plot = ok(s, "%plot t**3 wrt t from -1 to 1").result.value
    out = plot.text(ascii=True)
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
    ("%hessian y**2 wrt y", "%hessian needs a scalar expression"),
    ("%tape n + 1", "nothing to differentiate"),
    ("%%tape\nq = 1", "end the cell with the expression"),
    ("%%tape -t nothing\nq = 1", "did not define 'nothing'"),
    ("%%tape\n'text'", "not a tensor"),
    ("%gradcheck x * q wrt x", "unknown name 'q'"),
    ("%plot x", "%plot needs `wrt NAME`"),
    ("%plot t wrt t from 2 to 1", "the range must go up"),
    ("%plot t wrt t from zz to 1", "the range end 'zz' is not a number"),
    ("%plot y * t wrt t", "%plot needs a scalar function"),
    ("%plot x wrt t", "'t' is not in the expression"),
])
def test_bad_input_is_one_line_and_the_usage(s, source, message):
    evalue = usage_error(s, source)
    assert message in evalue and "\n" not in evalue
    assert ok(s, "x + 1").result.value.numpy() == 3.0  # the session goes on


def test_failed_magic_leaves_numbers_in_place(s):
    s.execute("%grad a * str(a)")
    assert s.namespace["a"] == 1.5 and type(s.namespace["a"]) is float


def test_magics_are_listed_with_their_help(s):
    listing = text(ok(s, "%magic"))
    for usage in ("%grad [-n ORDER] EXPR [wrt NAME, ...]", "%jacobian EXPR wrt", "%hessian EXPR wrt",
                  "%tape EXPR", "%%tape [-t NAME]", "%gradcheck", "%plot EXPR wrt NAME [from A to B]"):
        assert usage in listing


def test_results_render_as_html(s):
    html = ok(s, "%grad y * x").result.data["text/html"]

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


def test_grad_of_a_call_differentiates_the_variables_it_reads(session):
    session.execute("W = er.Variable([1., 2.], name='weights')\nb = er.Variable(0.5, name='bias')\n"
                    "frozen = er.Variable(7., trainable=False)\n"
                    "def loss(): return er.reduce_sum(W * W * W) + b * 3 + frozen")
    text = session.execute("%grad loss()").result.data["text/plain"]
    assert "d/dW" in text and "d/db = 3.0" in text and "frozen" not in text
    grads = session.namespace["_grad"]
    assert set(grads) == {"W", "b"}
    np.testing.assert_allclose(grads["W"].numpy(), 3 * np.array([1.0, 2.0]) ** 2)
    second = session.execute("%grad -n 2 loss()").result.data["text/plain"]
    assert "d^2/dW^2" in second
    np.testing.assert_allclose(session.namespace["_grad"]["W"].numpy(), [6.0, 12.0])


def test_tape_of_a_call_draws_the_variables_it_reads(session):
    session.execute("W = er.Variable([1., 2.])\ndef loss(): return er.reduce_sum(W * W)")
    text = session.execute("%tape loss()").result.data["text/plain"]
    assert "(W)  Variable float32[2]" in text and "grad [2.0 4.0]" in text


def test_grad_of_a_call_reading_no_variable_says_so(session):
    session.execute("def f(): return er.constant(2.0) * 3")
    error = session.execute("%grad f()").error
    assert "reads no trainable Variable" in error.evalue

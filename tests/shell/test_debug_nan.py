"""%debug_nan through Session.execute: checks on and off for the session, and one expression drawn with its NaN marked."""

import pytest

import eagerrepl as er


@pytest.fixture
def s(session):
    session.execute("x = er.constant([0.0, 1.0])\na = 0.0")
    yield session
    er.seterr(all="ignore")


def stdout(result):
    return "".join(o.text for o in result.outputs if getattr(o, "name", None) == "stdout")


def test_on_makes_later_cells_raise_and_off_stops_it(s):
    assert "checks on" in stdout(s.execute("%debug_nan"))
    error = s.execute("y = er.log(x)").error
    assert error.ename == "NonFiniteError"
    assert "log: produced Inf in 1 of 2 values" in error.evalue and "<In [3]>:1" in error.evalue
    assert "checks off" in stdout(s.execute("%debug_nan off"))
    assert s.execute("import numpy as np\nwith np.errstate(divide='ignore'): y = er.log(x)").error is None
    assert er.geterr() == {"nan": "ignore", "inf": "ignore"}


def test_warn_mode(s):
    s.execute("%debug_nan warn")
    assert er.geterr() == {"nan": "warn", "inf": "warn"}


def test_expression_draws_the_tape_with_the_forward_culprit_marked(s):
    result = s.execute("%debug_nan er.reduce_sum(er.log(x) * 2.0)")
    assert result.error is None
    lines = result.result.data["text/plain"].splitlines()
    assert lines[0].startswith("NonFiniteError: log: produced Inf")
    assert lines[1] == "log  float32[2]  [-inf 0.0]  !! Inf here"
    assert lines[2] == "└── x  float32[2]  [0.0 1.0]"
    assert "!! Inf here" in result.result.data["text/html"]
    assert s.namespace["_debug_nan"].op == "log"
    assert er.geterr() == {"nan": "ignore", "inf": "ignore"}  # only while EXPR ran


def test_expression_catches_a_nan_born_in_the_gradient(s):
    text = s.execute("%debug_nan er.sqrt(a) * 0.0").result.data["text/plain"]
    assert "divide: produced NaN (in the gradient of sqrt)" in text
    assert "divide  float32[]  nan  !! NaN here" in text
    assert "sqrt  float32[]  0.0" in text and "a  float32[]  0.0" in text


def test_finite_expression_gives_its_value(s):
    result = s.execute("%debug_nan er.exp(x)")
    assert "no NaN or Inf" in stdout(result)
    assert "2.718" in result.result.data["text/plain"]


def test_unrecorded_culprit_still_reported(s):
    text = s.execute("%debug_nan er.mod(er.constant(1.0), er.constant(0.0))").result.data["text/plain"]
    assert text.startswith("NonFiniteError: mod: produced NaN")


@pytest.mark.parametrize("args, message", [
    ("1 +", "syntax error"), ("nope(1)", "unknown name 'nope'"), ("x wrt x", "drop `wrt`")])
def test_bad_input_is_a_usage_error(s, args, message):
    error = s.execute(f"%debug_nan {args}").error
    assert error.ename == "UsageError" and message in error.evalue
    assert error.traceback[-1] == "Usage: %debug_nan [on|warn|off|EXPR]"


def test_rich_rendering_marks_the_node(s):
    from rich.console import Console
    value = s.execute("%debug_nan er.log(x)").result.value
    console = Console(width=100, record=True, color_system=None)
    console.print(value)
    assert "!! Inf here" in console.export_text()

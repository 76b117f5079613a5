"""%debug_nan in a real IPython shell: checks on and off for the session, one expression drawn with its NaN marked."""

import pytest

import eagerrepl as er


@pytest.fixture
def s(ip, ok):
    """The shell's namespace with a zero in a tensor and a number."""
    ok("x = er.constant([0.0, 1.0])\na = 0.0")
    return ip.user_ns


def test_on_makes_later_cells_raise_and_off_stops_it(s, ok, run):
    assert "checks on" in ok("%debug_nan").stdout
    ran = run("y = er.log(x)")
    assert type(ran.error).__name__ == "NonFiniteError"
    assert "log: produced Inf in 1 of 2 values" in str(ran.error)
    assert "checks off" in ok("%debug_nan off").stdout
    ok("import numpy as np\nwith np.errstate(divide='ignore'): y = er.log(x)")
    assert er.geterr() == {"nan": "ignore", "inf": "ignore"}


def test_warn_mode(s, ok):
    ok("%debug_nan warn")
    assert er.geterr() == {"nan": "warn", "inf": "warn"}


def test_expression_draws_the_tape_with_the_forward_culprit_marked(s, ok):
    ran = ok("%debug_nan er.reduce_sum(er.log(x) * 2.0)")
    lines = ran.plain.splitlines()
    assert lines[0].startswith("NonFiniteError: log: produced Inf")
    assert lines[1] == "log  float32[2]  [-inf 0.0]  !! Inf here"
    assert lines[2] == "└── x  float32[2]  [0.0 1.0]"
    assert "!! Inf here" in ran.data["text/html"]
    assert s["_debug_nan"].op == "log"
    assert er.geterr() == {"nan": "ignore", "inf": "ignore"}  # only while EXPR ran


def test_expression_catches_a_nan_born_in_the_gradient(s, ok):
    text = ok("%debug_nan er.sqrt(a) * 0.0").plain
    assert "divide: produced NaN (in the gradient of sqrt)" in text
    assert "divide  float32[]  nan  !! NaN here" in text
    assert "sqrt  float32[]  0.0" in text and "a  float32[]  0.0" in text


def test_finite_expression_gives_its_value(s, ok):
    ran = ok("%debug_nan er.exp(x)")
    assert "no NaN or Inf" in ran.stdout
    assert "2.718" in ran.plain


def test_unrecorded_culprit_still_reported(s, ok):
    assert ok("%debug_nan er.mod(er.constant(1.0), er.constant(0.0))").plain.startswith(
        "NonFiniteError: mod: produced NaN")


@pytest.mark.parametrize("args, message", [
    ("1 +", "syntax error"), ("nope(1)", "unknown name 'nope'"), ("x wrt x", "drop `wrt`")])
def test_bad_input_is_a_usage_error(s, run, args, message):
    ran = run(f"%debug_nan {args}")
    assert type(ran.error).__name__ == "UsageError"
    first, usage = ran.stderr.rstrip("\n").split("\n")
    assert first.startswith("UsageError: ") and message in first
    assert usage == "Usage: %debug_nan [on|warn|off|EXPR]"


def test_rich_rendering_marks_the_node(s, ok):
    from rich.console import Console
    console = Console(width=100, record=True, color_system=None)
    console.print(ok("%debug_nan er.log(x)").value)
    assert "!! Inf here" in console.export_text()

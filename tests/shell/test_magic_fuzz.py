"""Random text to the derivative, plot and %debug_nan magics: a result, a one-line UsageError with the usage
line, or an error raised in the user's own expression, never a traceback through eagerrepl's code."""

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import eagerrepl as er
from eagerrepl.shell import Session

MAGICS = ["grad", "tape", "hessian", "jacobian", "gradcheck", "plot", "debug_nan"]
PACKAGE = os.path.dirname(os.path.abspath(er.__file__)) + os.sep
WORDS = ["x", "y", "W", "n", "s", "wrt", "-n", "2", "0", "-1", "1.5", "er.sin(x)", "x**3", "er.log(x)", "for",
         "in", "-10:10", "(", ")", "[", "]", ",", "+", "*", ":", "lambda", "None", "'a'", "\\", "on", "off",
         "er.reduce_sum(y)", "W @ W", "1/0", "nope", "x.numpy()", "%grad", "\n", "#", "…", "\x00"]
text = st.one_of(st.text(max_size=30), st.lists(st.sampled_from(WORDS), max_size=8).map(" ".join))


@pytest.fixture(scope="module")
def session():
    s = Session()
    s.execute("x = er.constant(2.0)\ny = er.constant([1., 2., 3.])\nW = er.Variable([[1., 2.], [3., 4.]])\n"
              "n = 3\ns = 'text'")
    yield s
    er.seterr(all="ignore")


@settings(max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(magic=st.sampled_from(MAGICS), args=text)
def test_random_arguments_never_show_our_internals(session, magic, args):
    result = session.execute(f"%{magic} {args}".replace("\n", " "))
    error = result.error
    if error is None:
        return
    if error.ename == "UsageError":
        assert "\n" not in error.evalue, error.evalue
        assert error.traceback[-1].startswith(f"Usage: %{magic}"), error.traceback
        return
    # Anything else was raised by the user's own expression: its frames are theirs alone.
    assert all(not os.path.abspath(f.filename).startswith(PACKAGE) for f in error.frames), error.text()
    assert PACKAGE not in error.text(), error.text()
    assert error.frames, f"%{magic} {args!r}: {error.ename} with no user frame:\n{error.text()}"

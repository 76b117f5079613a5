"""%plot: a function of one variable and its first derivative over a range."""

import math
import re

import numpy as np

from . import UsageError, line_magic
from .derivatives import bound, check_known, compile_expression, split_wrt

POINTS = 241
_RANGE = re.compile(r"^(\w+)(?:\s+from\s+(.+?)\s+to\s+(.+))?$")


@line_magic("plot", "plot an expression and its derivative over a range (SVG in Jupyter, Unicode in a terminal)",
            usage="%plot EXPR wrt NAME [from A to B]", options=("wrt", "from", "to"))
def plot(session, args):
    """Sample f = EXPR and df/dNAME at evenly spaced values of NAME (default -5 to 5) and plot both."""
    import eagerrepl as er
    from ...display.plot import Plot
    expr, wrt = split_wrt(args)
    if wrt is None:
        raise UsageError("%plot needs `wrt NAME`: the variable along the horizontal axis")
    match = _RANGE.match(wrt)
    if not match:
        raise UsageError(f"cannot read {wrt!r}: write `wrt x` or `wrt x from -2 to 2`")
    var, start, stop = match.groups()
    code, names = compile_expression(expr, "plot")
    if var not in names:
        raise UsageError(f"{var!r} is not in the expression")
    check_known(session, [n for n in names if n != var])  # the variable itself need not exist yet
    lo, hi = (-5.0, 5.0) if start is None else (_bound_value(session, start), _bound_value(session, stop))
    if not lo < hi:
        raise UsageError(f"the range must go up: from {lo:g} to {hi:g}")
    xs = np.linspace(lo, hi, POINTS)
    ys, dys = np.full(POINTS, np.nan), np.full(POINTS, np.nan)
    for i, x in enumerate(xs):
        t = er.constant(x, dtype=er.float64)
        with er.GradientTape() as tape:
            tape.watch(t)
            with bound(session.namespace, {var: t}):
                value = eval(code, session.namespace)
            if isinstance(value, er.Variable):
                value = value.read_value()
        value = _scalar(value, expr)
        if value is None:
            continue
        g = tape.gradient(value, t, unconnected_gradients="zero")
        ys[i], dys[i] = float(value), float(g)
    if not np.isfinite(ys).any():
        raise UsageError(f"{expr} is not finite anywhere from {lo:g} to {hi:g}")
    return Plot(xs, ys, dys, expr, var)


def _bound_value(session, text):
    try:
        value = eval(text, session.namespace)
        value = float(value)
    except Exception as exc:  # any expression a person types as a range end
        raise UsageError(f"the range end {text!r} is not a number ({type(exc).__name__}: {exc})") from None
    if not math.isfinite(value):
        raise UsageError(f"the range end {text!r} is not finite")
    return value


def _scalar(value, expr):
    import eagerrepl as er
    if isinstance(value, (int, float, np.number)) and not isinstance(value, bool):
        return er.constant(float(value), dtype=er.float64)  # a constant: f' = 0
    if not isinstance(value, er.Tensor):
        raise UsageError(f"the expression gives a {type(value).__name__}, not a number or tensor")
    if value.size != 1:
        raise UsageError(f"%plot needs a scalar function; {expr} has shape {tuple(value.shape)}")
    if value.dtype.kind not in "fc":
        raise UsageError(f"the expression gives {value.dtype} values, which have no derivative")
    return value

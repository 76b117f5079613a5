"""%plot: a function of one variable and its first derivative over a range."""

import math
import re

import numpy as np
from IPython.core.error import UsageError
from IPython.core.magic import Magics, line_magic, magics_class

from ..expression import as_tensor, bound, check_float, check_known, compile_expression, split_wrt
from .usage import usage

POINTS = 241
_RANGE = re.compile(r"^(\w+)(?:\s+from\s+(.+?)\s+to\s+(.+))?$")


@magics_class
class PlotMagics(Magics):
    """Plots of an expression and its derivative."""

    @line_magic
    @usage("%plot EXPR wrt NAME [from A to B]")
    def plot(self, line):
        """Plot f = EXPR and df/dNAME at evenly spaced values of NAME (default -5 to 5).

        SVG in Jupyter (with matplotlib, the `plot` extra), Unicode braille in a terminal.
        NAME need not be defined.
        """
        import eagerrepl as er

        from ...display.plot import Plot
        ns = self.shell.user_ns
        expr, wrt = split_wrt(line)
        if wrt is None:
            raise UsageError("%plot needs `wrt NAME`: the variable along the horizontal axis")
        match = _RANGE.match(wrt)
        if not match:
            raise UsageError(f"cannot read {wrt!r}: write `wrt x` or `wrt x from -2 to 2`")
        var, start, stop = match.groups()
        code, names = compile_expression(expr, "plot")
        if var not in names:
            raise UsageError(f"{var!r} is not in the expression")
        check_known(ns, [n for n in names if n != var])  # the variable itself need not exist yet
        lo, hi = (-5.0, 5.0) if start is None else (_end(ns, start), _end(ns, stop))
        if not lo < hi:
            raise UsageError(f"the range must go up: from {lo:g} to {hi:g}")
        xs = np.linspace(lo, hi, POINTS)
        ys, dys = np.full(POINTS, np.nan), np.full(POINTS, np.nan)
        for i, x in enumerate(xs):
            t = er.constant(x, dtype=er.float64)
            with er.GradientTape() as tape:
                tape.watch(t)
                with bound(ns, {var: t}):
                    value = _scalar(eval(code, ns), expr)
            g = tape.gradient(value, t, unconnected_gradients="zero")
            ys[i], dys[i] = float(value), float(g)
        if not np.isfinite(ys).any():
            raise UsageError(f"{expr} is not finite anywhere from {lo:g} to {hi:g}")
        return Plot(xs, ys, dys, expr, var)


def _end(namespace, text):
    """A range end typed after `from` or `to`, evaluated in the namespace."""
    try:
        value = float(eval(text, namespace))
    except Exception as exc:  # any expression a person types as a range end
        raise UsageError(f"the range end {text!r} is not a number ({type(exc).__name__}: {exc})") from None
    if not math.isfinite(value):
        raise UsageError(f"the range end {text!r} is not finite")
    return value


def _scalar(value, expr):
    import eagerrepl as er
    if isinstance(value, (int, float, np.number)) and not isinstance(value, bool):
        return er.constant(float(value), dtype=er.float64)  # a constant: f' = 0
    value = as_tensor(value)
    if value.size != 1:
        raise UsageError(f"%plot needs a scalar function; {expr} has shape {tuple(value.shape)}")
    check_float(value)
    return value

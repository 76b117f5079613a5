"""The derivative, plot, NaN and device magics for the old Session: the IPython magics, run over its namespace.

Only the Session (session.py) uses this, while the front ends still run on it; delete it with the
Session. IPython shells get these magics from the extension (shell/extension.py).
"""

from IPython.core.error import UsageError as IPythonUsageError

from . import UsageError, cell_magic, line_magic
from .derivatives import DerivativeMagics
from .device import DeviceMagics
from .nan import NanMagics
from .plot import PlotMagics


class _SessionShell:
    """What the magics use of an IPython shell, answered by a Session."""

    def __init__(self, session):
        self.session = session

    @property
    def user_ns(self):
        return self.session.namespace

    def transform_cell(self, cell):
        from ..transform import transform_cell
        return transform_cell(cell)


def _adapt(kind, name, help, magics_class):
    method = getattr(magics_class, name)

    def call(session, *args):
        magics = magics_class(shell=None)
        magics.shell = _SessionShell(session)
        try:
            return getattr(magics, name)(*args)
        except IPythonUsageError as exc:  # the Session adds the usage line itself
            raise UsageError(str(exc).split("\nUsage: ")[0]) from None

    register = line_magic if kind == "line" else cell_magic
    register(name, help, usage=method.usage if kind == "line" else method.cell_usage)(call)


for _kind, _name, _help, _class in [
    ("line", "grad", "derivatives of an expression at the current values (bound to _grad)", DerivativeMagics),
    ("line", "jacobian", "the Jacobian of an expression: shape EXPR.shape + x.shape (bound to _jacobian)",
     DerivativeMagics),
    ("line", "hessian", "second derivatives of a scalar expression (bound to _hessian)", DerivativeMagics),
    ("line", "tape", "run an expression under a tape, take its gradient, and draw the tape as a tree",
     DerivativeMagics),
    ("cell", "tape", "run the cell under a tape and draw it, rooted at the last expression or -t NAME",
     DerivativeMagics),
    ("line", "gradcheck", "compare the tape's derivatives with finite differences (float64)", DerivativeMagics),
    ("line", "plot", "plot an expression and its derivative over a range (SVG in Jupyter, Unicode in a terminal)",
     PlotMagics),
    ("line", "debug_nan", "make the first op that produces NaN or Inf raise (or: off, warn, or one EXPR drawn)",
     NanMagics),
    ("line", "device", "show the devices and the default one, or set the default", DeviceMagics),
]:
    _adapt(_kind, _name, _help, _class)

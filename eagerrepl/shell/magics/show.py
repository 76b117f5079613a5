"""%show: a tensor drawn as a picture, in the terminal as in Jupyter."""

from IPython.core.error import UsageError
from IPython.core.magic import Magics, line_magic, magics_class

from ..expression import check_known, compile_expression
from .usage import usage


@magics_class
class ShowMagics(Magics):
    """Pictures of tensors."""

    @line_magic
    @usage("%show EXPR")
    def show(self, line):
        """Draw EXPR's value (a tensor, Variable, numpy array or nested list of numbers) as a picture.

        1-D values are bars, 2-D a heatmap (a diverging colour map centred at 0 when there are
        values of both signs), more axes a grid of heatmaps; with a colour scale, a histogram for
        big values, and NaN and Inf marked and counted. Coloured cells in a terminal (ASCII
        shading where colour is off), SVG in Jupyter.
        """
        from ...display.show import Picture
        ns = self.shell.user_ns
        code, names = compile_expression(line.strip(), "show")
        check_known(ns, names)
        value = eval(code, ns)
        try:
            return Picture(value)
        except (ValueError, TypeError) as exc:  # not numbers: say what it is and what would do
            raise UsageError(f"{line.strip()} gives {_describe(value)}: {exc}") from None


def _describe(value):
    shape = getattr(value, "shape", None)
    return f"a {type(value).__name__}" + (f" of shape {tuple(shape)}" if shape is not None else "")

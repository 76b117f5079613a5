"""A value shown as its picture alone: what `%show EXPR` returns, and its renderer (see renderers.py).

SVG in Jupyter (svg_picture.py), coloured cells in a terminal and ASCII shading as plain text
(terminal_picture.py), of what picture.py works out for the value.
"""

from html import escape

from . import svg_picture, tensor, terminal_picture, theme
from .picture import drawable, host_array, sections
from .renderers import Shown


def header_text(value, array):
    """The first line of a picture: a tensor's header, or an array's type, shape and dtype."""
    if hasattr(value, "device") and hasattr(value, "dtype"):
        return tensor.header(value)
    return f"{type(value).__name__} shape={tuple(array.shape)} dtype={array.dtype}"


class Picture(Shown):
    """A value shown as its picture: SVG in Jupyter, cells in a terminal, ASCII shading as text."""

    def __init__(self, value):
        self.value = value
        try:
            self.array = host_array(value)
        except (ValueError, TypeError) as exc:  # a ragged list, say
            raise ValueError(f"cannot draw a picture of {type(value).__name__}: it is not an array of numbers "
                             f"(numpy says: {exc})") from None
        if not drawable(self.array):
            what = "no values" if self.array.size == 0 else f"{self.array.dtype} values"
            raise ValueError(f"cannot draw a picture of {type(value).__name__} with {what}: "
                             "it needs bool, int, float or complex values")
        self.header = header_text(value, self.array)
        self.sections = sections(self.array)


def text(obj):
    """The picture in ASCII shading."""
    return terminal_picture.plain(obj)


def html(obj):
    """The header and the SVG picture."""
    return (f'<div class="eagerrepl-picture"><div style="color:{theme.css_color("name")}">'
            f"<b>{escape(obj.header)}</b></div>{svg_picture.svg(obj.sections)}</div>")


def rich(obj):
    """The picture in coloured terminal cells (ASCII shading where colour is off)."""
    return terminal_picture.TerminalPicture(obj)

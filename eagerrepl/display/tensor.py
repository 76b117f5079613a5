"""Tensor and Variable renderings: a header with shape, dtype and device, then numpy-style values.

numpy's own formatter summarises with `...` beyond its print threshold and only formats the edges
it will show, so even a 10,000 x 10,000 tensor renders in milliseconds. The user's
`np.set_printoptions` settings apply, as they do to numpy arrays, except that a summarised tensor
of many axes shows fewer edge items per axis, so that at most MAX_SHOWN values are formatted: with
numpy's 3 edge items a (10,) * 8 tensor would show 6**8 values, 9 MB of text and 18 seconds.
"""

from html import escape

import numpy as np

from . import picture, svg_picture, theme

# The width numpy itself wraps at; rich renderings use the console's width instead.
TEXT_WIDTH = 75
MAX_SHOWN = 2000  # values a summarised tensor shows at most


def header_fields(obj):
    """(kind, name or None, [(key, value), ...]) describing a tensor or Variable."""
    kind = type(obj).__name__
    name = getattr(obj, "name", None) if kind == "Variable" else None
    fields = [("shape", str(tuple(obj.shape))), ("dtype", str(np.dtype(obj.dtype))), ("device", str(obj.device))]
    if kind == "Variable" and not getattr(obj, "trainable", True):
        fields.append(("trainable", "False"))
    return kind, name, fields


def header(obj):
    """One line: `Tensor shape=(2, 3) dtype=float32 device=cpu:0` (Variables add their name)."""
    kind, name, fields = header_fields(obj)
    lead = kind if name is None else f"{kind} {name!r}"
    return lead + " " + " ".join(f"{key}={value}" for key, value in fields)


def values(obj, width=TEXT_WIDTH):
    """The values as numpy prints them, summarised with `...` beyond numpy's print threshold."""
    array = np.asarray(obj.numpy())
    if array.ndim == 0:
        # A numpy scalar prints `3.0` where a 0-d array prints `3.`.
        return str(array[()])
    options = np.get_printoptions()
    if array.size <= options["threshold"]:
        return np.array2string(array, max_line_width=max(width, 20))
    edge = options["edgeitems"]
    while edge > 1 and _shown(array.shape, edge) > MAX_SHOWN:
        edge -= 1
    if _shown(array.shape, edge) > MAX_SHOWN:
        # Many short axes (numpy never summarises an axis of 2): show the ends of the flat values.
        flat = np.array2string(array.reshape(-1), max_line_width=max(width, 20), edgeitems=edge + 2)
        return f"{flat}  (the {array.size:,} values, flattened)"
    return np.array2string(array, max_line_width=max(width, 20), edgeitems=edge)


def _shown(shape, edge):
    """How many values numpy shows of an array of `shape` summarised with `edge` items per side."""
    count = 1
    for n in shape:
        count *= min(n, 2 * edge)
    return count


def text(obj):
    """Header line, then the values."""
    return header(obj) + "\n" + values(obj)


def html(obj):
    """A small self-contained HTML block: the header in a line, the values in a <pre>, and their picture beside them.

    The picture (picture.py) is left out for tiny tensors, for those whose values are all equal,
    and when pictures are off.
    """
    kind, name, fields = header_fields(obj)
    muted = theme.css_color("muted")
    parts = [f'<b class="kind" style="color:{theme.css_color("name")}">{escape(kind)}</b>']
    if name is not None:
        parts.append(f"<code>{escape(repr(name))}</code>")
    parts += [f'<span class="key" style="color:{muted}">{escape(key)}=</span><code>{escape(value)}</code>'
              for key, value in fields]
    text = f'<pre style="margin:0">{escape(values(obj))}</pre>'
    array = picture.host_array(obj)
    sections = picture.sections(array) if picture.wants_picture(array) else ()
    if sections and picture.worth_drawing(sections):
        text = (f'<div style="display:flex;flex-wrap:wrap;gap:0.5em 1.5em;align-items:flex-start">{text}'
                f"{svg_picture.svg(sections)}</div>")
    return f'<div class="eagerrepl-tensor"><div class="header">{" ".join(parts)}</div>{text}</div>'


def rich(obj):
    """A rich renderable that wraps the values at the console's width."""
    return _RichTensor(obj)


class _RichTensor:
    """Formats at render time, when the console says how wide it is."""

    def __init__(self, obj):
        self.obj = obj

    def __rich_console__(self, console, options):
        from rich.text import Text  # rich is drawing this, so it is loaded (display imports it only on demand)
        kind, name, fields = header_fields(self.obj)
        line = Text(kind, style=theme.TERMINAL["name"])
        if name is not None:
            line.append(" " + repr(name), style=theme.TERMINAL["variable"])
        for key, value in fields:
            line.append(f" {key}=", style=theme.TERMINAL["muted"])
            line.append(value)
        yield line
        yield Text(values(self.obj, width=options.max_width))

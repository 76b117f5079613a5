"""Line plots of a function and its derivative: Unicode braille for terminals, SVG for Jupyter.

The terminal plot is drawn here, with no dependency: each character cell holds a 2 x 4 grid of
braille dots, so a 60-column panel has 120 points across. f and f' get a panel each, with their
own vertical scales (a derivative is often much larger or smaller than the function). Where the
terminal cannot show braille, the same panels are drawn with `*`.

The SVG comes from matplotlib (the `plot` extra), the library people expect in notebooks; without
it Jupyter shows the text plot.
"""

import io
import math

import numpy as np

from .renderers import Shown

WIDTH = 60  # plot columns in the plain-text rendering
HEIGHT = 10  # rows per panel
_DOTS = ((0x01, 0x08), (0x02, 0x10), (0x04, 0x20), (0x40, 0x80))  # [row][column] bit of a braille cell
COLORS = ("cyan", "magenta")


class Canvas:
    """A grid of character cells drawn on at dot resolution (2 x 4 dots per cell, or 1 x 1 in ASCII)."""

    def __init__(self, columns, rows, ascii=False):
        self.columns, self.rows, self.ascii = columns, rows, ascii
        self.sx, self.sy = (1, 1) if ascii else (2, 4)
        self.curve = [[0] * columns for _ in range(rows)]
        self.axis = [[0] * columns for _ in range(rows)]

    @property
    def width(self):
        """Dots across."""
        return self.columns * self.sx

    @property
    def height(self):
        """Dots down."""
        return self.rows * self.sy

    def dot(self, x, y, layer="curve"):
        """Set the dot at (x, y), y counted from the top; dots off the canvas are ignored."""
        if 0 <= x < self.width and 0 <= y < self.height:
            cells = self.curve if layer == "curve" else self.axis
            col, row = divmod(x, self.sx)[0], divmod(y, self.sy)[0]
            cells[row][col] |= 1 if self.ascii else _DOTS[y % 4][x % 2]

    def line(self, x0, y0, x1, y1):
        """A straight run of dots from (x0, y0) to (x1, y1) (Bresenham)."""
        dx, dy = abs(x1 - x0), -abs(y1 - y0)
        step_x, step_y = (1 if x0 < x1 else -1), (1 if y0 < y1 else -1)
        err = dx + dy
        for _ in range(self.width + self.height + 2):
            self.dot(x0, y0)
            if x0 == x1 and y0 == y1:
                return
            e2 = 2 * err
            if e2 >= dy:
                err += dy
                x0 += step_x
            if e2 <= dx:
                err += dx
                y0 += step_y

    def cells(self):
        """Rows of (character, layer) pairs; layer is "curve", "axis" or None for blank."""
        out = []
        for r in range(self.rows):
            row = []
            for c in range(self.columns):
                bits, axis = self.curve[r][c], self.axis[r][c]
                if self.ascii:
                    row.append(("*", "curve") if bits else ("-", "axis") if axis else (" ", None))
                elif bits or axis:
                    row.append((chr(0x2800 + (bits | axis)), "curve" if bits else "axis"))
                else:
                    row.append((" ", None))
            out.append(row)
        return out


def _fmt(x):
    if x == 0:
        return "0"
    return f"{x:.4g}"


def _range(ys):
    finite = ys[np.isfinite(ys)]
    if finite.size == 0:
        return -1.0, 1.0
    lo, hi = float(finite.min()), float(finite.max())
    if hi - lo < 1e-12 * max(1.0, abs(hi)):  # a flat line sits in the middle
        pad = max(abs(hi), 1.0) * 0.5
        return lo - pad, hi + pad
    return lo, hi


def panel(xs, ys, columns=WIDTH, rows=HEIGHT, ascii=False):
    """(canvas, y_low, y_high) with ys against xs drawn as connected dots, and y = 0 where in range."""
    canvas = Canvas(columns, rows, ascii)
    lo, hi = _range(ys)
    x0, x1 = float(xs[0]), float(xs[-1])

    def px(x):
        return int(round((x - x0) / (x1 - x0) * (canvas.width - 1))) if x1 > x0 else 0

    def py(y):
        return int(round((hi - y) / (hi - lo) * (canvas.height - 1)))

    if lo < 0 < hi:
        zero = py(0.0)
        for x in range(0, canvas.width, 2):
            canvas.dot(x, zero, "axis")
    previous = None
    for x, y in zip(xs, ys):
        if not math.isfinite(y):
            previous = None  # a gap where f is undefined (log of a negative, 1/0)
            continue
        point = (px(x), py(y))
        if previous is None:
            canvas.dot(*point)
        else:
            canvas.line(*previous, *point)
        previous = point
    return canvas, lo, hi


class Plot(Shown):
    """f and f' sampled over a range, shown as braille panels in a terminal and as SVG in Jupyter."""

    def __init__(self, xs, ys, dys, expr, var):
        self.xs, self.ys, self.dys = np.asarray(xs, float), np.asarray(ys, float), np.asarray(dys, float)
        self.expr, self.var = expr, var

    def titles(self):
        """The two panels' titles."""
        return f"f({self.var}) = {self.expr}", f"f'({self.var}) = d/d{self.var} {self.expr}"

    def lines(self, columns=WIDTH, ascii=False):
        """The plot as rows of (text, style) pieces: a title, the panel with its y scale, per series."""
        out = []
        margin = 0
        panels = []
        for title, ys in zip(self.titles(), (self.ys, self.dys)):
            canvas, lo, hi = panel(self.xs, ys, columns, HEIGHT, ascii)
            labels = (_fmt(hi), _fmt(lo))
            margin = max(margin, *(len(s) for s in labels))
            panels.append((title, canvas, labels))
        tick, corner, rule = ("|", "+", "-") if ascii else ("┤", "└", "─")
        bar = "|" if ascii else "│"
        for (title, canvas, (top, bottom)), color in zip(panels, COLORS):
            out.append([(title, "bold " + color)])
            for r, row in enumerate(canvas.cells()):
                label = top if r == 0 else bottom if r == canvas.rows - 1 else ""
                left = [(label.rjust(margin) + " " + (tick if label else bar), "dim")]
                out.append(left + [(ch, color if layer == "curve" else "dim" if layer else None)
                                   for ch, layer in row])
        left_x, right_x = _fmt(float(self.xs[0])), _fmt(float(self.xs[-1]))
        out.append([(" " * (margin + 1) + corner + rule * columns, "dim")])
        gap = max(columns - len(left_x) - len(right_x) + 1, 1)
        out.append([(" " * (margin + 2) + left_x + " " * gap + right_x + f"  {self.var}", "dim")])
        return out

    def text(self, columns=WIDTH, ascii=False):
        """The plot as plain text."""
        return "\n".join("".join(t for t, _ in row).rstrip() for row in self.lines(columns, ascii))

    def svg(self):
        """The plot as an SVG document (matplotlib), or None when matplotlib is not installed."""
        try:  # here, not at the top: matplotlib is optional (the plot extra) and takes 0.4 s to import
            from matplotlib.figure import Figure
        except ImportError:
            return None
        fig = Figure(figsize=(6, 3.6))
        ax = fig.subplots()
        ax.plot(self.xs, self.ys, label=self.titles()[0])
        ax.plot(self.xs, self.dys, label=self.titles()[1], linestyle="--")
        ax.axhline(0, color="0.8", linewidth=0.8, zorder=0)
        ax.set_xlabel(self.var)
        ax.legend(loc="best", fontsize="small")
        ax.grid(True, alpha=0.3)
        fig.tight_layout()
        buffer = io.StringIO()
        fig.savefig(buffer, format="svg")
        return buffer.getvalue()


class _RichPlot:
    """A plot as rich draws it, as wide as the console allows."""

    def __init__(self, plot):
        self.plot = plot

    def __rich_console__(self, console, options):
        from rich.text import Text  # rich is loaded: it is drawing this
        ascii = options.ascii_only
        margin = 12  # room for the y labels
        columns = max(20, min(options.max_width - margin, 100))
        for row in self.plot.lines(columns, ascii):
            yield Text.assemble(*((t, s or "") for t, s in row), no_wrap=True, overflow="crop")


# ---- the renderer of plots (see renderers.py) -------------------------------------------------------

def text(plot):
    """The plot as plain text (braille panels)."""
    return plot.text()


def html(plot):
    """None: Jupyter shows the SVG of `bundle` (or the text without matplotlib)."""
    return None


def bundle(plot):
    """The text, and an SVG when matplotlib is installed."""
    out = {"text/plain": plot.text()}
    svg = plot.svg()
    if svg is not None:
        out["image/svg+xml"] = svg
    return out


def rich(plot):
    """The plot for rich, sized to the console."""
    return _RichPlot(plot)

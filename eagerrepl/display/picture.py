"""Pictures of tensors: what to draw, worked out once for Jupyter's SVG and the terminal's cells.

A picture is one or two `Section`s (a real tensor has one; a complex one its real and imaginary
parts, each on its own scale), and a section is drawn as

- 1-D: bars, one per value, from 0 to the value, coloured by value; past `max_bars` values, one
  bar per run of values, reaching from 0 to the run's least and greatest finite values (a
  sparkline envelope);
- 2-D: a heatmap, one cell per value, strided to fit when the array is big;
- 3-D and more: a grid of 2-D facets over the leading axes in order, capped, with the number left
  out; when the axis before the last two is short (channels), each row holds whole runs of it;

with a colour scale (colormap.py: diverging about 0 when values of both signs occur), the NaN and
Inf counts, and for arrays too big to draw value by value a histogram; statistics of huge arrays
come from a sample (sample.py) and say so. svg_picture.py and terminal_picture.py draw these.

Tensors show their picture beside their values in Jupyter (tensor.py) when pictures are on
(`set_pictures`; `%config Eagerrepl.pictures = False` in IPython) and they are not tiny; `%show
EXPR` shows a value as its picture alone (show.py).
"""

from __future__ import annotations  # annotations name np.ndarray: importing this must not import numpy

import math
from dataclasses import dataclass

import numpy as np

from . import colormap, sample

TINY = 6  # tensors of up to this many values stay text only (the tape's summary shows them all too)
MAX_FACETS = 24
MAX_FACET_COLUMNS = 8

_settings = {"pictures": True}


def set_pictures(on=True):
    """Turn the pictures beside tensors' values in Jupyter on or off (%show draws either way); returns the old one."""
    old, _settings["pictures"] = _settings["pictures"], bool(on)
    return old


def pictures_on():
    """Whether tensors show a picture beside their values in Jupyter."""
    return _settings["pictures"]


def host_array(value):
    """A tensor's, Variable's or array-like's values as a numpy array (a view where possible)."""
    numpy = getattr(value, "numpy", None)
    array = numpy() if callable(numpy) else value
    return np.asarray(array)


def drawable(array):
    """True when `array` has numbers to draw (bool, int, float or complex, at least one value)."""
    return array.dtype.kind in "biufc" and array.size > 0


def wants_picture(array):
    """True when a tensor with these values shows a picture beside them: pictures on, not tiny, numeric."""
    return pictures_on() and array.ndim >= 1 and array.size > TINY and drawable(array)


def worth_drawing(sections_):
    """False when every section is one colour (all values equal, no NaN or Inf): the text says as much."""
    return not all(s.stats.lo == s.stats.hi and not s.stats.special() for s in sections_)


def index_text(index):
    """`[3, 12]`: an element's index as a person types it."""
    return "[" + ", ".join(str(int(i)) for i in index) + "]"


def number_text(value):
    """A value as hover text shows it: 6 significant digits (ints whole)."""
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    value = float(value)
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "+Inf" if value > 0 else "-Inf"
    return f"{value:.6g}"


def short_number(value):
    """A value as scales and captions show it: 4 significant digits."""
    value = float(value)
    if value == int(value) and abs(value) < 1e6:
        return str(int(value))
    return f"{value:.4g}"


def count_text(n, noun):
    """`1,234 values`."""
    return f"{n:,} {noun}" + ("" if n == 1 else "s")


@dataclass
class Bars:
    """A 1-D array as bars from 0: one per value, or one per run of values reaching to the run's extremes.

    A bar's part above 0 (to `high`) has the colour of `high`, its part below 0 (to `low`) the colour
    of `low`; a run holding NaN or an infinity is a full-height bar in that special colour.
    """

    low: np.ndarray  # each bar's least value (its value, for one value)
    high: np.ndarray
    low_levels: np.ndarray  # palette index of each part's colour
    high_levels: np.ndarray
    start: np.ndarray  # first index each bar stands for
    stop: np.ndarray
    bottom: float  # the value axis' ends
    top: float
    values: np.ndarray | None  # each bar's value, when there is one bar per value

    @property
    def exact(self):
        """True when each bar is one value."""
        return self.values is not None

    def special(self, i):
        """The special palette index (NaN, +Inf, -Inf) bar `i` is drawn in, or None."""
        level = int(self.high_levels[i])
        return level if level in colormap.SPECIAL_NAMES else None

    def title(self, i):
        """Hover text of bar `i`: its index and value, or its run of indices and their range."""
        if self.exact:
            return f"[{int(self.start[i])}] = {number_text(self.values[i])}"
        text = f"[{int(self.start[i])}:{int(self.stop[i])}] {number_text(self.low[i])} to {number_text(self.high[i])}"
        special = self.special(i)
        if special is not None:
            text += f", with {colormap.SPECIAL_NAMES[special]}"
        return text


@dataclass
class Panel:
    """One 2-D grid of cells: values (strided from the array), and the indices they came from."""

    label: str | None
    values: np.ndarray  # float64, 2-D
    rows: np.ndarray  # the array's row index of each row of `values`
    cols: np.ndarray
    prefix: tuple  # the leading indices of this facet

    def index(self, r, c):
        """The array index of cell (r, c)."""
        return (*self.prefix, int(self.rows[r]), int(self.cols[c]))

    def title(self, r, c):
        """Hover text of a cell: `[2, 3] = 0.5`."""
        return f"{index_text(self.index(r, c))} = {number_text(self.values[r, c])}"


@dataclass
class Grids:
    """The facets of an array of 2 or more axes, as drawn."""

    panels: list
    columns: int  # facets across
    total: int  # facets the array has
    row_stride: int
    col_stride: int


class Section:
    """One real array to draw (a complex tensor has two): its statistics, scale, bars or facets."""

    def __init__(self, array, title=None):
        self.array = sample.numeric(array) if array.dtype.kind != "f" else array
        if self.array.ndim == 0:
            self.array = self.array.reshape(1)
        self.title = title
        self.stats = sample.stats(self.array)
        self.scale = colormap.scale_for(self.stats.lo, self.stats.hi)

    @property
    def shape(self):
        return self.array.shape

    def histogram(self, bins=40):
        """(counts, edges) of the finite values read (all, or the sample)."""
        return sample.histogram(self.stats, bins)

    def wants_histogram(self, cells):
        """A histogram helps once there are more values than `cells` drawn one per value."""
        return self.array.size > cells

    def bars(self, max_bars):
        """The 1-D array as at most `max_bars` Bars."""
        stats = self.stats
        bottom, top = min(stats.lo or 0.0, 0.0), max(stats.hi or 0.0, 0.0)
        scale = self.scale
        if self.array.size <= max_bars:
            values = self.array.astype(np.float64)
            levels = scale.levels(values)
            index = np.arange(values.size)
            return Bars(values, values, levels, levels, index, index + 1, bottom, top, values)
        values = stats.values.astype(np.float64)  # every value, or the strided sample
        starts = np.unique(np.linspace(0, values.size, max_bars + 1).astype(np.intp))[:-1]
        finite = np.isfinite(values)
        clean = np.where(finite, values, np.nan)
        with np.errstate(invalid="ignore"):
            low, high = np.fmin.reduceat(clean, starts), np.fmax.reduceat(clean, starts)
        low_levels, high_levels = scale.levels(low), scale.levels(high)
        for special, test in ((colormap.NEGINF, values == -np.inf), (colormap.POSINF, values == np.inf),
                              (colormap.NAN, np.isnan(values))):  # NaN wins: set last
            hit = np.logical_or.reduceat(test, starts)
            low_levels[hit] = high_levels[hit] = special
        stride = stats.stride
        return Bars(low, high, low_levels, high_levels, starts * stride,
                    np.append(starts[1:], values.size) * stride, bottom, top, None)

    def grids(self, max_rows, max_cols, max_facets=MAX_FACETS, max_cells=None):
        """The facets to draw: each at most max_rows x max_cols cells, all together at most max_cells."""
        array = self.array
        shape = array.shape
        leading = shape[:-2]
        total = math.prod(leading)
        if len(leading) >= 2 and shape[-3] <= MAX_FACET_COLUMNS:
            # The axis before the last two across (channels, say), as many whole runs of it as fit.
            columns = shape[-3] * max(1, MAX_FACET_COLUMNS // shape[-3])
        else:
            columns = min(total, MAX_FACET_COLUMNS)
        shown = min(total, max_facets)
        if columns and shown > columns:
            shown -= shown % columns  # whole rows of facets
        rows, cols = array.shape[-2:]
        sr, sc = sample.stride_for(rows, max_rows), sample.stride_for(cols, max_cols)
        while max_cells and shown * -(-rows // sr) * -(-cols // sc) > max_cells:
            sr, sc = (sr + 1 if rows > 1 else sr), (sc + 1 if cols > 1 else sc)
        row_index, col_index = np.arange(0, rows, sr), np.arange(0, cols, sc)
        panels = []
        for prefix in _first_indices(leading, shown):
            block = array[prefix][::sr, ::sc].astype(np.float64)
            label = index_text(prefix) if leading else None
            panels.append(Panel(label, block, row_index, col_index, prefix))
        return Grids(panels, max(1, min(columns, shown)), total, sr, sc)

    def notes(self, drawn=None):
        """Lines saying what was left out or sampled: of the statistics, and of the drawing `drawn` (Bars or Grids)."""
        out = []
        stats = self.stats
        if stats.sampled:
            out.append(f"range, counts and histogram from a strided sample: {stats.looked:,} of {stats.total:,} "
                       f"values (1 in {stats.stride:,})")
        if isinstance(drawn, Bars) and not drawn.exact:
            out.append(f"{count_text(len(drawn.low), 'bar')}, each reaching the extremes of a run of about "
                       f"{-(-self.array.size // len(drawn.low)):,} values")
        if isinstance(drawn, Grids):
            if drawn.row_stride > 1 or drawn.col_stride > 1:
                out.append("a strided sample: " + _strides_text(drawn.row_stride, drawn.col_stride))
            if len(drawn.panels) < drawn.total:
                out.append(f"{len(drawn.panels)} of {drawn.total:,} facets shown")
        return out

    def caption(self):
        """`min -0.41  max 0.53` then counts of NaN and infinities."""
        stats = self.stats
        if stats.lo is None:
            parts = ["no finite value"]
        else:
            parts = [f"min {short_number(stats.lo)}", f"max {short_number(stats.hi)}"]
        return parts


def _ordinal(n):
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n:,}{suffix}"


def _strides_text(sr, sc):
    if sr == sc:
        return f"every {_ordinal(sr)} row and column"
    parts = [f"every {_ordinal(sr)} row"] if sr > 1 else []
    parts += [f"every {_ordinal(sc)} column"] if sc > 1 else []
    return ", ".join(parts)


def _first_indices(leading, count):
    """The first `count` index tuples over the leading axes, in order (one empty tuple for none)."""
    if not leading:
        return [()]
    out = []
    for index in np.ndindex(*leading):
        if len(out) == count:
            break
        out.append(index)
    return out


def sections(array):
    """The Sections of an array: one, or a complex array's real and imaginary parts."""
    if array.dtype.kind == "c":
        return [Section(array.real, "real part"), Section(array.imag, "imaginary part")]
    return [Section(array)]

"""Which values a picture looks at, and what it learns from them: range, NaN and Inf counts, histogram.

Even a minimum over 10^8 values takes tens of milliseconds, so a picture never reads a whole big
tensor: up to EXACT_LIMIT values it reads all of them, above that a strided sample of about
SAMPLE_SIZE values (whole rows, every k-th of them), and says so. Heatmaps of big arrays are
strided too, one stride per axis.
"""

from __future__ import annotations  # annotations name np.ndarray: importing this must not import numpy

import math
from dataclasses import dataclass

import numpy as np

EXACT_LIMIT = 2**21  # arrays up to this many values are read whole
SAMPLE_SIZE = 2**19  # about how many values a bigger array's statistics read


@dataclass
class Stats:
    """What a picture knows of an array's values."""

    lo: float | None  # the least finite value (None when there is none)
    hi: float | None
    nan: int
    posinf: int
    neginf: int
    looked: int  # how many values these counts are of
    total: int  # how many the array has
    stride: int  # 1 when every value was read
    values: np.ndarray  # the (flat) values read, for the histogram

    @property
    def sampled(self):
        """True when only a sample was read."""
        return self.looked < self.total

    def special(self):
        """[(name, count)] of NaN, +Inf and -Inf that occur."""
        return [(name, n) for name, n in (("NaN", self.nan), ("+Inf", self.posinf), ("-Inf", self.neginf)) if n]


def flat_values(array):
    """(values, stride): the array's values flattened, or a strided sample of about SAMPLE_SIZE of them.

    The sample strides the leading axes only, as few as it needs (a big matrix: every k-th row, each
    whole), so it is a view that copies about SAMPLE_SIZE values, whatever the array's memory
    layout (a broadcast view reads no more). `stride` is how many values each one read stands for.
    """
    size = array.size
    if size <= EXACT_LIMIT:
        return array.reshape(-1), 1
    index, factor = [], size / SAMPLE_SIZE
    for n in array.shape:
        step = min(n, math.ceil(factor)) if factor > 1 else 1
        index.append(slice(None, None, step))
        factor /= n / -(-n // step)
    # One copy of the sample: every statistic after it reads contiguous memory, not a stride over all.
    values = np.ascontiguousarray(array[tuple(index)]).reshape(-1)
    return values, max(1, round(size / values.size))
def numeric(array):
    """The array as numbers a picture can draw (bools as 0 and 1); None for other dtypes."""
    kind = array.dtype.kind
    if kind == "b":
        return array.view(np.uint8)
    return array if kind in "iuf" else None


def stats(array):
    """The Stats of a real numeric array (see `numeric`)."""
    values, stride = flat_values(array)
    nan = posinf = neginf = 0
    finite = values
    if values.dtype.kind == "f" and values.size:
        ok = np.isfinite(values)
        if not ok.all():
            nan = int(np.count_nonzero(np.isnan(values)))
            posinf = int(np.count_nonzero(values == np.inf))
            neginf = int(values.size - nan - posinf - np.count_nonzero(ok))
            finite = values[ok]
    lo = hi = None
    if finite.size:
        lo, hi = float(finite.min()), float(finite.max())
    return Stats(lo, hi, nan, posinf, neginf, int(values.size), int(array.size), stride, values)


def histogram(stats_, bins=40):
    """(counts, edges) of the finite values read, in `bins` equal bins from lo to hi."""
    if stats_.lo is None:
        return np.zeros(bins, dtype=np.int64), np.linspace(0.0, 1.0, bins + 1)
    lo, hi = stats_.lo, stats_.hi
    if hi == lo:
        lo, hi = lo - 0.5, hi + 0.5
    # numpy leaves out what is outside the range: NaN and the infinities.
    return np.histogram(stats_.values, bins=bins, range=(lo, hi))


def stride_for(n, most):
    """The smallest stride that keeps at most `most` of `n` items."""
    return max(1, -(-n // max(1, most)))

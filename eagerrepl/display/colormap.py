"""Colour maps for pictures of tensors: values to palette indices, and the palette's colours.

Two maps, as treescope and matplotlib users know them: a diverging one (ColorBrewer's RdBu, blue
for negative, near-white at 0, red for positive), centred at 0, for data with values of both
signs; and viridis (perceptually uniform, readable in grey and by most colour-blind people) for
the rest. Each is LEVELS colours; the palette adds one colour each for NaN, +Inf and -Inf, chosen
to stand apart from both maps (pictures also mark those cells with a glyph). A value maps to an
index into the palette (a uint8), which is what a PNG raster stores and what cells are filled from.
"""

import functools
from dataclasses import dataclass

import numpy as np

LEVELS = 251  # odd, so that 0 falls on the diverging map's middle colour exactly
NAN, POSINF, NEGINF = LEVELS, LEVELS + 1, LEVELS + 2
SPECIAL = {NAN: "#ff00ff", POSINF: "#000000", NEGINF: "#00e5ff"}  # magenta, black, cyan
SPECIAL_NAMES = {NAN: "NaN", POSINF: "+Inf", NEGINF: "-Inf"}
MARK_COLORS = {NAN: "#000000", POSINF: "#ffffff", NEGINF: "#000000"}  # the glyph on each special colour

# Anchors, evenly spaced, interpolated linearly in sRGB.
_VIRIDIS = ("#440154", "#472d7b", "#3b528b", "#2c728e", "#21918c", "#28ae80", "#5ec962", "#addc30", "#fde725")
_RDBU = ("#053061", "#2166ac", "#4393c3", "#92c5de", "#d1e5f0", "#f7f7f7",
         "#fddbc7", "#f4a582", "#d6604d", "#b2182b", "#67001f")


def rgb(hex_color):
    """(r, g, b) of `#rrggbb`."""
    return tuple(int(hex_color[i:i + 2], 16) for i in (1, 3, 5))


@functools.cache  # made on first use: importing display must not import numpy (the REPL defers it)
def palette(kind):
    """The colours of the "sequential" or "diverging" map: LEVELS through its anchors, then the three
    special colours (uint8, shape (LEVELS + 3, 3))."""
    anchors = _VIRIDIS if kind == "sequential" else _RDBU
    points = np.array([rgb(c) for c in anchors], dtype=np.float64)
    at = np.linspace(0, len(anchors) - 1, LEVELS)
    lut = np.stack([np.interp(at, np.arange(len(anchors)), points[:, k]) for k in range(3)], axis=1)
    special = np.array([rgb(SPECIAL[i]) for i in (NAN, POSINF, NEGINF)], dtype=np.float64)
    return np.rint(np.concatenate([lut, special])).astype(np.uint8)


def hex_color(rgb):
    """`#rrggbb` of an (r, g, b) triple."""
    return "#{:02x}{:02x}{:02x}".format(*(int(c) for c in rgb))


@dataclass(frozen=True)
class Scale:
    """How values become colours: the map, and the range of values its ends stand for."""

    kind: str  # "diverging" or "sequential"
    lo: float  # the value at the map's first colour
    hi: float  # the value at its last colour

    @property
    def palette(self):
        """The (LEVELS + 3, 3) uint8 colours indices point into."""
        return palette(self.kind)

    def levels(self, values):
        """Palette indices (uint8) of an array of real values; NaN and infinities get their own."""
        values = np.asarray(values)
        if values.dtype.kind not in "fc":
            values = values.astype(np.float64)
        span = self.hi - self.lo
        with np.errstate(invalid="ignore", over="ignore"):
            t = (values - self.lo) / span if span > 0 else np.full(values.shape, 0.5)
            out = np.rint(np.clip(t, 0.0, 1.0) * (LEVELS - 1))
        out = np.nan_to_num(out, nan=0.0).astype(np.uint8)
        if values.dtype.kind == "f":
            bad = ~np.isfinite(values)
            if bad.any():
                out[np.isnan(values)] = NAN
                out[values == np.inf] = POSINF
                out[values == -np.inf] = NEGINF
        return out

    def color(self, value):
        """`#rrggbb` of one value."""
        return hex_color(self.palette[int(self.levels(np.array([value], dtype=np.float64))[0])])

    def ticks(self):
        """Values worth labelling on the scale: its ends, and 0 on a diverging one."""
        return (self.lo, 0.0, self.hi) if self.kind == "diverging" else (self.lo, self.hi)


def scale_for(lo, hi):
    """The scale for finite values from `lo` to `hi`: diverging about 0 when both signs occur, else viridis.

    With no finite value (lo is None) any scale will do: every cell is NaN or infinite.
    """
    if lo is None:
        return Scale("sequential", 0.0, 1.0)
    if lo < 0 < hi:
        reach = max(-lo, hi)
        return Scale("diverging", -reach, reach)
    return Scale("sequential", float(lo), float(hi))

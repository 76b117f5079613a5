"""Pictures of tensors in a terminal: coloured half-block cells, or ASCII shading where colour is off.

What to draw comes from picture.py, as for Jupyter's SVG. In colour, each character cell holds two
picture cells, one above the other: `▀` in the upper cell's colour on the lower cell's colour.
The colours are 24-bit; rich turns them into the nearest of 256 (or 16) where the terminal has
no more (TERM, COLORTERM). The colour scale is a row of cells, the histogram a row of block
characters (▁▂▃▄▅▆▇█), and NaN, +Inf and -Inf have the SVG's special colours and marks (× + −, where
a whole character is one of them), named in the caption.

Where colour is off (NO_COLOR, TERM=dumb, output not a terminal, a non-UTF-8 terminal), and as plain
text, cells are ASCII shading from RAMP (low to high) with MARKS for NaN and the infinities.

A drawing is a list of lines, each a list of (text, style) pieces, where style is None or a tuple
(foreground RGB or None, background RGB or None, rich style words; attributes only, such as "bold",
where there is a colour): plain text needs no rich, and the renderable turns the pieces into rich
Segments.
"""

import math

from . import colormap, picture, theme

RAMP = " .:-=+*#%@"  # ASCII shading, lowest value first
MARKS = {colormap.NAN: "?", colormap.POSINF: "^", colormap.NEGINF: "v"}  # ASCII
GLYPHS = {colormap.NAN: "×", colormap.POSINF: "+", colormap.NEGINF: "−"}  # in colour, as the SVG marks them
BLOCKS = " ▁▂▃▄▅▆▇█"
MAX_LINES = 32  # lines one heatmap takes at most (a 28 x 28 image fits in ASCII too)
FACET_LINES = 8  # lines each facet takes at most
MAX_FACETS = 12
BAR_LINES = 8
SCALE_CELLS = 24
HIST_BINS = 40
TEXT_WIDTH = 75  # the width of the plain-text picture, as numpy wraps tensors' text


def lines(pic, width, color):
    """The picture as lines of (text, style) pieces, at most `width` cells wide."""
    out = [[(pic.header, (None, None, theme.TERMINAL["name"]))]]
    for section in pic.sections:
        if section.title:
            out.append([(section.title, (None, None, "bold"))])
        out += _section(section, max(width, 20), color)
    return out


def plain(pic, width=TEXT_WIDTH):
    """The picture in ASCII shading, as plain text."""
    return "\n".join("".join(text for text, _ in line).rstrip() for line in lines(pic, width, False))


class TerminalPicture:
    """A picture as rich draws it: colour cells where the console has colour, ASCII shading where not."""

    def __init__(self, pic):
        self.picture = pic

    def __rich_console__(self, console, options):
        from rich.color import Color
        from rich.segment import Segment
        from rich.style import Style
        color = (console.color_system is not None and not console.no_color and not console.is_dumb_terminal
                 and not options.ascii_only)
        styles, colors = {}, {}

        def color_of(rgb):
            if rgb is None:
                return None
            if rgb not in colors:
                colors[rgb] = Color.from_rgb(*rgb)
            return colors[rgb]

        for line in lines(self.picture, options.max_width, color):
            for text, style in line:
                if style is None:
                    yield Segment(text)
                    continue
                if style not in styles:
                    fg, bg, words = style
                    if fg is None and bg is None:
                        styles[style] = Style.parse(words or "")
                    else:  # a new Style: rich caches a Style's codes for the first colour system it meets
                        styles[style] = Style(color=color_of(fg), bgcolor=color_of(bg),
                                              **{word: True for word in (words or "").split()})
                yield Segment(text, styles[style])
            yield Segment.line()


def _rgb(palette, level):
    return tuple(int(c) for c in palette[level])


def _section(section, width, color):
    out = []
    if len(section.shape) == 1:
        drawn = section.bars(width)
        out += _bars(drawn, section.scale, color)
    else:
        drawn, grid_lines = _facets(section, width, color)
        out += grid_lines
    out.append(_scale(section.scale, color))
    if section.wants_histogram(width * 2 * MAX_LINES):
        out.append(_histogram(section, color))
    out.append(_caption(section, color))
    muted = (None, None, theme.TERMINAL["muted"])
    out += [[(note, muted)] for note in section.notes(drawn)]
    return out


# ---- canvases: rows of palette levels, -1 for nothing -----------------------------------------------

def _canvas_lines(canvas, palette, color, solid=False):
    """Lines of a canvas: half-block cells in colour (two rows a line), else one shading character a cell.

    `solid` draws every cell `#` without colour (bars: their height tells the value), but NaN and Inf.
    """
    if not color:
        shade = (lambda level: MARKS.get(level, "#") if level >= 0 else " ") if solid else _shade
        return [[("".join(shade(level) for level in row), None)] for row in canvas]
    rgb = [tuple(int(c) for c in color) for color in palette]
    out = []
    for top in range(0, len(canvas), 2):
        upper = canvas[top]
        lower = canvas[top + 1] if top + 1 < len(canvas) else [-1] * len(upper)
        line = []
        for t, b in zip(upper, lower):
            if t == b and t in GLYPHS:  # a whole character of NaN or Inf: its glyph, as the SVG marks it
                line.append(_swatch(palette, t))
            elif t < 0 and b < 0:
                line.append((" ", None))
            elif b < 0:
                line.append(("▀", (rgb[t], None, "")))
            elif t < 0:
                line.append(("▄", (rgb[b], None, "")))
            else:
                line.append(("▀", (rgb[t], rgb[b], "")))
        out.append(line)
    return out


def _swatch(palette, level):
    """A NaN or Inf cell in colour: its glyph on its colour."""
    mark = colormap.MARK_COLORS[level]
    return GLYPHS[level], (colormap.rgb(mark), _rgb(palette, level), "bold")


def _shade(level):
    if level < 0:
        return " "
    if level in MARKS:
        return MARKS[level]
    return RAMP[min(len(RAMP) - 1, 1 + level * (len(RAMP) - 1) // colormap.LEVELS)]


def _bars(bars, scale, color):
    """A column chart: bars from 0, BAR_LINES lines high (two rows a line in colour)."""
    rows = BAR_LINES * (2 if color else 1)
    span = bars.top - bars.bottom

    def row_of(v):  # 0 at the top
        return (rows - 1) * (bars.top - v) / span if span > 0 else (rows - 1) / 2

    zero = round(row_of(0.0))
    canvas = [[-1] * len(bars.low) for _ in range(rows)]
    for i in range(len(bars.low)):
        special = bars.special(i)
        if special is not None:
            for r in range(rows):
                canvas[r][i] = special
            continue
        if bars.high[i] > 0:
            for r in range(round(row_of(bars.high[i])), zero + 1):
                canvas[r][i] = int(bars.high_levels[i])
        if bars.low[i] < 0:
            for r in range(zero, round(row_of(bars.low[i])) + 1):
                canvas[r][i] = int(bars.low_levels[i])
        if bars.high[i] <= 0 <= bars.low[i]:  # a zero
            canvas[zero][i] = int(bars.high_levels[i])
    return _canvas_lines(canvas, scale.palette, color, solid=True)


def _facets(section, width, color):
    """(Grids, lines): facets side by side, as many as fit across, each with its index above it."""
    shape = section.shape
    single = len(shape) == 2
    across = 1 if color else 2  # characters a cell takes across in ASCII, where cells are tall
    if single:
        max_rows, max_cols = MAX_LINES * (2 if color else 1), width
    else:
        max_rows, max_cols = FACET_LINES * (2 if color else 1), max(4, width // min(4, math.prod(shape[:-2])) - 2)
    grids = section.grids(max_rows, max_cols, 1 if single else MAX_FACETS)
    cols = len(grids.panels[0].cols)
    if not color and cols * 2 > (width if single else max_cols):
        across = 1
    facet_w = cols * across
    per_row = max(1, min(grids.columns, (width + 2) // (facet_w + 2)))
    out = []
    for first in range(0, len(grids.panels), per_row):
        row = grids.panels[first:first + per_row]
        if not single:
            labels = "  ".join(p.label[:facet_w].ljust(facet_w) for p in row)
            out.append([(labels, (None, None, theme.TERMINAL["muted"]))])
        blocks = []
        for panel in row:
            levels = section.scale.levels(panel.values).tolist()
            canvas = [[level for level in levels_row for _ in range(across)] for levels_row in levels]
            blocks.append(_canvas_lines(canvas, section.scale.palette, color))
        for k in range(len(blocks[0])):
            line = []
            for j, block in enumerate(blocks):
                if j:
                    line.append(("  ", None))
                line += block[k]
            out.append(line)
    return grids, out


# ---- scale, histogram, caption ----------------------------------------------------------------------

def _scale(scale, color):
    """`lo ████ hi`: the colour scale as a row of cells (ASCII shading without colour)."""
    ticks = scale.ticks()
    levels = [int(level) for level in scale.levels([scale.lo + (scale.hi - scale.lo) * i / (SCALE_CELLS - 1)
                                                    for i in range(SCALE_CELLS)])]
    lo, hi = picture.short_number(ticks[0]), picture.short_number(ticks[-1])
    line = [(lo + " ", None)]
    if color:
        line += [(" ", (None, _rgb(scale.palette, level), "")) for level in levels]
    else:
        line.append(("".join(_shade(level) for level in levels), None))
    line.append((" " + hi, None))
    if len(ticks) == 3:
        line.append(("  (0 in the middle)", (None, None, theme.TERMINAL["muted"])))
    return line


def _histogram(section, color):
    """One row of HIST_BINS block characters (ASCII shading without colour) from lo to hi."""
    counts, edges = section.histogram(HIST_BINS)
    top = max(int(counts.max()), 1)
    ramp = BLOCKS if color else RAMP
    heights = [0 if n == 0 else max(1, round(int(n) * (len(ramp) - 1) / top)) for n in counts]
    # In the text colour: the scale's darkest colours would vanish on a dark background.
    line = [(picture.short_number(edges[0]) + " ", None), ("".join(ramp[h] for h in heights), None)]
    line.append((" " + picture.short_number(edges[-1]), None))
    line.append(("  histogram", (None, None, theme.TERMINAL["muted"])))
    return line


def _caption(section, color):
    """`min -0.41  max 0.53  NaN 2 ...`, with each special value's colour (or ASCII mark)."""
    stats = section.stats
    line = [("  ".join(section.caption()), None)]
    for level, (name, count) in zip((colormap.NAN, colormap.POSINF, colormap.NEGINF),
                                    (("NaN", stats.nan), ("+Inf", stats.posinf), ("-Inf", stats.neginf))):
        if not count:
            continue
        line.append(("  ", None))
        line.append(_swatch(section.scale.palette, level) if color else (MARKS[level], None))
        line.append((f" {name} {count:,}" + (" in the sample" if stats.sampled else ""), None))
    return line

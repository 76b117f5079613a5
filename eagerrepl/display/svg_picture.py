"""Pictures of tensors as inline SVG, for Jupyter: no JavaScript, hover text from SVG <title>.

What to draw comes from picture.py; this module lays it out. Up to `Size.hover_cells` cells (all
facets together) each cell is its own <rect> with a <title> giving its index and value. Bigger
heatmaps are an indexed PNG (png.py) of palette colours inside the SVG, drawn with crisp pixels,
under a coarse grid of invisible regions whose titles give their index ranges and value ranges.
NaN, +Inf and -Inf cells get their own colours (colormap.SPECIAL) and a glyph (x, +, -) on top.

Text (scale ticks, captions, notes) is in the surrounding text colour (`currentColor`, secondary
text in theme.py's muted colour), so it reads in light and dark themes alike; the picture's own
colours are data. Everything sits in one <svg> whose size is set in px.
"""

from dataclasses import dataclass
from html import escape

import numpy as np

from . import colormap, png, theme
from .picture import number_text, short_number

FONT = 11  # px
LINE = 14  # px between lines of text
CHAR = 0.6 * FONT  # the width of a monospace character
GAP = 8  # px between parts
MAX_MARKS = 512  # glyphs on NaN and Inf cells, per picture; more are left to their colour


@dataclass(frozen=True)
class Size:
    """How big a picture is drawn, and how much detail it carries."""

    width: int = 320  # px the drawing of one heatmap or of bars aims at
    height: int = 320
    facets_width: int = 480  # px a grid of facets aims at
    hover_cells: int = 1024  # up to this many cells, each cell has its own hover title
    max_side: int = 128  # cells along either axis of one heatmap
    facet_cells: int = 2**15  # cells of all facets together
    max_facets: int = 24
    max_bars: int = 320  # one bar per value up to here, at least a pixel wide
    regions: int = 8  # hover regions across a rastered heatmap (2 per facet)
    text: bool = True  # scale, histogram, caption and notes


FULL = Size()
THUMBNAIL = Size(width=96, height=48, facets_width=96, hover_cells=64, max_side=32, facet_cells=1024, max_facets=4,
                 max_bars=64, regions=4, text=False)


def svg(sections, size=FULL):
    """The <svg> element picturing `sections` (picture.sections of an array), one below the other."""
    parts, width, y = [], 0.0, 0.0
    for section in sections:
        body, w, h = _section(section, size)
        parts.append(f'<g transform="translate(0,{_n(y)})">{body}</g>')
        width, y = max(width, w), y + h + (GAP if size.text else 0)
    height = y - (GAP if size.text else 0)
    what = " and ".join(_describe(s) for s in sections)
    style = "vertical-align:middle" if not size.text else "display:block"
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="eagerrepl-svg" width="{_n(width)}" '
            f'height="{_n(height)}" viewBox="0 0 {_n(width)} {_n(height)}" role="img" '
            f'aria-label="{escape(what)}" font-family="monospace" font-size="{FONT}" style="{style}">'
            + "".join(parts) + "</svg>")


def _describe(section):
    kind = "bars" if len(section.shape) == 1 else "heatmap" if len(section.shape) == 2 else "facets"
    shape = ",".join(str(n) for n in section.shape)
    return f"{section.title + ' ' if section.title else ''}{kind} of [{shape}]"


def _section(section, size):
    """(markup, width, height) of one section."""
    out, y = [], 0.0
    if section.title and size.text:
        out.append(_text(0, y + FONT, section.title, bold=True))
        y += LINE
    if len(section.shape) == 1:
        drawn = section.bars(size.max_bars)
        body, w, h = _bars(drawn, section.scale, size)
    else:
        drawn = section.grids(size.max_side, size.max_side, size.max_facets, size.facet_cells)
        body, w, h = _facets(drawn, section.scale, size)
    out.append(f'<g transform="translate(0,{_n(y)})">{body}</g>')
    y += h
    width = w
    if size.text:
        y += GAP
        scale, sw, sh = _scale(section.scale)
        row = [f'<g transform="translate(0,{_n(y)})">{scale}</g>']
        row_height, row_width = sh, sw
        if section.wants_histogram(size.hover_cells):
            hist, hw, hh = _histogram(section)
            row.append(f'<g transform="translate({_n(sw + 3 * GAP)},{_n(y)})">{hist}</g>')
            row_height, row_width = max(sh, hh), sw + 3 * GAP + hw
        out += row
        y += row_height + 4
        width = max(width, row_width)
        text_lines, tw = _caption(section, drawn, y)
        out.append(text_lines)
        y += LINE * (1 + len(section.notes(drawn)))
        width = max(width, tw)
    return "".join(out), width, y


# ---- 1-D: bars ------------------------------------------------------------------------------------

def _bars(bars, scale, size):
    count = len(bars.low)
    bar = max(1.0, min(12.0, size.width / count))
    width, height = bar * count, (64.0 if size.text else float(size.height))
    span = bars.top - bars.bottom

    def y_of(v):
        return height * (bars.top - v) / span if span > 0 else height / 2

    colors = [colormap.hex_color(rgb) for rgb in scale.palette]
    zero = y_of(0.0)
    out = ['<g class="bars" shape-rendering="crispEdges">']
    marks = []
    for i in range(count):
        title = f"<title>{escape(bars.title(i))}</title>"
        special = bars.special(i)
        if special is not None:  # full height, marked
            parts = [(0.0, height, special)]
            if len(marks) < MAX_MARKS:
                side = max(bar, 7.0)  # legible over a bar of a pixel or two
                marks.append((special, i * bar + (bar - side) / 2, (height - side) / 2, side))
        else:
            parts = [(y_of(bars.high[i]), zero, int(bars.high_levels[i]))] if bars.high[i] > 0 else []
            if bars.low[i] < 0:
                parts.append((zero, y_of(bars.low[i]), int(bars.low_levels[i])))
            if not parts:  # a zero: a hairline at 0
                parts = [(zero - 0.5, zero + 0.5, int(bars.high_levels[i]))]
        for y0, y1, level in parts:
            out.append(f'<rect x="{_n(i * bar)}" y="{_n(y0)}" width="{_n(bar)}" height="{_n(max(y1 - y0, 1.0))}" '
                       f'fill="{colors[level]}">{title}</rect>')
    out.append("</g>")
    if bars.bottom < 0 < bars.top:  # the zero line
        out.append(f'<line x1="0" x2="{_n(width)}" y1="{_n(zero)}" y2="{_n(zero)}" '
                   f'stroke="currentColor" stroke-opacity="0.35" stroke-width="1"/>')
    out.append(_marks(marks))
    return "".join(out), width, height


# ---- 2-D and more: heatmaps in a grid of facets ----------------------------------------------------

def _facets(grids, scale, size):
    panels = grids.panels
    columns = grids.columns
    rows_of_facets = -(-len(panels) // columns)
    r, c = panels[0].values.shape
    labelled = panels[0].label is not None and size.text
    label_h = LINE if labelled else 0
    gap = 6 if len(panels) > 1 else 0
    room_w, room_h = (size.width, size.height) if len(panels) == 1 else (size.facets_width, size.facets_width)
    cell = min(16.0, (room_w - gap * (columns - 1)) / (columns * c),
               (room_h - (gap + label_h) * rows_of_facets) / (rows_of_facets * r))
    cell = max(cell, 1.0 if size.text else 2.0)
    # A strip of one row still gets some height.
    cell_h = max(cell, 10.0 / r) if size.text else cell
    fw, fh = c * cell, r * cell_h
    vector = len(panels) * r * c <= size.hover_cells
    regions = size.regions if len(panels) == 1 else max(1, size.regions // 4)
    out = []
    marks_left = [MAX_MARKS]
    for k, panel in enumerate(panels):
        x = (k % columns) * (fw + gap)
        y = (k // columns) * (fh + gap + label_h)
        if labelled:
            shown = panel.label if len(panel.label) * CHAR * 0.85 <= fw + gap else panel.label[1:-1]
            out.append(_text(x, y + FONT - 1, shown, size_px=FONT - 2))
        levels = scale.levels(panel.values)
        out.append(f'<svg x="{_n(x)}" y="{_n(y + label_h)}" width="{_n(fw)}" height="{_n(fh)}" '
                   f'viewBox="0 0 {c} {r}" preserveAspectRatio="none" overflow="visible">')
        if vector:
            out.append(_cells(panel, levels, scale.palette))
        else:
            out.append(_raster(levels, scale.palette, r, c))
            out.append(_regions(panel, r, c, regions))
        out.append(_marks(_special_cells(levels, marks_left)))
        out.append(f'<rect width="{c}" height="{r}" fill="none" style="stroke:{theme.border_color()}" '
                   f'stroke-width="1" vector-effect="non-scaling-stroke"/></svg>')
    width = columns * fw + gap * (columns - 1)
    height = rows_of_facets * (fh + label_h) + gap * (rows_of_facets - 1)
    return "".join(out), width, height


def _cells(panel, levels, palette):
    """One <rect> per cell, with its index and value as the hover title."""
    colors = [colormap.hex_color(rgb) for rgb in palette]
    r, c = levels.shape
    out = ['<g class="cells" shape-rendering="crispEdges">']
    for i in range(r):
        for j in range(c):
            out.append(f'<rect x="{j}" y="{i}" width="1" height="1" fill="{colors[levels[i, j]]}">'
                       f"<title>{escape(panel.title(i, j))}</title></rect>")
    out.append("</g>")
    return "".join(out)


def _raster(levels, palette, r, c):
    uri = png.data_uri(png.indexed_png(levels, palette))
    return (f'<image class="raster" width="{c}" height="{r}" preserveAspectRatio="none" '
            f'style="image-rendering:pixelated;image-rendering:crisp-edges" href="{uri}"/>')


def _regions(panel, r, c, per_side):
    """Invisible regions over a raster, each titled with the indices it covers and their values' range."""
    out = ['<g class="regions" fill="#000" fill-opacity="0">']
    row_cuts = np.unique(np.linspace(0, r, min(per_side, r) + 1).astype(int))
    col_cuts = np.unique(np.linspace(0, c, min(per_side, c) + 1).astype(int))
    for r0, r1 in zip(row_cuts[:-1], row_cuts[1:]):
        for c0, c1 in zip(col_cuts[:-1], col_cuts[1:]):
            block = panel.values[r0:r1, c0:c1]
            finite = block[np.isfinite(block)]
            where = list(panel.prefix) + [f"{panel.rows[r0]}:{panel.rows[r1 - 1] + 1}",
                                          f"{panel.cols[c0]}:{panel.cols[c1 - 1] + 1}"]
            text = "[" + ", ".join(str(w) for w in where) + "] "
            text += (f"{number_text(finite.min())} to {number_text(finite.max())}" if finite.size
                     else "no finite value")
            bad = block.size - finite.size
            if bad:
                text += f", {bad} NaN or Inf"
            out.append(f'<rect x="{c0}" y="{r0}" width="{c1 - c0}" height="{r1 - r0}">'
                       f"<title>{escape(text)}</title></rect>")
    out.append("</g>")
    return "".join(out)


def _special_cells(levels, left):
    """[(level, x, y, side)] of NaN and Inf cells, in cell units, while `left[0]` marks remain."""
    found = []
    if levels.max(initial=0) < colormap.NAN:
        return found
    for i, j in zip(*np.nonzero(levels >= colormap.NAN)):
        if left[0] <= 0:
            break
        left[0] -= 1
        found.append((int(levels[i, j]), float(j), float(i), 1.0))
    return found


def _glyph(level, x, y, side):
    """The path of a cell's glyph: x for NaN, + for +Inf, - for -Inf."""
    x0, x1, xm = _n(x + 0.2 * side), _n(x + 0.8 * side), _n(x + 0.5 * side)
    y0, y1, ym = _n(y + 0.2 * side), _n(y + 0.8 * side), _n(y + 0.5 * side)
    if level == colormap.NAN:
        return f"M{x0} {y0}L{x1} {y1}M{x1} {y0}L{x0} {y1}"
    if level == colormap.POSINF:
        return f"M{xm} {y0}V{y1}M{x0} {ym}H{x1}"
    return f"M{x0} {ym}H{x1}"


def _marks(marks):
    """Glyphs over NaN and Inf cells, one <path> per kind (class `mark nan`, `mark posinf`, `mark neginf`)."""
    paths = {}
    for level, x, y, side in marks:
        paths.setdefault(level, []).append(_glyph(level, x, y, side))
    return "".join(f'<path class="mark {_CLASS[level]}" d="{"".join(ds)}" fill="none" '
                   f'stroke="{colormap.MARK_COLORS[level]}" stroke-width="1.5" vector-effect="non-scaling-stroke"/>'
                   for level, ds in sorted(paths.items()))


_CLASS = {colormap.NAN: "nan", colormap.POSINF: "posinf", colormap.NEGINF: "neginf"}


# ---- scale, histogram, caption ---------------------------------------------------------------------

SCALE_WIDTH, SCALE_HEIGHT, SCALE_STEPS = 160, 10, 32


def _scale(scale):
    """A colour bar from the scale's low end to its high end, with its ends (and 0) labelled."""
    step = SCALE_WIDTH / SCALE_STEPS
    values = np.linspace(scale.lo, scale.hi, SCALE_STEPS)
    colors = scale.palette[scale.levels(values)]
    out = [f'<g class="scale" shape-rendering="crispEdges"><title>colour scale: {escape(short_number(scale.lo))} '
           f"to {escape(short_number(scale.hi))}</title>"]
    out += [f'<rect x="{_n(i * step)}" y="0" width="{_n(step + 0.5)}" height="{SCALE_HEIGHT}" '
            f'fill="{colormap.hex_color(rgb)}"/>' for i, rgb in enumerate(colors)]
    out.append("</g>")
    span = scale.hi - scale.lo
    for tick in scale.ticks():
        x = SCALE_WIDTH * (tick - scale.lo) / span if span > 0 else SCALE_WIDTH / 2
        anchor = "start" if x <= 0 else "end" if x >= SCALE_WIDTH else "middle"
        out.append(_text(x, SCALE_HEIGHT + FONT + 1, short_number(tick), anchor=anchor, cls="tick"))
    return "".join(out), SCALE_WIDTH, SCALE_HEIGHT + LINE


HIST_BINS, HIST_BAR, HIST_HEIGHT = 40, 4, 30


def _histogram(section):
    """Bars of how many values fall in each of HIST_BINS equal bins from the least to the greatest finite value."""
    counts, edges = section.histogram(HIST_BINS)
    top = max(int(counts.max()), 1)
    # Bars in the text colour: the scale's darkest colours would vanish on a dark background.
    out = ['<g class="histogram" shape-rendering="crispEdges" fill="currentColor" fill-opacity="0.6">']
    for i, n in enumerate(counts):
        h = HIST_HEIGHT * int(n) / top
        if n:
            h = max(h, 1.0)
        out.append(f'<rect x="{i * HIST_BAR}" y="{_n(HIST_HEIGHT - h)}" width="{HIST_BAR - 0.5}" height="{_n(h)}">'
                   f'<title>{escape(number_text(edges[i]))} to '
                   f"{escape(number_text(edges[i + 1]))}: {int(n):,}</title></rect>")
    out.append(f'<line x1="0" x2="{HIST_BINS * HIST_BAR}" y1="{HIST_HEIGHT + 0.5}" y2="{HIST_HEIGHT + 0.5}" '
               f'style="stroke:{theme.border_color()}"/></g>')
    width = HIST_BINS * HIST_BAR
    out.append(_text(0, HIST_HEIGHT + FONT + 1, short_number(edges[0]), cls="tick"))
    out.append(_text(width, HIST_HEIGHT + FONT + 1, short_number(edges[-1]), anchor="end", cls="tick"))
    out.append(_text(width + CHAR, HIST_HEIGHT, "histogram", muted=True))
    return "".join(out), width + CHAR * 10, HIST_HEIGHT + LINE


def _caption(section, drawn, y):
    """(markup, width): `min ... max ...`, a swatch and count for NaN, +Inf, -Inf, then the notes."""
    stats = section.stats
    x = 0.0
    words = "  ".join(section.caption())
    out = [_text(x, y + FONT, words, cls="caption")]
    x += len(words) * CHAR
    for level, (name, count) in zip((colormap.NAN, colormap.POSINF, colormap.NEGINF),
                                    (("NaN", stats.nan), ("+Inf", stats.posinf), ("-Inf", stats.neginf))):
        if not count:
            continue
        x += 2 * CHAR
        out.append(f'<rect class="swatch {_CLASS[level]}" x="{_n(x)}" y="{_n(y + 2)}" width="10" height="10" '
                   f'fill="{colormap.SPECIAL[level]}" stroke="currentColor" stroke-opacity="0.5"/>')
        out.append(_marks([(level, x, y + 2, 10.0)]))
        x += 10 + CHAR / 2
        label = f"{name} {count:,}" + (" in the sample" if stats.sampled else "")
        out.append(_text(x, y + FONT, label, cls="count"))
        x += len(label) * CHAR
    width = x
    for k, note in enumerate(section.notes(drawn)):
        out.append(_text(0, y + LINE * (k + 1) + FONT, note, muted=True, cls="note"))
        width = max(width, len(note) * CHAR)
    return "".join(out), width


def _text(x, y, text, anchor="start", bold=False, muted=False, size_px=None, cls=None):
    """A line of text in the surrounding text colour (or the theme's muted one)."""
    attrs = f' class="{cls}"' if cls else ""
    if anchor != "start":
        attrs += f' text-anchor="{anchor}"'
    if bold:
        attrs += ' font-weight="bold"'
    if size_px:
        attrs += f' font-size="{size_px}"'
    fill = theme.css_color("muted") if muted else "currentColor"
    return f'<text x="{_n(x)}" y="{_n(y)}" style="fill:{fill}"{attrs}>{escape(text)}</text>'


def _n(value):
    """A coordinate: at most two decimals, no trailing zeros."""
    text = f"{float(value):.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text

"""Pictures of tensors in Jupyter: the SVG beside a tensor's values, parsed with an XML parser.

Golden checks of the structure: one cell per value with its hover title, colours at known values
(the ends and middle of each colour map, NaN and the infinities), the NaN/Inf marks and counts,
facets, the raster (an indexed PNG, decoded here) and histogram of big tensors, and the bounds
that keep a picture's HTML small.
"""

import base64
import re
import struct
import xml.etree.ElementTree as ET
import zlib

import numpy as np
import pytest

import eagerrepl as er
from eagerrepl import display
from eagerrepl.display import colormap, picture, svg_picture
from eagerrepl.display.tape import keep_gradients

SVG = "{http://www.w3.org/2000/svg}"

BLUE_END, WHITE_MIDDLE, RED_END = "#053061", "#f7f7f7", "#67001f"  # ColorBrewer RdBu, reversed
VIRIDIS_LOW, VIRIDIS_HIGH = "#440154", "#fde725"


def svg_of(html):
    """The <svg> element of a tensor's HTML, parsed."""
    start, end = html.index("<svg"), html.rindex("</svg>") + len("</svg>")
    return ET.fromstring(html[start:end])


def picture_of(values):
    """The parsed SVG beside a tensor of `values` in Jupyter."""
    return svg_of(display.html(er.constant(values)))


def cells(root):
    """{title: fill} of every cell drawn one per value."""
    return {rect.find(f"{SVG}title").text: rect.get("fill")
            for group in root.iter(f"{SVG}g") if group.get("class") == "cells"
            for rect in group.iter(f"{SVG}rect")}


def texts(root):
    return [t.text for t in root.iter(f"{SVG}text")]


def by_class(root, tag, cls):
    return [e for e in root.iter(f"{SVG}{tag}") if cls in (e.get("class") or "").split()]


def test_a_signed_matrix_is_a_diverging_heatmap_centred_at_zero_with_a_title_per_cell():
    root = picture_of([[-2.0, -1.0, 0.0], [1.0, 2.0, 0.5], [0.25, -0.5, 1.5]])
    drawn = cells(root)
    assert len(drawn) == 9
    assert drawn["[0, 0] = -2"] == BLUE_END
    assert drawn["[0, 2] = 0"] == WHITE_MIDDLE
    assert drawn["[1, 1] = 2"] == RED_END
    assert drawn["[2, 0] = 0.25"] == colormap.scale_for(-2.0, 2.0).color(0.25)
    assert {"-2", "0", "2"} <= set(texts(root))  # the scale's ends and middle
    assert "min -2  max 2" in texts(root)


def test_non_negative_values_get_viridis_from_min_to_max():
    drawn = cells(picture_of(np.arange(12, dtype=np.float32).reshape(3, 4)))
    assert drawn["[0, 0] = 0"] == VIRIDIS_LOW and drawn["[2, 3] = 11"] == VIRIDIS_HIGH
    assert len(set(drawn.values())) == 12  # every value its own colour


def test_cells_sit_at_their_index_in_a_grid_of_unit_squares():
    root = picture_of(np.arange(12.0).reshape(3, 4))
    rect = next(r for r in by_class(root, "g", "cells")[0] if r.find(f"{SVG}title").text == "[2, 1] = 9")
    assert (rect.get("x"), rect.get("y"), rect.get("width"), rect.get("height")) == ("1", "2", "1", "1")


def test_nan_and_infinities_have_their_own_colours_marks_and_counts():
    values = np.arange(16, dtype=np.float32).reshape(4, 4)
    values[0, 0], values[1, 1], values[2, 2], values[3, 0] = np.nan, np.inf, -np.inf, np.nan
    root = picture_of(values)
    drawn = cells(root)
    assert drawn["[0, 0] = NaN"] == drawn["[3, 0] = NaN"] == colormap.SPECIAL[colormap.NAN]
    assert drawn["[1, 1] = +Inf"] == colormap.SPECIAL[colormap.POSINF]
    assert drawn["[2, 2] = -Inf"] == colormap.SPECIAL[colormap.NEGINF]
    # The finite values keep the whole map: 1 is its low end, 15 its high end.
    assert drawn["[0, 1] = 1"] == VIRIDIS_LOW and drawn["[3, 3] = 15"] == VIRIDIS_HIGH
    nan_marks = [p for p in by_class(root, "path", "nan") if "mark" in p.get("class")]
    # Two strokes of an x per NaN cell, in the heatmap (and one x on the caption's swatch).
    assert sorted(len(re.findall("M", p.get("d"))) for p in nan_marks) == [2, 4]
    assert by_class(root, "path", "posinf") and by_class(root, "path", "neginf")
    assert {"NaN 2", "+Inf 1", "-Inf 1"} <= set(texts(root))
    assert "min 1  max 15" in texts(root)  # the range of the finite values


def test_one_dimension_is_bars_from_zero_with_index_and_value_titles():
    root = picture_of([3.0, -1.0, 0.5, 2.0, -2.0, 0.0, 1.0, 1.5])
    bars = {r.find(f"{SVG}title").text: r for r in by_class(root, "g", "bars")[0]}
    assert len(bars) == 8 and "[0] = 3" in bars and "[4] = -2" in bars
    zero = float(root.find(f".//{SVG}line").get("y1"))  # the zero line
    tallest, deepest = bars["[0] = 3"], bars["[4] = -2"]
    assert float(tallest.get("y")) < zero and abs(float(tallest.get("y")) + float(tallest.get("height")) - zero) < 0.01
    assert abs(float(deepest.get("y")) - zero) < 0.01  # hangs down from 0
    assert float(tallest.get("height")) == pytest.approx(1.5 * float(deepest.get("height")), rel=0.02)
    assert tallest.get("fill") == RED_END and deepest.get("fill") == colormap.scale_for(-2, 3).color(-2)


def test_a_long_vector_is_runs_reaching_their_extremes():
    values = np.sin(np.linspace(0, 20, 10_000))
    root = picture_of(values)
    titles = [r.find(f"{SVG}title").text for r in by_class(root, "g", "bars")[0]]
    assert 300 <= len(set(titles)) <= svg_picture.FULL.max_bars
    assert re.fullmatch(r"\[0:\d+\] 0 to [0-9.e-]+", titles[0])
    assert any("each reaching the extremes of a run" in t for t in texts(root))


def test_three_axes_are_facets_labelled_by_their_leading_index():
    values = np.arange(60.0).reshape(3, 4, 5)
    root = picture_of(values)
    assert {"[0]", "[1]", "[2]"} <= set(texts(root))
    drawn = cells(root)
    assert len(drawn) == 60 and "[2, 3, 4] = 59" in drawn and drawn["[2, 3, 4] = 59"] == VIRIDIS_HIGH
    assert len(root.findall(f".//{SVG}svg")) == 3  # one nested grid per facet


def test_facets_are_capped_in_whole_rows_and_say_how_many_are_left_out():
    root = picture_of(np.random.default_rng(0).standard_normal((30, 2, 4, 4)).astype(np.float32))
    facets = root.findall(f".//{SVG}svg")
    assert len(facets) == picture.MAX_FACETS == 24
    assert "24 of 60 facets shown" in texts(root)
    assert "[11, 1]" in texts(root) and "[12, 0]" not in texts(root)


def decode_png(uri):
    """(indices, palette) of an indexed PNG data URI (filter type 0 rows, as png.py writes them)."""
    data = base64.b64decode(uri.split(",", 1)[1])
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    chunks, at = {}, 8
    while at < len(data):
        length, kind = struct.unpack(">I4s", data[at:at + 8])
        chunks.setdefault(kind, b"")
        chunks[kind] += data[at + 8:at + 8 + length]
        at += 12 + length
    width, height, depth, color_type = struct.unpack(">IIBB", chunks[b"IHDR"][:10])
    assert (depth, color_type) == (8, 3)
    rows = np.frombuffer(zlib.decompress(chunks[b"IDAT"]), np.uint8).reshape(height, width + 1)
    assert not rows[:, 0].any()
    return rows[:, 1:], np.frombuffer(chunks[b"PLTE"], np.uint8).reshape(-1, 3)


def test_a_big_matrix_is_a_strided_raster_with_a_histogram_and_says_so():
    rows = np.repeat(np.arange(1000, dtype=np.float32)[:, None], 1000, axis=1)  # each row its index
    rows[5, 3] = np.nan  # not on the sampled grid: counted, not drawn
    root = picture_of(rows)
    (image,) = root.iter(f"{SVG}image")
    indices, palette = decode_png(image.get("href"))
    assert indices.shape == (125, 125)  # every 8th row and column
    assert "a strided sample: every 8th row and column" in texts(root)
    colour = {i: colormap.hex_color(palette[indices[i, 0]]) for i in (0, 124)}
    scale = colormap.scale_for(0.0, 999.0)
    assert colour[0] == VIRIDIS_LOW and colour[124] == scale.color(124 * 8)
    assert (indices == indices[:, :1]).all()  # constant along each row
    histogram = by_class(root, "g", "histogram")[0]
    assert len(histogram.findall(f"{SVG}rect")) == 40
    assert "NaN 1" in texts(root)
    # Hovering a region of the raster names the indices it covers and their range.
    regions = [r.find(f"{SVG}title").text for r in by_class(root, "g", "regions")[0]]
    assert regions[0].startswith("[0:") and " 0 to " in regions[0]


def test_a_huge_tensor_is_read_through_a_sample_and_says_so():
    row = er.range(0.0, 10_000.0)  # broadcast: 10^8 values, one row of memory
    root = picture_of(er.broadcast_to(row, [10_000, 10_000]))
    notes = " ".join(texts(root))
    assert re.search(r"range, counts and histogram from a strided sample: [\d,]+ of 100,000,000 values", notes)
    assert "every 79th row and column" in notes


def test_complex_values_are_two_pictures_real_and_imaginary_parts():
    values = (np.arange(9.0) - 4).reshape(3, 3) + 1j * np.arange(9.0).reshape(3, 3)
    root = picture_of(values.astype(np.complex64))
    assert {"real part", "imaginary part"} <= set(texts(root))
    drawn = cells(root)
    assert drawn["[0, 0] = -4"] == BLUE_END  # the real part, diverging
    assert drawn["[2, 2] = 8"] == VIRIDIS_HIGH  # the imaginary part, non-negative


def test_bools_and_ints_are_drawn_as_numbers():
    drawn = cells(picture_of(np.eye(3, dtype=bool)))
    assert drawn["[0, 0] = 1"] == VIRIDIS_HIGH and drawn["[0, 1] = 0"] == VIRIDIS_LOW


@pytest.mark.parametrize("values", [[1.0, 2.0], [[1.0, 2.0], [3.0, 4.0]], 3.0, np.ones((20, 20)),
                                    np.arange(6.0)])
def test_scalars_tiny_and_uniform_tensors_stay_text(values):
    html = display.html(er.constant(values))
    assert "<svg" not in html and "<pre" in html


def test_pictures_can_be_turned_off():
    t = er.constant(np.arange(100.0).reshape(10, 10))
    old = display.set_pictures(False)
    try:
        assert "<svg" not in display.html(t)
        assert display.pictures_on() is False
    finally:
        display.set_pictures(old)
    assert "<svg" in display.html(t)


@pytest.mark.parametrize("shape", [(28, 28), (32, 32), (1000, 1000), (32, 3, 64, 64), (300,), (10**6,)])
def test_the_html_stays_well_within_the_output_bound(shape):
    t = er.constant(np.random.default_rng(0).standard_normal(shape).astype(np.float32))
    bundle = display.mimebundle(t)
    assert "<svg" in bundle["text/html"]  # not replaced by the cut text: 10 * max_chars is the bound
    assert len(bundle["text/html"]) < 150_000
    svg_of(bundle["text/html"])  # well-formed XML


def test_text_of_the_picture_follows_the_theme():
    root = picture_of(np.arange(100.0).reshape(10, 10) - 50)
    for text in root.iter(f"{SVG}text"):
        assert "currentColor" in text.get("style") or "var(--jp-content-font-color2" in text.get("style")


def test_a_tapes_big_gradients_are_small_pictures_in_its_html():
    x = er.constant(np.random.default_rng(0).standard_normal((28, 28)).astype(np.float32))
    with keep_gradients(er.GradientTape()) as tape:
        tape.watch(x)
        y = er.reduce_sum(er.tanh(x))
    tape.gradient(y, x)
    html = display.html(tape)
    # One picture: x's gradient (1 - tanh(x)**2); tanh's gradient is all ones, which one colour cannot show.
    assert html.count('class="eagerrepl-svg"') == 1
    thumbnail = svg_of(html[html.index("<svg", html.index("grad min")):])
    assert float(thumbnail.get("height")) <= svg_picture.THUMBNAIL.height * 1.5
    assert not texts(thumbnail)  # no scale or caption: the line's text says min, mean and max


def test_a_gradient_of_nan_is_marked_in_the_tape():
    x = er.constant(np.linspace(-1, 1, 16).astype(np.float32))
    with np.errstate(invalid="ignore", divide="ignore"):  # sqrt of the negative values
        with keep_gradients(er.GradientTape()) as tape:
            tape.watch(x)
            y = er.reduce_sum(er.sqrt(x))
        tape.gradient(y, x)
    html = display.html(tape)
    assert 'class="mark nan"' in html

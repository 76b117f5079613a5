"""Pictures of tensors in a terminal, as rich draws them: half-block cells in 24-bit colour, the
nearest of 256 colours where that is all the terminal has, ASCII shading without colour."""

import io
import re

import numpy as np
import pytest
from rich.console import Console

import eagerrepl as er
from eagerrepl import display
from eagerrepl.display import colormap
from eagerrepl.display.show import Picture
from eagerrepl.display.terminal_picture import MARKS, RAMP


def draw(value, color_system="truecolor", width=80):
    """(ANSI output, segments) of %show's picture of `value` on a console of `color_system`."""
    console = Console(file=io.StringIO(), width=width, color_system=color_system, force_terminal=True,
                      legacy_windows=False)
    renderable = display.rich_renderable(Picture(value))
    segments = list(console.render(renderable, console.options))
    console.print(renderable)
    return console.file.getvalue(), segments


def rgb(color):
    return tuple(color.get_truecolor()) if color is not None else None


def test_two_values_one_above_the_other_share_a_half_block_cell():
    _, segments = draw(er.constant([[-1.0], [1.0], [0.5], [0.25], [0.0], [-0.5], [1.0]]))
    cell = next(s for s in segments if s.text == "▀")
    palette = colormap.palette("diverging")
    assert rgb(cell.style.color) == tuple(palette[0])  # -1: the upper half, the foreground
    assert rgb(cell.style.bgcolor) == tuple(palette[colormap.LEVELS - 1])  # 1: the lower half


def test_a_heatmap_is_as_many_lines_as_half_its_rows():
    out, _ = draw(er.constant(np.arange(28 * 28, dtype=np.float32).reshape(28, 28)))
    rows = [line for line in out.splitlines() if "▀" in re.sub(r"\x1b\[[0-9;]*m", "", line)]
    assert len(rows) == 14
    assert all(re.sub(r"\x1b\[[0-9;]*m", "", row).strip() == "▀" * 28 for row in rows)


def test_truecolor_sends_24_bit_colours():
    out, _ = draw(er.constant(np.arange(100.0).reshape(10, 10)))
    assert "\x1b[38;2;" in out and "\x1b[48;2;" in out


def test_256_colours_are_the_fallback():
    out, _ = draw(er.constant(np.arange(100.0).reshape(10, 10)), color_system="256")
    assert "\x1b[38;5;" in out and "\x1b[38;2;" not in out and "▀" in out


def test_without_colour_cells_are_ascii_shading():
    values = np.linspace(0, 1, 30).reshape(5, 6).astype(np.float32)
    values[0, 0], values[0, 1], values[0, 2] = np.nan, np.inf, -np.inf
    out, _ = draw(er.constant(values), color_system=None)
    assert "\x1b[" not in out and "▀" not in out
    lines = out.splitlines()
    assert lines[0].startswith("Tensor shape=(5, 6) dtype=float32")
    grid = lines[1:6]
    # Two characters a cell (cells are tall); NaN, +Inf, -Inf marked; then low to high shading.
    assert grid[0].startswith(MARKS[colormap.NAN] * 2 + MARKS[colormap.POSINF] * 2 + MARKS[colormap.NEGINF] * 2)
    assert grid[4].rstrip().endswith(RAMP[-1] * 2)
    assert "? NaN 1" in out and "^ +Inf 1" in out and "v -Inf 1" in out


def test_the_plain_text_of_a_picture_is_ascii():
    t = er.constant(np.random.default_rng(0).standard_normal((40, 50)).astype(np.float32))
    plain = display.text(Picture(t))
    assert plain.isascii() and plain.startswith("Tensor shape=(40, 50)")
    assert "(0 in the middle)" in plain  # the diverging scale says where 0 is


def test_a_big_tensor_has_a_block_character_histogram():
    t = er.constant(np.random.default_rng(0).standard_normal((300, 400)).astype(np.float32))
    out, _ = draw(t)
    plain = re.sub(r"\x1b\[[0-9;]*m", "", out)
    (histogram,) = [line for line in plain.splitlines() if line.endswith("histogram")]
    assert set(histogram.split()[1]) <= set("▁▂▃▄▅▆▇█ ") and "█" in histogram
    assert "a strided sample" in plain


def test_bars_for_one_axis_and_facets_for_more():
    out, _ = draw(er.constant(np.sin(np.linspace(0, 6, 50))), color_system=None)
    assert "#" in out and "min -0.9982  max 0.9998" in out
    out, _ = draw(er.constant(np.arange(2 * 3 * 4 * 4.0).reshape(2, 3, 4, 4)), color_system=None)
    assert "[0, 0]" in out and "[1, 2]" in out


def test_a_narrow_terminal_gets_a_narrower_picture():
    out, _ = draw(er.constant(np.arange(10_000.0).reshape(100, 100)), width=40)
    plain = re.sub(r"\x1b\[[0-9;]*m", "", out)
    assert max(len(line) for line in plain.splitlines()) <= 40


@pytest.mark.parametrize("bad", ["text", [], {"a": 1}])
def test_values_without_numbers_say_why(bad):
    with pytest.raises(ValueError, match="cannot draw a picture"):
        Picture(bad)


def test_printing_a_tensor_stays_text():
    t = er.constant(np.arange(100.0).reshape(10, 10))
    out, _ = draw(t.numpy() * 0 + t.numpy())  # an ndarray drawn: the picture
    assert "▀" in out
    console = Console(file=io.StringIO(), width=80, color_system="truecolor", force_terminal=True)
    console.print(t)
    assert "▀" not in console.file.getvalue() and "[[ 0.  1." in console.file.getvalue()

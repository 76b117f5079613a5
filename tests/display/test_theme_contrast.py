"""The terminal's colours read on light and dark backgrounds: every styled piece of text eagerrepl
draws (a tape's tree with every kind of node, a tensor's header, a picture's captions, a derivative's
label) measured at a WCAG contrast of at least 4.5 in rich's light and dark terminal palettes.

rich turns each style into a colour for a palette as its HTML export does (faint text blended half
way to the background, the harsher of its two exports); cells of a picture, which have a background
colour of their own, are data rather than text and are left out. The HTML colours are measured in
JupyterLab (tests/browser/test_themes.py).
"""

import io
import re

import numpy as np
import pytest
from rich.console import Console
from rich.terminal_theme import DEFAULT_TERMINAL_THEME, MONOKAI

import eagerrepl as er
from eagerrepl import display
from eagerrepl.display.show import Picture
from eagerrepl.display.tape import keep_gradients
from eagerrepl.display.theme import contrast_ratio
from eagerrepl.shell.results import DerivativeResults

THEMES = {"light (rich's default)": DEFAULT_TERMINAL_THEME, "dark (MONOKAI)": MONOKAI}


def every_kind_of_node():
    """A tape drawn with an op, a Variable, a watched tensor, a constant, a shared node (#1 and its
    reference), gradients, a NaN mark, and once more cut short (`… more nodes below`)."""
    from rich.console import Group
    x = er.constant([1.0, -2.0])
    w = er.Variable([0.5, 3.0], name="w")
    with keep_gradients(er.GradientTape(persistent=True)) as tape:
        tape.watch(x)
        h = x * w
        y = er.reduce_sum(h * h + er.sin(h) + 2.0)
    tape.gradient(y, [x, w])
    whole = tape.render(y, names={id(x): "x", id(h): "h"}, mark={id(h): "NaN here"})
    cut = tape.render(y, max_depth=1)
    return Group(display.rich_renderable(whole), display.rich_renderable(cut)), tape


def pieces(renderable, theme):
    """(text, colour) of every styled piece of text the renderable draws, as rich colours them for `theme`."""
    console = Console(file=io.StringIO(), width=120, color_system="truecolor", force_terminal=True)
    out = []
    for segment in console.render(renderable, console.options):
        style = segment.style
        if not segment.text.strip() or style is None or style.bgcolor is not None:
            continue
        if all(0x2500 <= ord(c) <= 0x259F for c in segment.text.strip()):
            continue  # tree guides and picture cells (box drawing and block elements): lines, not text
        css = style.get_html_style(theme)
        match = re.search(r"(?:^|;)color: (#[0-9a-f]{6})", css)
        colour = match.group(1) if match else "#{:02x}{:02x}{:02x}".format(*theme.foreground_color)
        out.append((segment.text, tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5))))
    return out


def drawings():
    view, tape = every_kind_of_node()
    t = er.Variable(np.random.default_rng(0).standard_normal((300, 400)).astype(np.float32), name="weights")
    nan = np.linspace(-1, 1, 64).astype(np.float32)
    nan[3] = np.nan
    grad = DerivativeResults("x * y: shape (3,) float32", [("d/dx", er.constant(2.0)),
                                                          ("d/dy", er.constant([1.0, 2.0, 3.0]))],
                             "not a scalar, so it is summed")
    return {"tape": view, "tensor": t, "picture": Picture(t), "picture with NaN": Picture(nan), "%grad": grad}


@pytest.mark.parametrize("theme_name", THEMES)
@pytest.mark.parametrize("what", ["tape", "tensor", "picture", "picture with NaN", "%grad"])
def test_every_styled_piece_of_text_reads_on_the_background(theme_name, what):
    theme = THEMES[theme_name]
    drawn = pieces(display.rich_renderable(drawings()[what]), theme)
    assert drawn
    low = [(text, colour, round(contrast_ratio(colour, theme.background_color), 2)) for text, colour in drawn
           if contrast_ratio(colour, theme.background_color) < 4.5]
    assert not low, f"under 4.5 on {theme_name}: {low}"


def test_the_tape_uses_colour_for_each_kind_of_node():
    view, _ = every_kind_of_node()
    colours = {colour for _, colour in pieces(view, DEFAULT_TERMINAL_THEME)}
    # ops, Variables, watched tensors, gradients and NaN marks apart (MONOKAI's red is its magenta)
    assert len(colours) >= 5

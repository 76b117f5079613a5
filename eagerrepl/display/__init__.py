"""Renderings of values for every front end: plain text, rich for the terminal, HTML (and SVG) for Jupyter.

Pure functions from values to renderings, through one extension point: a renderer registered per
class (renderers.py says what a renderer is and how values reach it). This package registers the
renderers of tensors and Variables (tensor.py), tapes and their views (tape.py) and plots (plot.py),
and attaches itself to the engine (engine/rendering.py), so the engine's values show themselves
without the engine importing display.
"""

import sys

from ..engine import rendering as _engine_rendering
from ..engine.gradient_tape import GradientTape as _GradientTape
from ..engine.tensor import Tensor as _Tensor
from ..engine.variable import Variable as _Variable
from . import plot, tape, tensor
from .renderers import DEFAULT_LIMITS, Shown, html, html_pre, mimebundle, register, rich_renderable, text

__all__ = ["DEFAULT_LIMITS", "Shown", "html", "html_pre", "mimebundle", "register", "render_tape",
           "rich_renderable", "tape_to_dot", "text"]

register((_Tensor, _Variable), tensor)
register((_GradientTape, tape.TapeView), tape)
register(plot.Plot, plot)


def render_tape(tape_, target=None, **options):
    """GradientTape.render: a view of the tape drawn as a tree (options as display.tape.TapeView takes)."""
    return tape.TapeView(tape_, target, **options)


def tape_to_dot(tape_, target=None, names=None):
    """GradientTape.to_dot: the recorded graph in Graphviz DOT."""
    return tape.to_dot(tape_, target, names)


_engine_rendering.attach(sys.modules[__name__])

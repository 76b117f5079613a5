"""Display attached to the engine: the renderers of Tensor, Variable and GradientTape, and the engine's hook.

Importing this module registers the renderers of tensors and Variables (tensor.py) and of tapes and
their drawings (tape.py), and hands the engine (engine/rendering.py) the functions its values show
themselves with. The public API (api.py) imports it, so every program that uses `eagerrepl.NAME`
shows its values, in Jupyter and IPython too; it is apart from display/__init__.py so that importing
display alone does not load the engine.
"""

import sys

from ..engine import rendering
from ..engine.gradient_tape import GradientTape
from ..engine.tensor import Tensor
from ..engine.variable import Variable
from . import tape, tensor
from .renderers import mimebundle, register, rich_renderable, text

__all__ = ["mimebundle", "render_tape", "rich_renderable", "tape_to_dot", "text"]

register((Tensor, Variable), tensor)
register((GradientTape, tape.TapeView), tape)


def render_tape(tape_, target=None, **options):
    """GradientTape.render: a view of the tape drawn as a tree (options as display.tape.TapeView takes)."""
    return tape.TapeView(tape_, target, **options)


def tape_to_dot(tape_, target=None, names=None):
    """GradientTape.to_dot: the recorded graph in Graphviz DOT."""
    return tape.to_dot(tape_, target, names)


rendering.attach(sys.modules[__name__])

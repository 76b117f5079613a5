"""Renderings of values for every front end: plain text, rich for the terminal, HTML (and SVG) for Jupyter.

Pure functions from values to renderings, through one extension point: a renderer registered per
class (renderers.py says what a renderer is and how values reach it). Plots (plot.py) and pictures
of arrays (show.py: what %show draws) register here; the engine's values (tensor.py, tape.py) are
registered by attach.py, which the public API imports, so that importing display (the REPL does at
startup) does not load the engine. `set_pictures(False)` turns off the pictures beside tensors.
"""

from . import plot, show
from .picture import pictures_on, set_pictures
from .renderers import DEFAULT_LIMITS, Shown, html, html_pre, mimebundle, register, rich_renderable, text

__all__ = ["DEFAULT_LIMITS", "Shown", "html", "html_pre", "mimebundle", "pictures_on", "register",
           "rich_renderable", "set_pictures", "text"]

register(plot.Plot, plot)
register(show.Picture, show)

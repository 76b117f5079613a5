"""How engine values show themselves without the engine knowing how: the methods front ends call.

Drawing a value (plain text, rich for terminals, HTML for Jupyter) is eagerrepl.display's job, one
layer up; the engine must not import it. So display attaches itself here (eagerrepl/display/attach.py,
which the public API imports: the first `er.NAME` loads it), and the methods below, which Tensor,
Variable and GradientTape take as their own, hand the value to it. Display then draws it with the
renderer registered for its class: the one extension point every displayable goes through (see
eagerrepl/display/renderers.py). A program that imports only eagerrepl.engine gets Python's plain
reprs, and a tape's drawing methods say what to import.

What display/attach.py provides: mimebundle(obj), rich_renderable(obj), text(obj, limits), and for
tapes render_tape(tape, target, **options) and tape_to_dot(tape, target, names).
"""

_display = None  # the eagerrepl.display package, once imported


def attach(display):
    """Show engine values through `display` from now on (eagerrepl.display.attach calls this when imported)."""
    global _display
    _display = display


def display(what):
    """The attached display (display/attach.py), or an error saying that `what` needs it."""
    if _display is None:
        raise RuntimeError(f"{what} draws with eagerrepl.display, which is not attached: "
                           "import eagerrepl.display.attach (the public API, eagerrepl.NAME, imports it)")
    return _display


def repr_mimebundle(self, include=None, exclude=None):
    """Jupyter's and IPython's renderings of the value by mimetype (None while display is not attached)."""
    return None if _display is None else _display.mimebundle(self)


def rich(self):
    """The value as rich draws it in a terminal."""
    return repr(self) if _display is None else _display.rich_renderable(self)


def text(self):
    """The value's plain-text rendering, whole (print() and str()); its repr while display is not attached."""
    return object.__repr__(self) if _display is None else _display.text(self, None)

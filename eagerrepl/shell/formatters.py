"""eagerrepl's values in IPython's display formatters: every rendering they have, within the output limits.

Tensors, Variables, tapes and the magics' results are rendered by eagerrepl.display
(`display.mimebundle`: text/plain, text/html, and image/svg+xml for %plot), bounded by the
settings' output limits. They are registered with IPython's mimebundle formatter by module and
class name, so registering imports nothing: the engine loads when a tensor is first made.
"""

# Renderers for these classes replace their own `_repr_mimebundle_`, which knows no limits.
TYPES = [
    ("eagerrepl.engine.tensor", "Tensor"),
    ("eagerrepl.engine.variable", "Variable"),
    ("eagerrepl.engine.gradient_tape", "GradientTape"),
    ("eagerrepl.display.tape", "TapeView"),
    ("eagerrepl.display.plot", "Plot"),
    ("eagerrepl.shell.results", "DerivativeResults"),
    ("eagerrepl.shell.results", "NanReport"),
]


class _Namespace:
    """What display.use_names_of reads: an object with a `namespace` (the shell's user_ns)."""

    def __init__(self, namespace):
        self.namespace = namespace


def register(shell, settings):
    """Render eagerrepl's values in `shell` through eagerrepl.display; returns the function that undoes it."""
    from .. import display
    formatter = shell.display_formatter.mimebundle_formatter

    def bundle(obj):
        return display.mimebundle(obj, settings.limits)

    previous = {kind: formatter.for_type_by_name(*kind, bundle) for kind in TYPES}
    # A tape names its leaves as the user's namespace does (`x`, `W`). MERGE: once display takes a
    # `names=` argument, pass `names=shell.user_ns` in `bundle` above and drop this and _Namespace.
    names = _Namespace(shell.user_ns)
    display.use_names_of(names)  # display keeps a weak reference: `undo` below keeps `names` alive

    def undo():
        for (module, name), old in previous.items():
            formatter.pop(f"{module}.{name}", None)
            if old is not None:
                formatter.for_type_by_name(module, name, old)
        names.namespace = {}
    return undo

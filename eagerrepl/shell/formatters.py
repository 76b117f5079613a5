"""eagerrepl's values in IPython's display formatters: every rendering they have, within the output limits.

Tensors, Variables, tapes, pictures and the magics' results are rendered by eagerrepl.display
(`display.mimebundle`: text/plain, text/html, and image/svg+xml for %plot), bounded by the
settings' output limits. They are registered with IPython's mimebundle formatter by module and
class name, so registering imports nothing: the engine loads when a tensor is first made.

The setting `Eagerrepl.pictures` (`%config Eagerrepl.pictures = False`) is display's
`set_pictures`: whether tensors show a picture beside their values in HTML.
"""

# Renderers for these classes replace their own `_repr_mimebundle_`, which knows no limits.
TYPES = [
    ("eagerrepl.engine.tensor", "Tensor"),
    ("eagerrepl.engine.variable", "Variable"),
    ("eagerrepl.engine.gradient_tape", "GradientTape"),
    ("eagerrepl.display.tape", "TapeView"),
    ("eagerrepl.display.plot", "Plot"),
    ("eagerrepl.display.show", "Picture"),
    ("eagerrepl.shell.results", "DerivativeResults"),
    ("eagerrepl.shell.results", "NanReport"),
]


def register(shell, settings):
    """Render eagerrepl's values in `shell` through eagerrepl.display; returns the function that undoes it."""
    from .. import display
    formatter = shell.display_formatter.mimebundle_formatter

    def bundle(obj):
        # A tape names its leaves as the user's namespace does (`x`, `W`).
        return display.mimebundle(obj, settings.limits, names=shell.user_ns)

    previous = {kind: formatter.for_type_by_name(*kind, bundle) for kind in TYPES}

    def follow(change):
        display.set_pictures(change["new"])

    was = display.set_pictures(settings.pictures)
    settings.observe(follow, names="pictures")

    def undo():
        for (module, name), old in previous.items():
            formatter.pop(f"{module}.{name}", None)
            if old is not None:
                formatter.for_type_by_name(module, name, old)
        settings.unobserve(follow, names="pictures")
        display.set_pictures(was)
    return undo

"""The one extension point through which every value is shown: a renderer registered per class.

`register(cls, renderer)` makes instances of `cls` (and its subclasses) render with `renderer`, any
object (a module, a class) with three functions of the value:

    text(obj)  -> str                  plain text: terminals, logs, print(), Jupyter's text/plain
    html(obj)  -> str or None          HTML for Jupyter
    rich(obj)  -> a rich renderable    the terminal's picture (rich is loaded by then)

and, where it needs them:

    bundle(obj) -> {mimetype: data}    every rendering at once, text/plain included, when making them
                                       together is cheaper or there are more (a plot's image/svg+xml)
    named(obj, names) -> obj           what to draw in obj's place when it is shown from a namespace
                                       (name -> value): a tape names its leaves after it

`text`, `html`, `mimebundle` and `rich_renderable` below render any value through its renderer,
and through Python's and IPython's own protocols for the rest. Values reach them from everywhere:
the front ends call them; display's own classes (tape views, plots) inherit `Shown`, and the
engine's (Tensor, Variable, GradientTape) get the same methods from eagerrepl.engine.rendering, so
that Jupyter, IPython, rich and print() find the registered renderer wherever the value is shown.
The shell's results (magic outputs) plug in the same way: a class, a renderer, `register`.

Every rendering a front end shows is bounded by OutputLimits (limits.py): a huge value shows a
screenful, quickly. rich is imported only when a rich renderable is asked for, so the Jupyter kernel
never loads it.
"""

from html import escape

from .limits import OutputLimits, is_big

DEFAULT_LIMITS = OutputLimits()
_WHOLE = OutputLimits(None, None)

_renderers = []  # (class or tuple of classes, renderer), newest first


def register(cls, renderer):
    """Render instances of `cls` (a class or a tuple of classes) with `renderer` (see the module's docstring)."""
    _renderers.insert(0, (cls, renderer))


def renderer_for(obj):
    """The renderer registered for `obj`'s class (the newest that matches), or None."""
    for cls, renderer in _renderers:
        if isinstance(obj, cls):
            return renderer
    return None


def _lookup(obj, names):
    """(what to draw, its renderer or None) for `obj` shown from the namespace `names`."""
    renderer = renderer_for(obj)
    named = getattr(renderer, "named", None)
    if names is not None and named is not None:
        obj = named(obj, names)
        renderer = renderer_for(obj)
    return obj, renderer


def text(obj, limits=DEFAULT_LIMITS, names=None):
    """The plain-text rendering of `obj` (a tensor's header and summarised values; else repr), bounded.

    `names` is the namespace the value is shown from (name -> value): a tape names its leaves after
    it. `limits=None` gives the whole text.
    """
    limits = limits or _WHOLE
    obj, renderer = _lookup(obj, names)
    if renderer is not None:
        return limits.clip(renderer.text(obj))
    return limits.clip(limits.plain(obj))


def html(obj, names=None):
    """The HTML rendering of `obj`, or None when it has none of its own (`names` as for `text`)."""
    obj, renderer = _lookup(obj, names)
    if renderer is not None:
        return renderer.html(obj)
    method = getattr(obj, "_repr_html_", None)
    if callable(method) and not isinstance(obj, type):
        return method()
    return None


def mimebundle(obj, limits=DEFAULT_LIMITS, names=None):
    """A Jupyter-style dict of renderings of `obj` by mimetype ("text/plain", "text/html", ...), bounded.

    `names` and `limits=None` as for `text`.
    """
    limits = limits or _WHOLE
    obj, renderer = _lookup(obj, names)
    if renderer is not None:
        make_bundle = getattr(renderer, "bundle", None)
        if make_bundle is not None:
            return _bounded(make_bundle(obj), limits)
        bundle = {"text/plain": renderer.text(obj)}
        rendered = renderer.html(obj)
        if rendered is not None:
            bundle["text/html"] = rendered
        return _bounded(bundle, limits)
    method = getattr(obj, "_repr_mimebundle_", None)
    if callable(method) and not isinstance(obj, type):
        bundle = method(include=None, exclude=None)
        if isinstance(bundle, tuple):  # IPython allows (data, metadata)
            bundle = bundle[0]
        bundle = dict(bundle or {})
        if "text/plain" not in bundle:
            bundle["text/plain"] = limits.plain(obj)
        return _bounded(bundle, limits)
    bundle = {"text/plain": limits.plain(obj)}
    rendered = html(obj)
    if rendered is not None:
        bundle["text/html"] = rendered
    return _bounded(bundle, limits)


def _bounded(bundle, limits):
    """The bundle with its text/plain clipped, and an oversized text/html replaced by the clipped text."""
    plain = bundle.get("text/plain")
    if isinstance(plain, str):
        bundle["text/plain"] = plain = limits.clip(plain)
    markup = bundle.get("text/html")
    # HTML cannot be cut anywhere without breaking it; where it is too long, the clipped text stands in.
    # Its bound is ten times the text's, since markup is wordier than what it shows.
    if isinstance(markup, str) and limits.max_chars is not None and len(markup) > 10 * limits.max_chars:
        bundle["text/html"] = html_pre(plain if isinstance(plain, str) else limits.clip(markup))
    return bundle


def rich_renderable(obj, limits=DEFAULT_LIMITS, names=None):
    """A rich renderable for `obj`: its renderer's, else the object's own, else a pretty repr.

    `names` as for `text`. Front ends cut what it draws to `limits.max_lines` lines; a value too big
    to pretty-print quickly (limits.plain abbreviates it) is drawn as that abbreviated text instead.
    """
    limits = limits or _WHOLE
    obj, renderer = _lookup(obj, names)
    if renderer is not None:
        return renderer.rich(obj)
    if hasattr(obj, "__rich_console__") or (hasattr(obj, "__rich__") and not isinstance(obj, type)):
        return obj
    # rich is imported here, not at the top (15 to 40 ms): the REPL's first prompt does not wait
    # for it, and the Jupyter kernel, which never asks for a rich renderable, never loads it.
    if is_big(obj, limits):
        from rich.text import Text
        return Text(limits.clip(limits.plain(obj)))
    from rich.pretty import Pretty
    return Pretty(obj)


def html_pre(text_):
    """`text_` as an HTML <pre> block, escaped."""
    return f"<pre>{escape(text_)}</pre>"


class Shown:
    """Base of display's own value classes: IPython, Jupyter, rich and print() show them through their renderer."""

    __slots__ = ()

    def _repr_mimebundle_(self, include=None, exclude=None):
        return mimebundle(self)

    def __rich__(self):
        return rich_renderable(self)

    def __str__(self):
        return text(self, None)

    __repr__ = __str__

"""Renderings of values for every front end: plain text, HTML for Jupyter, rich for the terminal.

Pure functions from values to renderings. Rich is imported only inside `rich_renderable`, so
importing this package costs nothing at REPL startup and the Jupyter kernel never loads rich.

Every rendering is bounded (display.limits): a huge value shows a screenful, quickly.

Tapes and plots draw themselves (`_repr_mimebundle_`, `__rich__`); another value kind can plug in
with `register(cls, renderer)`, a renderer being any object with `text(obj)`, `html(obj)` and
`rich(obj)` functions, such as a module.
"""

from html import escape as _escape

from .limits import OutputLimits

DEFAULT_LIMITS = OutputLimits()

_renderers = []  # (class, renderer), newest first; the tensor renderer is added on first use
_builtin_added = False


def register(cls, renderer):
    """Render instances of `cls` with `renderer` (an object with text, html and rich functions)."""
    _renderers.insert(0, (cls, renderer))


def _renderer_for(obj):
    global _builtin_added
    if not _builtin_added:
        # The tensor renderer is registered on first use: importing the engine's classes at
        # import time would make `eagerrepl.display` and `eagerrepl` import each other.
        import eagerrepl
        from . import tensor
        _renderers.append(((eagerrepl.Tensor, eagerrepl.Variable), tensor))
        _builtin_added = True
    for cls, renderer in _renderers:
        if isinstance(obj, cls):
            return renderer
    return None


def _named(obj, names):
    """What to draw for `obj` shown from the namespace `names`: a tape labels its leaves with the names bound to them."""
    if names is None:
        return obj
    from ..engine.gradient_tape import GradientTape
    if not isinstance(obj, GradientTape):
        return obj
    from .tape import namespace_names
    return obj.render(names=namespace_names(names))


def text(obj, limits=DEFAULT_LIMITS, names=None):
    """The plain-text rendering of `obj` (a tensor's header and summarised values; else repr), bounded.

    `names` is the namespace the value is shown from (name -> value): a tape names its leaves after it.
    """
    obj = _named(obj, names)
    renderer = _renderer_for(obj)
    if renderer is not None:
        return limits.clip(renderer.text(obj))
    return limits.clip(limits.plain(obj))


def html(obj, names=None):
    """The HTML rendering of `obj`, or None when it has none of its own (`names` as for `text`)."""
    obj = _named(obj, names)
    renderer = _renderer_for(obj)
    if renderer is not None:
        return renderer.html(obj)
    method = getattr(obj, "_repr_html_", None)
    if callable(method) and not isinstance(obj, type):
        return method()
    return None


def mimebundle(obj, limits=DEFAULT_LIMITS, names=None):
    """A Jupyter-style dict of renderings of `obj` by mimetype ("text/plain", "text/html", ...), bounded (`names` as for `text`)."""
    obj = _named(obj, names)
    renderer = _renderer_for(obj)
    if renderer is not None:
        return _bounded({"text/plain": renderer.text(obj), "text/html": renderer.html(obj)}, limits)
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
    """A rich renderable for `obj`: the tensor view for tensors, else the object's own or a pretty repr.

    `names` as for `text`. Front ends cut what it draws to `limits.max_lines` lines; a value too big to pretty-print
    quickly (limits.plain abbreviates it) is drawn as that abbreviated text instead.
    """
    obj = _named(obj, names)
    renderer = _renderer_for(obj)
    if renderer is not None:
        return renderer.rich(obj)
    if hasattr(obj, "__rich_console__") or (hasattr(obj, "__rich__") and not isinstance(obj, type)):
        return obj
    from .limits import _is_big
    if _is_big(obj, limits):
        from rich.text import Text
        return Text(limits.clip(limits.plain(obj)))
    from rich.pretty import Pretty
    return Pretty(obj)


def html_pre(text_):
    """`text_` as an HTML <pre> block, escaped."""
    return f"<pre>{_escape(text_)}</pre>"

"""Renderings of values for every front end: plain text, HTML for Jupyter, rich for the terminal.

Pure functions from values to renderings. Rich is imported only inside `rich_renderable`, so
importing this package costs nothing at REPL startup and the Jupyter kernel never loads rich.

Other value kinds (tapes, plots) plug in with `register(cls, renderer)`; a renderer is any object
with `text(obj)`, `html(obj)` and `rich(obj)` functions, such as a module.
"""

from html import escape as _escape

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


def text(obj):
    """The plain-text rendering of `obj` (a tensor's header and summarised values; else repr)."""
    renderer = _renderer_for(obj)
    if renderer is not None:
        return renderer.text(obj)
    return _plain(obj)


def html(obj):
    """The HTML rendering of `obj`, or None when it has none of its own."""
    renderer = _renderer_for(obj)
    if renderer is not None:
        return renderer.html(obj)
    method = getattr(obj, "_repr_html_", None)
    if callable(method) and not isinstance(obj, type):
        return method()
    return None


def mimebundle(obj):
    """A Jupyter-style dict of renderings of `obj` by mimetype ("text/plain", "text/html", ...)."""
    renderer = _renderer_for(obj)
    if renderer is not None:
        return {"text/plain": renderer.text(obj), "text/html": renderer.html(obj)}
    method = getattr(obj, "_repr_mimebundle_", None)
    if callable(method) and not isinstance(obj, type):
        bundle = method(include=None, exclude=None)
        if isinstance(bundle, tuple):  # IPython allows (data, metadata)
            bundle = bundle[0]
        bundle = dict(bundle or {})
        bundle.setdefault("text/plain", _plain(obj))
        return bundle
    bundle = {"text/plain": _plain(obj)}
    rendered = html(obj)
    if rendered is not None:
        bundle["text/html"] = rendered
    return bundle


def rich_renderable(obj):
    """A rich renderable for `obj`: the tensor view for tensors, else the object's own or a pretty repr."""
    renderer = _renderer_for(obj)
    if renderer is not None:
        return renderer.rich(obj)
    if hasattr(obj, "__rich_console__") or (hasattr(obj, "__rich__") and not isinstance(obj, type)):
        return obj
    from rich.pretty import Pretty
    return Pretty(obj)


def html_pre(text_):
    """`text_` as an HTML <pre> block, escaped."""
    return f"<pre>{_escape(text_)}</pre>"


def _plain(obj):
    import pprint
    # pprint keeps short values on one line and breaks long containers the way IPython does.
    return pprint.pformat(obj, width=100) if isinstance(obj, (dict, list, tuple, set)) else repr(obj)

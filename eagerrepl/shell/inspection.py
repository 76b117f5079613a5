"""Help on live objects: type, signature, docstring, and source on request (`x?`, `x??`, Shift-Tab)."""

import inspect
import re

from .outputs import Inspection

_NAME_AT_END = re.compile(r"[A-Za-z_][\w.]*$")
_NAME_AT_START = re.compile(r"^\w*")


def lookup(session, name):
    """The object a dotted name refers to in the session's namespace (no calls, no indexing)."""
    parts = name.split(".")
    if not all(part.isidentifier() for part in parts):
        raise NameError(f"{name!r} is not a name; `?` works on names like x or er.reduce_sum")
    ns = session.namespace
    import builtins
    if parts[0] in ns:
        obj = ns[parts[0]]
    elif hasattr(builtins, parts[0]):
        obj = getattr(builtins, parts[0])
    else:
        raise NameError(f"name {parts[0]!r} is not defined")
    for part in parts[1:]:
        obj = getattr(obj, part)
    return obj


def name_at(source, cursor):
    """The dotted name under the cursor, or the callee when the cursor is inside a call's brackets."""
    before, after = source[:cursor], source[cursor:]
    match = _NAME_AT_END.search(before)
    if match and match.group():
        return match.group() + _NAME_AT_START.match(after).group()
    depth = 0
    for i in range(len(before) - 1, -1, -1):
        ch = before[i]
        if ch in ")]}":
            depth += 1
        elif ch in "([{":
            if depth == 0:
                if ch != "(":
                    return None
                match = _NAME_AT_END.search(before[:i].rstrip())
                return match.group() if match else None
            depth -= 1
    return None


def describe(obj, name, detail=0):
    """Plain-text help for `obj`: type, value summary, signature, docstring, file; source when detail>0."""
    from ..display import text as display_text
    lines = [f"Type:      {_type_name(obj)}"]
    if inspect.isclass(obj) or callable(obj):
        signature = _signature(obj)
        if signature is not None:
            lines.append(f"Signature: {name}{signature}")
    else:
        value = display_text(obj)
        if len(value) > 2000:
            value = value[:2000] + " ..."
        lines.append("Value:     " + value.replace("\n", "\n           "))
    doc = inspect.getdoc(obj) if (inspect.isclass(obj) or callable(obj) or inspect.ismodule(obj)) \
        else inspect.getdoc(type(obj))
    if doc:
        lines.append("Docstring:")
        lines.extend("    " + line if line else "" for line in doc.splitlines())
    filename = _file_of(obj)
    if filename:
        lines.append(f"File:      {filename}")
    if detail > 0:
        try:
            source = inspect.getsource(obj)
        except (TypeError, OSError):
            source = None
        if source:
            lines.append("Source:")
            lines.extend(source.rstrip("\n").splitlines())
    return "\n".join(lines)


def help_text(session, name, detail=0):
    """What `name?` prints: the description, or a short guide when no name is given."""
    if not name:
        return _GUIDE
    try:
        obj = lookup(session, name)
    except (NameError, AttributeError) as exc:
        return f"Object `{name}` not found: {exc}"
    return describe(obj, name, detail)


def inspect_at(session, source, cursor, detail=0):
    """An Inspection of the object at `cursor`, as Jupyter's inspect_request wants."""
    name = name_at(source, cursor)
    if not name:
        return Inspection(False)
    try:
        obj = lookup(session, name)
    except Exception:  # an unknown name or a failing attribute: nothing to show, not an error
        return Inspection(False)
    return Inspection(True, {"text/plain": describe(obj, name, detail)})


def _type_name(obj):
    cls = type(obj)
    return cls.__name__ if cls.__module__ in ("builtins", None) else f"{cls.__module__}.{cls.__qualname__}"


def _signature(obj):
    try:
        return str(inspect.signature(obj))
    except (TypeError, ValueError):
        return None


def _file_of(obj):
    try:
        filename = inspect.getfile(obj if inspect.isclass(obj) or inspect.ismodule(obj)
                                   or inspect.isroutine(obj) else type(obj))
    except TypeError:
        return None
    return None if filename.startswith("<In [") else filename


_GUIDE = """\
eagerrepl: type Python; each cell's last expression is shown as Out[n].
  er, np        eagerrepl and numpy, already imported
  x? / x??      help on x / help with its source
  %magic        every magic command with a line of help (%time, %timeit, %who, %device, ...)
  Out[n], _     earlier results; In[n] earlier cells
  Tab           complete names, attributes, dict keys, paths and magics"""

"""The shell layer: IPython's InteractiveShell, and the eagerrepl IPython extension added to it (extension.py).

The magics are in shell/magics/, what they read in expression.py and what they show in results.py;
formatters.py, bounded_text.py, tracebacks.py and out_budget.py are how values, text, errors and
Out behave in a shell with eagerrepl loaded.
"""

_OLD_SESSION = {"Session", "UsageError", "line_magic", "cell_magic", "ExecutionResult", "Stream", "DisplayData",
                "Error", "Completions", "Inspection"}


def __getattr__(name):
    # The old home-made Session, loaded only when asked for: docs/make_errors.py still runs on it.
    # Delete with session.py once nothing imports it.
    if name not in _OLD_SESSION:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from . import magics, outputs, session
    for module in (session, magics, outputs):
        if hasattr(module, name):
            return getattr(module, name)
    raise AttributeError(name)

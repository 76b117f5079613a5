"""eagerrepl: an eager tensor library with automatic differentiation, after TensorFlow's eager mode.

    import eagerrepl as er          # or: import eagerrepl as tf / as tfe
    x = er.constant([[2.0]])
    er.matmul(x, x)                 # Tensor([[4.]], shape=(1, 1), dtype=float32)
"""

__version__ = "0.1.0"


def _load_api():
    # The engine and numpy load when a name is first used (PEP 562), not at `import eagerrepl`:
    # tools built on the package, such as the Jupyter kernel, answer before paying for them.
    import importlib
    api = importlib.import_module(__name__ + ".api")  # not `from . import`: that asks __getattr__
    names = {name: getattr(api, name) for name in api.__all__}
    globals().update(names)  # later lookups are plain module attributes
    return names


# Subpackages are imported, not looked up in the API: `from .. import backend` asks __getattr__
# for them while the API may itself be loading.
_SUBPACKAGES = {"api", "backend", "cli", "demo", "display", "engine", "kernel", "repl", "shell"}


def __getattr__(name):
    if name in _SUBPACKAGES:
        import importlib
        return importlib.import_module(f"{__name__}.{name}")
    names = _load_api()
    if name not in names:
        raise AttributeError(f"module 'eagerrepl' has no attribute {name!r}")
    return names[name]


def load_ipython_extension(ip):
    """`%load_ext eagerrepl`: add eagerrepl's magics, displays and names to the IPython shell `ip`."""
    from .shell.extension import load_ipython_extension as load
    load(ip)


def unload_ipython_extension(ip):
    """`%unload_ext eagerrepl`: remove what loading added."""
    from .shell.extension import unload_ipython_extension as unload
    unload(ip)


# Hidden from `dir(er)`, and so from Tab after `er.`: the subpackages and the IPython extension hooks
# are there for tools, not for the person exploring the API.
_NOT_LISTED = _SUBPACKAGES | {"load_ipython_extension", "unload_ipython_extension"}


def __dir__():
    return sorted((set(globals()) | set(_load_api())) - _NOT_LISTED)

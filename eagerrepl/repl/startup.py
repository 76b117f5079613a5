"""Coming up quickly: numpy, which the eagerrepl extension puts in the namespace as `np`, is imported
when it is first used, or in the first moment the REPL's prompt waits for keys, not before.

numpy takes about a third as long to import as IPython itself. Until it is imported,
`sys.modules["numpy"]` is a deferred module: the very module object that numpy's import then
fills in, so `np` is numpy itself. An `import numpy` statement (the extension's, the engine's) only
binds it; touching anything in it (`np.pi`, `from numpy import x`, `import numpy.linalg`) runs
numpy's import first. importlib's LazyLoader does the same, except that before Python 3.12 an
`import numpy` statement already triggers it and two threads touching it at once can fail; this
module's version waits for an import under way in another thread.
"""

import importlib.util
import sys
import threading
import types

# What the import system reads from a module in sys.modules to bind it (`import numpy`), and what
# tools that scan sys.modules read (inspect, tracebacks): answering them imports nothing.
_METADATA = frozenset({"__spec__", "__name__", "__loader__", "__package__", "__file__", "__cached__",
                       "__class__"})
_lock = threading.RLock()  # one deferred import at a time; the thread running it may re-enter
_importing = set()  # names whose import is running (in the thread holding the lock)


class _Deferred(types.ModuleType):
    """A module whose code runs when anything but its import metadata is first used."""

    def __getattribute__(self, name):
        if name in _METADATA:
            return object.__getattribute__(self, name)
        _finish(self)
        return types.ModuleType.__getattribute__(self, name)

    def __setattr__(self, name, value):
        _finish(self)
        types.ModuleType.__setattr__(self, name, value)

    def __delattr__(self, name):
        _finish(self)
        types.ModuleType.__delattr__(self, name)


def defer_import(name):
    """Put a deferred module for `name` in sys.modules; None when it is imported already or missing."""
    if name in sys.modules:
        return None
    spec = importlib.util.find_spec(name)
    if spec is None or spec.loader is None:
        return None  # not installed: let the import fail where it is made, saying so
    module = importlib.util.module_from_spec(spec)
    module.__class__ = _Deferred
    sys.modules[name] = module
    return module


def finish_import(module):
    """Run a deferred module's import now, if it has not run; returns the module."""
    if isinstance(module, _Deferred):
        _finish(module)
    return module


def _finish(module):
    spec = object.__getattribute__(module, "__spec__")
    with _lock:
        # Another thread may have finished it while this one waited; the thread importing it
        # comes back here whenever numpy's own code uses the module being filled in.
        if type(module) is not _Deferred or spec.name in _importing:
            return
        _importing.add(spec.name)
        try:
            spec.loader.exec_module(module)
        except BaseException:
            if sys.modules.get(spec.name) is module:
                del sys.modules[spec.name]  # as a failed import leaves it: a later import tries again
            raise
        finally:
            _importing.discard(spec.name)
        object.__setattr__(module, "__class__", types.ModuleType)

"""NaN and Inf hunting: er.seterr / er.errstate make the first op that produces a NaN or Inf raise or warn.

Settings are per thread, like numpy's. Which op is to blame: an op is reported for NaN when its
output has a NaN and none of its inputs has one, and for Inf when its output has an infinity and
none of its inputs has one. An op that merely carries a NaN along is never reported, so the error
names where the NaN was born. `inf - inf` gives a NaN from inputs without NaN: it is reported under
nan="raise" even when inf="ignore".

Backward passes run ordinary ops, so a gradient that turns NaN is caught the same way; the message
then says which op's gradient was being computed.

While a kind is checked, numpy's own RuntimeWarnings for it (invalid for NaN; divide and overflow
for Inf) are silenced in the thread, so one event gives one message; they come back when checks go
off.
"""

import contextlib
import os
import sys
import threading
import warnings

import numpy as np

from .. import backend
from . import primitive
from . import tape as _tape
from .errors import InvalidArgumentError, NonFiniteError, NonFiniteWarning, describe
from .gradient_tape import GradientTape

__all__ = ["errstate", "geterr", "seterr"]

MODES = ("ignore", "warn", "raise")
_state = _tape.state
_PACKAGE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__))) + os.sep
_NUMPY_KEYS = {"nan": ("invalid",), "inf": ("divide", "over")}

_lock = threading.Lock()
_checking_threads = 0  # threads with checks on; while none, tapes record without any check
_BACKWARD = GradientTape._backward.__code__  # its frame's `op` is the op whose gradient is being computed


def geterr():
    """This thread's settings: {"nan": mode, "inf": mode}, each "ignore", "warn" or "raise"."""
    check = _state.check
    return {"nan": "ignore", "inf": "ignore"} if check is None else {"nan": check[0], "inf": check[1]}


def seterr(all=None, nan=None, inf=None):  # noqa: A002 - numpy's keyword
    """Set what an op producing NaN or Inf does ("ignore", "warn" or "raise") in this thread; returns the old ones."""
    old = geterr()
    new = dict(old)
    for key, mode in (("nan", all), ("inf", all), ("nan", nan), ("inf", inf)):
        if mode is not None:
            if mode not in MODES:
                raise InvalidArgumentError("seterr", f"{key}={mode!r} is not a mode; use one of "
                                                     f"{', '.join(repr(m) for m in MODES)}")
            new[key] = mode
    if new != old:
        _apply(old, new)
    return old


class errstate(contextlib.ContextDecorator):
    """Context manager (or decorator): er.seterr's settings inside the block, the old ones after it."""

    def __init__(self, all=None, nan=None, inf=None):  # noqa: A002
        self._kwargs = {"all": all, "nan": nan, "inf": inf}
        self._old = []  # a stack, so that one errstate object may be entered again inside itself

    def __enter__(self):
        self._old.append(seterr(**self._kwargs))
        return self

    def __exit__(self, *exc):
        seterr(**self._old.pop())


def _apply(old, new):
    global _checking_threads
    was_on = _state.check is not None
    on = new != {"nan": "ignore", "inf": "ignore"}
    if not was_on:
        _state.numpy_saved = np.geterr()  # what to put back when checks go off
    saved = _state.numpy_saved
    silenced = {k: "ignore" for kind, keys in _NUMPY_KEYS.items() if new[kind] != "ignore" for k in keys}
    np.seterr(**{**saved, **silenced})
    _state.warned = set()  # "warn" says it once per op, counted afresh from each change of settings
    _tape.set_check((new["nan"], new["inf"]) if on else None)
    if on != was_on:
        with _lock:
            _checking_threads += 1 if on else -1
            primitive.set_check(check if _checking_threads else None)


def _has(x, test):
    value = getattr(x, "_value", x)
    if isinstance(value, (float, complex)):  # a Python number beside a tensor
        value = np.asarray(value)
    if isinstance(value, (bool, int)) or getattr(value, "dtype", np.dtype("O")).kind not in "fc":
        return False
    try:
        return bool(_on(test, value).any())
    except TypeError:
        return False


def _on(test, value):
    """numpy's `test` (np.isnan...) of an array on any device: CuPy's, directly, on a GPU (see primitive.py)."""
    return test(value) if isinstance(value, backend.HOST_TYPES) else backend.gpu_function(test)(value)


def check(op, out, inputs):
    """Raise or warn if `out` has a NaN or Inf that none of op's `inputs` has (the checks must be on)."""
    value = out._value
    if value.dtype.kind not in "fc" or _on(np.isfinite, value).all():
        return
    nan_mode, inf_mode = _state.check
    for kind, mode, test in (("NaN", nan_mode, np.isnan), ("Inf", inf_mode, np.isinf)):
        if mode == "ignore" or not _on(test, value).any() or any(_has(x, test) for x in inputs):
            continue
        _report(op.name, kind, mode, out, inputs, test)
        return


def _report(name, kind, mode, out, inputs, test):
    filename, lineno, backward_of = _user_frame()
    if mode == "warn":
        if name in _state.warned:
            return
        _state.warned.add(name)
    value = out._value
    count = int(_on(test, value).sum())
    where = f" (in the gradient of {backward_of})" if backward_of else ""
    tensors = [x for x in inputs if x is not None]
    shapes = " and ".join(describe(x) for x in tensors) or "no inputs"
    word = "inputs" if len(tensors) > 1 else "input"
    place = f"; at {filename}:{lineno}" if filename else ""
    message = (f"produced {kind}{where} in {count} of {value.size} values, from {word} {shapes} "
               f"{'that have' if len(tensors) > 1 else 'that has'} none{place}")
    if mode == "raise":
        raise NonFiniteError(name, message, kind, filename, lineno, out)
    warnings.warn_explicit(f"{name}: {message}", NonFiniteWarning, filename or "<unknown>", lineno or 0)


def _user_frame():
    """(filename, line, op whose gradient is being computed or None) of the first frame outside eagerrepl."""
    backward_of = None
    frame = sys._getframe(2)
    while frame is not None:
        code = frame.f_code
        if code is _BACKWARD and backward_of is None:
            op = frame.f_locals.get("op")
            backward_of = getattr(op, "name", None)
        if not os.path.abspath(code.co_filename).startswith(_PACKAGE_DIR):
            return code.co_filename, frame.f_lineno, backward_of
        frame = frame.f_back
    return None, None, backward_of

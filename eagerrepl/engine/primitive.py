"""Building ops: what an op is (Op), how its inputs are prepared, and how it computes and records.

Every op module builds its ops from this one: `unary` and `binary` make the common ops, `@primitive`
marks a function that computes an op with parameters (axes, shapes, indices) through `apply`.
An op's name is written once: the string given to unary/binary, or the name of the function
`@primitive` decorates. Each op is defined beside its vector-Jacobian products (VJPs), written in
engine ops, so outer tapes record a backward pass too and derivatives of any order follow.

`unary` and `binary` make ops with as little Python as possible on their path (no tape active: a
type test per input, a dtype test for two inputs, the array call, a Tensor, one test). That one test
is of `tape.anywhere`, a module global, empty unless some thread records or checks for NaN/Inf;
only then is `_state.observed` read: true while a tape records or checks are on in this thread.
Recorded ops then go to `_record`, which is tape.record, or `_record_and_check` while some thread
checks (`set_check`, called by errstate.py), so tapes pay nothing for checks nobody asked for; ops
that are never recorded go to `_observe`, which only checks.

Inputs of two dtypes follow one promotion rule (dtypes.result_type): numpy's, except that integers
and bools take the float's dtype, and Python numbers stay weak (they take the tensor's dtype).

An op's function is numpy's, or the engine's own written for either array module. On GPU arrays an op
calls `backend.gpu_function` of it: CuPy's function, directly, since numpy's dispatch into CuPy
(`__array_ufunc__`, `__array_function__`) costs microseconds per call. Until a GPU is used, choosing
costs one test of an empty dict.
"""

import numpy as np

from .. import backend
from . import tape
from .convert import PY_SCALARS, joint_python_dtype
from .dtypes import FLOAT, result_type
from .errors import DTypeError, describe, device_mismatch, op_error
from .opwarnings import reissue
from .tensor import Tensor, TensorLike, to_tensor

_state = tape.state
_anywhere = tape.anywhere
_record = tape.record
_check = None  # errstate.check while some thread checks for NaN/Inf
# Empty (false) until a GPU is used, so CPU-only work never pays for device checks.
_gpu_types = backend.GPU_ARRAY_TYPES
_on_gpu = backend.gpu_function
_HOST = backend.HOST_TYPES
NO_PARAMS = tape.NO_PARAMS


class Op:
    """A primitive: its name and one vector-Jacobian product per input (`vjps` None: no gradient, never recorded).

    `vjps[i](g, ans, *inputs, **params)` returns the gradient for input i, given the gradient
    `g` of the output `ans`; None there means no gradient flows to that input.
    """

    __slots__ = ("name", "vjps")

    def __init__(self, name, vjps=None):
        self.name = name
        self.vjps = vjps

    def __str__(self):  # errors name the op: f"{op}: ..."
        return self.name

    def __repr__(self):
        return f"Op({self.name!r})"


class NAry:
    """The VJPs of an op of any number of inputs, from one function: `fn(i, g, ans, *inputs, **params)` for input i."""

    __slots__ = ("fn",)

    def __init__(self, fn):
        self.fn = fn

    def __getitem__(self, i):
        fn = self.fn
        return lambda g, ans, *xs, **params: fn(i, g, ans, *xs, **params)


def primitive(*vjps, nary=None, name=None):
    """Decorator: the function computes the op `name` (by default its own name), with these VJPs.

    `vjps[i]` is input i's VJP; `nary` is one function for every input, given its index first (for
    ops of any number of inputs); with neither, the op has no gradient. The function finds its Op
    as `fn.op`, names it in its errors and hands it to `apply`.
    """
    def decorate(fn):
        fn.op = Op(name or fn.__name__, NAry(nary) if nary is not None else (vjps or None))
        return fn
    return decorate


def unary(name, fn, vjp=None, doc=None, floats=False):
    """An op of one tensor computing `fn(array)`; without `vjp` it is not differentiable.

    `floats`: the op's values are floats (sin, exp...), so integers and bools become float32 first,
    where numpy would compute in float64 (or float16 for int8).
    """
    op = Op(name, (vjp,) if vjp is not None else None)
    record = vjp is not None

    def unary_op(x, name=None):
        if type(x) is not Tensor:
            x = convert_input(op, x)
        xv = x._value
        if floats and xv.dtype.kind in "biu":
            xv = _float(xv)
        out = Tensor()
        try:
            out._value = fn(xv) if not _gpu_types else _unary_call(fn, xv)
        except Exception as exc:
            out._value = failed(op, exc, fn, (xv,), (x,))
        if _anywhere and _state.observed:
            if record:
                _record(op, out, (x,))
            else:
                _observe(op, out, (x,))
        return out

    unary_op.__name__ = unary_op.__qualname__ = name
    unary_op.__doc__ = doc
    unary_op.op = op
    return unary_op


def binary(name, fn, vjp_x=None, vjp_y=None, doc=None, floats=False, error=op_error):
    """An op of two broadcasting tensors computing `fn(x, y)`; `error(op, exc, x, y)` words its errors.

    `floats`: as for unary (integers divide into float32).
    """
    op = Op(name, (vjp_x, vjp_y) if vjp_x is not None else None)
    record = vjp_x is not None

    def binary_op(x, y, name=None):
        if type(x) is Tensor and type(y) is Tensor:
            xv = x._value
            yv = y._value
            if xv.dtype is not yv.dtype or _gpu_types and type(xv) is not type(yv):
                x, y, xv, yv = operands(op, x, y)
        else:
            x, y, xv, yv = operands(op, x, y)
        if floats:
            xv, yv = _float(xv), _float(yv)
        out = Tensor()
        try:
            out._value = fn(xv, yv) if not _gpu_types else _binary_call(fn, xv, yv)
        except Exception as exc:
            out._value = failed(op, exc, fn, (xv, yv), (x, y), error)
        if _anywhere and _state.observed:
            if record:
                _record(op, out, (x, y))
            else:
                _observe(op, out, (x, y))
        return out

    binary_op.__name__ = binary_op.__qualname__ = name
    binary_op.__doc__ = doc
    binary_op.op = op
    return binary_op


def apply(op, fn, tensors, arrays, params=NO_PARAMS):
    """Compute `fn(*arrays, **params)` as a Tensor and record `op` on the recording tapes.

    `tensors` and `arrays` come from `inputs`. An op whose `vjps` is None has no gradient and is
    never recorded. Errors from the array library become ours, naming the op.
    """
    if _gpu_types and any(type(a) in _gpu_types for a in arrays):
        if len({type(a) for a in arrays}) > 1:
            _check_devices(op, tensors, arrays)
        fn = _on_gpu(fn)
    out = Tensor()
    try:
        out._value = fn(*arrays, **params)
    except Exception as exc:
        out._value = failed(op, exc, fn, arrays, tensors, params=params)
    if _anywhere and _state.observed:
        if op.vjps is not None:
            _record(op, out, tensors, params)
        else:
            _observe(op, out, tensors)
    return out


def _unary_call(fn, v):
    """fn(v) once a GPU is in use: CuPy's function where v is on a GPU."""
    return _on_gpu(fn)(v) if type(v) in _gpu_types else fn(v)


def _binary_call(fn, xv, yv):
    """fn(xv, yv) once a GPU is in use: CuPy's function where either is on a GPU (devices checked by operands)."""
    if type(xv) in _gpu_types or type(yv) in _gpu_types:
        return _on_gpu(fn)(xv, yv)
    return fn(xv, yv)


def _float(v):
    """An integer or bool array (or Python int) as float32, where an op computes in floats; others as they are."""
    if isinstance(v, PY_SCALARS):  # weak: a float takes the other input's float dtype
        return float(v) if isinstance(v, int) else v
    return v.astype(FLOAT) if v.dtype.kind in "biu" else v


def failed(op, exc, fn, arrays, tensors, error=op_error, params=NO_PARAMS):
    """What an op does when `fn(*arrays, **params)` raised `exc`: its value again, when `exc` was a
    warning (opwarnings.py: the warning is issued at the user's line), else our error naming the op."""
    if isinstance(exc, RuntimeWarning):
        return reissue(fn, *arrays, **params)
    raise error(op, exc, *tensors) from None


# --- preparing inputs -------------------------------------------------------------------------

def inputs(*values, op="op"):
    """Prepare the inputs of op `op`: (tensors for the tape, arrays to compute with, in one dtype).

    Host values (numbers, lists, numpy arrays) land on the device of the first tensor among them.
    """
    if len(values) == 1:  # most ops: one tensor
        x = values[0]
        if type(x) is not Tensor:
            x = convert_input(op, x)
            values = (x,)
        return values, [x._value]
    for v in values:
        if type(v) is not Tensor:
            device = next((backend.device_of(t._value) for t in values if isinstance(t, TensorLike)), None)
            values = tuple(t if type(t) is Tensor else convert_input(op, t, device=device) for t in values)
            break
    arrays = [v._value for v in values]
    if len(arrays) > 1:
        arrays = promote(arrays)
    return values, arrays


def promote(arrays):
    """The arrays in the one dtype the promotion rule gives them (dtypes.result_type).

    Only numbers are promoted: strings and objects are left for the op to refuse.
    """
    dtypes = {a.dtype for a in arrays}
    if len(dtypes) < 2 or any(d.kind not in "biufc" for d in dtypes):
        return arrays
    dtype = result_type(*dtypes)
    return [a.astype(dtype, copy=False) for a in arrays]


def convert_input(op, value, like=None, device=None, beside=None):
    """tensor.to_tensor for an input of `op`, whose errors name the op (and `beside`, its other input)."""
    try:
        return to_tensor(value, like=like, device=device)
    except (TypeError, ValueError) as exc:
        if beside is not None and hasattr(value, "dtype"):  # an array that cannot go to the op's device
            raise DTypeError(op, f"not defined for {describe(value)} beside {describe(beside)}: {exc}") from None
        raise DTypeError(op, str(exc)) from None


def operands(op, x, y):
    """Prepare the inputs of a two-input op, off its fast road: (x, y, array of x, array of y).

    Values are converted (operand), devices checked, and two dtypes promoted to one.
    """
    x, xv = (x, x._value) if type(x) is Tensor else operand(op, x, y)
    y, yv = (y, y._value) if type(y) is Tensor else operand(op, y, x)
    if _gpu_types and type(xv) is not type(yv):
        _check_devices(op, (x, y), (xv, yv))
    if not isinstance(xv, PY_SCALARS) and not isinstance(yv, PY_SCALARS) and xv.dtype is not yv.dtype:
        xv, yv = promote((xv, yv))  # (Python numbers stay weak)
    return x, y, xv, yv


def operand(op, x, other):
    """Prepare an input of a two-input op: (what the tape records, the array or scalar to compute with).

    A Python number next to a tensor stays a Python number, so numpy's weak typing applies
    (`float32_tensor * 2.0` stays float32), unless its kind is above the tensor's (a float next to
    integers): then it becomes a tensor by TF's rules (float32), as it does alone.
    """
    if isinstance(x, TensorLike):
        t = x._read()
        return t, t._value
    device = None
    if isinstance(other, (TensorLike, np.ndarray, np.generic)):
        if isinstance(x, PY_SCALARS) and _rank(x) <= _KIND_RANKS.get(other.dtype.kind, 3):
            return x, x
        like = other.dtype
        if isinstance(other, TensorLike):  # lists and arrays follow the tensor's device
            device = backend.device_of(other._value)
    elif isinstance(x, PY_SCALARS + (list, tuple)) and isinstance(other, PY_SCALARS + (list, tuple)):
        # Two Python operands: type them together (1 + 2.0 is float32), not the first alone.
        like = joint_python_dtype(x, other)
    else:
        like = None
    t = convert_input(op, x, like=like, device=device, beside=other)
    return t, t._value


# Kinds in the order they promote; unsigned ints sit beside ints, so a Python int stays weak beside either.
_KIND_RANKS = {"b": 0, "i": 1, "u": 1, "f": 2, "c": 3}
_SCALAR_RANKS = {bool: 0, int: 1, float: 2, complex: 3}


def _rank(x):
    """The promotion rank of a Python number (or of a numpy scalar that is one: np.float64 is a float)."""
    rank = _SCALAR_RANKS.get(type(x))
    if rank is None:
        rank = 0 if isinstance(x, bool) else 1 if isinstance(x, int) else 2 if isinstance(x, float) else 3
    return rank


def _check_devices(op, tensors, arrays):
    """Raise DeviceError where GPU arrays meet host arrays.

    CuPy refuses numpy arrays, with a message naming no device, and takes numpy scalars (our
    0-d CPU values) as numbers, which would mix devices silently.
    """
    if any(type(a) in _gpu_types for a in arrays) and any(isinstance(a, _HOST) for a in arrays):
        error = device_mismatch(op, *tensors)
        if error is not None:  # None: the host value is a numpy number given as a number
            raise error


# --- NaN and Inf checks (errstate.py) ---------------------------------------------------------

def set_check(check):
    """Make recorded ops also call `check(op, out, inputs)` (errstate's), or stop with None.

    errstate calls this when the first thread turns NaN/Inf checks on and when the last turns them off.
    """
    global _record, _check
    _check = check
    _record = tape.record if check is None else _record_and_check


def _record_and_check(op, out, inputs, params=NO_PARAMS):
    """What recorded ops call while some thread checks: record on the tapes, then check the output."""
    if _state.tapes:
        tape.record(op, out, inputs, params)
    if _state.check is not None:
        _check(op, out, inputs)


def _observe(op, out, inputs):
    """What a never-recorded op does while tapes record or checks are on: only the NaN/Inf check."""
    if _state.check is not None:
        _check(op, out, inputs)

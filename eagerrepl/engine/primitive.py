"""Building ops: each op computes its value at once and, while a tape records, leaves an entry.

`unary` and `binary` make the common ops with as little Python as possible on their path (no
tape active: a type test per input, the array call, a Tensor, one list test). `apply` serves the
ops with parameters (axes, shapes, indices).

That one test is `_state.observed`: true while a tape records or NaN/Inf checks are on in this
thread. Recorded ops then go to `_record`, which errstate.py swaps for a recording-and-checking
function while some thread checks (so tapes pay nothing for checks nobody asked for); ops that are
never recorded go to `_observe`, which only checks.
"""

import numpy as np

from .. import backend
from . import tape
from .convert import convert_to_tensor, operand
from .errors import DTypeError, device_mismatch, op_error
from .tensor import Tensor, _new
from .variable import Variable

_state = tape.state
_record = tape.record
# Empty (false) until a GPU is used, so CPU-only work never pays for device checks.
_gpu_types = backend.GPU_ARRAY_TYPES
_HOST = backend.HOST_TYPES


def unary(name, fn, vjp=None, doc=None):
    """An op of one tensor computing `fn(array)`; without `vjp` it is not differentiable."""
    op = tape.Op(name, (vjp,) if vjp is not None else None)
    record = vjp is not None
    op_name = name  # the ops' own `name` argument (TF's, ignored) shadows the factory's

    def unary_op(x, name=None):
        if type(x) is not Tensor:
            x = convert_input(op_name, x)
        try:
            out = _new(fn(x._value))
        except Exception as exc:
            raise op_error(op_name, exc, x) from None
        if _state.observed:
            if record:
                _record(op, out, (x,))
            else:
                _observe(op, out, (x,))
        return out

    unary_op.__name__ = unary_op.__qualname__ = name
    unary_op.__doc__ = doc
    unary_op.op = op
    return unary_op


def binary(name, fn, vjp_x=None, vjp_y=None, doc=None):
    """An op of two broadcasting tensors computing `fn(x, y)`."""
    op = tape.Op(name, (vjp_x, vjp_y) if vjp_x is not None else None)
    record = vjp_x is not None
    op_name = name

    def binary_op(x, y, name=None):
        if type(x) is Tensor:
            xv = x._value
        else:
            x, xv = operand(op_name, x, y)
        if type(y) is Tensor:
            yv = y._value
        else:
            y, yv = operand(op_name, y, x)
        if _gpu_types and type(xv) is not type(yv):
            _check_devices(op_name, (x, y), (xv, yv))
        try:
            out = _new(fn(xv, yv))
        except Exception as exc:
            raise op_error(op_name, exc, x, y) from None
        if _state.observed:
            if record:
                _record(op, out, (x, y))
            else:
                _observe(op, out, (x, y))
        return out

    binary_op.__name__ = binary_op.__qualname__ = name
    binary_op.__doc__ = doc
    binary_op.op = op
    return binary_op


def inputs(*values, op="op"):
    """Prepare the inputs of op `op`: (tensors for the tape, arrays to compute with).

    Host values (numbers, lists, numpy arrays) land on the device of the first tensor among them.
    """
    for v in values:
        if type(v) is not Tensor:
            device = next((backend.device_of(t._value) for t in values if isinstance(t, (Tensor, Variable))), None)
            values = tuple(t if type(t) is Tensor else convert_input(op, t, device=device) for t in values)
            break
    return values, [v._value for v in values]


def _check_devices(op, tensors, arrays):
    """Raise DeviceError where GPU arrays meet host arrays.

    CuPy refuses numpy arrays, with a message naming no device, and takes numpy scalars (our
    0-d CPU values) as numbers, which would mix devices silently.
    """
    if any(type(a) in _gpu_types for a in arrays) and any(isinstance(a, _HOST) for a in arrays):
        error = device_mismatch(op, *tensors)
        if error is not None:  # None: the host value is a numpy number given as a number
            raise error


def convert_input(op, value, like=None, device=None):
    """convert_to_tensor for an input of `op`, whose errors name the op."""
    try:
        return convert_to_tensor(value, like=like, device=device)
    except (TypeError, ValueError) as exc:
        raise DTypeError(op, str(exc)) from None


def apply(op, fn, tensors, arrays, params=tape.NO_PARAMS):
    """Compute `fn(*arrays, **params)` as a Tensor and record `op` on the recording tapes.

    An op whose `vjps` is None has no gradient and is never recorded. Errors from the array
    library become ours, naming the op.
    """
    if _gpu_types and len({type(a) for a in arrays}) > 1:
        _check_devices(op.name, tensors, arrays)
    try:
        out = _new(fn(*arrays, **params))
    except Exception as exc:
        raise op_error(op.name, exc, *tensors) from None
    if _state.observed:
        if op.vjps is not None:
            _record(op, out, tensors, params)
        else:
            _observe(op, out, tensors)
    return out


def _observe(op, out, inputs):
    """What a never-recorded op does while tapes record or checks are on: only the NaN/Inf check."""
    if _state.check is not None:
        from .errstate import check
        check(op, out, inputs)

"""Broadcasting and its gradient: broadcast_to, sum_to (its transpose), cast, and `unbroadcast` built on them.

Every op that broadcasts its inputs sends each input a gradient summed back to the input's shape and
dtype (`unbroadcast`). broadcast_to and sum_to are each other's VJP and cast is its own, so these ops
need nothing above them: this module sits below every op module, which all build on it.
"""

import math

import numpy as np

from .. import backend
from .axes import shape_tuple
from .dtypes import as_dtype
from .errors import DTypeError, InvalidArgumentError
from .primitive import apply, inputs, primitive

__all__ = ["broadcast_to", "cast"]

_HOST = backend.HOST_TYPES
_SCALARS = frozenset(np.dtype(c).type for c in "?bBhHiIlLqQefdgFDG")  # numpy's scalar types


def broadcast_array(v, shape):
    """Array (or scalar) v broadcast to `shape`: broadcast_to's computation, on either array module."""
    # np.broadcast_to's read-only view is worth its microseconds of Python only for big results
    # (and on a GPU, where writing out costs a kernel); small ones are cheaper to write out.
    if not isinstance(v, _HOST):
        return backend.array_module(v).broadcast_to(v, shape)
    if math.prod(shape) > 4096:
        return np.broadcast_to(v, shape)
    out = np.empty(shape, v.dtype)
    out[...] = v  # a third of np.copyto's time (a Python function)
    return out


@primitive(lambda g, ans, x, shape: sum_to(g, x.shape))
def broadcast_to(input, shape, name=None):  # noqa: A002 - TF's argument name
    """The tensor repeated along new or size-1 axes to the given shape."""
    op = broadcast_to.op
    tensors, arrays = inputs(input, op=op)
    shape = shape_tuple(op, shape)
    if arrays[0].shape == shape:
        return tensors[0]
    try:
        return apply(op, broadcast_array, tensors, arrays, {"shape": shape})
    except InvalidArgumentError:  # apply's message knows the input's shape but not the target
        raise InvalidArgumentError(
            op, f"cannot broadcast shape {arrays[0].shape} to {shape}; each trailing dimension must be equal, or 1"
        ) from None


def _sum_to(v, shape):
    lead = v.ndim - len(shape)
    if isinstance(v, _HOST):
        if not shape:  # the gradient of a scalar (a bias, a Variable(5.0)): one sum
            return np.add.reduce(v, axis=None)
        if v.shape[lead:] == shape:  # a bias's gradient: only leading axes to sum, none to keep
            return np.add.reduce(v, axis=0 if lead == 1 else tuple(range(lead)))
    axes = tuple(range(lead)) + tuple(lead + i for i, n in enumerate(shape) if n == 1 and v.shape[lead + i] != 1)
    # ufunc.reduce directly on the CPU: np.sum adds microseconds of Python (see reduction.py).
    summed = np.add.reduce(v, axis=axes, keepdims=True) if isinstance(v, _HOST) else v.sum(axis=axes, keepdims=True)
    return summed.reshape(shape)


@primitive(lambda g, ans, x, shape: broadcast_to(g, x.shape))
def sum_to(x, shape):
    """x summed down to `shape`, a shape x broadcasts from: the gradient of broadcasting."""
    op = sum_to.op
    tensors, arrays = inputs(x, op=op)
    return apply(op, _sum_to, tensors, arrays, {"shape": tuple(shape)})


def _astype(v, dtype):
    if v.dtype.kind == "c" and dtype.kind != "c":  # TF's rule, without numpy's warning: the real part
        v = v.real
    return v.astype(dtype)


@primitive(lambda g, ans, x, dtype: cast(g, x.dtype) if x.dtype.kind in "fc" else None)
def cast(x, dtype, name=None):
    """x converted to another dtype (floats to ints truncate toward zero, complex to real keeps the real part: TF)."""
    op = cast.op
    try:
        dtype = as_dtype(dtype)
    except TypeError as exc:  # numpy's "data type 'x' not understood" names no op
        raise DTypeError(op, f"{exc}; use a dtype such as er.float32 or 'int64'") from None
    tensors, arrays = inputs(x, op=op)
    if arrays[0].dtype == dtype:
        return tensors[0]
    return apply(op, _astype, tensors, arrays, {"dtype": dtype})


def unbroadcast(g, x):
    """Sum a gradient `g` down to the shape of the input `x` it flows to, in x's dtype."""
    gv, xv = g._value, x._value
    t = type(gv)
    if t is type(xv) and (t in _SCALARS or gv.dtype is xv.dtype and gv.shape == xv.shape):
        return g  # the common case, on every backward step (numpy scalars of one type: one dtype, no axes)
    if gv.shape != xv.shape:
        g = sum_to(g, xv.shape)
    if g.dtype != xv.dtype:
        g = cast(g, xv.dtype)
    return g

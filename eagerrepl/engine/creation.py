"""Making tensors: conversions, constants, filled tensors, ranges, identity matrices, one-hot encodings."""

import builtins
import math

import numpy as np

from .. import backend
from .axes import new_shape, shape_tuple
from .broadcasting import cast
from .convert import to_array
from .dtypes import as_dtype, float32, python_scalar_dtype
from .errors import DTypeError, InvalidArgumentError
from .primitive import convert_input
from .shape import reshape
from .tensor import TensorLike, _new

__all__ = ["constant", "convert_to_tensor", "eye", "fill", "linspace", "one_hot", "ones", "ones_like", "range",
           "zeros", "zeros_like"]


def convert_to_tensor(value, dtype=None, like=None, name=None, device=None):
    """A Tensor from a Tensor, Variable, number, nested list or numpy array.

    Python floats become float32 and ints int32, as in TensorFlow; numpy arrays keep their dtype;
    a tensor of another dtype than `dtype` is cast (a differentiable op). Tensors stay on their
    device; host values land on `device`, by default the current one.
    """
    if isinstance(value, TensorLike):
        t = value._read()
        dtype = as_dtype(dtype)
        return t if dtype is None or t.dtype == dtype else cast(t, dtype)
    return _new(to_array(value, dtype=dtype, like=like, device=device))


def constant(value, dtype=None, shape=None, name=None):
    """A tensor holding `value` (a number, nested list, numpy array or tensor).

    With `shape`, a single value fills the shape and a value with as many elements is reshaped.
    """
    try:
        t = convert_to_tensor(value, dtype=dtype)
    except (TypeError, ValueError) as exc:
        raise DTypeError("constant", str(exc)) from None
    if shape is None:
        return t
    shape = shape_tuple("constant", shape)
    if t.size == 1:
        v = t._value
        return _new(backend.array_module(v).full(shape, v.reshape(()), dtype=t.dtype))
    if t.size != math.prod(shape):
        raise InvalidArgumentError(
            "constant", f"a value of shape {t.shape} ({t.size} elements) cannot fill shape {shape}")
    return reshape(t, shape)


def _xp():
    return backend.current_device().xp


def zeros(shape, dtype=float32, name=None):
    """A tensor of zeros."""
    return _new(_xp().zeros(new_shape("zeros", shape), dtype=as_dtype(dtype)))


def ones(shape, dtype=float32, name=None):
    """A tensor of ones."""
    return _new(_xp().ones(new_shape("ones", shape), dtype=as_dtype(dtype)))


def zeros_like(input, dtype=None, name=None):  # noqa: A002 - TF's argument name
    """Zeros with the shape (and by default the dtype) of `input`."""
    v = convert_input("zeros_like", input)._value
    return _new(backend.array_module(v).zeros_like(v, dtype=as_dtype(dtype)))


def ones_like(input, dtype=None, name=None):  # noqa: A002
    """Ones with the shape (and by default the dtype) of `input`."""
    v = convert_input("ones_like", input)._value
    return _new(backend.array_module(v).ones_like(v, dtype=as_dtype(dtype)))


def fill(dims, value, name=None):
    """A tensor of shape `dims` filled with `value` (whose dtype it takes)."""
    v = convert_input("fill", value)._value
    if v.size != 1:
        raise InvalidArgumentError(
            "fill", f"value must be a single number, not shape {v.shape}; use broadcast_to to repeat a tensor")
    return _new(_xp().full(new_shape("fill", dims), v, dtype=v.dtype))


def range(start, limit=None, delta=1, dtype=None, name=None):  # noqa: A001 - tf.range
    """Numbers from start (inclusive) to limit (exclusive) by delta, as tf.range."""
    if limit is None:
        start, limit = 0, start
    if delta == 0:
        raise InvalidArgumentError("range", "delta must not be 0")
    values = [float(v) if hasattr(v, "_value") else v for v in (start, limit, delta)]
    if dtype is None:
        dtype = builtins.max((python_scalar_dtype(v) if isinstance(v, (int, float)) else np.asarray(v).dtype
                              for v in values), key=lambda d: "biufc".index(d.kind))
    return _new(_xp().arange(*values, dtype=as_dtype(dtype)))


def linspace(start, stop, num, name=None):
    """`num` evenly spaced numbers from start to stop, both included."""
    dtype = np.result_type(convert_to_tensor(start).dtype, convert_to_tensor(stop).dtype)
    if dtype.kind not in "fc":
        dtype = float32
    return _new(_xp().linspace(float(start), float(stop), int(num), dtype=dtype))


def eye(num_rows, num_columns=None, batch_shape=None, dtype=float32, name=None):
    """An identity matrix (a batch of them with batch_shape)."""
    xp = _xp()
    m = xp.eye(num_rows, num_columns, dtype=as_dtype(dtype))
    if batch_shape is not None:
        m = xp.broadcast_to(m, tuple(batch_shape) + m.shape).copy()
    return _new(m)


def one_hot(indices, depth, on_value=None, off_value=None, axis=-1, dtype=None, name=None):
    """Each index as a vector of `depth` with on_value at the index and off_value elsewhere."""
    idx = convert_input("one_hot", indices)._value
    if idx.dtype.kind not in "iu":
        raise InvalidArgumentError("one_hot", f"indices must be integers, not {idx.dtype}")
    on = 1 if on_value is None else on_value
    off = 0 if off_value is None else off_value
    dtype = as_dtype(dtype) or (convert_to_tensor(on).dtype if on_value is not None else float32)
    xp = backend.array_module(idx)
    hot = idx[..., None] == xp.arange(depth)
    on, off = (xp.asarray(getattr(v, "_value", v), dtype=dtype) for v in (on, off))
    out = xp.where(hot, on, off)
    if axis != -1:
        out = xp.moveaxis(out, -1, axis)
    return _new(out)

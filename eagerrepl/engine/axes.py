"""Shapes and axes given as op arguments, read into tuples of ints, or an error that names the op."""

import numpy as np

from .errors import InvalidArgumentError
from .tensor import Tensor, TensorLike


def shape_tuple(op, shape):
    """A shape (an int, a list of ints, or an integer tensor) as a tuple of ints; -1 may stand in for reshape."""
    if type(shape) is tuple:  # a tensor's own shape, as gradients pass, needs nothing done
        for n in shape:
            if type(n) is not int:
                break
        else:
            return shape
    if isinstance(shape, Tensor):
        shape = shape._value.tolist()
    if isinstance(shape, (int, np.integer)):
        return (int(shape),)
    try:
        return tuple(int(n) for n in shape)
    except (TypeError, ValueError):
        raise InvalidArgumentError(op, f"a shape must be a list of ints, not {shape!r}") from None


def new_shape(op, shape):
    """The shape of a tensor to create: as shape_tuple, but no size may be negative (numpy's error names no op)."""
    dims = shape_tuple(op, shape)
    if any(n < 0 for n in dims):
        raise InvalidArgumentError(op, f"shape {dims} has a negative size; sizes must be 0 or more")
    return dims


def normalize_axis(op, axis, ndim):
    """Axes as a sorted tuple of non-negative ints (None: every axis), or a clear error."""
    if axis is None:
        return None
    if isinstance(axis, TensorLike):  # an axis given as a tensor (or Variable)
        axis = axis._value.tolist()
    if isinstance(axis, (int, np.integer)):
        axes = (axis,)
    elif isinstance(axis, (list, tuple)):
        axes = tuple(axis)
    else:  # tuple() of a float or a string fails with a message that names no op
        raise InvalidArgumentError(op, f"axis must be an int or a list of ints, not {axis!r}")
    out = []
    for a in axes:
        if ndim == 0:
            raise InvalidArgumentError(op, f"a 0-d tensor has no axis {a}; use axis=None")
        if not isinstance(a, (int, np.integer)) or not -ndim <= a < ndim:
            raise InvalidArgumentError(
                op, f"axis {a} is out of range for a tensor of {ndim} axes; use -{ndim} to {ndim - 1}")
        out.append(int(a) % ndim)
    if len(set(out)) != len(out):
        raise InvalidArgumentError(op, f"axis {axis} names an axis twice")
    return tuple(sorted(out))

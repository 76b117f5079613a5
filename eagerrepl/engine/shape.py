"""Ops that move elements without computing new ones: shapes, slices, joins, gathers."""

import builtins
import math

import numpy as np

from .. import backend
from .axes import normalize_axis, shape_tuple
from .broadcasting import sum_to
from .errors import InvalidArgumentError
from .primitive import apply, convert_input, inputs, primitive, unary
from .tensor import Tensor, TensorLike, _new

__all__ = ["concat", "expand_dims", "gather", "identity", "reshape", "split", "squeeze", "stack", "stop_gradient",
           "tile", "transpose", "unstack"]

_HOST = backend.HOST_TYPES


def _reshape(v, shape):
    return v.reshape(shape)


@primitive(lambda g, ans, x, shape: reshape(g, x.shape))
def reshape(tensor, shape, name=None):
    """The same elements in a new shape; one dimension may be -1 to be inferred."""
    op = reshape.op
    tensors, arrays = inputs(tensor, op=op)
    shape = shape_tuple(op, shape)
    v = arrays[0]
    if v.shape == shape:
        return tensors[0]
    known = math.prod(n for n in shape if n != -1)
    if shape.count(-1) > 1 or (-1 not in shape and known != v.size) or (-1 in shape and (known == 0 or v.size % known)):
        raise InvalidArgumentError(
            op, f"cannot reshape a tensor of shape {v.shape} ({v.size} elements) into shape {shape}")
    return apply(op, _reshape, tensors, arrays, {"shape": shape})


@primitive(lambda g, ans, x, axes: transpose(g, np.argsort(axes)))
def transpose(a, perm=None, name=None):
    """Axes permuted by perm (reversed when perm is None)."""
    op = transpose.op
    tensors, arrays = inputs(a, op=op)
    ndim = arrays[0].ndim
    perm = tuple(builtins.range(ndim - 1, -1, -1)) if perm is None else shape_tuple(op, perm)
    if sorted(p % builtins.max(ndim, 1) for p in perm) != list(builtins.range(ndim)) or len(perm) != ndim:
        raise InvalidArgumentError(
            op, f"perm {perm} is not a permutation of the {ndim} axes of shape {arrays[0].shape}")
    return apply(op, np.transpose, tensors, arrays, {"axes": perm})


def _swap_last(v):
    return v.swapaxes(-1, -2)


@primitive(lambda g, ans, x: matrix_transpose(g))
def matrix_transpose(x):
    """x with its last two axes swapped (the matrix transpose of a batch); matmul's gradients use it."""
    op = matrix_transpose.op
    if type(x) is Tensor and x._value.ndim >= 2:  # matmul's gradients: a matrix, nothing to convert
        return apply(op, _swap_last, (x,), (x._value,))
    tensors, arrays = inputs(x, op=op)
    if arrays[0].ndim < 2:
        raise InvalidArgumentError(op, f"needs at least two axes, not shape {arrays[0].shape}")
    return apply(op, _swap_last, tensors, arrays)


def expand_dims(input, axis, name=None):  # noqa: A002
    """A new axis of size 1 inserted at `axis`."""
    x = convert_input("expand_dims", input)
    axis = _new_axis("expand_dims", axis, x.ndim)
    return reshape(x, x.shape[:axis] + (1,) + x.shape[axis:])


def _new_axis(op, axis, ndim):
    """Where a new axis goes in a tensor of `ndim` axes, as a non-negative int, or a clear error."""
    if isinstance(axis, Tensor) and axis.ndim == 0 and axis.dtype.kind in "iu":
        axis = int(axis._value)
    if not isinstance(axis, (int, np.integer)) or isinstance(axis, bool) or not -ndim - 1 <= axis <= ndim:
        raise InvalidArgumentError(
            op, f"axis {axis!r} is out of range for a new axis of a tensor of {ndim} axes; use -{ndim + 1} to {ndim}")
    return int(axis) % (ndim + 1)


def squeeze(input, axis=None, name=None):  # noqa: A002
    """The tensor without its size-1 axes (only those in `axis` when given)."""
    x = convert_input("squeeze", input)
    axes = normalize_axis("squeeze", axis, x.ndim)
    if axes is None:
        axes = tuple(i for i, n in enumerate(x.shape) if n == 1)
    for a in axes:
        if x.shape[a] != 1:
            raise InvalidArgumentError("squeeze", f"axis {a} has size {x.shape[a]}, not 1, in shape {x.shape}")
    return reshape(x, tuple(n for i, n in enumerate(x.shape) if i not in axes))


def _concat_vjp(i, g, ans, *xs, axis):
    start = builtins.sum(x.shape[axis] for x in xs[:i])
    index = (slice(None),) * axis + (slice(start, start + xs[i].shape[axis]),)
    return g[index]


def _concatenate(*arrays, axis):
    return backend.array_module(arrays[0]).concatenate(arrays, axis=axis)


@primitive(nary=_concat_vjp)
def concat(values, axis, name=None):
    """Tensors joined along an existing axis."""
    op = concat.op
    tensors, arrays = inputs(*values, op=op)
    if not arrays:
        raise InvalidArgumentError(op, "needs at least one tensor")
    ndim = arrays[0].ndim
    axis = normalize_axis(op, axis, ndim)[0]
    for a in arrays[1:]:
        if a.ndim != ndim or a.shape[:axis] + a.shape[axis + 1:] != arrays[0].shape[:axis] + arrays[0].shape[axis + 1:]:
            raise InvalidArgumentError(
                op, f"shapes {' and '.join(str(b.shape) for b in arrays)} differ off axis {axis}; "
                    "all but the joined axis must match")
    return apply(op, _concatenate, tensors, arrays, {"axis": axis})


def stack(values, axis=0, name=None):
    """Tensors of one shape joined along a new axis."""
    values = [convert_input("stack", v) for v in values]
    if not values:
        raise InvalidArgumentError("stack", "needs at least one tensor")
    shapes = {v.shape for v in values}
    if len(shapes) > 1:
        raise InvalidArgumentError("stack", f"all tensors need one shape; got {' and '.join(str(s) for s in shapes)}")
    axis = _new_axis("stack", axis, values[0].ndim)  # checked here, so that errors name stack
    return concat([expand_dims(v, axis) for v in values], axis)


def unstack(value, axis=0, name=None):
    """The slices of a tensor along an axis, as a list."""
    x = convert_input("unstack", value)
    if x.ndim == 0:  # normalize_axis accepts axis 0 of a scalar, which has nothing to unstack
        raise InvalidArgumentError("unstack", "cannot unstack a scalar (shape ()); it needs at least one axis")
    axis = normalize_axis("unstack", axis, x.ndim)[0]
    return [x[(slice(None),) * axis + (i,)] for i in builtins.range(x.shape[axis])]


def split(value, num_or_size_splits, axis=0, name=None):
    """Pieces of a tensor along an axis: a number of equal pieces, or a list of sizes."""
    x = convert_input("split", value)
    if x.ndim == 0:  # as in unstack
        raise InvalidArgumentError("split", "cannot split a scalar (shape ()); it needs at least one axis")
    axis = normalize_axis("split", axis, x.ndim)[0]
    n = x.shape[axis]
    if isinstance(num_or_size_splits, (int, np.integer)):
        if num_or_size_splits <= 0 or n % num_or_size_splits:
            raise InvalidArgumentError(
                "split", f"cannot split axis {axis} of size {n} into {num_or_size_splits} equal pieces")
        sizes = [n // num_or_size_splits] * int(num_or_size_splits)
    else:
        sizes = [int(s) for s in num_or_size_splits]
        if sizes.count(-1) == 1:
            sizes[sizes.index(-1)] = n - (builtins.sum(sizes) + 1)
        if builtins.sum(sizes) != n or builtins.min(sizes) < 0:
            raise InvalidArgumentError(
                "split", f"sizes {list(num_or_size_splits)} do not add up to {n}, the size of axis {axis}")
    out, start = [], 0
    for size in sizes:
        out.append(x[(slice(None),) * axis + (slice(start, start + size),)])
        start += size
    return out


def _tile_vjp(g, ans, x, reps):
    # Interleave (repeat, size) axes, then sum the repeats away.
    split_shape = [d for pair in zip(reps, x.shape) for d in pair]
    kept_shape = [d for n in x.shape for d in (1, n)]
    return reshape(sum_to(reshape(g, split_shape), kept_shape), x.shape)


@primitive(_tile_vjp)
def tile(input, multiples, name=None):  # noqa: A002
    """The tensor repeated `multiples[i]` times along each axis i."""
    op = tile.op
    tensors, arrays = inputs(input, op=op)
    reps = shape_tuple(op, multiples)
    if len(reps) != arrays[0].ndim:
        raise InvalidArgumentError(op, f"multiples {reps} must have one entry per axis of shape {arrays[0].shape}")
    return apply(op, np.tile, tensors, arrays, {"reps": reps})


# --- indexing ---------------------------------------------------------------------------------

def _index_part(part):
    if isinstance(part, Tensor):
        return part._value
    if isinstance(part, TensorLike):  # a Variable: a copy, since it may change
        return part._value.copy()
    if isinstance(part, list):
        return np.asarray(part)
    return part


def _normalize_key(key, device=backend.CPU):
    """An index with tensors turned into arrays on `device`, ready for its array module."""
    if isinstance(key, tuple):
        return tuple(_index_on(_index_part(p), device) for p in key)
    return _index_on(_index_part(key), device)


def _index_on(part, device):
    # Index arrays go where the indexed tensor is, as PyTorch lets CPU indices index a GPU tensor.
    if device is backend.CPU or not hasattr(part, "dtype"):
        return part
    return device.put(part)


def _getitem(v, key):
    if not isinstance(v, _HOST):
        _check_key(key, v.shape)  # CuPy truncates float indices and wraps out-of-range ones around
    return v[key]


def _axes_taken(part):
    if part is None or part is Ellipsis:
        return 0
    dtype = getattr(part, "dtype", None)
    return part.ndim if dtype is not None and dtype == np.bool_ else 1


_VALID_INDICES = ("only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and integer or boolean "
                  "arrays are valid indices")  # numpy's words


def _check_key(key, shape):
    """Raise numpy's IndexError for an index numpy refuses: not an integer, or outside its axis.

    A sync for GPU index arrays, whose bounds are read on the host.
    """
    parts = key if isinstance(key, tuple) else (key,)
    axis = 0
    for part in parts:
        if not (part is None or part is Ellipsis or isinstance(part, (slice, int))
                or getattr(part, "dtype", np.dtype("O")).kind in "biu"):
            raise IndexError(_VALID_INDICES)
        if part is Ellipsis:
            axis += len(shape) - builtins.sum(_axes_taken(p) for p in parts)
            continue
        is_int = isinstance(part, int) and not isinstance(part, bool)
        if axis < len(shape) and (is_int or getattr(part, "dtype", np.dtype(bool)).kind in "iu"):
            n = shape[axis]
            if is_int or part.size:
                low, high = (part, part) if is_int else (int(part.min()), int(part.max()))
                if high >= n or low < -n:
                    bad = high if high >= n else low
                    raise IndexError(f"index {bad} is out of bounds for axis {axis} with size {n}")
        axis += _axes_taken(part)


def _scatter(g, key, shape, dtype):
    out = backend.array_module(g).zeros(shape, dtype=dtype)
    parts = key if isinstance(key, tuple) else (key,)
    if builtins.any(getattr(p, "ndim", 0) and p.dtype != np.bool_ for p in parts):
        backend.scatter_add(out, key, g)  # repeated indices must add up
    else:
        out[key] = g
    return out


@primitive(lambda g, ans, x, key, shape, dtype: g[key])
def scatter(g, key, shape):
    """A zero tensor of `shape` with g added at [key] (repeated indices add up): the gradient of indexing."""
    op = scatter.op
    tensors, arrays = inputs(g, op=op)
    return apply(op, _scatter, tensors, arrays, {"key": key, "shape": shape, "dtype": arrays[0].dtype})


@primitive(lambda g, ans, x, key: scatter(g, key, x.shape))
def getitem(x, key):
    """x[key]: ints, slices, Ellipsis, None, and integer or boolean index tensors, as numpy."""
    op = getitem.op
    tensors, arrays = inputs(x, op=op)
    device = backend.device_of(arrays[0])
    return apply(op, _getitem, tensors, arrays, {"key": _normalize_key(key, device)})


def gather(params, indices, axis=0, batch_dims=0, name=None):
    """Slices of params along an axis at the given indices."""
    x = convert_input("gather", params)
    axis = normalize_axis("gather", axis, x.ndim)[0]
    idx = _index_part(indices)
    if not hasattr(idx, "dtype"):
        idx = np.asarray(idx)
    if idx.dtype.kind not in "iu":
        raise InvalidArgumentError("gather", f"indices must be integers, not {idx.dtype}")
    if idx.size and (idx.max() >= x.shape[axis] or idx.min() < -x.shape[axis]):
        raise InvalidArgumentError(
            "gather", f"indices {idx.tolist()} out of range for axis {axis} of size {x.shape[axis]}")
    return getitem(x, (slice(None),) * axis + (idx,))


identity = unary("identity", lambda v: v, lambda g, ans, x: g, doc="The same value, as a new tensor.")


def stop_gradient(input, name=None):  # noqa: A002
    """The same value, seen by every tape as a constant: no gradient flows through it."""
    return _new(convert_input("stop_gradient", input)._value)

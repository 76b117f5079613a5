"""Reductions over axes, each beside its vector-Jacobian product."""

import math

import numpy as np

from .. import backend
from . import elementwise as ew
from . import shape as sh
from .axes import normalize_axis
from .broadcasting import broadcast_array, broadcast_to, cast
from .dtypes import FLOAT
from .errors import InvalidArgumentError
from .primitive import Op, apply, convert_input, inputs, primitive
from .tensor import _new

__all__ = ["argmax", "argmin", "cumsum", "reduce_all", "reduce_any", "reduce_logsumexp", "reduce_max", "reduce_mean",
           "reduce_min", "reduce_prod", "reduce_std", "reduce_sum", "reduce_variance"]


def _kept_shape(x, axis):
    """x's shape with each reduced axis kept as 1."""
    if axis is None:
        return (1,) * x.ndim
    return tuple(1 if i in axis else n for i, n in enumerate(x.shape))


def expand_to(g, x, axis, keepdims):
    """Broadcast a reduction's gradient (or result) back over the reduced axes of x."""
    if not keepdims and axis is not None:  # a full reduction's scalar broadcasts as it is
        g = sh.reshape(g, _kept_shape(x, axis))
    return broadcast_to(g, x.shape)


def _count(x, axis):
    return x.size if axis is None else math.prod(x.shape[a] for a in axis)


_EVERY_AXIS = {"axis": None, "keepdims": False}  # shared: tapes keep params read-only


def _reduction(name, fn, vjp, doc):
    """A reduction op over axes (axis=None: all of them) computing `fn(array, axis, keepdims)`."""
    op = Op(name, (vjp,) if vjp is not None else None)

    def reduce(input_tensor, axis=None, keepdims=False, name=None):
        tensors, arrays = inputs(input_tensor, op=op)
        if axis is None and not keepdims:  # the usual loss: every axis
            params = _EVERY_AXIS
        else:
            params = {"axis": normalize_axis(op, axis, arrays[0].ndim), "keepdims": bool(keepdims)}
        return apply(op, fn, tensors, arrays, params)

    reduce.__name__ = reduce.__qualname__ = name
    reduce.__doc__ = doc
    reduce.op = op
    return reduce


# ufunc.reduce directly on the CPU: np.sum and friends add microseconds of Python on every call.
# CuPy has reduce only on a few ufuncs, so GPU arrays call the array's method (cupy's sum...).
_HOST = backend.HOST_TYPES


def _int_dtype(v):
    # Integer sums and products keep their dtype, as in TF (numpy would widen int32 to int64).
    return v.dtype if v.dtype.kind in "iu" else None


def _host_reduce(ufunc, method, keep_int_dtype=False):
    """ufunc.reduce on host arrays, the array's `method` ("sum"...) on others; ints keep their dtype if asked."""
    def reduce(v, axis, keepdims):
        if not keep_int_dtype or v.dtype.kind not in "iu":  # (max and min take no dtype)
            if isinstance(v, _HOST):
                return ufunc.reduce(v, axis, None, None, keepdims)  # positional: keywords cost here
            return getattr(v, method)(axis=axis, keepdims=keepdims)
        if isinstance(v, _HOST):
            return ufunc.reduce(v, axis=axis, keepdims=keepdims, dtype=v.dtype)
        return getattr(v, method)(axis=axis, keepdims=keepdims, dtype=v.dtype)
    return reduce


_sum = _host_reduce(np.add, "sum", keep_int_dtype=True)
_prod = _host_reduce(np.multiply, "prod", keep_int_dtype=True)
_max = _host_reduce(np.maximum, "max")
_min = _host_reduce(np.minimum, "min")


def _mean(v, axis, keepdims):
    if v.dtype.kind not in "fc":  # the mean of integers is float32 (summed exactly in float64 first)
        return v.mean(axis=axis, keepdims=keepdims).astype(FLOAT)
    return _sum(v, axis, keepdims) / _count(v, axis)  # a Python int: the float dtype stays


def _extremum_vjp(g, ans, x, axis, keepdims):
    # Ties share the gradient equally, as in TF.
    mask = cast(ew.equal(x, expand_to(ans, x, axis, keepdims)), g.dtype)
    return expand_to(g, x, axis, keepdims) * mask / reduce_sum(mask, axis, keepdims=True)


def _prod_vjp(g, ans, x, axis, keepdims):
    g = expand_to(g, x, axis, keepdims)
    if (x._value != 0).all():  # a sync on a GPU: the exact product of the others costs more
        return g * expand_to(ans, x, axis, keepdims) / x
    return g * _product_of_others(x, axis)


def _product_of_others(x, axis):
    """For each element, the product of the others on its reduced axes (exact with zeros)."""
    axes = tuple(range(x.ndim)) if axis is None else axis
    kept = tuple(i for i in range(x.ndim) if i not in axes)
    perm = kept + axes
    moved = sh.transpose(x, perm)
    n = _count(x, axis)
    flat = sh.reshape(moved, (-1, 1, n))
    # Row i of the n x n grid is the reduced elements with element i replaced by 1.
    diagonal = _new(backend.array_module(x._value).eye(n, dtype=bool))
    grid = ew.where(diagonal, 1, broadcast_to(flat, (flat.shape[0], n, n)))
    others = reduce_prod(grid, axis=2)
    return sh.transpose(sh.reshape(others, moved.shape), np.argsort(perm))


reduce_sum = _reduction(
    "reduce_sum", _sum, lambda g, ans, x, axis, keepdims: expand_to(g, x, axis, keepdims),
    "Sum of elements over the given axes (all axes when axis is None).")
reduce_mean = _reduction(
    "reduce_mean", _mean, lambda g, ans, x, axis, keepdims: mean_grad(g, x, axis, keepdims),
    "Mean of elements over the given axes (all axes when axis is None).")


def _spread_mean(gv, xv, axis, keepdims):
    g = gv / _count(xv, axis)  # divided before it is spread: n times less to divide
    if not keepdims and axis is not None:
        g = g.reshape(_kept_shape(xv, axis))
    return broadcast_array(g, xv.shape)


# The gradient of a mean is one op rather than a division, a reshape and a broadcast: it starts the
# backward pass of every mean loss. Spreading g / n has reduce_mean itself as its VJP.
@primitive(lambda gg, ans, g, x, axis, keepdims: reduce_mean(gg, axis, keepdims), lambda gg, ans, g, x, **_: None)
def mean_grad(g, x, axis, keepdims):
    """g / n spread over the axes of x that reduce_mean(x, axis, keepdims) reduced: that op's gradient."""
    return apply(mean_grad.op, _spread_mean, (g, x), (g._value, x._value), {"axis": axis, "keepdims": keepdims})


reduce_max = _reduction(
    "reduce_max", _max, _extremum_vjp,
    "Largest element over the given axes (all axes when axis is None).")
reduce_min = _reduction(
    "reduce_min", _min, _extremum_vjp,
    "Smallest element over the given axes (all axes when axis is None).")
reduce_prod = _reduction(
    "reduce_prod", _prod, _prod_vjp,
    "Product of elements over the given axes (all axes when axis is None).")
reduce_all = _reduction("reduce_all", np.all, None, "True where every element over the axes is true.")
reduce_any = _reduction("reduce_any", np.any, None, "True where any element over the axes is true.")


def reduce_logsumexp(input_tensor, axis=None, keepdims=False, name=None):
    """log(sum(exp(x))) over the given axes, computed without overflow."""
    x = convert_input("reduce_logsumexp", input_tensor)
    axes = normalize_axis("reduce_logsumexp", axis, x.ndim)
    m = reduce_max(x, axes, keepdims=True)
    m = sh.stop_gradient(ew.where(ew.isfinite(m), m, 0))
    out = ew.log(reduce_sum(ew.exp(x - m), axes, keepdims=True)) + m
    return out if keepdims else sh.reshape(out, tuple(n for i, n in enumerate(out.shape)
                                                      if axes is not None and i not in axes))


def reduce_variance(input_tensor, axis=None, keepdims=False, ddof=0, name=None):
    """Variance over the given axes: the mean squared distance from the mean (divided by n - ddof, as numpy's var)."""
    x = convert_input("reduce_variance", input_tensor)
    axes = normalize_axis("reduce_variance", axis, x.ndim)
    if x.dtype.kind in "biu":
        x = cast(x, FLOAT)
    d = x - reduce_mean(x, axes, keepdims=True)
    squares = ew.square(ew.abs(d)) if d.dtype.kind == "c" else ew.square(d)
    return reduce_sum(squares, axes, keepdims=keepdims) / (_count(x, axes) - ddof)


def reduce_std(input_tensor, axis=None, keepdims=False, ddof=0, name=None):
    """Standard deviation over the given axes: the square root of reduce_variance."""
    x = convert_input("reduce_std", input_tensor)
    normalize_axis("reduce_std", axis, x.ndim)  # checked here, so that errors name reduce_std
    return ew.sqrt(reduce_variance(x, axis, keepdims, ddof))


def _cumsum(v, axis, exclusive, reverse):
    xp = backend.array_module(v)
    if reverse:
        v = xp.flip(v, axis)
    out = xp.cumsum(v, axis=axis, dtype=_int_dtype(v))
    if exclusive:  # each element's sum of those before it: shift by one, starting from zero
        before = (slice(None),) * axis
        out = xp.concatenate((xp.zeros_like(out[before + (slice(0, 1),)]), out[before + (slice(0, -1),)]), axis)
    return xp.flip(out, axis) if reverse else out


@primitive(lambda g, ans, x, axis, exclusive, reverse: cumsum(g, axis, exclusive, not reverse))
def cumsum(x, axis=0, exclusive=False, reverse=False, name=None):
    """Running sums along an axis (TF's cumsum: `exclusive` leaves each element out, `reverse` sums from the end)."""
    op = cumsum.op
    tensors, arrays = inputs(x, op=op)
    if arrays[0].ndim == 0:
        raise InvalidArgumentError(op, "cannot sum along an axis of a scalar (shape ()); it needs at least one axis")
    axes = normalize_axis(op, axis, arrays[0].ndim)
    if len(axes) != 1:
        raise InvalidArgumentError(op, f"takes a single axis, not {axis!r}")
    params = {"axis": axes[0], "exclusive": bool(exclusive), "reverse": bool(reverse)}
    return apply(op, _cumsum, tensors, arrays, params)


def _arg(name, fn):
    op = Op(name)

    def arg(input, axis=None, output_type=np.int64, name=None):  # noqa: A002 - TF's argument name
        tensors, arrays = inputs(input, op=op)
        ax = normalize_axis(op, 0 if axis is None else axis, arrays[0].ndim)
        if len(ax) != 1:
            raise InvalidArgumentError(op, "takes a single axis")
        out = apply(op, fn, tensors, arrays, {"axis": ax[0]})
        return cast(out, output_type)

    arg.__name__ = arg.__qualname__ = name
    arg.op = op
    arg.__doc__ = (f"Index of the {'largest' if 'max' in name else 'smallest'} element along an axis "
                   "(axis 0 by default, as TF).")
    return arg


argmax = _arg("argmax", np.argmax)
argmin = _arg("argmin", np.argmin)

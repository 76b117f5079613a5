"""NumPy's methods on Tensor and Variable (x.sum(), x.reshape(2, 3), x.astype(er.float64)...), each a call of an op.

Arguments have NumPy's names and defaults (axis=None is every axis, as in numpy, and argmax's
axis=None is an index into the flattened tensor). Each method is differentiable where its op is,
and bad input gets its op's error, which names the op (`x.sum(axis=5)`: "reduce_sum: axis 5 is
out of range ...").
"""

from . import broadcasting as bc
from . import elementwise as ew
from . import linalg
from . import reduction as red
from . import shape as sh
from .primitive import convert_input
from .tensor import Tensor
from .variable import Variable


def _in(x, dtype):
    return x if dtype is None else bc.cast(x, dtype)


def _sum(self, axis=None, dtype=None, *, keepdims=False):
    """Sum of the elements over the given axes (all of them when axis is None)."""
    return red.reduce_sum(_in(self, dtype), axis, keepdims)


def _mean(self, axis=None, dtype=None, *, keepdims=False):
    """Mean of the elements over the given axes (all of them when axis is None)."""
    return red.reduce_mean(_in(self, dtype), axis, keepdims)


def _prod(self, axis=None, dtype=None, *, keepdims=False):
    """Product of the elements over the given axes (all of them when axis is None)."""
    return red.reduce_prod(_in(self, dtype), axis, keepdims)


def _max(self, axis=None, *, keepdims=False):
    """Largest element over the given axes (all of them when axis is None)."""
    return red.reduce_max(self, axis, keepdims)


def _min(self, axis=None, *, keepdims=False):
    """Smallest element over the given axes (all of them when axis is None)."""
    return red.reduce_min(self, axis, keepdims)


def _var(self, axis=None, dtype=None, *, ddof=0, keepdims=False):
    """Variance over the given axes, dividing by n - ddof."""
    return red.reduce_variance(_in(self, dtype), axis, keepdims, ddof)


def _std(self, axis=None, dtype=None, *, ddof=0, keepdims=False):
    """Standard deviation over the given axes, dividing by n - ddof."""
    return red.reduce_std(_in(self, dtype), axis, keepdims, ddof)


def _all(self, axis=None, *, keepdims=False):
    """True where every element over the axes is true."""
    return red.reduce_all(self, axis, keepdims)


def _any(self, axis=None, *, keepdims=False):
    """True where any element over the axes is true."""
    return red.reduce_any(self, axis, keepdims)


def _arg(reduce):
    def arg(self, axis=None, *, keepdims=False):
        x = sh.reshape(self, [-1]) if axis is None else self  # numpy: an index into the flattened tensor
        out = reduce(x, 0 if axis is None else axis)
        if keepdims:
            shape = [1] * len(self.shape) if axis is None else list(self.shape)
            if axis is not None:
                shape[axis] = 1
            out = sh.reshape(out, shape)
        return out
    arg.__doc__ = (f"Index of the {'largest' if 'max' in reduce.__name__ else 'smallest'} element along an axis "
                   "(of the flattened tensor when axis is None).")
    return arg


def _cumsum(self, axis=None, dtype=None):
    """Running sums along an axis (of the flattened tensor when axis is None)."""
    x = _in(self, dtype)
    return red.cumsum(sh.reshape(x, [-1]) if axis is None else x, 0 if axis is None else axis)


def _shape_args(args):
    """Shape or axes given as one sequence or as several ints: x.reshape((2, 3)) or x.reshape(2, 3)."""
    return args[0] if len(args) == 1 and not isinstance(args[0], int) else args


def _reshape(self, *shape):
    """The same elements in a new shape, given as a tuple or as ints; one size may be -1."""
    return sh.reshape(self, _shape_args(shape))


def _transpose(self, *axes):
    """Axes permuted, given as a tuple or as ints (reversed when none are given)."""
    return sh.transpose(self, _shape_args(axes) if axes else None)


def _squeeze(self, axis=None):
    """Without its size-1 axes (only those in `axis` when given)."""
    return sh.squeeze(self, axis)


def _flatten(self):
    """The elements in one axis."""
    return sh.reshape(self, [-1])


def _ravel(self):
    """The elements in one axis."""
    return sh.reshape(self, [-1])


def _astype(self, dtype):
    """The tensor converted to another dtype."""
    return bc.cast(self, dtype)


def _clip(self, min=None, max=None):  # noqa: A002 - numpy's argument names
    """The elements limited to [min, max]; either bound may be None."""
    x = self if min is None else ew.maximum(self, min)
    return x if max is None else ew.minimum(x, max)


def _round(self, decimals=0):
    """Elements rounded to `decimals` decimals, halves to even (as numpy)."""
    if decimals == 0:
        return ew.round(self)
    scale = 10.0 ** decimals
    return ew.round(self * scale) / scale


def _dot(self, b):
    """The dot product as numpy's: matmul for vectors and matrices, a product with a scalar, and for more axes
    a sum over this tensor's last axis and b's second to last."""
    b = convert_input(linalg.matmul.op, b)
    if len(self.shape) == 0 or len(b.shape) == 0:
        return ew.multiply(self, b)
    if len(b.shape) <= 2:
        return linalg.matmul(self, b)
    return linalg.tensordot(self, b, [[-1], [-2]])


def _conj(self):
    """The complex conjugate (the tensor itself for reals)."""
    return ew.conj(self)


METHODS = {
    "sum": _sum, "mean": _mean, "prod": _prod, "max": _max, "min": _min, "var": _var, "std": _std, "all": _all,
    "any": _any, "argmax": _arg(red.argmax), "argmin": _arg(red.argmin), "cumsum": _cumsum, "reshape": _reshape,
    "transpose": _transpose, "squeeze": _squeeze, "flatten": _flatten, "ravel": _ravel, "astype": _astype,
    "clip": _clip, "abs": ew.abs, "round": _round, "dot": _dot, "conj": _conj,
}

for _cls in (Tensor, Variable):
    for _name, _method in METHODS.items():
        setattr(_cls, _name, _method)
    _cls.real = property(ew.real, doc="The real part.")
    _cls.imag = property(ew.imag, doc="The imaginary part (zeros for reals).")
for _name, _method in METHODS.items():
    if _method is not ew.abs:  # the op keeps its name
        _method.__name__ = _method.__qualname__ = _name
del _cls, _name, _method

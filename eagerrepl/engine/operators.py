"""Python's operators on Tensor and Variable, bound to the ops (TF 2 semantics: == is elementwise)."""

from . import elementwise as ew
from . import linalg, placement
from . import shape as sh
from .tensor import Tensor
from .variable import Variable


def _reflected(op):
    def reflected(self, other):
        return op(other, self)
    reflected.__name__ = f"__r{op.__name__}__"
    return reflected


def _comparison(op):
    def compare(self, other):
        try:
            return op(self, other)
        except TypeError:  # None or an unrelated object: let Python fall back to identity
            return NotImplemented
    return compare


def _pow(self, other, modulo=None):
    return ew.pow(self, other)


_BINARY = {
    "add": ew.add, "sub": ew.subtract, "mul": ew.multiply, "truediv": ew.divide,
    "floordiv": ew.floordiv, "mod": ew.mod, "matmul": linalg.product,
    "and": ew.logical_and, "or": ew.logical_or, "xor": ew.logical_xor,
}


def _bind(cls):
    for name, op in _BINARY.items():
        setattr(cls, f"__{name}__", op)
        setattr(cls, f"__r{name}__", _reflected(op))
    cls.__pow__ = _pow
    cls.__rpow__ = _reflected(ew.pow)
    cls.__neg__ = ew.negative
    cls.__pos__ = lambda self: self
    cls.__abs__ = ew.abs
    cls.__invert__ = ew.logical_not
    for name, op in {"eq": ew.equal, "ne": ew.not_equal, "lt": ew.less, "le": ew.less_equal,
                     "gt": ew.greater, "ge": ew.greater_equal}.items():
        setattr(cls, f"__{name}__", _comparison(op))
    cls.__getitem__ = sh.getitem
    cls.T = property(lambda self: sh.transpose(self), doc="The tensor with its axes reversed.")
    cls.to = placement.to
    cls.gpu = placement.gpu
    cls.cpu = placement.cpu


def _read_then(name):
    method = getattr(Tensor, name)

    def delegate(self, *args):
        return method(self._read(), *args)
    delegate.__name__ = name
    delegate.__doc__ = method.__doc__
    return delegate


_bind(Tensor)
_bind(Variable)
Tensor.__dlpack__ = placement.dlpack
Tensor.__dlpack_device__ = placement.dlpack_device
# A Variable answers Python's single-value and sequence protocols through its current value.
for _name in ("__len__", "__iter__", "__bool__", "__float__", "__int__", "__index__", "__complex__", "item", "tolist"):
    setattr(Variable, _name, _read_then(_name))

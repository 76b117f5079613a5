"""Tensor: an immutable value on a device, wrapping one backend array; and what ops take as one.

Ops build tensors with `Tensor()` and set `_value` (see `_new`): making a tensor is on every op's
path, and a class without __init__ makes its instances fastest. People make tensors with
er.constant and the ops. The Python operators (+, *, @, ...) and NumPy's methods (sum, reshape...)
are bound in operators.py and methods.py, once the ops exist.
"""

import numpy as np

from .. import backend
from . import rendering
from .convert import to_array


class TensorLike:
    """What ops take as a tensor: a Tensor, or a Variable (variable.py), which ops read when they use it.

    Variable is built on the ops, above this module; ops recognise it through this base class
    rather than by importing it.
    """

    __slots__ = ()

    def _read(self):
        """The value as a Tensor (a Variable records the read on the tapes watching it)."""
        return self

    def ref(self):
        """A hashable reference to this object, for dict keys and sets; .deref() gives the object back."""
        return Reference(self)


class Reference:
    """A hashable stand-in for a Tensor or Variable (whose == is elementwise): equal when both hold one object."""

    __slots__ = ("_obj",)

    def __init__(self, obj):
        self._obj = obj

    def deref(self):
        """The Tensor or Variable this refers to."""
        return self._obj

    def __hash__(self):
        return id(self._obj)

    def __eq__(self, other):
        return isinstance(other, Reference) and other._obj is self._obj

    def __repr__(self):
        return f"<Reference wrapping {self._obj!r}>"


class Tensor(TensorLike):
    """An immutable multidimensional array on a device, with automatic differentiation."""

    __slots__ = ("_value", "__weakref__")
    # Above ndarray's 0 and CuPy's 100, so `ndarray + tensor` and `cupy_array + tensor` ask
    # Tensor.__radd__ and give a Tensor, while numpy functions such as np.square(tensor) still
    # take it through __array__.
    __array_priority__ = 1000
    # Elementwise == makes tensors unhashable, as in TF 2 and numpy; ref() is their hashable stand-in.
    __hash__ = None

    @property
    def shape(self):
        """The tensor's shape, a tuple of ints."""
        return self._value.shape

    @property
    def dtype(self):
        """The tensor's element type (a numpy dtype such as er.float32)."""
        return self._value.dtype

    @property
    def ndim(self):
        """The number of axes."""
        return self._value.ndim

    @property
    def size(self):
        """The number of elements."""
        return self._value.size

    @property
    def device(self):
        """Name of the device the tensor lives on, such as 'cpu:0'."""
        return backend.device_of(self._value).name

    def numpy(self):
        """The value as a read-only numpy array (a numpy scalar for 0-d tensors).

        Without a copy on the CPU; a GPU tensor is copied to the host.
        """
        value = backend.to_host(self._value)
        if value.ndim == 0:
            return value[()]
        value = value.view()
        value.flags.writeable = False
        return value

    def __array__(self, dtype=None, copy=None):
        if copy is False and not isinstance(self._value, backend.HOST_TYPES):
            raise ValueError(f"a tensor on {self.device} can only be seen as a numpy array through a "
                             "copy to the host; use np.asarray(t) or t.numpy()")
        host = backend.to_host(self._value)
        value = np.asarray(host, dtype=dtype)
        if copy and host is self._value:
            return value.copy()
        if value is self._value:
            value = value.view()
            value.flags.writeable = False
        return value

    def item(self):
        """The single value of a one-element tensor, as a Python number."""
        if self._value.size != 1:
            raise ValueError(
                f"item: only a tensor with one element has a single value; this one has shape {self.shape}")
        return self._value.item()

    def tolist(self):
        """The value as nested Python lists of Python numbers."""
        return self._value.tolist()

    def _single(self, what):
        if self._value.size != 1:
            raise ValueError(
                f"{what} of a tensor with shape {self.shape} is ambiguous: it needs exactly one element; "
                "use er.reduce_any / er.reduce_all, or index one element")
        return self._value.item()

    def __bool__(self):
        return bool(self._single("the truth value"))

    def __float__(self):
        return float(self._single("float()"))

    def __int__(self):
        return int(self._single("int()"))

    def __complex__(self):
        return complex(self._single("complex()"))

    def __index__(self):
        if self._value.dtype.kind not in "iub":
            raise TypeError(f"only integer tensors can be used as an index, not {self.dtype}")
        return int(self._single("an index"))

    def __len__(self):
        if self._value.ndim == 0:
            raise TypeError("len() of a 0-d tensor: it has no axes")
        return self._value.shape[0]

    def __iter__(self):
        if self._value.ndim == 0:
            raise TypeError("iteration over a 0-d tensor: it has no axes")
        for i in range(self._value.shape[0]):
            yield self[i]

    def _device_suffix(self):
        name = self.device
        return "" if name == "cpu:0" else f", device={name}"

    def __repr__(self):
        value = np.asarray(backend.to_host(self._value))
        text = str(value) if value.ndim == 0 else repr(value)
        return f"<Tensor: shape={self.shape}, dtype={self.dtype}{self._device_suffix()}, numpy={text}>"

    def __str__(self):
        value = np.asarray(backend.to_host(self._value))
        return f"Tensor({value!s}, shape={self.shape}, dtype={self.dtype}{self._device_suffix()})"

    # Jupyter, IPython and rich show a tensor through eagerrepl.display (see rendering.py).
    _repr_mimebundle_ = rendering.repr_mimebundle
    __rich__ = rendering.rich


def _new(value):
    """A Tensor around a backend array, without conversion (the ops' fast path)."""
    t = Tensor()
    t._value = value
    return t


def to_tensor(value, like=None, device=None):
    """A Tensor from a Tensor (itself), a Variable (read), or a value convert.to_array takes (as it types it).

    A Tensor keeps its dtype: er.convert_to_tensor (creation.py) is the conversion that also casts.
    """
    if isinstance(value, TensorLike):
        return value._read()
    return _new(to_array(value, like=like, device=device))

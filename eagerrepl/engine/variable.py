"""Variable: a named, mutable tensor-like value, the parameters that training updates."""

import itertools
import sys

import numpy as np

from .. import backend
from . import rendering, tape
from .convert import to_array
from .dtypes import as_dtype
from .errors import DTypeError, InvalidArgumentError
from .primitive import Op, convert_input
from .tensor import Tensor, TensorLike, _new

_creation_order = itertools.count()
_anywhere = tape.anywhere


def _read_vjp(g, ans, variable):
    return g


READ = Op("read", (_read_vjp,))  # what reading a trainable Variable records: its value passes gradients through


class _Holder:
    __slots__ = ("_value",)


def _sole_owner_refcount():
    """What sys.getrefcount reports for an array held by one attribute (varies by Python version)."""
    holder = _Holder()
    holder._value = np.empty(1)
    return sys.getrefcount(holder._value)


_SOLE_OWNER = _sole_owner_refcount()
_BLOCK_BYTES = 1 << 18  # _subtract_scaled's block: 256 KiB stays in a core's cache between its two ops


class Variable(TensorLike):
    """A mutable value with a name; reading a trainable one is recorded on active tapes."""

    __slots__ = ("_value", "name", "trainable", "_order", "__weakref__")
    __array_priority__ = 1000  # as Tensor's
    __hash__ = None

    def __init__(self, initial_value, name=None, trainable=True, dtype=None):
        if callable(initial_value):
            initial_value = initial_value()
        if isinstance(initial_value, TensorLike):  # a Variable starts from a copy of the value: no read to record
            value = initial_value._value
            if dtype is not None:
                value = value.astype(as_dtype(dtype))
        else:
            value = to_array(initial_value, dtype=dtype)
        # Own a writable array (on the value's device): optimizers update it in place when no
        # tensor shares it.
        self._value = backend.array_module(value).array(value, copy=True)
        self.name = "Variable" if name is None else str(name)
        self.trainable = bool(trainable)
        self._order = next(_creation_order)

    def _read(self):
        """The current value as a Tensor; recorded on active tapes when the Variable is trainable."""
        t = Tensor()
        t._value = self._value
        if _anywhere and self.trainable and tape.state.tapes:
            tape.record_read(READ, self, t)
        return t

    def read_value(self):
        """The current value as a Tensor."""
        return self._read()

    def value(self):
        """The current value as a Tensor."""
        return self._read()

    def numpy(self):
        """The current value as a read-only numpy array (a numpy scalar when 0-d), without copying.

        Later assignments do not change it: while the array is shared, they copy (copy-on-write).
        """
        return _new(self._value).numpy()

    def __array__(self, dtype=None, copy=None):
        return _new(self._value).__array__(dtype, copy)

    shape = property(lambda self: self._value.shape, doc="The variable's shape, a tuple of ints.")
    dtype = property(lambda self: self._value.dtype, doc="The variable's element type.")
    ndim = property(lambda self: self._value.ndim, doc="The number of axes.")
    size = property(lambda self: self._value.size, doc="The number of elements.")
    device = property(lambda self: Tensor.device.fget(self), doc="Name of the device the variable lives on.")

    def _new_value(self, op, value):
        """Check a value for assignment and give it this variable's dtype; changes nothing."""
        device = backend.device_of(self._value)
        # Assignment is a copy by nature, so a value from another device is welcome here.
        # convert_input's errors name the op, as every op's do.
        value = device.put(convert_input(op, value, like=self._value.dtype, device=device)._value)
        if value.shape != self._value.shape:
            try:
                value = backend.array_module(value).broadcast_to(value, self._value.shape)
            except ValueError:
                raise InvalidArgumentError(
                    op, f"cannot assign a value of shape {value.shape} to Variable '{self.name}' "
                        f"of shape {self._value.shape}") from None
        if value.dtype != self._value.dtype:
            if not np.can_cast(value.dtype, self._value.dtype, casting="same_kind"):
                raise DTypeError(
                    op, f"cannot assign {value.dtype} values to Variable '{self.name}' of dtype "
                        f"{self._value.dtype}; cast them first with er.cast")
        return value

    def _update(self, op, value, ufunc=None):
        cur = self._value
        # Optimizers pass arrays of the right shape and dtype: no conversion needed (0-d values
        # come as numpy scalars beside the Variable's 0-d array).
        fits = ((type(value) is type(cur) or (isinstance(value, np.generic) and isinstance(cur, np.ndarray)))
                and value.shape == cur.shape and value.dtype == cur.dtype)
        new = value if fits else self._new_value(op, value)
        del cur
        # Copy-on-write: tensors read from this variable keep the value they saw. When nothing
        # but this variable holds the array, update it in place and spare training loops an
        # allocation per step.
        copyto = np.copyto
        if not isinstance(self._value, np.ndarray):  # CuPy's functions, directly (see primitive.py)
            copyto, ufunc = backend.gpu_function(copyto), ufunc and backend.gpu_function(ufunc)
        try:  # numpy checks dtypes before it writes: a refused update leaves the value as it was
            if sys.getrefcount(self._value) <= _SOLE_OWNER:
                if ufunc is None:
                    copyto(self._value, new, casting="same_kind")
                else:
                    ufunc(self._value, new, out=self._value, casting="same_kind")
            else:
                result = new if ufunc is None else ufunc(self._value, new)
                self._value = backend.array_module(result).array(result, dtype=self._value.dtype, copy=True)
        except TypeError as exc:  # e.g. bool has no subtract
            raise DTypeError(op, f"cannot update Variable '{self.name}' of dtype {self._value.dtype} "
                                 f"with {new.dtype} values ({exc})") from None
        return self

    def _subtract_scaled(self, delta, scale):
        """assign_sub(delta * scale) for optimizers (delta an array shaped as the variable, scale a Python float).

        A large variable that nothing else holds is updated block by block, through one small buffer:
        `delta * scale` written out whole would be another array the variable's size, fresh memory
        (page faults) on every training step, and out of the cache by the time it is subtracted.
        """
        cur = self._value
        if (type(cur) is np.ndarray and type(delta) is np.ndarray and delta.shape == cur.shape
                and delta.dtype == cur.dtype and cur.dtype.kind in "fc"
                and sys.getrefcount(cur) <= _SOLE_OWNER + 1):  # (+1: `cur` here) in place, as _update would
            if cur.nbytes <= _BLOCK_BYTES:  # (without _update's checks, made above)
                np.subtract(cur, delta * scale, out=cur)
                return self
            if cur.flags.c_contiguous and delta.flags.c_contiguous:
                flat, step = cur.reshape(-1), delta.reshape(-1)
                n = _BLOCK_BYTES // cur.itemsize
                block = np.empty(n, cur.dtype)
                for i in range(0, flat.size, n):
                    part = flat[i:i + n]
                    np.subtract(part, np.multiply(step[i:i + n], scale, out=block[:part.size]), out=part)
                return self
        del cur
        return self._update("assign_sub", delta * scale, np.subtract)

    def assign(self, value, read_value=True):
        """Set the variable to `value` (same shape; cast to the variable's dtype)."""
        return self._update("assign", value)

    def assign_add(self, delta, read_value=True):
        """Add `delta` to the variable in place."""
        return self._update("assign_add", delta, np.add)

    def assign_sub(self, delta, read_value=True):
        """Subtract `delta` from the variable in place."""
        return self._update("assign_sub", delta, np.subtract)

    def __repr__(self):
        value = np.asarray(backend.to_host(self._value))
        text = str(value) if value.ndim == 0 else repr(value)
        return (f"<Variable '{self.name}' shape={self.shape} dtype={self.dtype}"
                f"{_new(self._value)._device_suffix()}, numpy={text}>")

    def __str__(self):
        return repr(self)

    # Jupyter, IPython and rich show a Variable through eagerrepl.display (see rendering.py).
    _repr_mimebundle_ = rendering.repr_mimebundle
    __rich__ = rendering.rich

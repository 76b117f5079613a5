"""Turning Python values, numpy arrays and Variables into what ops compute with."""

import numbers

import numpy as np

from .. import backend
from .dtypes import array_from_python, as_dtype, python_scalar_dtype
from .errors import DTypeError
from .tensor import Tensor, _new
from .variable import Variable

_PY_SCALARS = (bool, int, float, complex)


def _array(value, dtype, like):
    if isinstance(value, backend.HOST_TYPES):
        arr = value
    elif isinstance(value, _PY_SCALARS):
        arr = np.asarray(value, dtype=dtype or (like if like is not None and _fits(value, like)
                                                else python_scalar_dtype(value)))
    elif isinstance(value, (list, tuple)) or isinstance(value, numbers.Number):
        try:
            arr = array_from_python(value, dtype, like)
        except ValueError as exc:
            raise ValueError(f"cannot make a tensor from this {type(value).__name__}: {exc}; "
                             "nested lists must be rectangular (every row the same length)") from None
    elif type(value) in backend.GPU_ARRAY_TYPES:
        arr = value
    elif hasattr(value, "__cuda_array_interface__"):  # a GPU array of another library (PyTorch, Numba)
        arr = backend.from_device_array(value)
    elif hasattr(value, "__array__") or hasattr(value, "__array_interface__"):
        arr = np.asarray(value)
    else:
        raise TypeError(f"cannot make a tensor from a {type(value).__name__}; use numbers, (nested) "
                        "lists of numbers, numpy arrays, Tensors or Variables")
    if dtype is not None and arr.dtype != dtype:
        arr = arr.astype(dtype)
    return arr


def _fits(value, like):
    # A Python scalar takes another operand's dtype when no information is lost (TF's weak
    # typing): 2 fits float32, 2.5 does not fit int32.
    kind = like.kind
    if isinstance(value, bool):
        return kind == "b"
    if isinstance(value, int):
        return kind in "fc" or (kind in "iu" and np.can_cast(np.min_scalar_type(value), like))
    if isinstance(value, float):
        return kind in "fc"
    return kind == "c"


def _joint_python_dtype(x, y):
    """The TF dtype two Python operands share: the wider kind of the two, at TF's default width."""
    try:
        kind = np.result_type(np.asarray(x), np.asarray(y)).kind
    except (TypeError, ValueError):
        return None  # let the conversion of each say what is wrong
    return {"b": None, "i": None, "u": None, "f": np.dtype("float32"), "c": np.dtype("complex64")}.get(kind)


def convert_to_tensor(value, dtype=None, like=None, name=None, device=None):
    """A Tensor from a Tensor, Variable, number, nested list or numpy array.

    Python floats become float32 and ints int32, as in TensorFlow; numpy arrays keep their dtype.
    Tensors stay on their device; host values land on `device`, by default the current one.
    """
    dtype = as_dtype(dtype)
    if isinstance(value, Variable):
        value = value._read()
    if isinstance(value, Tensor):
        if dtype is None or value._value.dtype == dtype:
            return value
        from .elementwise import cast  # a dtype change of a tensor is a differentiable cast
        return cast(value, dtype)
    try:
        arr = _array(value, dtype, like)
    except OverflowError:  # numpy's "Python int too large to convert to C long" names no value
        raise ValueError(f"{value!r} does not fit in a {dtype or 'int64'} tensor; ints beyond 64 bits "
                         "have no tensor dtype (use a float)") from None
    if device is None:
        device = backend.current_device()
    if device is not backend.CPU and isinstance(arr, backend.HOST_TYPES):
        arr = device.put(arr)
    return _new(arr)


def operand(op, x, other):
    """Prepare an input of a two-input op: (what the tape records, the array or scalar to compute with).

    A Python scalar next to a tensor stays a Python scalar, so numpy's weak typing applies
    (`float32_tensor * 2.0` stays float32); alone, it becomes a Tensor by TF's rules.
    """
    if type(x) is Variable:
        t = x._read()
        return t, t._value
    device = None
    if isinstance(other, (Tensor, Variable, np.ndarray, np.generic)):
        if isinstance(x, _PY_SCALARS):
            return x, x
        like = other.dtype
        if isinstance(other, (Tensor, Variable)):  # lists and arrays follow the tensor's device
            device = backend.device_of(other._value)
    elif isinstance(x, _PY_SCALARS + (list, tuple)) and isinstance(other, _PY_SCALARS + (list, tuple)):
        # Two Python operands: type them together (1 + 2.0 is float32), not the first alone.
        like = _joint_python_dtype(x, other)
    else:
        like = None
    try:
        t = convert_to_tensor(x, like=like, device=device)
    except (TypeError, ValueError) as exc:
        raise DTypeError(op, str(exc)) from None
    return t, t._value

"""Turning Python values and arrays of any library into backend arrays, by TensorFlow's typing rules.

This module knows no Tensor and no Variable (tensor.py, below the ops, turns those into tensors), so
that every engine module can build on it.
"""

import numbers

import numpy as np

from .. import backend
from .dtypes import array_from_python, as_dtype, python_scalar_dtype
from .opwarnings import reissue

PY_SCALARS = (bool, int, float, complex)


def to_array(value, dtype=None, like=None, device=None):
    """A backend array holding `value`: a number, nested lists, or an array of numpy, CuPy or another library.

    Python floats become float32 and ints int32, as in TensorFlow, unless `like` (another operand's
    dtype) can hold them; arrays keep their dtype. Host values land on `device`, by default the
    current one; arrays already on a GPU stay there.
    """
    dtype = as_dtype(dtype)
    try:
        arr = _array(value, dtype, like)
    except OverflowError:  # numpy's "Python int too large to convert to C long" names no value
        raise ValueError(f"{value!r} does not fit in a {dtype or 'int64'} tensor; ints beyond 64 bits "
                         "have no tensor dtype (use a float)") from None
    except RuntimeWarning:  # 1e40 overflowing float32, say: warned at the user's line (opwarnings.py)
        arr = reissue(_array, value, dtype, like)
    if device is None:
        device = backend.current_device()
    if device is not backend.CPU and isinstance(arr, backend.HOST_TYPES):
        arr = device.put(arr)
    return arr


def _array(value, dtype, like):
    if isinstance(value, backend.HOST_TYPES):
        arr = value
    elif isinstance(value, PY_SCALARS):
        # A numpy scalar, as ops give for 0-d results: arithmetic between those is numpy's fastest.
        arr = np.asarray(value, dtype=dtype or (like if like is not None and _fits(value, like)
                                                else python_scalar_dtype(value)))[()]
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


def joint_python_dtype(x, y):
    """The TF dtype two Python operands share: the wider kind of the two, at TF's default width."""
    try:
        kind = np.result_type(np.asarray(x), np.asarray(y)).kind
    except (TypeError, ValueError):
        return None  # let the conversion of each say what is wrong
    return {"b": None, "i": None, "u": None, "f": np.dtype("float32"), "c": np.dtype("complex64")}.get(kind)

"""dtypes are numpy's, and Python values become tensors by TensorFlow's rules."""

import builtins

import numpy as np

__all__ = ["as_dtype", "bool", "complex64", "complex128", "float16", "float32", "float64", "int8", "int16", "int32",
           "int64", "result_type", "uint8"]

float16 = np.dtype("float16")
float32 = np.dtype("float32")
float64 = np.dtype("float64")
int8 = np.dtype("int8")
int16 = np.dtype("int16")
int32 = np.dtype("int32")
int64 = np.dtype("int64")
uint8 = np.dtype("uint8")
bool = np.dtype("bool")  # noqa: A001 - the public name follows tf.bool
complex64 = np.dtype("complex64")
complex128 = np.dtype("complex128")

FLOAT = float32  # the float that integers become where they must (1 / 2, sin of an int): Python floats' dtype
_INT32 = np.iinfo(np.int32)


def result_type(*dtypes):
    """The dtype an op on tensors of these dtypes computes in: numpy's, except that integers and bools
    take the floats' dtype (int32 with float32 is float32, where numpy gives float64)."""
    dtypes = [as_dtype(d) for d in dtypes]
    inexact = [d for d in dtypes if d.kind in "fc"]
    return np.result_type(*(inexact or dtypes))


def as_dtype(dtype):
    """A numpy dtype from a dtype-like (er.float32, "float32", np.float32, float)."""
    if dtype is None:
        return None
    if dtype is builtins.float:
        return float32
    if dtype is builtins.int:
        return int32
    return np.dtype(dtype)


def python_scalar_dtype(value):
    """TF's dtype for a Python scalar: bool, int32 (int64 when it does not fit), float32, complex64."""
    if isinstance(value, builtins.bool):
        return bool
    if isinstance(value, builtins.int):
        return int32 if _INT32.min <= value <= _INT32.max else int64
    if isinstance(value, builtins.float):
        return float32
    return complex64


def array_from_python(value, dtype=None, like=None):
    """An ndarray from Python numbers or nested lists, typed as TF types them.

    Floats become float32 and ints int32. When `like` (another operand's dtype) is given, the
    Python values take it wherever no information is lost, so `[1, 2] + float32_tensor` stays
    float32 as in TF.
    """
    if dtype is not None:
        return np.asarray(value, dtype=dtype)
    arr = np.asarray(value)
    kind = arr.dtype.kind
    if like is not None and kind in "biuf" and "biufc".index(kind) <= "biufc".index(like.kind):
        return arr.astype(like)
    if kind == "f":
        return arr.astype(float32)
    if kind == "i":
        if arr.size and (arr.min() < _INT32.min or arr.max() > _INT32.max):
            return arr.astype(int64)
        return arr.astype(int32)
    if kind == "c":
        return arr.astype(complex64)
    if kind not in "bu":
        raise TypeError(f"cannot make a tensor from {type(value).__name__} holding {arr.dtype} values; "
                        "use numbers, nested lists of numbers, or numpy arrays")
    return arr

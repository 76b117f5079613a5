"""The exceptions the engine raises for bad input: each message names the op and what would work."""

from .. import backend

__all__ = ["DTypeError", "IndexOutOfRangeError", "InvalidArgumentError", "NonFiniteError", "NonFiniteWarning"]


class InvalidArgumentError(ValueError):
    """An op was given arguments it cannot work with (shapes, values, axes)."""

    __module__ = "eagerrepl"  # tracebacks name it as users reach it: eagerrepl.InvalidArgumentError

    def __init__(self, op, message):
        super().__init__(f"{op}: {message}")
        self.op = str(op)  # the op's name (`op` may be a primitive.Op)


class DTypeError(InvalidArgumentError, TypeError):
    """An op was given a dtype it cannot work with."""

    __module__ = "eagerrepl"


class IndexOutOfRangeError(InvalidArgumentError, IndexError):
    """An index does not fit the tensor it indexes."""

    __module__ = "eagerrepl"


def describe(x):
    """Short 'dtype shape' description of an op input, for error messages."""
    dtype = getattr(x, "dtype", None)
    if dtype is None:
        return type(x).__name__
    return f"{dtype} {tuple(getattr(x, 'shape', ()))}"


def device_mismatch(op, *inputs):
    """The DeviceError for an op whose tensor inputs live on different devices, else None."""
    found = {}
    for x in inputs:
        value = getattr(x, "_value", None)
        if value is not None:
            try:
                found.setdefault(backend.device_of(value).name, x)
            except backend.DeviceError:
                pass
    if len(found) < 2:
        return None
    (a, xa), (b, xb) = list(found.items())[:2]
    gpu = next(name for name in found if name != "cpu:0")
    return backend.DeviceError(
        f"{op}: inputs are on different devices, {describe(xa)} on {a} and {describe(xb)} on {b}; "
        f"copy one to the other's device first with .gpu() / .to('{gpu}') or .cpu()")


def op_error(op, exc, *inputs):
    """Turn an exception raised by the array library inside `op` into one of ours."""
    mixed = device_mismatch(op, *inputs)
    if mixed is not None:  # CuPy refuses host arrays with a message that names no device
        return mixed
    shapes = " and ".join(describe(x) for x in inputs)
    text = str(exc)
    if isinstance(exc, IndexError):
        return IndexOutOfRangeError(op, f"{text} (indexing {shapes})")
    if "broadcast together with shapes" in text:  # numpy's elementwise wording, not einsum's
        return InvalidArgumentError(
            op, f"cannot broadcast shapes {' and '.join(str(tuple(getattr(x, 'shape', ()))) for x in inputs)}; "
                "each trailing dimension must be equal, or 1")
    if isinstance(exc, TypeError) or "not supported for the input types" in text or "ufunc" in text:
        return DTypeError(op, f"not defined for inputs {shapes} ({text})")
    return InvalidArgumentError(op, f"{text} (inputs: {shapes})")


class NonFiniteError(FloatingPointError):
    """An op made a NaN or an infinity out of inputs that had none, while er.seterr says "raise"."""

    __module__ = "eagerrepl"

    def __init__(self, op, message, kind=None, filename=None, lineno=None, output=None):
        super().__init__(f"{op}: {message}")
        self.op = op
        self.kind = kind  # "NaN" or "Inf"
        self.filename, self.lineno = filename, lineno  # where in the user's code the op ran
        self.output = output  # the offending tensor, so that a drawn tape can mark its node


class NonFiniteWarning(RuntimeWarning):
    """An op made a NaN or an infinity out of inputs that had none, while er.seterr says "warn"."""

    __module__ = "eagerrepl"

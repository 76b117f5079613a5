"""The exceptions the engine raises for bad input: each message names the op and what would work."""


class InvalidArgumentError(ValueError):
    """An op was given arguments it cannot work with (shapes, values, axes)."""

    __module__ = "eagerrepl"  # tracebacks name it as users reach it: eagerrepl.InvalidArgumentError

    def __init__(self, op, message):
        super().__init__(f"{op}: {message}")
        self.op = op


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


def op_error(op, exc, *inputs):
    """Turn an exception raised by the array library inside `op` into one of ours."""
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

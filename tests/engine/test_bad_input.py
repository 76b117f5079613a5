"""Property-based: every public op, given random shapes, dtypes and Python values, either computes what
numpy computes or raises one of our errors naming the op, and a failed call changes no Variable."""

import warnings

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import eagerrepl as er

DTYPES = [np.bool_, np.int8, np.uint8, np.int32, np.int64, np.float16, np.float32, np.float64, np.complex64]
OURS = (er.InvalidArgumentError, er.NonFiniteError)
SETTINGS = settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])

shapes = hnp.array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=3)


@st.composite
def arrays(draw, shape=shapes):
    """A small array of any dtype, sometimes a non-contiguous view."""
    dtype = draw(st.sampled_from(DTYPES))
    a = draw(hnp.arrays(dtype, draw(shape) if isinstance(shape, st.SearchStrategy) else shape,
                        elements={"allow_subnormal": False} if np.dtype(dtype).kind in "fc" else None))
    if a.ndim and draw(st.booleans()):  # a strided view: every other element along a doubled axis 0
        a = np.repeat(a, 2, axis=0)[::2]
    return a


python_values = st.one_of(
    st.none(), st.booleans(), st.integers(-3, 3), st.integers(2**40, 2**70), st.floats(allow_nan=True),
    st.complex_numbers(max_magnitude=10), st.text(max_size=3), st.just([1, [2]]), st.just([[1, 2], [3]]),
    st.just([]), st.lists(st.floats(-5, 5), max_size=3), st.just(object()), st.just({"a": 1}))
values = st.one_of(arrays(), python_values)


def check(op_name, call, expected):
    """Call the op; if numpy raised, ours must raise our error naming the op; else the values must match."""
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # numpy's own warnings (complex to real casts, empty means) are not failures
        try:
            got = call()
        except OURS as exc:
            assert str(exc).startswith(f"{op_name}:"), f"message does not name {op_name}: {exc}"
            return exc
        except Exception as exc:  # noqa: BLE001 - the property: nothing else escapes
            pytest.fail(f"{op_name} raised a bare {type(exc).__name__}: {exc}")
        try:
            want = expected()
        except Exception:  # noqa: BLE001 - numpy refused what we accepted: TF semantics differ; no oracle
            return None
    got = np.asarray(got)
    want = np.asarray(want)
    assert got.shape == want.shape, f"{op_name}: shape {got.shape} != numpy's {want.shape}"
    if want.dtype.kind in "fc" or got.dtype.kind in "fc":
        assert np.allclose(got.astype(np.complex128), want.astype(np.complex128), rtol=1e-3, atol=1e-3,
                           equal_nan=True), f"{op_name}: {got} != numpy's {want}"
    elif want.dtype.kind in "biu" and got.dtype.kind in "biu":
        # Same kind of integer result; a narrower dtype (TF keeps int32 where numpy widens) may wrap.
        if got.dtype == want.dtype:
            np.testing.assert_array_equal(got, want, err_msg=op_name)
    return None


def tensor_or_value(v):
    return er.constant(v) if isinstance(v, np.ndarray) else v


def as_numpy(v):
    """What the op computes with: arrays as they are, other values converted by our rules."""
    return er.convert_to_tensor(v).numpy() if not isinstance(v, np.ndarray) else v


def _sigmoid(v):
    # Negating int8's -128 wraps around: compute the reference in floats.
    return 1 / (1 + np.exp(-(v.astype(np.float64) if v.dtype.kind in "biu" else v)))


UNARY = {
    "negative": np.negative, "abs": np.abs, "square": np.square, "sqrt": np.sqrt, "exp": np.exp,
    "log": np.log, "sin": np.sin, "tanh": np.tanh, "reciprocal": np.reciprocal, "sign": np.sign,
    "floor": np.floor, "round": np.round, "isnan": np.isnan, "isfinite": np.isfinite,
    "logical_not": np.logical_not, "relu": lambda v: np.maximum(v, 0), "sigmoid": lambda v: _sigmoid(np.asarray(v)),
}
BINARY = {
    "add": np.add, "subtract": np.subtract, "multiply": np.multiply, "divide": np.true_divide,
    "floordiv": np.floor_divide, "mod": np.mod, "pow": np.power, "maximum": np.maximum,
    "minimum": np.minimum, "equal": np.equal, "less": np.less, "logical_and": np.logical_and,
    "matmul": np.matmul,
}


@SETTINGS
@given(name=st.sampled_from(sorted(UNARY)), x=values, as_tensor=st.booleans())
def test_unary_ops(name, x, as_tensor):
    op = getattr(er, name)
    arg = er.constant(x) if as_tensor and isinstance(x, np.ndarray) else x
    check(name, lambda: op(arg), lambda: UNARY[name](in_floats(name, as_numpy(x))))


FLOAT_OPS = {"sqrt", "exp", "log", "sin", "tanh", "sigmoid"}


def in_floats(name, v):
    """What a float op computes with: integers and bools as float32 (the promotion rule), others as they are."""
    v = np.asarray(v)
    return v.astype(np.float32) if name in FLOAT_OPS and v.dtype.kind in "biu" else v


@SETTINGS
@given(name=st.sampled_from(sorted(BINARY)), x=arrays(), y=values, swap=st.booleans())
def test_binary_ops(name, x, y, swap):
    op = getattr(er, name)
    a, b = (y, x) if swap else (x, y)
    ta, tb = tensor_or_value(a), tensor_or_value(b)
    check(name, lambda: op(ta, tb), lambda: BINARY[name](*promoted(operand(a, b), operand(b, a), name)))


def operand(v, other):
    """What a binary op computes with: Python scalars stay scalars (weak typing) unless their kind is above the
    array's (a float next to integers: then typed as alone), lists take the array's dtype."""
    if isinstance(v, (bool, int, float, complex)):
        kinds = "biufc".replace("u", "i")
        if kinds.index(np.asarray(v).dtype.kind) > kinds.index(other.dtype.kind.replace("u", "i")):
            return er.convert_to_tensor(v).numpy()
        return v
    if isinstance(v, np.ndarray):
        return v
    return er.convert_to_tensor(v, like=other.dtype).numpy()


def promoted(a, b, name):
    """Two numeric arrays in er.result_type's dtype (the promotion rule); integers divide in float32."""
    a, b = (np.asarray(v) if isinstance(v, np.generic) else v for v in (a, b))  # numpy scalars are typed
    if all(isinstance(v, np.ndarray) and v.dtype.kind in "biufc" for v in (a, b)):
        dtype = er.result_type(a.dtype, b.dtype)
        a, b = a.astype(dtype), b.astype(dtype)
    if name == "divide":
        a, b = (v.astype(np.float32) if np.asarray(v).dtype.kind in "biu" else v for v in (a, b))
    return a, b


axes = st.one_of(st.none(), st.integers(-4, 4), st.tuples(st.integers(-3, 3), st.integers(-3, 3)),
                 st.just("x"), st.just(1.5))


@SETTINGS
@given(name=st.sampled_from(["reduce_sum", "reduce_max", "reduce_mean", "reduce_prod", "argmax"]),
       x=arrays(), axis=axes)
def test_reductions(name, x, axis):
    fn = {"reduce_sum": np.sum, "reduce_max": np.max, "reduce_mean": np.mean, "reduce_prod": np.prod,
          "argmax": np.argmax}[name]
    want_axis = 0 if name == "argmax" and axis is None else axis  # TF's argmax: axis 0 by default
    check(name, lambda: getattr(er, name)(er.constant(x), axis=axis), lambda: fn(x, axis=want_axis))


shape_args = st.one_of(st.lists(st.integers(-2, 4), max_size=3).map(tuple), st.integers(-1, 4), st.just("ab"),
                       st.just((1.5,)), st.none())


@SETTINGS
@given(name=st.sampled_from(["reshape", "transpose", "expand_dims", "squeeze", "tile", "broadcast_to",
                             "getitem", "gather", "cast"]),
       x=arrays(), arg=st.one_of(shape_args, st.sampled_from(["float32", "int8", "bool", "nope", er.float16])))
def test_shape_ops(name, x, arg):
    t = er.constant(x)
    calls = {
        "reshape": (lambda: er.reshape(t, arg), lambda: np.reshape(x, arg)),
        "transpose": (lambda: er.transpose(t, arg), lambda: np.transpose(x, arg)),
        "expand_dims": (lambda: er.expand_dims(t, arg), lambda: np.expand_dims(x, arg)),
        "squeeze": (lambda: er.squeeze(t, arg), lambda: np.squeeze(x, arg)),
        "tile": (lambda: er.tile(t, arg), lambda: np.tile(x, arg)),
        "broadcast_to": (lambda: er.broadcast_to(t, arg), lambda: np.broadcast_to(x, arg)),
        "getitem": (lambda: t[arg], lambda: x[arg]),
        "gather": (lambda: er.gather(t, arg), lambda: np.take(x, arg, axis=0)),
        "cast": (lambda: er.cast(t, arg), lambda: x.astype(arg)),
    }
    call, expected = calls[name]
    check(name, call, expected)


@SETTINGS
@given(name=st.sampled_from(["concat", "stack"]), x=arrays(), y=arrays(), axis=st.integers(-3, 3))
def test_joining_ops(name, x, y, axis):
    fn = {"concat": np.concatenate, "stack": np.stack}[name]
    check(name, lambda: getattr(er, name)([er.constant(x), y], axis=axis), lambda: fn(promoted(x, y, name), axis=axis))


@SETTINGS
@given(initial=arrays(), value=values, method=st.sampled_from(["assign", "assign_add", "assign_sub"]))
def test_failed_assignment_changes_no_variable(initial, value, method):
    v = er.Variable(initial)
    before = np.array(v.numpy(), copy=True)
    held = v.read_value()  # a tensor read before: copy-on-write must keep it as it was
    with np.errstate(all="ignore"):
        try:
            getattr(v, method)(value)
        except OURS as exc:
            assert str(exc).startswith(f"{method}:"), exc
            np.testing.assert_array_equal(v.numpy(), before)
        except Exception as exc:  # noqa: BLE001
            pytest.fail(f"{method} raised a bare {type(exc).__name__}: {exc}")
    np.testing.assert_array_equal(held.numpy(), before)
    assert v.dtype == initial.dtype and v.shape == initial.shape

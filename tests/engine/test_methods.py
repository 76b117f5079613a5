"""NumPy's methods on Tensor and Variable: the values numpy's own methods give, the op each one calls, and
the op's error for bad input. Their gradients are checked in test_gradients.py (METHOD_CASES)."""

import numpy as np
import pytest

import eagerrepl as er

A = np.random.default_rng(0).uniform(-2, 2, (3, 4, 5)).astype(np.float32)

# method call (on a tensor or numpy array alike) -> the op it records on a tape
CALLS = {
    "sum()": (lambda x: x.sum(), "reduce_sum"),
    "sum(axis=1)": (lambda x: x.sum(axis=1), "reduce_sum"),
    "sum((0, 2), keepdims=True)": (lambda x: x.sum((0, 2), keepdims=True), "reduce_sum"),
    "sum(dtype=float64)": (lambda x: x.sum(dtype=np.float64), "reduce_sum"),
    "mean(axis=0)": (lambda x: x.mean(axis=0), "reduce_mean"),
    "mean(-1, keepdims=True)": (lambda x: x.mean(-1, keepdims=True), "reduce_mean"),
    "prod(axis=2)": (lambda x: x.prod(axis=2), "reduce_prod"),
    "max()": (lambda x: x.max(), "reduce_max"),
    "max(axis=1, keepdims=True)": (lambda x: x.max(axis=1, keepdims=True), "reduce_max"),
    "min(axis=-1)": (lambda x: x.min(axis=-1), "reduce_min"),
    "std()": (lambda x: x.std(), "sqrt"),
    "std(axis=1, ddof=1)": (lambda x: x.std(axis=1, ddof=1), "sqrt"),
    "var(axis=(0, 1))": (lambda x: x.var(axis=(0, 1)), "divide"),
    "var(ddof=1, keepdims=True)": (lambda x: x.var(ddof=1, keepdims=True), "divide"),
    "cumsum()": (lambda x: x.cumsum(), "cumsum"),
    "cumsum(axis=1)": (lambda x: x.cumsum(axis=1), "cumsum"),
    "reshape(4, 15)": (lambda x: x.reshape(4, 15), "reshape"),
    "reshape((-1, 3))": (lambda x: x.reshape((-1, 3)), "reshape"),
    "reshape([60])": (lambda x: x.reshape([60]), "reshape"),
    "transpose()": (lambda x: x.transpose(), "transpose"),
    "transpose(1, 0, 2)": (lambda x: x.transpose(1, 0, 2), "transpose"),
    "transpose((2, 0, 1))": (lambda x: x.transpose((2, 0, 1)), "transpose"),
    "flatten()": (lambda x: x.flatten(), "reshape"),
    "ravel()": (lambda x: x.ravel(), "reshape"),
    "astype(float64)": (lambda x: x.astype(np.float64), "cast"),
    "clip(-1, 1)": (lambda x: x.clip(-1, 1), "minimum"),
    "clip(min=0)": (lambda x: x.clip(min=0), "maximum"),
    "clip(max=0.5)": (lambda x: x.clip(max=0.5), "minimum"),
    "abs()": (lambda x: np.abs(x) if isinstance(x, np.ndarray) else x.abs(), "abs"),
    "round()": (lambda x: x.round(), None),  # no gradient: never recorded
    "round(2)": (lambda x: x.round(2), "multiply"),  # x * 100, rounded (not recorded), / 100
    "dot(matrix)": (lambda x: x[0].dot(x[1].T), "matmul"),
    "dot(vector)": (lambda x: x[0].dot(x[0, 0]), "matmul"),
    "dot(3-D)": (lambda x: x[0, :2, :4].dot(x), "einsum"),
    "dot(scalar)": (lambda x: x[0].dot(x[0, 0, 0]), "multiply"),
    "conj()": (lambda x: x.conj(), "conj"),
    "real": (lambda x: x.real, "real"),
    "imag": (lambda x: x.imag, "imag"),
}


def as_numpy(value):
    return np.asarray(value.numpy() if isinstance(value, (er.Tensor, er.Variable)) else value)


@pytest.mark.parametrize("name", sorted(CALLS))
def test_method_gives_numpys_value(name):
    call, _ = CALLS[name]
    want = np.asarray(call(A))
    for x in (er.constant(A), er.Variable(A)):
        got = call(x)
        assert isinstance(got, er.Tensor)
        assert got.shape == want.shape
        if name not in ("sum(dtype=float64)",):
            assert got.dtype == want.dtype, (got.dtype, want.dtype)
        np.testing.assert_allclose(as_numpy(got), want, rtol=2e-6, atol=2e-6)


@pytest.mark.parametrize("name", sorted(CALLS))
def test_method_is_a_call_of_its_op(name):
    call, op = CALLS[name]
    x = er.constant(A)
    with er.GradientTape() as tape:
        tape.watch(x)
        call(x)
    recorded = [node.op for node in tape.record.nodes]
    assert (op in recorded) if op else recorded == []


def test_methods_on_a_variable_record_its_read():
    v = er.Variable([[1.0, 2.0], [3.0, 4.0]])
    with er.GradientTape() as tape:
        y = v.sum() + v.mean(axis=0).max()
    assert tape.gradient(y, v).numpy().tolist() == [[1.0, 1.5], [1.0, 1.5]]
    assert tape.watched_variables() == (v,)


def test_argmax_and_argmin_follow_numpy_with_axis_none_on_the_flattened_tensor():
    x = er.constant(A)
    for axis in (None, 0, 1, -1):
        for keepdims in (False, True):
            for method in ("argmax", "argmin"):
                got = getattr(x, method)(axis=axis, keepdims=keepdims)
                want = getattr(A, method)(axis=axis, keepdims=keepdims)
                np.testing.assert_array_equal(got.numpy(), want)
                assert got.dtype == er.int64


def test_all_and_any():
    b = er.constant([[True, False], [True, True]])
    assert b.all().numpy() == np.False_ and b.any().numpy() == np.True_
    np.testing.assert_array_equal(b.all(axis=1).numpy(), [False, True])
    np.testing.assert_array_equal(b.any(axis=0, keepdims=True).numpy(), [[True, True]])


def test_item_and_the_real_and_imaginary_parts_of_complex_tensors():
    z = er.constant([1 + 2j, 3 - 1j])
    np.testing.assert_array_equal(z.real.numpy(), [1.0, 3.0])
    np.testing.assert_array_equal(z.imag.numpy(), [2.0, -1.0])
    np.testing.assert_array_equal(z.conj().numpy(), [1 - 2j, 3 + 1j])
    assert er.constant([[2.5]]).item() == 2.5 and er.Variable(3.0).item() == 3.0


def test_methods_are_documented_and_named():
    for name in ("sum", "mean", "reshape", "astype", "transpose", "clip", "dot", "cumsum", "argmax"):
        method = getattr(er.Tensor, name)
        assert method.__name__ == name and method.__doc__
        assert getattr(er.Variable, name) is method


BAD = {
    "sum(axis=3)": (lambda x: x.sum(axis=3), "reduce_sum: axis 3 is out of range for a tensor of 3 axes"),
    "mean(axis='x')": (lambda x: x.mean(axis="x"), "reduce_mean: axis must be an int"),
    "max(axis=(0, 0))": (lambda x: x.max(axis=(0, 0)), "reduce_max: axis (0, 0) names an axis twice"),
    "std(axis=5)": (lambda x: x.std(axis=5), "reduce_std: axis 5 is out of range"),
    "var(axis=-4)": (lambda x: x.var(axis=-4), "reduce_variance: axis -4 is out of range"),
    "argmax(axis=3)": (lambda x: x.argmax(axis=3), "argmax: axis 3 is out of range"),
    "cumsum(axis=(0, 1))": (lambda x: x.cumsum(axis=(0, 1)), "cumsum: takes a single axis"),
    "reshape(7, 9)": (lambda x: x.reshape(7, 9), "reshape: cannot reshape a tensor of shape (3, 4, 5)"),
    "reshape('ab')": (lambda x: x.reshape("ab"), "reshape: a shape must be a list of ints"),
    "transpose(0, 1)": (lambda x: x.transpose(0, 1), "transpose: perm (0, 1) is not a permutation"),
    "squeeze(axis=1)": (lambda x: x.squeeze(axis=1), "squeeze: axis 1 has size 4, not 1"),
    "astype('nope')": (lambda x: x.astype("nope"), "cast: data type 'nope' not understood"),
    "clip('a')": (lambda x: x.clip("a"), "maximum: cannot make a tensor from a str"),
    "dot(wrong shape)": (lambda x: x[0].dot(x[0]), "matmul: cannot multiply (4, 5) by (4, 5)"),
    "dot('a')": (lambda x: x.dot("a"), "matmul: cannot make a tensor from a str"),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_input_gets_the_ops_one_line_error(name):
    call, message = BAD[name]
    for x in (er.constant(A), er.Variable(A)):
        with pytest.raises(er.InvalidArgumentError) as info:
            call(x)
        assert str(info.value).startswith(message) and "\n" not in str(info.value)

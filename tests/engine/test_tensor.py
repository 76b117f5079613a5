"""Tensor: TF's printed forms, numpy interop, Python protocols, immutability."""

import numpy as np
import pytest

import eagerrepl as er


@pytest.mark.cpu_only  # TF's printed form of a CPU tensor; on a GPU it adds device=gpu:0 (test_devices.py)
def test_str_and_repr_follow_tf():
    m = er.matmul([[2.0]], [[2.0]])
    assert str(m) == "Tensor([[4.]], shape=(1, 1), dtype=float32)"
    assert repr(er.constant(4.0)) == "<Tensor: shape=(), dtype=float32, numpy=4.0>"
    assert repr(er.constant([1, 2])) == "<Tensor: shape=(2,), dtype=int32, numpy=array([1, 2], dtype=int32)>"


def test_properties(device):
    t = er.zeros([2, 3])
    assert (t.shape, t.dtype, t.ndim, t.size, t.device) == ((2, 3), er.float32, 2, 6, device)
    assert len(t) == 2


def test_numpy_is_a_read_only_view_for_arrays_and_a_scalar_for_0d():
    t = er.constant([1.0, 2.0])
    a = t.numpy()
    assert type(a) is np.ndarray
    with pytest.raises(ValueError, match="read-only"):
        a[0] = 5.0
    s = er.constant(3.0).numpy()
    assert isinstance(s, np.float32) and s == 3.0


def test_numpy_functions_take_tensors_and_give_arrays():
    x = er.constant([1.0, 2.0, 3.0])
    squared = np.square(x)
    assert type(squared) is np.ndarray
    np.testing.assert_array_equal(squared, [1.0, 4.0, 9.0])
    assert np.array(x).flags.writeable  # np.array copies


@pytest.mark.parametrize("op", ["__add__", "__mul__", "__sub__", "__truediv__", "__matmul__"])
def test_ndarray_op_tensor_gives_a_tensor(op):
    a = np.array([[1.0, 2.0], [3.0, 4.0]], dtype=np.float32)
    t = er.constant(a)
    result = getattr(a, op)(t)
    if result is NotImplemented:  # Python then asks the tensor's reflected method
        result = getattr(t, "__r" + op[2:])(a)
    assert isinstance(result, er.Tensor)
    np.testing.assert_allclose(result.numpy(), getattr(a, op)(a))


def test_ndarray_on_the_left_of_an_operator():
    a = np.array([1.0, 2.0], dtype=np.float32)
    assert isinstance(a + er.constant([1.0, 1.0]), er.Tensor)
    assert isinstance(np.float32(2) * er.constant([1.0, 1.0]), er.Tensor)


def test_single_value_conversions():
    assert float(er.constant([2.5])) == 2.5
    assert int(er.constant(7)) == 7
    assert bool(er.constant(True)) is True
    assert [10, 20, 30][er.constant(1)] == 20
    assert er.constant([[4.0]]).item() == 4.0


def test_ambiguous_truth_value_is_a_clear_error():
    with pytest.raises(ValueError, match=r"truth value of a tensor with shape \(2,\) is ambiguous"):
        bool(er.constant([1.0, 2.0]))
    with pytest.raises(TypeError, match="only integer tensors can be used as an index"):
        [1, 2][er.constant(1.0)]


def test_zero_d_tensor_has_no_length_nor_iteration():
    with pytest.raises(TypeError, match="len\\(\\) of a 0-d tensor"):
        len(er.constant(1.0))
    with pytest.raises(TypeError, match="iteration over a 0-d tensor"):
        iter(er.constant(1.0)).__next__()


def test_iteration_yields_tensors_along_the_first_axis():
    rows = list(er.constant([[1, 2], [3, 4]]))
    assert all(isinstance(r, er.Tensor) for r in rows)
    assert [r.tolist() for r in rows] == [[1, 2], [3, 4]]


def test_indexing_like_numpy():
    a = np.arange(24.0).reshape(2, 3, 4)
    t = er.constant(a)
    for key in [1, (1, 2), (slice(None), 1), (Ellipsis, 0), (None, 0), (0, slice(1, None), slice(None, None, 2)),
                (np.array([1, 0]),), (a[..., 0] > 5,)]:
        np.testing.assert_array_equal(t[key].numpy(), a[key])
    np.testing.assert_array_equal(t[er.constant([1, 1, 0])].numpy(), a[[1, 1, 0]])
    np.testing.assert_array_equal(t[er.constant(a > 10)].numpy(), a[a > 10])


def test_index_out_of_range_is_an_index_error_naming_the_op():
    with pytest.raises(IndexError, match="getitem: index 5 is out of bounds"):
        er.constant([1, 2, 3])[5]


def test_comparisons_are_elementwise_and_tensors_unhashable():
    t = er.constant([1, 2, 3])
    np.testing.assert_array_equal((t == 2).numpy(), [False, True, False])
    np.testing.assert_array_equal((t >= 2).numpy(), [False, True, True])
    assert (t == None) is False  # noqa: E711 - unrelated objects compare by identity
    with pytest.raises(TypeError):
        hash(t)


def test_operators():
    x, y = er.constant([6.0, -7.0]), er.constant([4.0, 2.0])
    cases = {"+": np.add, "-": np.subtract, "*": np.multiply, "/": np.true_divide, "//": np.floor_divide,
             "%": np.mod, "**": np.power}
    for symbol, ref in cases.items():
        got = eval(f"x {symbol} y")
        np.testing.assert_allclose(got.numpy(), ref(x.numpy(), y.numpy()), err_msg=symbol)
    np.testing.assert_array_equal((-x).numpy(), [-6.0, 7.0])
    np.testing.assert_array_equal(abs(x).numpy(), [6.0, 7.0])
    np.testing.assert_array_equal((2 ** y).numpy(), [16.0, 4.0])
    m = er.constant([[1.0, 2.0], [3.0, 4.0]])
    np.testing.assert_array_equal((m @ m).numpy(), m.numpy() @ m.numpy())
    np.testing.assert_array_equal(m.T.numpy(), m.numpy().T)


def test_python_scalars_are_weak_and_numbers_follow_tf():
    assert er.constant(1.0).dtype == er.float32
    assert er.constant(1).dtype == er.int32
    assert er.constant(np.array([1.0])).dtype == er.float64
    assert (er.constant([1.0]) * 2.0).dtype == er.float32
    assert (er.constant([1.0], dtype=er.float16) + 1).dtype == er.float16
    assert (er.constant([1.0]) + [1, 2][:1]).dtype == er.float32
    assert (er.constant([1], dtype=er.int32) + np.float64(1.5)).dtype == er.float64


def test_tensors_are_immutable_through_failed_ops():
    a = er.constant([[1.0, 2.0, 3.0]])
    with pytest.raises(er.InvalidArgumentError, match=r"matmul: cannot multiply \(1, 3\) by \(1, 3\)"):
        er.matmul(a, a)
    np.testing.assert_array_equal(a.numpy(), [[1.0, 2.0, 3.0]])


def test_eager_is_always_on():
    er.enable_eager_execution()
    er.enable_eager_execution()  # idempotent
    assert er.executing_eagerly()


def test_unconvertible_values_are_clear_errors():
    with pytest.raises(TypeError, match="cannot make a tensor from a dict"):
        er.constant({"a": 1})
    with pytest.raises(ValueError, match="nested lists must be rectangular"):
        er.constant([[1, 2], [3]])


def test_gpu_request_without_cupy_says_what_is_missing():
    try:
        import cupy  # noqa: F401
        pytest.skip("CuPy is installed here")
    except ImportError:
        pass
    with pytest.raises(er.DeviceError, match=r"CuPy is not installed.*pip install 'eagerrepl\[gpu\]'"):
        with er.device("gpu:0"):
            pass
    assert er.list_devices() == ["cpu:0"] and er.num_gpus() == 0

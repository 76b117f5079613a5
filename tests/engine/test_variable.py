"""Variable: mutation, copy-on-write reads, and errors that change nothing."""

import numpy as np
import pytest

import eagerrepl as er


def test_assign_family():
    v = er.Variable([1.0, 2.0], name="v")
    v.assign([5.0, 6.0])
    v.assign_add([1.0, 1.0])
    v.assign_sub(er.constant([0.5, 0.5]))
    np.testing.assert_array_equal(v.numpy(), [5.5, 6.5])
    assert v.name == "v" and v.dtype == er.float32 and v.shape == (2,)


def test_tensor_read_before_an_assignment_keeps_its_value():
    v = er.Variable([1.0, 2.0])
    before = v.read_value()
    v.assign_add([10.0, 10.0])
    np.testing.assert_array_equal(before.numpy(), [1.0, 2.0])
    np.testing.assert_array_equal(v.numpy(), [11.0, 12.0])


def test_numpy_is_a_read_only_snapshot():
    v = er.Variable([1.0, 2.0])
    a = v.numpy()
    with pytest.raises(ValueError, match="read-only"):
        a[0] = 100.0
    v.assign_add([1.0, 1.0])
    np.testing.assert_array_equal(a, [1.0, 2.0])
    np.testing.assert_array_equal(v.numpy(), [2.0, 3.0])


def test_variable_owns_its_initial_value():
    arr = np.array([1.0, 2.0])
    v = er.Variable(arr)
    v.assign_add([1.0, 1.0])
    np.testing.assert_array_equal(arr, [1.0, 2.0])


def test_wrong_shape_assignment_is_an_error_and_changes_nothing():
    v = er.Variable([[1.0, 2.0]])
    with pytest.raises(er.InvalidArgumentError, match=r"assign: cannot assign a value of shape \(3,\) to Variable"):
        v.assign([1.0, 2.0, 3.0])
    np.testing.assert_array_equal(v.numpy(), [[1.0, 2.0]])


def test_float_into_int_variable_is_a_dtype_error():
    v = er.Variable([1, 2])
    with pytest.raises(er.DTypeError, match="cannot assign float32 values to Variable"):
        v.assign_add([0.5, 0.5])
    np.testing.assert_array_equal(v.numpy(), [1, 2])


def test_operators_and_ops_take_variables():
    v = er.Variable([1.0, 2.0])
    np.testing.assert_array_equal((v * 2 + 1).numpy(), [3.0, 5.0])
    np.testing.assert_array_equal((2 - v).numpy(), [1.0, 0.0])
    np.testing.assert_array_equal(er.square(v).numpy(), [1.0, 4.0])
    assert v[1].numpy() == 2.0
    np.testing.assert_array_equal(np.asarray(v), [1.0, 2.0])


def test_initial_value_may_be_a_function_and_dtype_converts():
    v = er.Variable(lambda: [1, 2], dtype=er.float64)
    assert v.dtype == er.float64


@pytest.mark.cpu_only  # the printed form of a CPU Variable; on a GPU it adds device=gpu:0
def test_repr_names_the_variable():
    assert repr(er.Variable(1.5, name="w")) == "<Variable 'w' shape=() dtype=float32, numpy=1.5>"


def test_variable_answers_sequence_and_number_protocols():
    v = er.Variable([1.0, 2.0])
    assert len(v) == 2 and [t.numpy() for t in v] == [1.0, 2.0] and v.tolist() == [1.0, 2.0]
    assert float(er.Variable(3.5)) == 3.5 and [10, 20][er.Variable(1)] == 20

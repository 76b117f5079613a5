"""Function transformations: tfe.* from the seed, JAX-style grad/jacobian/hessian, custom gradients."""

import numpy as np
import pytest

import eagerrepl as er


def test_gradients_function_differentiates_every_argument():
    g = er.gradients_function(lambda x, y: x ** 2 + y ** 2)
    assert [t.numpy() for t in g(2.0, 3.0)] == [4.0, 6.0]


def test_gradients_function_params_by_index_and_by_name():
    def f(x, y):
        return x * y * y

    assert [t.numpy() for t in er.gradients_function(f, params=[1])(2.0, 3.0)] == [12.0]
    assert [t.numpy() for t in er.gradients_function(f, params=["x"])(2.0, 3.0)] == [9.0]
    with pytest.raises(ValueError, match="'z' is not a parameter of f"):
        er.gradients_function(f, params=["z"])(2.0, 3.0)


def test_gradients_function_converts_numbers_and_lists():
    g = er.gradients_function(lambda x: er.reduce_sum(x * x))
    np.testing.assert_array_equal(g([1.0, 2.0])[0].numpy(), [2.0, 4.0])
    assert g(3)[0].numpy() == 6.0  # an int typed to differentiate at means 3.0


def test_gradients_function_dy_weights_a_vector_result():
    g = er.gradients_function(lambda x: x * x)
    np.testing.assert_array_equal(g(er.constant([1.0, 2.0]), dy=[1.0, 10.0])[0].numpy(), [2.0, 40.0])


def test_value_and_gradients_function():
    value, grads = er.value_and_gradients_function(lambda x: x * x * x)(2.0)
    assert value.numpy() == 8.0 and grads[0].numpy() == 12.0


def test_unused_argument_has_zero_derivative_as_in_tfe():
    grads = er.gradients_function(lambda x, y: x * 2)(1.0, 5.0)
    assert grads[1].numpy() == 0.0


def test_derivatives_of_any_order_by_nesting():
    f = er.gradients_function(lambda x: er.sin(x))
    orders = [f]
    for _ in range(4):
        orders.append(er.gradients_function(lambda x, prev=orders[-1]: prev(x)[0]))
    x = 0.7
    expected = [np.cos(x), -np.sin(x), -np.cos(x), np.sin(x), np.cos(x)]
    for g, want in zip(orders, expected):
        assert g(x)[0].numpy() == pytest.approx(want, rel=1e-5)


def test_function_returning_none_is_a_clear_error():
    def forgot_return(x):
        x * x

    with pytest.raises(ValueError, match="forgot_return returned None.*missing `return`"):
        er.gradients_function(forgot_return)(1.0)


def test_implicit_gradients_in_variable_creation_order():
    b = er.Variable(1.0, name="b")
    a = er.Variable(2.0, name="a")
    unused = er.Variable(3.0, name="unused")

    def f():
        return a * a + b * 3  # reads a before b

    pairs = er.implicit_gradients(f)()
    assert [v.name for _, v in pairs] == ["b", "a"]
    assert [g.numpy() for g, _ in pairs] == [3.0, 4.0]
    assert unused not in [v for _, v in pairs]


def test_implicit_value_and_gradients():
    w = er.Variable(3.0)
    value, pairs = er.implicit_value_and_gradients(lambda x: w * x)(2.0)
    assert value.numpy() == 6.0 and pairs[0][0].numpy() == 2.0 and pairs[0][1] is w


def test_implicit_gradients_without_variables_is_a_clear_error():
    with pytest.raises(ValueError, match="read no trainable Variable"):
        er.implicit_gradients(lambda x: x * x)(2.0)


def test_make_vjp():
    result, vjp = er.make_vjp(lambda x, y: x * y)(2.0, 5.0)
    assert result.numpy() == 10.0
    assert [g.numpy() for g in vjp()] == [5.0, 2.0]
    assert [g.numpy() for g in vjp(dy=3.0)] == [15.0, 6.0]  # persistent: vjp can be called again


def test_grad_and_value_and_grad():
    f = lambda x, y: er.reduce_sum(x * x * y)  # noqa: E731
    x, y = er.constant([1.0, 2.0]), er.constant(3.0)
    np.testing.assert_array_equal(er.grad(f)(x, y).numpy(), [6.0, 12.0])
    value, (gx, gy) = er.value_and_grad(f, argnums=(0, 1))(x, y)
    assert value.numpy() == 15.0 and gy.numpy() == 5.0


def test_grad_of_unconnected_argument_is_zero_like_jax():
    assert er.grad(lambda x, y: x * 2, argnums=1)(1.0, 4.0).numpy() == 0.0


def test_grad_needs_a_scalar_and_float_inputs():
    with pytest.raises(TypeError, match=r"returned shape \(2,\), not a scalar"):
        er.grad(lambda x: x * 2)(er.constant([1.0, 2.0]))
    with pytest.raises(TypeError, match="dtype int32; derivatives need float inputs"):
        er.grad(lambda x: x * 2)(er.constant(3))


def test_jacobian_and_hessian():
    a = np.array([[2.0, 1.0], [1.0, 3.0]])
    x = er.constant([1.0, -1.0], dtype=er.float64)
    quad = lambda v: er.reduce_sum(v * er.matmul(er.constant(a), v)) / 2  # noqa: E731
    np.testing.assert_allclose(er.hessian(quad)(x).numpy(), a)
    jac = er.jacobian(lambda v: er.matmul(er.constant(a), v))(x)
    np.testing.assert_allclose(jac.numpy(), a)


def test_custom_gradient_replaces_the_derivative():
    @er.custom_gradient
    def clipped_identity(x):
        def grad_fn(dy):
            return er.clip_by_value(dy, -1.0, 1.0)
        return er.identity(x), grad_fn

    x = er.constant(2.0)
    with er.GradientTape() as tape:
        tape.watch(x)
        y = clipped_identity(x) * 10
    assert y.numpy() == 20.0
    assert tape.gradient(y, x).numpy() == 1.0


def test_custom_gradient_numerically_stable_log1pexp():
    @er.custom_gradient
    def log1pexp(x):
        e = er.exp(x)

        def grad_fn(dy):
            return dy * (1 - 1 / (1 + e))
        return er.log(1 + e), grad_fn

    assert er.gradients_function(log1pexp)(er.constant(100.0, dtype=er.float64))[0].numpy() == 1.0


def test_custom_gradient_with_two_inputs_and_wrong_count():
    @er.custom_gradient
    def mul(x, y):
        return x * y, lambda dy: (dy * y, dy * x)

    gx, gy = er.gradients_function(mul)(2.0, 3.0)
    assert (gx.numpy(), gy.numpy()) == (3.0, 2.0)

    @er.custom_gradient
    def broken(x, y):
        return x * y, lambda dy: dy

    with pytest.raises(ValueError, match="returned 1 gradient\\(s\\) for 2 tensor argument"):
        er.gradients_function(broken)(2.0, 3.0)


def test_custom_gradient_with_variables_gives_their_gradients_too():
    w = er.Variable(2.0, name="w")
    seen = []

    @er.custom_gradient
    def scaled(x):
        def grad_fn(dy, variables=None):
            seen.append(variables)
            return dy * w * 10.0, [dy * x * 100.0]  # not the true derivatives: proof that these are used
        return x * w, grad_fn

    x = er.constant(3.0)
    with er.GradientTape() as tape:
        tape.watch(x)
        y = scaled(x) * 2.0
    assert [node.op for node in tape.record.nodes] == ["read", "scaled", "multiply"]
    gx, gw = tape.gradient(y, [x, w])
    assert (gx.numpy(), gw.numpy()) == (40.0, 600.0)
    assert len(seen) == 1 and len(seen[0]) == 1 and seen[0][0] is w
    assert tape.watched_variables() == (w,)


def test_custom_gradient_with_variables_through_implicit_gradients():
    w, b = er.Variable([1.0, 2.0], name="w"), er.Variable(0.5, name="b")

    @er.custom_gradient
    def affine(x):
        def grad_fn(dy, variables):
            gw, gb = (dy * x, er.reduce_sum(dy)) if variables[0] is w else (er.reduce_sum(dy), dy * x)
            return dy * w, [gw, gb] if variables[0] is w else [gb, gw]
        return x * w + b, grad_fn

    grads = er.implicit_gradients(lambda: er.reduce_sum(affine(er.constant([3.0, 4.0]))))()
    assert [v.name for _, v in grads] == ["w", "b"]
    np.testing.assert_array_equal(grads[0][0].numpy(), [3.0, 4.0])
    assert grads[1][0].numpy() == 2.0


def test_custom_gradient_reading_variables_needs_a_grad_fn_that_takes_them():
    w = er.Variable(2.0, name="w")

    @er.custom_gradient
    def scaled(x):
        return x * w, lambda dy: dy * w

    with pytest.raises(TypeError, match=r"reads the Variables \['w'\].*variables=None"):
        scaled(er.constant(1.0))

    @er.custom_gradient
    def miscounted(x):
        return x * w, lambda dy, variables: (dy * w, [dy, dy])

    x = er.constant(1.0)
    with er.GradientTape() as tape:
        tape.watch(x)
        y = miscounted(x)
    with pytest.raises(ValueError, match="returned 2 variable gradient"):
        tape.gradient(y, [x, w])


def test_custom_gradient_output_goes_through_the_nan_checks():
    @er.custom_gradient
    def nan_maker(x):
        return np.full(x.shape, np.nan), lambda dy: dy  # no op inside made the NaN: only the output shows it

    with er.errstate(nan="raise"):
        with pytest.raises(er.NonFiniteError, match="nan_maker: produced NaN"):
            nan_maker(er.constant([1.0, 2.0]))
        x = er.constant([1.0])
        with er.GradientTape() as tape:
            tape.watch(x)
            with pytest.raises(er.NonFiniteError, match="nan_maker"):
                nan_maker(x)
    assert np.isnan(nan_maker(er.constant([1.0])).numpy()).all()  # checks off: no error


def test_stop_gradient_blocks_the_flow():
    g = er.gradients_function(lambda x: x * er.stop_gradient(x))
    assert g(3.0)[0].numpy() == 3.0


def test_check_gradients_passes_for_correct_and_fails_for_wrong_gradients():
    assert er.check_gradients(lambda x: er.sin(x) * x, [np.array([0.3, 1.2])], order=2) < 1e-6

    @er.custom_gradient
    def wrong_square(x):
        return x * x, lambda dy: dy * x  # should be 2 x

    with pytest.raises(er.GradientCheckError, match="order 1 for argument 0.*worst at index"):
        er.check_gradients(wrong_square, [np.array([1.0, 2.0])])

"""Optimizers: the update rules, skipping None gradients, minimize."""

import numpy as np
import pytest

import eagerrepl as er


def test_gradient_descent_step():
    w = er.Variable([1.0, 2.0])
    er.train.GradientDescentOptimizer(0.5).apply_gradients([(er.constant([2.0, 4.0]), w)])
    np.testing.assert_array_equal(w.numpy(), [0.0, 0.0])


def test_none_gradients_are_skipped():
    w, b = er.Variable(1.0), er.Variable(5.0)
    er.train.GradientDescentOptimizer(0.1).apply_gradients([(None, b), (er.constant(10.0), w)])
    assert b.numpy() == 5.0 and w.numpy() == pytest.approx(0.0)


def test_momentum_accumulates():
    w = er.Variable(0.0)
    opt = er.train.MomentumOptimizer(learning_rate=1.0, momentum=0.5)
    for _ in range(2):
        opt.apply_gradients([(er.constant(1.0), w)])
    assert w.numpy() == pytest.approx(-(1.0 + 1.5))


def test_adam_matches_its_formula():
    w = er.Variable([1.0, -1.0], dtype=er.float64)
    opt = er.train.AdamOptimizer(learning_rate=0.1)
    m = v = np.zeros(2)
    expected = np.array([1.0, -1.0])
    for t in range(1, 4):
        g = 2 * expected
        opt.apply_gradients([(er.constant(g), w)])
        m = 0.9 * m + 0.1 * g
        v = 0.999 * v + 0.001 * g * g
        lr = 0.1 * np.sqrt(1 - 0.999 ** t) / (1 - 0.9 ** t)
        expected = expected - lr * m / (np.sqrt(v) + 1e-8)
    np.testing.assert_allclose(w.numpy(), expected)


@pytest.mark.parametrize("opt", [er.train.GradientDescentOptimizer(0.1),
                                 er.train.MomentumOptimizer(0.05, 0.9),
                                 er.train.AdamOptimizer(0.1)], ids=lambda o: o.name)
def test_minimize_reaches_the_minimum(opt):
    w = er.Variable([3.0, -2.0])
    for _ in range(300):
        loss = opt.minimize(lambda: er.reduce_sum(er.square(w - [1.0, 2.0])))
    np.testing.assert_allclose(w.numpy(), [1.0, 2.0], atol=1e-2)
    assert loss.numpy() < 1e-3


def test_minimize_with_var_list_updates_only_those():
    a, b = er.Variable(1.0), er.Variable(1.0)
    er.train.GradientDescentOptimizer(0.1).minimize(lambda: a * b, var_list=[a])
    assert a.numpy() == pytest.approx(0.9) and b.numpy() == 1.0


def test_minimize_needs_a_function_in_eager_mode():
    w = er.Variable(1.0)
    with pytest.raises(TypeError, match="loss must be a function of no arguments"):
        er.train.GradientDescentOptimizer(0.1).minimize(w * w)


def test_global_step_is_incremented():
    w, step = er.Variable(1.0), er.Variable(0, trainable=False)
    er.train.GradientDescentOptimizer(0.1).apply_gradients([(er.constant(1.0), w)], global_step=step)
    assert step.numpy() == 1


def test_mismatched_gradient_shape_is_a_clear_error_and_changes_nothing():
    w = er.Variable([1.0, 2.0])
    with pytest.raises(ValueError, match=r"gradient of shape \(3,\) for Variable 'Variable' of shape \(2,\)"):
        er.train.GradientDescentOptimizer(0.1).apply_gradients([(er.constant([1.0, 1.0, 1.0]), w)])
    np.testing.assert_array_equal(w.numpy(), [1.0, 2.0])


def test_small_mlp_learns_xor():
    er.set_random_seed(1)
    x = er.constant([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    y = er.constant([[0.0], [1.0], [1.0], [0.0]])
    w1 = er.Variable(er.random_normal([2, 8], stddev=1.0))
    b1 = er.Variable(er.zeros([8]))
    w2 = er.Variable(er.random_normal([8, 1], stddev=1.0))
    b2 = er.Variable(er.zeros([1]))
    opt = er.train.AdamOptimizer(0.05)

    def loss():
        logits = er.matmul(er.tanh(er.matmul(x, w1) + b1), w2) + b2
        return er.reduce_mean(er.nn.sigmoid_cross_entropy_with_logits(labels=y, logits=logits))

    for _ in range(300):
        final = opt.minimize(loss)
    assert final.numpy() < 0.05


# --- the global step ----------------------------------------------------------------------------

def test_get_or_create_global_step_is_one_non_trainable_int64_variable():
    step = er.train.get_or_create_global_step()
    assert isinstance(step, er.Variable) and step.name == "global_step"
    assert step.dtype == er.int64 and step.shape == () and not step.trainable
    assert er.train.get_or_create_global_step() is step and er.train.get_global_step() is step
    with er.GradientTape() as tape:
        step * 2
    assert tape.watched_variables() == ()


OPTIMIZERS = {"GradientDescent": lambda: er.train.GradientDescentOptimizer(0.1),
              "Momentum": lambda: er.train.MomentumOptimizer(0.1, 0.9),
              "Adam": lambda: er.train.AdamOptimizer(0.1)}


@pytest.mark.parametrize("name", sorted(OPTIMIZERS))
def test_every_optimizer_adds_one_to_the_global_step_per_call(name):
    opt = OPTIMIZERS[name]()
    step = er.train.get_or_create_global_step()
    w = er.Variable([1.0, 2.0])
    start = int(step.numpy())
    opt.apply_gradients([(er.constant([1.0, 1.0]), w)], global_step=step)
    opt.apply_gradients([(None, w)], global_step=step)  # nothing to update: still a step, as in TF
    assert int(step.numpy()) == start + 2
    for _ in range(3):
        opt.minimize(lambda: er.reduce_sum(w * w), global_step=step)
    opt.minimize(lambda: er.reduce_sum(w * w), step)  # TF's order: global_step comes second
    assert int(step.numpy()) == start + 6 and step.dtype == er.int64
    opt.minimize(lambda: er.reduce_sum(w * w))
    assert int(step.numpy()) == start + 6  # without global_step, nothing counts


def test_a_global_step_that_is_not_a_variable_is_refused_before_any_update():
    w = er.Variable([1.0, 2.0])
    with pytest.raises(TypeError, match="global_step must be a Variable"):
        er.train.GradientDescentOptimizer(0.1).apply_gradients([(er.constant([1.0, 1.0]), w)], global_step=3)
    np.testing.assert_array_equal(w.numpy(), [1.0, 2.0])


def test_the_seeds_training_loop_with_a_global_step():
    step = er.train.get_or_create_global_step()
    start = int(step.numpy())
    w = er.Variable(5.0)
    opt = er.train.GradientDescentOptimizer(0.1)
    grad = er.implicit_gradients(lambda: (w - 2.0) ** 2)
    for _ in range(50):
        opt.apply_gradients(grad(), global_step=step)
    assert int(step.numpy()) == start + 50 and w.numpy() == pytest.approx(2.0, abs=1e-3)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_sgd_on_a_large_variable_matches_its_formula_exactly(dtype):
    # Large variables are updated block by block (Variable._subtract_scaled): the same arithmetic.
    rng = np.random.default_rng(1)
    start = rng.standard_normal((300, 1001)).astype(dtype)  # not a whole number of blocks
    g = rng.standard_normal((300, 1001)).astype(dtype)
    w = er.Variable(start)
    er.train.GradientDescentOptimizer(0.01).apply_gradients([(er.constant(g), w)])
    np.testing.assert_array_equal(w.numpy(), start - g * 0.01)


@pytest.mark.parametrize("shape", [(3,), (512, 512)], ids=["small", "large"])
def test_sgd_keeps_earlier_reads(shape):
    # Copy-on-write: a tensor read before the step keeps the value it saw; the step still lands.
    w = er.Variable(np.ones(shape, np.float32))
    before = w.read_value()
    er.train.MomentumOptimizer(0.5, 0.9).apply_gradients([(er.constant(np.ones(shape, np.float32)), w)])
    np.testing.assert_array_equal(before.numpy(), 1.0)
    np.testing.assert_array_equal(w.numpy(), 0.5)
    er.train.GradientDescentOptimizer(0.5).apply_gradients([(er.constant(np.ones(shape, np.float32)), w)])
    np.testing.assert_array_equal(w.numpy(), 0.0)

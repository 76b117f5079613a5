"""Every differentiable op against central finite differences, at first and second order, in float64.

`er.check_gradients(f, args, order=2)` checks the first derivative and then the second (the
gradient of a directional first derivative), so each check below covers both orders; the table
tests also run at order=1 alone, so a first-order failure is reported as such. Linear ops are
wrapped in `sin` so that their VJPs are themselves differentiated with a non-constant cotangent.
Inputs are kept away from kinks (|x| and relu at 0, ties in max/min, sqrt/log near 0, the jumps of
mod), where finite differences mean nothing.
"""

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import eagerrepl as er

# Derandomized: a strict xfail or a tolerance must not flip between runs.
FAST = settings(max_examples=40, deadline=None, derandomize=True)
ORDERS = pytest.mark.parametrize("order", [1, 2])


def check(f, *args, order=2, **kwargs):
    er.check_gradients(f, args, order=order, **kwargs)


def rng_for(seed):
    return np.random.default_rng(seed)


# --- value samplers (shape, rng) -> float64 array ------------------------------------------------

def anywhere(shape, r):
    return r.uniform(-2.0, 2.0, shape)


def away_from_zero(shape, r):
    return r.choice([-1.0, 1.0], shape) * r.uniform(0.2, 2.0, shape)


def positive(shape, r):
    return r.uniform(0.5, 2.0, shape)


def near_zero(shape, r):
    return r.uniform(-1.0, 1.0, shape)


def above_minus_one(shape, r):
    return r.uniform(-0.5, 2.0, shape)


def distinct(shape, r):
    """Well separated values (no ties), shuffled."""
    n = int(np.prod(shape))
    return (r.permutation(n) * 0.25 - n * 0.1 + r.uniform(-0.05, 0.05, n)).reshape(shape)


UNARY = {
    "negative": (er.negative, anywhere),
    "abs": (er.abs, away_from_zero),
    "square": (er.square, anywhere),
    "sqrt": (er.sqrt, positive),
    "exp": (er.exp, anywhere),
    "log": (er.log, positive),
    "log1p": (er.log1p, above_minus_one),
    "expm1": (er.expm1, anywhere),
    "sin": (er.sin, anywhere),
    "cos": (er.cos, anywhere),
    "tan": (er.tan, near_zero),
    "tanh": (er.tanh, anywhere),
    "reciprocal": (er.reciprocal, positive),
    "sigmoid": (er.sigmoid, anywhere),
    "nn.sigmoid": (er.nn.sigmoid, anywhere),
    "relu": (er.relu, away_from_zero),
    "nn.relu": (er.nn.relu, away_from_zero),
    "nn.tanh": (er.nn.tanh, anywhere),
    "softplus": (er.nn.softplus, away_from_zero),
    "identity": (lambda x: er.sin(er.identity(x)), anywhere),
    "operator -x": (lambda x: er.sin(-x), anywhere),
    "operator abs()": (lambda x: abs(x), away_from_zero),
}

shapes = hnp.array_shapes(min_dims=0, max_dims=3, max_side=3)
seeds = st.integers(0, 2**32 - 1)


@ORDERS
@pytest.mark.parametrize("name", sorted(UNARY))
@FAST
@given(shape=shapes, seed=seeds)
def test_unary(name, order, shape, seed):
    op, sample = UNARY[name]
    check(op, sample(shape, rng_for(seed)), order=order)


def test_unary_negative_values_of_abs_and_relu_give_their_slopes():
    x = er.constant([-2.0, -0.5, 0.5, 2.0], dtype=er.float64)
    with er.GradientTape(persistent=True) as tape:
        tape.watch(x)
        a = er.abs(x)
        r = er.relu(x)
    np.testing.assert_array_equal(tape.gradient(a, x).numpy(), np.sign(x.numpy()))
    np.testing.assert_array_equal(tape.gradient(r, x).numpy(), (x.numpy() > 0).astype(float))


# --- binary ops over broadcasting shapes ----------------------------------------------------------

pairs = hnp.mutually_broadcastable_shapes(num_shapes=2, min_dims=0, max_dims=3, max_side=3)


def _broadcast(*arrays):
    return np.broadcast_arrays(*arrays)


BINARY = {
    # name: (op, x sampler, y sampler)
    "add": (er.add, anywhere, anywhere),
    "subtract": (er.subtract, anywhere, anywhere),
    "multiply": (er.multiply, anywhere, anywhere),
    "divide": (er.divide, anywhere, away_from_zero),
    "pow": (er.pow, positive, anywhere),
    "operator +": (lambda x, y: er.sin(x + y), anywhere, anywhere),
    "operator -": (lambda x, y: er.sin(x - y), anywhere, anywhere),
    "operator *": (lambda x, y: x * y, anywhere, anywhere),
    "operator /": (lambda x, y: x / y, anywhere, away_from_zero),
    "operator **": (lambda x, y: x ** y, positive, anywhere),
}


@ORDERS
@pytest.mark.parametrize("name", sorted(BINARY))
@FAST
@given(shapes=pairs, seed=seeds)
def test_binary(name, order, shapes, seed):
    op, sample_x, sample_y = BINARY[name]
    r = rng_for(seed)
    (sx, sy), _ = shapes
    check(op, sample_x(sx, r), sample_y(sy, r), order=order)


@ORDERS
@pytest.mark.parametrize("op", [er.maximum, er.minimum], ids=["maximum", "minimum"])
@FAST
@given(shapes=pairs, seed=seeds)
def test_maximum_minimum_without_ties(op, order, shapes, seed):
    r = rng_for(seed)
    (sx, sy), _ = shapes
    x, y = anywhere(sx, r), anywhere(sy, r)
    bx, by = _broadcast(x, y)
    assume(np.all(np.abs(bx - by) > 1e-3))
    check(op, x, y, order=order)


@ORDERS
@FAST
@given(shapes=pairs, seed=seeds)
def test_mod_away_from_its_jumps(order, shapes, seed):
    # y = +-c for one c, x = c * (n + u) with u in [0.1, 0.9]: x / y is never near an integer.
    r = rng_for(seed)
    (sx, sy), _ = shapes
    c = r.uniform(0.7, 1.5)
    y = c * r.choice([-1.0, 1.0], sy)
    x = c * (r.integers(-2, 3, sx) + r.uniform(0.1, 0.9, sx))
    check(er.mod, x, y, order=order)
    check(lambda x, y: x % y, x, y, order=order)


def test_pow_of_negative_base_by_integer_exponent():
    check(lambda x: er.pow(x, 3.0), np.array([-1.5, -0.3, 0.7, 2.0]))
    check(lambda x: x ** 2, np.array([[-1.5, 0.4], [-0.2, 1.1]]))


def test_pow_gradient_in_the_exponent_is_finite_at_a_zero_base():
    x = er.constant([0.0, 2.0], dtype=er.float64)
    y = er.constant([2.0, 3.0], dtype=er.float64)
    with er.GradientTape() as tape:
        tape.watch(y)
        z = er.pow(x, y)
    np.testing.assert_allclose(tape.gradient(z, y).numpy(), [0.0, 8.0 * np.log(2.0)])


@ORDERS
@FAST
@given(shapes=hnp.mutually_broadcastable_shapes(num_shapes=3, min_dims=0, max_dims=3, max_side=3), seed=seeds)
def test_where(order, shapes, seed):
    r = rng_for(seed)
    (sc, sx, sy), _ = shapes
    cond = r.uniform(size=sc) > 0.5
    check(lambda x, y: er.where(cond, x, y), anywhere(sx, r), anywhere(sy, r), order=order)


@ORDERS
@FAST
@given(shapes=hnp.mutually_broadcastable_shapes(num_shapes=3, min_dims=0, max_dims=3, max_side=3), seed=seeds)
def test_clip_by_value_in_every_argument(order, shapes, seed):
    r = rng_for(seed)
    (st_, slo, shi), _ = shapes
    t, lo, hi = r.uniform(-2, 2, st_), r.uniform(-1.5, -0.2, slo), r.uniform(0.2, 1.5, shi)
    bt, blo, bhi = _broadcast(t, lo, hi)
    assume(np.all(np.abs(bt - blo) > 1e-3) and np.all(np.abs(bt - bhi) > 1e-3))
    check(er.clip_by_value, t, lo, hi, order=order)


# Ops whose inputs need care (no ties, no jumps, coarse steps), checked at fixed points:
# name -> (f, arguments, check_gradients' tolerances).
_R = np.random.default_rng(7)
X23 = _R.permutation(6).reshape(2, 3) * 0.5 - 1.2  # well apart from each other and from Y3
Y3 = np.array([-0.95, 0.3, 1.05])
CAREFUL = {
    "maximum without ties": (er.maximum, (X23, Y3), {}),
    "minimum without ties": (er.minimum, (X23, Y3), {}),
    "mod away from its jumps": (er.mod, (np.array([[2.3, -0.6, 1.7], [0.4, -2.2, 3.1]]), np.array([1.5, -1.0, 1.2])),
                                {}),
    "where": (lambda x, y: er.where(X23 > 0, x, y), (X23 * 0.7, Y3), {}),
    # float32 rounding makes tiny finite-difference steps useless: a coarse one.
    "cast float64 to float32": (lambda x: er.square(er.cast(x, er.float32)), (np.array([0.3, -1.2, 2.5]),),
                                {"eps": 1e-3, "rtol": 1e-3, "atol": 1e-4}),
}


@ORDERS
@pytest.mark.parametrize("name", sorted(CAREFUL))
def test_careful_case(name, order):
    f, args, tolerances = CAREFUL[name]
    check(f, *args, order=order, **tolerances)


def test_cast_between_float_dtypes_passes_the_gradient_back_in_the_source_dtype():
    x = er.constant([1.0, 2.0], dtype=er.float64)
    with er.GradientTape() as tape:
        tape.watch(x)
        y = er.cast(x, er.float32) * 3.0
    g = tape.gradient(y, x)
    assert g.dtype == er.float64
    np.testing.assert_array_equal(g.numpy(), [3.0, 3.0])


# --- reductions --------------------------------------------------------------------------------

@st.composite
def reduction_cases(draw, min_dims=0):
    shape = draw(hnp.array_shapes(min_dims=min_dims, max_dims=3, min_side=1, max_side=3))
    ndim = len(shape)
    if ndim == 0:
        axis = None
    else:
        axis = draw(st.one_of(
            st.none(),
            st.integers(-ndim, ndim - 1),
            st.lists(st.integers(0, ndim - 1), min_size=1, max_size=ndim, unique=True).map(tuple)))
    return shape, axis, draw(st.booleans()), draw(seeds)


REDUCTIONS = {
    "reduce_sum": (lambda x, **kw: er.sin(er.reduce_sum(x, **kw)), anywhere),
    "reduce_mean": (lambda x, **kw: er.sin(er.reduce_mean(x, **kw)), anywhere),
    "reduce_max": (er.reduce_max, distinct),
    "reduce_min": (er.reduce_min, distinct),
    "reduce_prod": (er.reduce_prod, anywhere),
    "reduce_logsumexp": (er.reduce_logsumexp, anywhere),
}


@ORDERS
@pytest.mark.parametrize("name", sorted(REDUCTIONS))
@FAST
@given(case=reduction_cases())
def test_reduction(name, order, case):
    op, sample = REDUCTIONS[name]
    shape, axis, keepdims, seed = case
    x = sample(shape, rng_for(seed))
    check(lambda x: op(x, axis=axis, keepdims=keepdims), x, order=order)
    # The forward value itself takes the same axes as numpy.
    np_fn = {"reduce_sum": np.sum, "reduce_mean": np.mean, "reduce_max": np.max, "reduce_min": np.min,
             "reduce_prod": np.prod}.get(name)
    if np_fn is not None:
        out = getattr(er, name)(x, axis=axis, keepdims=keepdims)
        assert out.shape == np_fn(x, axis=axis, keepdims=keepdims).shape


@ORDERS
@FAST
@given(case=reduction_cases(min_dims=1))
def test_reduce_prod_with_zeros(order, case):
    shape, axis, keepdims, seed = case
    r = rng_for(seed)
    x = anywhere(shape, r)
    x[r.uniform(size=shape) < 0.4] = 0.0
    x.flat[r.integers(x.size)] = 0.0  # at least one zero
    check(lambda x: er.reduce_prod(x, axis=axis, keepdims=keepdims), x, order=order)


@pytest.mark.parametrize("x", [
    np.array([[0.0, 2.0, 3.0], [1.0, 0.0, 0.0], [1.5, 2.0, 0.5]]),
    np.array([0.0, 0.0, 0.0]),
    np.array([[0.0, -1.5], [2.0, 0.7]]),
], ids=["one-two-or-no-zeros-per-row", "all-zeros", "single-zero"])
@pytest.mark.parametrize("axis", [None, 0, -1])
def test_reduce_prod_with_zeros_fixed(x, axis):
    check(lambda x: er.reduce_prod(x, axis=axis), x)


def test_reduce_max_ties_share_the_gradient():
    x = er.constant([1.0, 3.0, 3.0, 2.0], dtype=er.float64)
    with er.GradientTape() as tape:
        tape.watch(x)
        y = er.reduce_max(x)
    np.testing.assert_array_equal(tape.gradient(y, x).numpy(), [0.0, 0.5, 0.5, 0.0])


def test_reduce_logsumexp_of_large_values_has_a_finite_gradient():
    check(er.reduce_logsumexp, np.array([800.0, 799.0, 1.0]))
    check(lambda x: er.reduce_logsumexp(x, axis=1), np.array([[-900.0, -901.0], [1000.0, 999.5]]))


# --- shape ops ---------------------------------------------------------------------------------

X345 = np.random.default_rng(1).uniform(-1, 1, (3, 4, 5))

SHAPE_CASES = {
    "reshape": (lambda x: er.reshape(x, [-1, 4]), X345),
    "reshape to scalar": (lambda x: er.reshape(x, []), np.array([0.7])),
    "transpose perm": (lambda x: er.transpose(x, [2, 0, 1]), X345),
    "transpose default": (er.transpose, X345),
    "operator .T": (lambda x: x.T, X345[0]),
    "expand_dims 0": (lambda x: er.expand_dims(x, 0), X345),
    "expand_dims -1": (lambda x: er.expand_dims(x, -1), X345),
    "squeeze all": (er.squeeze, np.ones((1, 3, 1, 2)) * 0.3),
    "squeeze axis": (lambda x: er.squeeze(x, [2]), np.random.default_rng(2).uniform(-1, 1, (1, 3, 1, 2))),
    "concat axis 1": (lambda x, y: er.concat([x, y, x], 1), X345, X345[:, :2]),
    "concat axis -1": (lambda x, y: er.concat([x, y], -1), X345, X345[..., :1] * 2),
    "stack axis 0": (lambda x, y: er.stack([x, y]), X345[0], X345[1]),
    "stack axis -1": (lambda x, y: er.stack([x, y, x], axis=-1), X345[0], X345[1]),
    "split equal": (lambda x: er.concat([p * (i + 1) for i, p in enumerate(er.split(x, 2, axis=1))][::-1], 1), X345),
    "split sizes": (lambda x: er.concat([p * (i + 1) for i, p in enumerate(er.split(x, [1, -1, 2], axis=2))][::-1], 2),
                    X345),
    "unstack": (lambda x: er.stack([p * (i + 1) for i, p in enumerate(er.unstack(x, axis=1))][::-1]), X345),
    "tile": (lambda x: er.tile(x, [2, 1, 3]), X345),
    "tile 1-D": (lambda x: er.tile(x, [3]), X345[0, 0]),
    "gather axis 0": (lambda x: er.gather(x, [2, 0, 2]), X345),
    "gather axis 1 2-D indices": (lambda x: er.gather(x, [[3, 0], [3, 3]], axis=1), X345),
    "gather negative axis and index": (lambda x: er.gather(x, er.constant([-1, 0, -1]), axis=-1), X345),
    "broadcast_to new axes": (lambda x: er.broadcast_to(x, (2, 3, 4, 5)), X345),
    "broadcast_to size-1 axes": (lambda x: er.broadcast_to(x, (3, 4, 5)), X345[:, :1, 0:1].reshape(3, 1, 1)),
    "broadcast_to from scalar": (lambda x: er.broadcast_to(x, (2, 3)), np.array(0.4)),
}


@ORDERS
@pytest.mark.parametrize("name", sorted(SHAPE_CASES))
def test_shape_op(name, order):
    op, *args = SHAPE_CASES[name]
    check(lambda *a: er.sin(op(*a)), *args, order=order)


INDEX_KEYS = {
    "int": 1,
    "negative int": -1,
    "ints": (2, 0, 4),
    "slice": slice(1, 3),
    "slice with step": (slice(None), slice(None, None, 2)),
    "negative step": slice(None, None, -2),
    "slice, int": (slice(None), 2),
    "Ellipsis": (Ellipsis, 1),
    "Ellipsis in the middle": (0, Ellipsis, slice(1, 4)),
    "None": (None, 0, Ellipsis, None),
    "integer array": np.array([0, 2]),
    "repeated integer array": np.array([0, 0, 2, 0]),
    "integer list": [2, 2, 1],
    "2-D integer array": np.array([[0, 1], [1, 1]]),
    "integer arrays on two axes": (np.array([0, 2, 0]), slice(None), np.array([1, 4, 1])),
    "integer array after Ellipsis": (Ellipsis, np.array([4, 4, 4])),
    "integer tensor": lambda: er.constant([1, 1, 0]),  # made in the test, on its device
    "boolean array": np.array([True, False, True]),
    "boolean array on axis 1": (slice(None), np.array([True, False, False, True])),
    "2-D boolean array": X345[..., 0] > 0,
    "boolean tensor": lambda: er.constant(X345[..., 0] > 0),
    "everything": (Ellipsis,),
}


@ORDERS
@pytest.mark.parametrize("name", sorted(INDEX_KEYS))
def test_indexing(name, order):
    key = INDEX_KEYS[name]
    key = key() if callable(key) else key
    check(lambda x: er.sin(x[key]), X345, order=order)


def test_repeated_indices_add_their_gradients():
    x = er.constant([1.0, 2.0, 3.0], dtype=er.float64)
    with er.GradientTape() as tape:
        tape.watch(x)
        y = er.reduce_sum(x[np.array([0, 0, 2, 0])])
    np.testing.assert_array_equal(tape.gradient(y, x).numpy(), [3.0, 0.0, 1.0])


@ORDERS
@FAST
@given(data=st.data())
def test_broadcast_to_any_broadcastable_shape(order, data):
    result = data.draw(hnp.mutually_broadcastable_shapes(num_shapes=2, min_dims=0, max_dims=3, max_side=3))
    (sx, _), target = result
    x = anywhere(sx, rng_for(data.draw(seeds)))
    check(lambda x: er.sin(er.broadcast_to(x, target)), x, order=order)


# --- linear algebra ----------------------------------------------------------------------------

MATMUL_CASES = {
    "2-D": ((3, 4), (4, 2), {}),
    "batched": ((2, 3, 4), (2, 4, 5), {}),
    "broadcast batch dims": ((2, 1, 3, 4), (5, 4, 2), {}),
    "batch times matrix": ((2, 3, 4), (4, 2), {}),
    "matrix times batch": ((3, 4), (2, 4, 2), {}),
    "vector times matrix": ((4,), (4, 3), {}),
    "matrix times vector": ((3, 4), (4,), {}),
    "vector times vector": ((4,), (4,), {}),
    "vector times batch": ((4,), (2, 4, 3), {}),
    "batch times vector": ((2, 3, 4), (4,), {}),
    "transpose_a": ((4, 3), (4, 2), {"transpose_a": True}),
    "transpose_b": ((3, 4), (2, 4), {"transpose_b": True}),
    "transpose both, batched": ((2, 4, 3), (2, 5, 4), {"transpose_a": True, "transpose_b": True}),
}


@ORDERS
@pytest.mark.parametrize("name", sorted(MATMUL_CASES))
def test_matmul(name, order):
    sa, sb, kw = MATMUL_CASES[name]
    r = rng_for(3)
    check(lambda a, b: er.matmul(a, b, **kw), r.uniform(-1, 1, sa), r.uniform(-1, 1, sb), order=order)


def test_matmul_operator_of_a_square():
    check(lambda a: er.sin(a @ a), np.random.default_rng(4).uniform(-1, 1, (3, 3)))


@ORDERS
@FAST
@given(data=st.data())
def test_matmul_over_broadcast_batch_shapes(order, data):
    (ba, bb), _ = data.draw(hnp.mutually_broadcastable_shapes(num_shapes=2, min_dims=0, max_dims=2, max_side=3))
    m, k, n = (data.draw(st.integers(1, 3)) for _ in range(3))
    r = rng_for(data.draw(seeds))
    check(er.matmul, r.uniform(-1, 1, ba + (m, k)), r.uniform(-1, 1, bb + (k, n)), order=order)


EINSUM_CASES = {
    "matrix product": ("ij,jk->ik", (3, 4), (4, 2)),
    "implicit matrix product": ("ij,jk", (3, 4), (4, 2)),
    "implicit transpose": ("ji", (3, 4)),
    "explicit transpose": ("ij->ji", (3, 4)),
    "sum of all": ("ij->", (3, 4)),
    "row sums": ("ij->i", (3, 4)),
    "dot": ("i,i", (4,), (4,)),
    "outer": ("i,j->ij", (3,), (4,)),
    "batched": ("bij,bjk->bik", (2, 3, 4), (2, 4, 2)),
    "three operands": ("ij,jk,kl->il", (2, 3), (3, 4), (4, 2)),
    "summed away in one operand": ("ij,k->i", (3, 4), (2,)),
    "summed away in both": ("ij,kl->jk", (3, 4), (2, 5)),
    "ellipsis": ("...ij,...jk->...ik", (2, 3, 4), (2, 4, 2)),
    "ellipsis broadcast": ("...ij,...jk->...ik", (2, 1, 3, 4), (5, 4, 2)),
    "ellipsis of different ranks": ("...i,i->...", (2, 3, 4), (4,)),
    "implicit with ellipsis": ("...ij,jk", (2, 3, 4), (4, 2)),
    "ellipsis first operand only": ("i...,i->...", (3, 2, 2), (3,)),
    "repeated output letters from one side": ("bi,bj->bij", (2, 3), (2, 4)),
}


@ORDERS
@pytest.mark.parametrize("name", sorted(EINSUM_CASES))
def test_einsum(name, order):
    eq, *shapes_ = EINSUM_CASES[name]
    r = rng_for(5)
    args = [r.uniform(-1, 1, s) for s in shapes_]
    f = (lambda *a: er.sin(er.einsum(eq, *a))) if len(args) == 1 else (lambda *a: er.einsum(eq, *a))
    check(f, *args, order=order)


TENSORDOT_CASES = {
    "int 1": (1, (2, 3), (3, 4)),
    "int 2": (2, (2, 3, 4), (3, 4, 2)),
    "int 0 (outer)": (0, (2, 3), (4,)),
    "axis pairs": ([[0, 2], [2, 0]], (2, 3, 4), (4, 5, 2)),
    "single axes": ([1, 0], (2, 3), (3, 2)),
    "negative axes": ([[-1], [0]], (2, 3), (3, 4)),
}


@ORDERS
@pytest.mark.parametrize("name", sorted(TENSORDOT_CASES))
def test_tensordot(name, order):
    axes, sa, sb = TENSORDOT_CASES[name]
    r = rng_for(6)
    check(lambda a, b: er.tensordot(a, b, axes), r.uniform(-1, 1, sa), r.uniform(-1, 1, sb), order=order)


# --- NumPy's methods on tensors, and the ops only they reached before -------------------------------

_M = np.random.default_rng(8)
D345 = _M.permutation(60).reshape(3, 4, 5) * 0.05 - 1.5  # distinct values, for max/min
AWAY = X345 + np.sign(X345) * 0.05  # |x| > 0.05: away from abs's kink and round's jumps (at +-0.5)
AWAY[np.abs(np.abs(AWAY) - 0.5) < 0.05] *= 0.8


def complex_of(x):
    return er.cast(x, er.complex128) * (1.0 + 2.0j)


METHOD_CASES = {
    # name -> (f, arguments, check_gradients' tolerances)
    "x.sum()": (lambda x: er.sin(x.sum()), (X345,), {}),
    "x.sum(axis, keepdims)": (lambda x: er.sin(x.sum(axis=(0, 2), keepdims=True)), (X345,), {}),
    "x.sum(dtype)": (lambda x: er.sin(x.sum(1, er.float32)), (X345,), {"eps": 1e-3, "rtol": 1e-3, "atol": 1e-4}),
    "x.mean(0)": (lambda x: er.sin(x.mean(0)), (X345,), {}),
    "x.prod(axis=1)": (lambda x: x.prod(axis=1), (X345,), {}),
    "x.max(-1)": (lambda x: x.max(-1), (D345,), {}),
    "x.min(keepdims)": (lambda x: x.min(axis=0, keepdims=True), (D345,), {}),
    "x.var()": (lambda x: x.var(), (X345,), {}),
    "x.var(axis=1, ddof=1)": (lambda x: x.var(axis=1, ddof=1), (X345,), {}),
    "x.std(axis=(0, 2), keepdims)": (lambda x: x.std(axis=(0, 2), keepdims=True), (X345,), {}),
    "er.reduce_variance": (lambda x: er.reduce_variance(x, -1), (X345,), {}),
    "er.reduce_std": (lambda x: er.reduce_std(x), (X345,), {}),
    "x.cumsum()": (lambda x: er.sin(x.cumsum()), (X345,), {}),
    "x.cumsum(axis=1)": (lambda x: er.sin(x.cumsum(axis=1)), (X345,), {}),
    "er.cumsum exclusive reverse": (lambda x: er.sin(er.cumsum(x, 2, exclusive=True, reverse=True)), (X345,), {}),
    "er.cumsum reverse": (lambda x: er.sin(er.cumsum(x, -1, reverse=True)), (X345,), {}),
    "x.reshape(4, -1)": (lambda x: er.sin(x.reshape(4, -1)), (X345,), {}),
    "x.reshape((60,))": (lambda x: er.sin(x.reshape((60,))), (X345,), {}),
    "x.transpose(2, 0, 1)": (lambda x: er.sin(x.transpose(2, 0, 1)), (X345,), {}),
    "x.transpose()": (lambda x: er.sin(x.transpose()), (X345,), {}),
    "x.squeeze()": (lambda x: er.sin(x.squeeze()), (X345[:1, :, 1:2],), {}),
    "x.flatten()": (lambda x: er.sin(x.flatten()), (X345,), {}),
    "x.ravel()": (lambda x: er.sin(x.ravel()), (X345,), {}),
    "x.astype(float32)": (lambda x: er.square(x.astype(er.float32)), (X345[0],), {"eps": 1e-3, "rtol": 1e-3,
                                                                                   "atol": 1e-4}),
    "x.clip(min, max)": (lambda x: x.clip(-0.6, 0.6), (AWAY,), {}),
    "x.clip(min=)": (lambda x: x.clip(min=0.0), (AWAY,), {}),
    "x.abs()": (lambda x: x.abs(), (AWAY,), {}),
    "x.round() * x": (lambda x: x.round() * x, (AWAY,), {}),
    "x.dot(matrix)": (lambda a, b: a.dot(b), (X345[0], X345[1].T), {}),
    "x.dot(vector)": (lambda a, b: a.dot(b), (X345[0], X345[1, 0]), {}),
    "x.dot(3-D)": (lambda a, b: a.dot(b), (X345[0, :2, :4], X345), {}),
    "x.dot(scalar)": (lambda a, b: a.dot(b), (X345[0], np.array(0.7)), {}),
    "x.real": (lambda x: complex_of(x).real, (X345[0],), {}),
    "x.imag": (lambda x: complex_of(x).imag, (X345[0],), {}),
    "x.conj().real": (lambda x: complex_of(x).conj().real, (X345[0],), {}),
    "x.conj().imag": (lambda x: complex_of(x).conj().imag, (X345[0],), {}),
    "er.real, er.imag, er.conj": (lambda x: er.real(er.conj(complex_of(x))) * er.imag(complex_of(x)), (X345[0],), {}),
}


@ORDERS
@pytest.mark.parametrize("name", sorted(METHOD_CASES))
def test_method(name, order):
    f, args, tolerances = METHOD_CASES[name]
    check(f, *args, order=order, **tolerances)


def test_imag_of_a_real_tensor_passes_no_gradient():
    x = er.constant([1.0, 2.0])
    with er.GradientTape() as tape:
        tape.watch(x)
        y = x.imag + 1.0
    assert tape.gradient(y, x) is None


# --- nn ----------------------------------------------------------------------------------------

@ORDERS
@pytest.mark.parametrize("axis", [-1, 0])
@FAST
@given(shape=hnp.array_shapes(min_dims=1, max_dims=3, max_side=3), seed=seeds)
def test_softmax_and_log_softmax(order, axis, shape, seed):
    x = anywhere(shape, rng_for(seed))
    check(lambda x: er.nn.softmax(x, axis=axis), x, order=order)
    check(lambda x: er.nn.log_softmax(x, axis=axis), x, order=order)


@ORDERS
@FAST
@given(shape=hnp.array_shapes(min_dims=1, max_dims=3, max_side=3), seed=seeds)
def test_softmax_cross_entropy_with_logits_in_labels_and_logits(order, shape, seed):
    r = rng_for(seed)
    labels = r.dirichlet(np.ones(shape[-1]), shape[:-1])
    check(lambda labels, logits: er.nn.softmax_cross_entropy_with_logits(labels, logits),
          labels, anywhere(shape, r), order=order)


@ORDERS
@FAST
@given(shape=shapes, seed=seeds)
def test_sigmoid_cross_entropy_with_logits_in_labels_and_logits(order, shape, seed):
    r = rng_for(seed)
    check(lambda z, x: er.nn.sigmoid_cross_entropy_with_logits(labels=z, logits=x),
          r.uniform(0, 1, shape), away_from_zero(shape, r), order=order)


@ORDERS
@FAST
@given(shape=shapes, seed=seeds)
def test_l2_loss(order, shape, seed):
    check(er.nn.l2_loss, anywhere(shape, rng_for(seed)), order=order)


def test_softmax_of_huge_logits_has_a_finite_gradient():
    check(lambda x: er.nn.softmax(x), np.array([[1000.0, 999.0, -1000.0]]))
    check(lambda x: er.nn.log_softmax(x), np.array([[-1000.0, -999.0, -1001.0]]))


# --- no gradient -------------------------------------------------------------------------------

def _gradient(f, *sources):
    with er.GradientTape(persistent=True) as tape:
        for s in sources:
            tape.watch(s)
        y = f(*sources)
    return tape.gradient(y, list(sources)), tape.gradient(y, list(sources), unconnected_gradients="zero")


# Tensors made in each test, so that they live on the device the test runs for.
X = np.array([[-1.7, 0.4, 2.6]])
Y = np.array([[0.3], [-0.2]])


@pytest.mark.parametrize("op", [er.sign, er.floor, er.ceil, er.round], ids=lambda op: op.__name__)
def test_piecewise_constant_ops_give_none(op):
    (gx,), (zx,) = _gradient(lambda x: op(x) * 3.0, er.constant(X))
    assert gx is None
    np.testing.assert_array_equal(zx.numpy(), np.zeros(X.shape))


@pytest.mark.parametrize("op", [er.equal, er.not_equal, er.less, er.less_equal, er.greater, er.greater_equal,
                                er.floordiv], ids=lambda op: op.__name__)
def test_comparisons_and_floordiv_give_none(op):
    (gx, gy), _ = _gradient(lambda x, y: er.cast(op(x, y), er.float64), er.constant(X), er.constant(Y))
    assert gx is None and gy is None


@pytest.mark.parametrize("op", [er.argmax, er.argmin], ids=lambda op: op.__name__)
def test_argmax_argmin_give_none(op):
    (gx,), _ = _gradient(lambda x: er.cast(op(x, axis=1), er.float64), er.constant(X))
    assert gx is None


def test_piecewise_constant_part_of_a_sum_contributes_nothing():
    (gx,), _ = _gradient(lambda x: er.reduce_sum(er.floor(x) + x * x), er.constant(X))
    np.testing.assert_allclose(gx.numpy(), 2 * X)


def test_integer_sources_get_none():
    i = er.constant([1, 2, 3])
    f = er.constant([0.5, 1.5, 2.5])
    (gi, gf), (zi, zf) = _gradient(lambda i, f: er.reduce_sum(er.cast(i * i, er.float32) * f), i, f)
    assert gi is None and zi is None
    np.testing.assert_allclose(gf.numpy(), [1.0, 4.0, 9.0])


def test_integer_only_computation_gives_none():
    i = er.constant([[1, 2], [3, 4]], dtype=er.int64)
    (gi,), (zi,) = _gradient(lambda i: er.reduce_sum(i * i + 1), i)
    assert gi is None and zi is None


def test_gradient_through_cast_to_int_is_none():
    (gx,), _ = _gradient(lambda x: er.cast(er.cast(x, er.int32), er.float64) * 2.0, er.constant(X))
    assert gx is None


def test_stop_gradient_gives_none():
    (gx,), _ = _gradient(lambda x: er.stop_gradient(x * x) * 2.0, er.constant(X))
    assert gx is None


def test_gradients_come_back_in_each_source_dtype_across_promotion():
    x = er.constant([1.0, 2.0])  # float32
    y = er.constant(np.array([[0.5], [1.5]]))  # float64, broadcast against x
    with er.GradientTape() as tape:
        tape.watch([x, y])
        z = er.reduce_sum(x * y)
    gx, gy = tape.gradient(z, [x, y])
    assert gx.dtype == er.float32 and gx.shape == x.shape
    assert gy.dtype == er.float64 and gy.shape == y.shape
    np.testing.assert_allclose(gx.numpy(), [2.0, 2.0])
    np.testing.assert_allclose(gy.numpy(), [[3.0], [3.0]])


def test_python_scalars_in_an_op_are_constants_of_the_gradient():
    check(lambda x: 2.0 * x ** 3 - 1.5 / x + 4, np.array([0.7, -1.3]))


# --- every differentiable op is in the tables above ------------------------------------------------

def _examples():
    """(table row, f, arguments) for one example of every row of the gradient-check tables, as its test runs it."""
    r = rng_for(0)
    for name, (op, sample) in UNARY.items():
        yield f"UNARY {name}", op, [sample((2, 3), r)]
    for name, (op, sample_x, sample_y) in BINARY.items():
        yield f"BINARY {name}", op, [sample_x((2, 3), r), sample_y((3,), r)]  # broadcasting, too
    for name, (f, args, _) in CAREFUL.items():
        yield f"CAREFUL {name}", f, list(args)
    for name, (op, _) in REDUCTIONS.items():
        yield f"REDUCTIONS {name}", lambda x, op=op: op(x, axis=1), [distinct((2, 3), r)]
    for name, (op, *args) in SHAPE_CASES.items():
        yield f"SHAPE_CASES {name}", lambda *a, op=op: er.sin(op(*a)), list(args)
    for name, key in INDEX_KEYS.items():
        key = key() if callable(key) else key
        yield f"INDEX_KEYS {name}", lambda x, key=key: er.sin(x[key]), [X345]
    for name, (sa, sb, kw) in MATMUL_CASES.items():
        yield (f"MATMUL_CASES {name}", lambda a, b, kw=kw: er.matmul(a, b, **kw),
               [r.uniform(-1, 1, sa), r.uniform(-1, 1, sb)])
    for name, (eq, *shapes_) in EINSUM_CASES.items():
        f = (lambda a, eq=eq: er.sin(er.einsum(eq, a))) if len(shapes_) == 1 else (lambda *a, eq=eq: er.einsum(eq, *a))
        yield f"EINSUM_CASES {name}", f, [r.uniform(-1, 1, s) for s in shapes_]
    for name, (axes, sa, sb) in TENSORDOT_CASES.items():
        yield (f"TENSORDOT_CASES {name}", lambda a, b, axes=axes: er.tensordot(a, b, axes),
               [r.uniform(-1, 1, sa), r.uniform(-1, 1, sb)])
    for name, (f, args, _) in METHOD_CASES.items():
        yield f"METHOD_CASES {name}", f, list(args)


def _ops_differentiated(f, args):
    """The ops recorded while f(*args) and its gradient are computed: what check_gradients(order=2) differentiates."""
    xs = [er.constant(a, dtype=er.float64) for a in args]
    with er.GradientTape(persistent=True) as outer:
        outer.watch(xs)
        with er.GradientTape() as inner:
            inner.watch(xs)
            y = f(*xs)
        inner.gradient(y, xs)
    return {node.op for node in outer.record.nodes}


def _differentiable_ops():
    """{op name: module} for every op with a gradient that an engine module defines."""
    import importlib
    import pkgutil

    from eagerrepl import engine
    from eagerrepl.engine.primitive import Op
    found = {}
    for info in pkgutil.iter_modules(engine.__path__):
        module = importlib.import_module(f"eagerrepl.engine.{info.name}")
        for value in vars(module).values():
            op = value if isinstance(value, Op) else getattr(value, "op", None)
            if isinstance(op, Op) and op.vjps is not None:
                found.setdefault(op.name, module.__name__)
    return found


# Differentiable ops the tables cannot reach, and where their gradients are tested instead.
NOT_IN_TABLES = {
    "read": "a Variable read passes its gradient on unchanged: test_tape.py and test_variable.py",
    "copy": "a copy between devices needs two: test_devices.py differentiates through copies on a GPU",
}


@pytest.mark.cpu_only
def test_every_differentiable_op_is_checked_by_a_table_row():
    ops = _differentiable_ops()
    covered = set()
    for _row, f, args in _examples():
        covered |= _ops_differentiated(f, args)
    missing = sorted(name for name in ops if name not in covered and name not in NOT_IN_TABLES)
    assert missing == [], f"ops with a gradient but no row in the gradient-check tables: {missing}"
    assert set(NOT_IN_TABLES) <= set(ops)  # no stale entry


@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
@pytest.mark.parametrize("axis, keepdims", [(None, False), (None, True), (1, False), ((0, 2), True)])
def test_mean_gradient_is_one_over_n_in_the_source_dtype(dtype, axis, keepdims):
    # reduce_mean's gradient is one op (mean_grad): g / n spread back over the reduced axes.
    x = er.constant(np.arange(24, dtype=dtype).reshape(2, 3, 4))
    with er.GradientTape() as tape:
        tape.watch(x)
        y = er.reduce_mean(x, axis=axis, keepdims=keepdims)
    g = tape.gradient(y, x, output_gradients=np.full(y.shape, 6, dtype))
    n = 24 if axis is None else 3 if axis == 1 else 8
    assert g.dtype == dtype and g.shape == x.shape
    np.testing.assert_array_equal(g.numpy(), np.full(x.shape, dtype(6) / dtype(n)))


def test_relu_gradient_is_g_where_x_is_positive_and_keeps_nan():
    x = er.constant([-1.0, 0.0, 2.0, 3.0])
    with er.GradientTape() as tape:
        tape.watch(x)
        y = er.relu(x)
    g = tape.gradient(y, x, output_gradients=[5.0, np.nan, np.nan, -2.0])
    np.testing.assert_array_equal(g.numpy(), [0.0, np.nan, np.nan, -2.0])  # NaN * 0 stays NaN, as TF's
    assert g.dtype == np.float32

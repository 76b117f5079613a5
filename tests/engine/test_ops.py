"""Forward values of every op against numpy, the dtype rules, and what bad input raises."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import eagerrepl as er

FAST = settings(max_examples=40, deadline=None, derandomize=True)
seeds = st.integers(0, 2**32 - 1)
R = np.random.default_rng(0)
A32 = R.uniform(-2, 2, (3, 4)).astype(np.float32)
A64 = R.uniform(-2, 2, (2, 3, 4))
POS = R.uniform(0.5, 2, (3, 4))


def same(tensor, expected, rtol=1e-6, atol=0.0):
    """The tensor holds numpy's answer: same shape, same dtype, same values."""
    expected = np.asarray(expected)
    assert isinstance(tensor, er.Tensor)
    assert tensor.shape == expected.shape
    assert tensor.dtype == expected.dtype, (tensor.dtype, expected.dtype)
    np.testing.assert_allclose(tensor.numpy(), expected, rtol=rtol, atol=atol)


def floats(*arrays):
    """Integer arrays as float32: what eagerrepl computes in where numpy would take float64 (1 / 2)."""
    return [a.astype(np.float32) if a.dtype.kind in "biu" else a for a in arrays]


def np_sigmoid(x):
    return 1 / (1 + np.exp(-x))


# --- elementwise ---------------------------------------------------------------------------------

UNARY = {
    "negative": (er.negative, np.negative, A64),
    "abs": (er.abs, np.abs, A64),
    "square": (er.square, np.square, A64),
    "sqrt": (er.sqrt, np.sqrt, POS),
    "exp": (er.exp, np.exp, A64),
    "log": (er.log, np.log, POS),
    "log1p": (er.log1p, np.log1p, POS),
    "expm1": (er.expm1, np.expm1, A64),
    "sin": (er.sin, np.sin, A64),
    "cos": (er.cos, np.cos, A64),
    "tan": (er.tan, np.tan, A64),
    "tanh": (er.tanh, np.tanh, A64),
    "reciprocal": (er.reciprocal, np.reciprocal, POS),
    "sigmoid": (er.sigmoid, np_sigmoid, A64),
    "relu": (er.relu, lambda x: np.maximum(x, 0), A64),
    "sign": (er.sign, np.sign, np.array([-2.5, 0.0, 3.0])),
    "floor": (er.floor, np.floor, A64),
    "ceil": (er.ceil, np.ceil, A64),
    "round": (er.round, np.round, np.array([0.5, 1.5, 2.5, -0.5, -1.5, 1.2, -2.7])),
    "logical_not": (er.logical_not, np.logical_not, A64 > 0),
    "isnan": (er.isnan, np.isnan, np.array([np.nan, 1.0, np.inf])),
    "isinf": (er.isinf, np.isinf, np.array([np.nan, 1.0, -np.inf])),
    "isfinite": (er.isfinite, np.isfinite, np.array([np.nan, 1.0, np.inf])),
    "identity": (er.identity, lambda x: x, A64),
}


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("name", sorted(UNARY))
def test_unary_matches_numpy(name, dtype):
    op, ref, x = UNARY[name]
    x = x if x.dtype == np.bool_ else x.astype(dtype)
    same(op(er.constant(x)), ref(x), rtol=1e-6 if dtype == np.float64 or name != "sigmoid" else 1e-5)


def test_sigmoid_does_not_overflow():
    x = np.array([-1000.0, -30.0, 0.0, 30.0, 1000.0], dtype=np.float32)
    with np.errstate(over="ignore"):
        same(er.sigmoid(x), np_sigmoid(x).astype(np.float32))


def test_round_halves_to_even():
    np.testing.assert_array_equal(er.round([0.5, 1.5, 2.5, -0.5]).numpy(), [0.0, 2.0, 2.0, -0.0])


BINARY = {
    "add": (er.add, np.add),
    "subtract": (er.subtract, np.subtract),
    "multiply": (er.multiply, np.multiply),
    "divide": (er.divide, lambda x, y: np.true_divide(*floats(x, y))),
    "mod": (er.mod, np.mod),
    "floordiv": (er.floordiv, np.floor_divide),
    "pow": (er.pow, np.power),
    "maximum": (er.maximum, np.maximum),
    "minimum": (er.minimum, np.minimum),
    "equal": (er.equal, np.equal),
    "not_equal": (er.not_equal, np.not_equal),
    "less": (er.less, np.less),
    "less_equal": (er.less_equal, np.less_equal),
    "greater": (er.greater, np.greater),
    "greater_equal": (er.greater_equal, np.greater_equal),
    "logical_and": (er.logical_and, np.logical_and),
    "logical_or": (er.logical_or, np.logical_or),
    "logical_xor": (er.logical_xor, np.logical_xor),
    "operator +": (lambda x, y: x + y, np.add),
    "operator -": (lambda x, y: x - y, np.subtract),
    "operator *": (lambda x, y: x * y, np.multiply),
    "operator /": (lambda x, y: x / y, lambda x, y: np.true_divide(*floats(x, y))),
    "operator //": (lambda x, y: x // y, np.floor_divide),
    "operator %": (lambda x, y: x % y, np.mod),
    "operator **": (lambda x, y: x ** y, np.power),
    "operator ==": (lambda x, y: x == y, np.equal),
    "operator !=": (lambda x, y: x != y, np.not_equal),
    "operator <": (lambda x, y: x < y, np.less),
    "operator <=": (lambda x, y: x <= y, np.less_equal),
    "operator >": (lambda x, y: x > y, np.greater),
    "operator >=": (lambda x, y: x >= y, np.greater_equal),
    "operator &": (lambda x, y: (x > 0) & (y > 0), lambda x, y: (x > 0) & (y > 0)),
    "operator |": (lambda x, y: (x > 0) | (y > 0), lambda x, y: (x > 0) | (y > 0)),
    "operator ^": (lambda x, y: (x > 0) ^ (y > 0), lambda x, y: (x > 0) ^ (y > 0)),
}

pairs = hnp.mutually_broadcastable_shapes(num_shapes=2, min_dims=0, max_dims=3, max_side=3)


@pytest.mark.parametrize("name", sorted(BINARY))
@FAST
@given(shapes=pairs, seed=seeds, dtype=st.sampled_from([np.float32, np.float64, np.int32]))
def test_binary_matches_numpy_with_broadcasting(name, shapes, seed, dtype):
    op, ref = BINARY[name]
    r = np.random.default_rng(seed)
    (sx, sy), _ = shapes
    # Positive bases keep pow real; a few repeated values make ties for comparisons.
    x = r.choice([1.0, 2.0, 2.5, 3.0, 4.0], sx).astype(dtype)
    y = r.choice([-2.0, -1.0, 1.0, 2.0, 3.0], sy).astype(dtype)
    if dtype == np.int32 and name in ("pow", "operator **"):
        y = np.abs(y)  # integers to negative powers are an error, in numpy too
    same(op(er.constant(x), er.constant(y)), ref(x, y))


def test_binary_ops_take_numpy_arrays_lists_and_scalars():
    same(er.add(A32, 1.5), A32 + np.float32(1.5))
    same(er.multiply([1.0, 2.0], A32[0, :2]), np.array([1.0, 2.0], np.float32) * A32[0, :2])
    same(er.subtract(3, er.constant([1, 2])), np.array([2, 1], np.int32))
    same(np.float32(2.0) * er.constant(A32), np.float32(2.0) * A32)
    same(A32 * er.constant(A32), A32 * A32)


def test_where_selects_and_broadcasts():
    c = A64[0] > 0
    same(er.where(c, A64, -A64), np.where(c, A64, -A64))
    same(er.where(c, A64, 0.0), np.where(c, A64, 0.0))


def test_where_with_only_a_condition_gives_indices():
    c = A64 > 0.5
    same(er.where(c), np.argwhere(c))


def test_clip_by_value_matches_numpy():
    same(er.clip_by_value(er.constant(A32), -0.5, 1.0), np.clip(A32, np.float32(-0.5), np.float32(1.0)))
    lo, hi = np.full((4,), -1.0), np.full((3, 1), 0.5)
    same(er.clip_by_value(A64, lo, hi), np.minimum(np.maximum(A64, lo), hi))


@pytest.mark.parametrize("to", [er.float16, er.float32, er.float64, er.int32, er.int64, er.bool])
@pytest.mark.parametrize("source", [A64, A32, np.array([-3, 0, 7], np.int32)], ids=["f64", "f32", "i32"])
def test_cast_matches_astype(source, to):
    same(er.cast(er.constant(source), to), source.astype(to))


def test_cast_of_floats_to_ints_truncates_toward_zero():
    np.testing.assert_array_equal(er.cast([-1.7, -0.2, 0.2, 1.7], er.int32).numpy(), [-1, 0, 0, 1])


def test_cast_accepts_dtype_likes():
    assert er.cast([1, 2], "float64").dtype == er.float64
    assert er.cast([1, 2], np.float16).dtype == er.float16
    assert er.cast([1, 2], float).dtype == er.float32


# --- reductions ----------------------------------------------------------------------------------

REDUCTIONS = {
    "reduce_sum": (er.reduce_sum, np.sum),
    "reduce_mean": (er.reduce_mean, np.mean),
    "reduce_max": (er.reduce_max, np.max),
    "reduce_min": (er.reduce_min, np.min),
    "reduce_prod": (er.reduce_prod, np.prod),
    "reduce_logsumexp": (er.reduce_logsumexp,
                         lambda x, axis, keepdims: np.log(np.sum(np.exp(x), axis=axis, keepdims=keepdims))),
    "reduce_all": (er.reduce_all, np.all),
    "reduce_any": (er.reduce_any, np.any),
}


@pytest.mark.parametrize("keepdims", [False, True])
@pytest.mark.parametrize("axis", [None, 0, 1, -1, (0, 2), (2, 0, 1), [1]], ids=str)
@pytest.mark.parametrize("name", sorted(REDUCTIONS))
def test_reduction_matches_numpy(name, axis, keepdims):
    op, ref = REDUCTIONS[name]
    x = A64 > 0 if name in ("reduce_all", "reduce_any") else A64
    np_axis = tuple(axis) if isinstance(axis, list) else axis
    same(op(x, axis=axis, keepdims=keepdims), ref(x, axis=np_axis, keepdims=keepdims), rtol=1e-12)


@pytest.mark.parametrize("name", ["reduce_sum", "reduce_mean", "reduce_max", "reduce_min", "reduce_prod"])
def test_float32_reductions_stay_float32(name):
    assert getattr(er, name)(A32, axis=1).dtype == er.float32


def test_integer_sums_and_products_keep_their_dtype():
    i = er.constant([[1, 2, 3], [4, 5, 6]])
    same(er.reduce_sum(i, axis=0), np.array([5, 7, 9], np.int32))
    same(er.reduce_prod(i), np.array(720, np.int32))
    same(er.reduce_max(i, axis=1), np.array([3, 6], np.int32))


def test_reduce_logsumexp_of_large_and_infinite_values():
    x = np.array([[1000.0, 1000.0], [-np.inf, 0.0]])
    same(er.reduce_logsumexp(x, axis=1), np.array([1000.0 + np.log(2.0), 0.0]))
    with np.errstate(divide="ignore"):
        same(er.reduce_logsumexp(np.array([-np.inf, -np.inf])), np.array(-np.inf))


def test_reduction_axis_may_be_a_tensor():
    same(er.reduce_sum(A64, axis=er.constant(1)), A64.sum(axis=1))


@pytest.mark.parametrize("axis", [None, 0, 1, -1])
@pytest.mark.parametrize("op,ref", [(er.argmax, np.argmax), (er.argmin, np.argmin)], ids=["argmax", "argmin"])
def test_argmax_argmin_match_numpy_with_axis_0_by_default(op, ref, axis):
    expected = ref(A64, axis=0 if axis is None else axis)
    same(op(A64, axis=axis), expected.astype(np.int64))
    same(op(A64, axis=axis, output_type=er.int32), expected.astype(np.int32))


# --- shape ops -----------------------------------------------------------------------------------

def test_reshape_matches_numpy():
    same(er.reshape(A64, [4, -1]), A64.reshape(4, -1))
    same(er.reshape(A64, er.constant([6, 4])), A64.reshape(6, 4))
    same(er.reshape(np.array([3.0]), []), np.array(3.0))


@pytest.mark.parametrize("perm", [None, [0, 1, 2], [2, 0, 1], [1, 0, 2], [-1, 0, 1]], ids=str)
def test_transpose_matches_numpy(perm):
    same(er.transpose(A64, perm), np.transpose(A64, perm))


def test_T_reverses_axes():
    same(er.constant(A64).T, A64.T)


@pytest.mark.parametrize("axis", [0, 1, 3, -1, -4])
def test_expand_dims_matches_numpy(axis):
    same(er.expand_dims(A64, axis), np.expand_dims(A64, axis))


@pytest.mark.parametrize("axis", [None, 0, 2, [0, -1]], ids=str)
def test_squeeze_matches_numpy(axis):
    x = A64.reshape(1, 2, 1, 12, 1)
    same(er.squeeze(x, axis), np.squeeze(x, None if axis is None else tuple(axis) if isinstance(axis, list) else axis))


@pytest.mark.parametrize("axis", [0, 1, 2, -1])
def test_concat_and_stack_match_numpy(axis):
    same(er.concat([A64, A64 * 2, A64 + 1], axis), np.concatenate([A64, A64 * 2, A64 + 1], axis))
    same(er.stack([A64, A64 * 2], axis), np.stack([A64, A64 * 2], axis))


def test_concat_of_mixed_inputs_follows_numpy_promotion():
    same(er.concat([A32, A64[0]], 0), np.concatenate([A32, A64[0]], 0))


@pytest.mark.parametrize("axis", [0, 1, 2, -1])
def test_unstack_matches_numpy(axis):
    pieces = er.unstack(A64, axis=axis)
    assert len(pieces) == A64.shape[axis]
    for i, piece in enumerate(pieces):
        same(piece, np.take(A64, i, axis=axis))


def test_split_into_equal_pieces_and_by_sizes():
    for piece, expected in zip(er.split(A64, 2, axis=2), np.split(A64, 2, axis=2)):
        same(piece, expected)
    pieces = er.split(A64, [1, -1, 1], axis=-1)
    for piece, expected in zip(pieces, np.split(A64, [1, 3], axis=-1)):
        same(piece, expected)
    assert [p.shape for p in pieces] == [(2, 3, 1), (2, 3, 2), (2, 3, 1)]


@pytest.mark.parametrize("multiples", [[1, 1, 1], [2, 1, 3], [1, 0, 2]], ids=str)
def test_tile_matches_numpy(multiples):
    same(er.tile(A64, multiples), np.tile(A64, multiples))


@pytest.mark.parametrize("axis", [0, 1, -1])
@pytest.mark.parametrize("indices", [[0], [1, 1, 0], [[0, 1], [1, 0]], 1, [-1, 0]], ids=str)
def test_gather_matches_take(indices, axis):
    indices = np.asarray(indices)
    same(er.gather(A64, indices, axis=axis), np.take(A64, indices % A64.shape[axis], axis=axis))


@pytest.mark.parametrize("shape", [(2, 3, 4), (5, 2, 3, 4), (2, 1, 1, 2, 3, 4)], ids=str)
def test_broadcast_to_matches_numpy(shape):
    same(er.broadcast_to(A64, shape), np.broadcast_to(A64, shape))
    same(er.broadcast_to(A64[:, :1], shape), np.broadcast_to(A64[:, :1], shape))


INDEX_KEYS = {
    "int": 1,
    "negative int": -1,
    "ints": (1, 0, 3),
    "slice": slice(0, 1),
    "negative step": (slice(None), slice(None, None, -1)),
    "Ellipsis": (Ellipsis, 2),
    "None": (None, Ellipsis, None, 0),
    "integer list": [1, 1, 0],
    "integer array on axis 2": (Ellipsis, np.array([[3, 0], [0, 3]])),
    "integer arrays on two axes": (np.array([0, 1]), slice(None), np.array([3, 2])),
    "boolean array": np.array([False, True]),
    "boolean array on all axes": A64 > 0,
    "empty boolean selection": A64 > 100,
}


@pytest.mark.parametrize("name", sorted(INDEX_KEYS))
def test_indexing_matches_numpy(name):
    key = INDEX_KEYS[name]
    same(er.constant(A64)[key], A64[key])


def test_indexing_with_tensors_matches_numpy():
    t = er.constant(A64)
    same(t[er.constant([1, 0])], A64[[1, 0]])
    same(t[er.constant(A64 > 0)], A64[A64 > 0])
    same(t[:, er.constant(2)], A64[:, 2])


def test_iterating_a_tensor_yields_its_rows():
    rows = list(er.constant(A64))
    assert len(rows) == 2
    for row, expected in zip(rows, A64):
        same(row, expected)


# --- linear algebra ------------------------------------------------------------------------------

MATMUL_SHAPES = [((3, 4), (4, 2)), ((2, 3, 4), (2, 4, 5)), ((2, 1, 3, 4), (5, 4, 2)), ((4,), (4, 3)),
                 ((3, 4), (4,)), ((4,), (4,)), ((4,), (2, 4, 3)), ((2, 3, 4), (4,))]


@pytest.mark.parametrize("sa,sb", MATMUL_SHAPES, ids=str)
def test_matmul_matches_numpy(sa, sb):
    a, b = R.uniform(-1, 1, sa), R.uniform(-1, 1, sb)
    # atol: cuBLAS sums in another order than the CPU's BLAS, which shows on results near 0.
    same(er.matmul(a, b), np.matmul(a, b), rtol=1e-12, atol=1e-12)
    same(er.constant(a) @ b, a @ b, rtol=1e-12, atol=1e-12)


def test_matmul_transposes():
    a, b = R.uniform(-1, 1, (2, 4, 3)), R.uniform(-1, 1, (2, 5, 4))
    same(er.matmul(a, b, transpose_a=True, transpose_b=True), np.swapaxes(a, -1, -2) @ np.swapaxes(b, -1, -2))
    same(er.matmul(a, a, transpose_a=True), np.swapaxes(a, -1, -2) @ a)
    same(er.matmul(a, a, transpose_b=True), a @ np.swapaxes(a, -1, -2))


def test_matmul_of_float32_stays_float32():
    assert er.matmul(A32, A32.T).dtype == er.float32


@pytest.mark.parametrize("eq,shapes", [
    ("ij,jk->ik", [(3, 4), (4, 2)]), ("ij,jk", [(3, 4), (4, 2)]), ("ji", [(3, 4)]), ("ii->i", [(3, 3)]),
    ("ii", [(3, 3)]), ("ij->", [(3, 4)]), ("i,i", [(4,), (4,)]), ("i,j->ij", [(3,), (4,)]),
    ("bij,bjk->bik", [(2, 3, 4), (2, 4, 2)]), ("ij,jk,kl->il", [(2, 3), (3, 4), (4, 2)]),
    ("ij,k->i", [(3, 4), (2,)]), ("...ij,...jk->...ik", [(2, 1, 3, 4), (5, 4, 2)]),
    ("...i,i->...", [(2, 3, 4), (4,)]), ("...ij,jk", [(2, 3, 4), (4, 2)]),
], ids=lambda v: v if isinstance(v, str) else "")
def test_einsum_matches_numpy(eq, shapes):
    args = [R.uniform(-1, 1, s) for s in shapes]
    same(er.einsum(eq, *args), np.einsum(eq, *args), rtol=1e-12, atol=1e-12)


def test_einsum_with_many_elements_matches_numpy():
    a, b = R.uniform(-1, 1, (64, 80)), R.uniform(-1, 1, (80, 70))
    same(er.einsum("ij,jk->ik", a, b), a @ b, rtol=1e-10, atol=1e-11)


@pytest.mark.parametrize("axes,sa,sb", [
    (1, (2, 3), (3, 4)), (2, (2, 3, 4), (3, 4, 2)), (0, (2, 3), (4,)), ([[0, 2], [2, 0]], (2, 3, 4), (4, 5, 2)),
    ([1, 0], (2, 3), (3, 2)), ([[-1], [0]], (2, 3), (3, 4)),
], ids=str)
def test_tensordot_matches_numpy(axes, sa, sb):
    a, b = R.uniform(-1, 1, sa), R.uniform(-1, 1, sb)
    same(er.tensordot(a, b, axes), np.tensordot(a, b, axes), rtol=1e-12, atol=1e-12)


# --- nn ------------------------------------------------------------------------------------------

def np_softmax(x, axis):
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


@pytest.mark.parametrize("axis", [-1, 0, 1])
def test_softmax_and_log_softmax_match_numpy(axis):
    same(er.nn.softmax(A64, axis=axis), np_softmax(A64, axis), rtol=1e-12)
    same(er.nn.log_softmax(A64, axis=axis), np.log(np_softmax(A64, axis)), rtol=1e-12)
    np.testing.assert_allclose(er.reduce_sum(er.nn.softmax(A64, axis=axis), axis=axis).numpy(), 1.0)


def test_softmax_of_huge_logits_is_finite():
    x = np.array([1000.0, 0.0, -1000.0], np.float32)
    same(er.nn.softmax(x), np.array([1.0, 0.0, 0.0], np.float32), atol=1e-30)
    assert np.all(np.isfinite(er.nn.log_softmax(x).numpy()))


def test_softmax_cross_entropy_with_logits_matches_numpy():
    labels = R.dirichlet(np.ones(4), (2, 3))
    same(er.nn.softmax_cross_entropy_with_logits(labels, A64),
         -np.sum(labels * np.log(np_softmax(A64, -1)), axis=-1), rtol=1e-12)
    labels1 = R.dirichlet(np.ones(3), (2, 4)).transpose(0, 2, 1)
    same(er.nn.softmax_cross_entropy_with_logits(labels=labels1, logits=A64, axis=1),
         -np.sum(labels1 * np.log(np_softmax(A64, 1)), axis=1), rtol=1e-12)


def test_sigmoid_cross_entropy_with_logits_matches_the_naive_formula():
    z = R.uniform(0, 1, A64.shape)
    p = np_sigmoid(A64)
    same(er.nn.sigmoid_cross_entropy_with_logits(labels=z, logits=A64), -z * np.log(p) - (1 - z) * np.log(1 - p),
         rtol=1e-10)


def test_sigmoid_cross_entropy_with_logits_is_finite_for_huge_logits():
    out = er.nn.sigmoid_cross_entropy_with_logits(labels=[0.0, 1.0, 1.0], logits=[1000.0, -1000.0, 1000.0])
    same(out, np.array([1000.0, 1000.0, 0.0], np.float32))


def test_sigmoid_cross_entropy_needs_both_arguments():
    with pytest.raises(ValueError, match="sigmoid_cross_entropy_with_logits"):
        er.nn.sigmoid_cross_entropy_with_logits(logits=A64)


def test_softplus_and_l2_loss_match_numpy():
    same(er.nn.softplus(A64), np.logaddexp(0, A64), rtol=1e-12)
    same(er.nn.softplus(np.array([1000.0, -1000.0])), np.array([1000.0, 0.0]))
    same(er.nn.l2_loss(A64), np.sum(A64 ** 2) / 2, rtol=1e-12)


def test_nn_reexports_elementwise_activations():
    same(er.nn.relu(A64), np.maximum(A64, 0))
    same(er.nn.sigmoid(A64), np_sigmoid(A64), rtol=1e-12)
    same(er.nn.tanh(A64), np.tanh(A64))


# --- creation ------------------------------------------------------------------------------------

def test_zeros_ones_fill():
    same(er.zeros([2, 3]), np.zeros((2, 3), np.float32))
    same(er.ones((4,), dtype=er.int64), np.ones(4, np.int64))
    same(er.zeros([]), np.zeros((), np.float32))
    same(er.fill([2, 2], 7), np.full((2, 2), 7, np.int32))
    same(er.fill([3], 2.5), np.full(3, 2.5, np.float32))
    same(er.zeros_like(A64), np.zeros_like(A64))
    same(er.ones_like(A32, dtype=er.int32), np.ones(A32.shape, np.int32))


def test_constant_with_shape_fills_or_reshapes():
    same(er.constant(3.0, shape=[2, 2]), np.full((2, 2), 3.0, np.float32))
    same(er.constant([1, 2, 3, 4], shape=[2, 2]), np.array([[1, 2], [3, 4]], np.int32))
    same(er.constant([1, 2], dtype=er.float64), np.array([1.0, 2.0]))


@pytest.mark.parametrize("args,expected", [
    ((5,), np.arange(5, dtype=np.int32)),
    ((2, 9, 3), np.arange(2, 9, 3, dtype=np.int32)),
    ((0.0, 1.0, 0.25), np.arange(0.0, 1.0, 0.25, dtype=np.float32)),
    ((5, 0, -2), np.arange(5, 0, -2, dtype=np.int32)),
    ((0, 3, 0.5), np.arange(0, 3, 0.5, dtype=np.float32)),
], ids=str)
def test_range_matches_arange_with_tf_dtypes(args, expected):
    same(er.range(*args), expected)


def test_range_dtype_argument():
    same(er.range(4, dtype=er.float64), np.arange(4, dtype=np.float64))


def test_linspace_includes_both_ends():
    same(er.linspace(0.0, 1.0, 5), np.linspace(0, 1, 5, dtype=np.float32))
    same(er.linspace(-2.0, 2.0, 1), np.linspace(-2, 2, 1, dtype=np.float32))
    same(er.linspace(er.constant(1.0, dtype=er.float64), 2.0, 3), np.linspace(1, 2, 3))


def test_eye():
    same(er.eye(3), np.eye(3, dtype=np.float32))
    same(er.eye(2, 4, dtype=er.int32), np.eye(2, 4, dtype=np.int32))
    same(er.eye(2, batch_shape=[3]), np.broadcast_to(np.eye(2, dtype=np.float32), (3, 2, 2)))


def test_one_hot():
    idx = np.array([0, 2, -1, 5, 1])
    same(er.one_hot(idx, 3), (idx[:, None] == np.arange(3)).astype(np.float32))
    same(er.one_hot(idx, 3, on_value=5, off_value=-1), np.where(idx[:, None] == np.arange(3), 5, -1).astype(np.int32))
    same(er.one_hot([[1], [0]], 2, axis=0), np.moveaxis(np.array([[[0, 1]], [[1, 0]]], np.float32), -1, 0))
    same(er.one_hot([1, 0], 2, dtype=er.float64), np.eye(2)[[1, 0]])


# --- random --------------------------------------------------------------------------------------

@pytest.mark.parametrize("draw", [
    lambda: er.random_uniform([3, 4]),
    lambda: er.random_uniform([5], minval=-2, maxval=3, dtype=er.float64),
    lambda: er.random_uniform([6], minval=0, maxval=10, dtype=er.int32),
    lambda: er.random_normal([3, 2], mean=1.0, stddev=0.5),
    lambda: er.truncated_normal([4, 4]),
], ids=["uniform", "uniform range", "uniform ints", "normal", "truncated"])
def test_random_ops_reproduce_under_set_random_seed(draw):
    er.set_random_seed(1234)
    first = [draw().numpy(), draw().numpy()]
    er.set_random_seed(1234)
    second = [draw().numpy(), draw().numpy()]
    np.testing.assert_array_equal(first[0], second[0])
    np.testing.assert_array_equal(first[1], second[1])
    assert not np.array_equal(first[0], first[1])  # successive draws differ
    er.set_random_seed(4321)
    assert not np.array_equal(draw().numpy(), first[0])


def test_op_seed_gives_its_own_stream():
    er.set_random_seed(7)
    a = er.random_normal([4], seed=3).numpy()
    er.set_random_seed(7)
    er.random_uniform([10])  # an unseeded op drawn first does not shift the seeded one
    b = er.random_normal([4], seed=3).numpy()
    np.testing.assert_array_equal(a, b)


def test_random_values_have_the_requested_distribution():
    er.set_random_seed(0)
    u = er.random_uniform([20000], minval=-2, maxval=3)
    assert u.dtype == er.float32 and u.shape == (20000,)
    assert u.numpy().min() >= -2 and u.numpy().max() < 3
    assert abs(u.numpy().mean() - 0.5) < 0.05
    n = er.random_normal([20000], mean=1.0, stddev=0.5, dtype=er.float64)
    assert n.dtype == er.float64
    assert abs(n.numpy().mean() - 1.0) < 0.02 and abs(n.numpy().std() - 0.5) < 0.02
    t = er.truncated_normal([20000], mean=-1.0, stddev=2.0)
    assert t.numpy().min() >= -5.0 and t.numpy().max() <= 3.0
    i = er.random_uniform([1000], minval=0, maxval=4, dtype=er.int32)
    assert i.dtype == er.int32 and set(np.unique(i.numpy())) == {0, 1, 2, 3}


# --- dtype rules ---------------------------------------------------------------------------------

@pytest.mark.parametrize("value,dtype", [
    (1.5, er.float32), (3, er.int32), (True, er.bool), (2**40, er.int64),
    ([1.0, 2.0], er.float32), ([1, 2], er.int32), ([[1, 2.5]], er.float32), ([True, False], er.bool),
    (np.array([1.0]), er.float64), (np.array([1], np.int64), er.int64), (np.float16(1.0), er.float16),
    (np.array([1, 2], np.uint8), er.uint8), (np.array(True), er.bool),
], ids=repr)
def test_conversion_dtypes(value, dtype):
    assert er.constant(value).dtype == dtype
    assert er.convert_to_tensor(value).dtype == dtype


DTYPES = [np.bool_, np.int32, np.int64, np.float16, np.float32, np.float64]


# The promotion rule (README, dtypes): numpy's, except that integers and bools take the float's dtype.
PROMOTIONS = [
    (np.int32, np.float32, np.float32), (np.int64, np.float32, np.float32), (np.int32, np.float16, np.float16),
    (np.bool_, np.float16, np.float16), (np.uint8, np.float32, np.float32), (np.int32, np.float64, np.float64),
    (np.float32, np.float64, np.float64), (np.float16, np.float32, np.float32), (np.int32, np.int64, np.int64),
    (np.bool_, np.int32, np.int32), (np.int8, np.uint8, np.int16), (np.int32, np.complex64, np.complex64),
    (np.float64, np.complex64, np.complex128), (np.float32, np.complex64, np.complex64),
]


@pytest.mark.parametrize("dx, dy, dz", PROMOTIONS, ids=lambda d: np.dtype(d).name)
def test_mixed_tensor_dtypes_promote_by_one_rule(dx, dy, dz):
    x, y = er.constant(np.array([1, 0, 1], dx)), er.constant(np.array([1, 1, 0], dy))
    assert er.result_type(dx, dy) == dz and er.result_type(dy, dx) == dz
    for out in (x + y, y - x, er.multiply(x, y), er.maximum(y, x), er.where([True, False, True], x, y),
                er.concat([x, y], 0), er.stack([y, x]), x * np.array([1, 1, 0], dy)):
        assert out.dtype == dz
    same(x + y, np.array([1, 0, 1], dz) + np.array([1, 1, 0], dz))


def test_matrix_ops_promote_by_the_same_rule():
    i, f = er.constant([[1, 2], [3, 4]]), er.constant([[0.5], [1.5]])
    assert er.matmul(i, f).dtype == er.float32 and (i @ f).dtype == er.float32
    same(er.matmul(i, f), np.array([[3.5], [7.5]], np.float32))
    assert er.einsum("ij,jk->ik", i, f).dtype == er.float32
    assert er.tensordot(i, f, 1).dtype == er.float32


def test_integers_become_float32_where_floats_are_computed():
    i = er.constant([1, 4])
    for out in (i / i, i / 2, 1 / i, er.sqrt(i), er.sin(i), er.exp(er.constant([True])), er.reduce_mean(i),
                i * 2.5, 2.5 - i, er.constant([1], dtype=er.int8) ** 0.5):
        assert out.dtype == er.float32, out
    same(i / 2, np.array([0.5, 2.0], np.float32))
    same(er.sqrt(i), np.array([1.0, 2.0], np.float32))
    assert (i // 2).dtype == er.int32 and (i * 2).dtype == er.int32 and er.reduce_sum(i).dtype == er.int32


@pytest.mark.parametrize("dtype", [er.float16, er.float32, er.float64])
@pytest.mark.parametrize("scalar", [2.0, 2, True], ids=repr)
def test_python_scalars_are_weak_next_to_float_tensors(dtype, scalar):
    t = er.constant([1.0, 2.0], dtype=dtype)
    for out in (t * scalar, scalar * t, t + scalar, t - scalar, scalar - t, t / scalar, er.multiply(t, scalar),
                er.maximum(t, scalar), t ** scalar):
        assert out.dtype == dtype


@pytest.mark.parametrize("dtype", [er.int32, er.int64])
def test_python_ints_are_weak_next_to_int_tensors(dtype):
    t = er.constant([1, 2], dtype=dtype)
    assert (t * 3).dtype == dtype and (3 + t).dtype == dtype and (t // 2).dtype == dtype


def test_python_float_next_to_int_tensor_gives_float32():
    i = np.array([1, 2], np.int32)
    same(er.constant(i) * 2.5, np.array([2.5, 5.0], np.float32))


def test_lists_next_to_a_float32_tensor_stay_float32():
    t = er.constant([1.0, 2.0])
    assert (t + [1.5, 2.5]).dtype == er.float32
    assert ([1.5, 2.5] + t).dtype == er.float32
    assert (t * [1, 2]).dtype == er.float32
    assert er.matmul(er.constant([[1.0, 2.0]]), [[1.0], [2.0]]).dtype == er.float32
    assert er.concat([t, [3.0]], 0).dtype == er.float32
    same(t + [1.5, 2.5], np.array([2.5, 4.5], np.float32))


def test_numpy_array_next_to_a_float32_tensor_keeps_its_dtype():
    t = er.constant([1.0, 2.0])
    assert (t + np.array([1.0, 2.0])).dtype == er.float64
    assert (np.array([1.0, 2.0]) + t).dtype == er.float64
    assert isinstance(np.array([1.0, 2.0]) + t, er.Tensor)
    assert (t + np.array([1.0, 2.0], np.float16)).dtype == er.float32


def test_division_of_ints_gives_floats_and_floordiv_keeps_ints():
    i = er.constant([7, -7])
    assert (i / 2).dtype.kind == "f"
    same(i // 2, np.array([3, -4], np.int32))
    same(i % 3, np.array([1, 2], np.int32))


def test_comparisons_give_bool():
    t = er.constant([1.0, 2.0])
    for out in (t < 1.5, t == [1.0, 3.0], er.greater_equal(t, 2), t != 2.0):
        assert out.dtype == er.bool


# --- bad input -----------------------------------------------------------------------------------

# Made inside each call, not at import: a tensor made at import lives on cpu:0, and next to one made
# on another device it would raise a DeviceError instead of the error under test.
def m23():
    return er.ones([2, 3])


def m45():
    return er.ones([4, 5])


def t234():
    return er.ones([2, 3, 4])


BAD = {
    # name: (call, exception type, words the message must contain)
    "matmul inner dims": (lambda: er.matmul(m23(), m45()), er.InvalidArgumentError,
                          ["matmul: cannot multiply (2, 3) by (4, 5): inner dimensions 3 and 4 differ"]),
    "matmul vectors": (lambda: er.matmul(er.ones([3]), er.ones([4])), er.InvalidArgumentError,
                       ["matmul", "(3,)", "(4,)"]),
    "matmul scalar": (lambda: er.matmul(er.constant(2.0), m23()), er.InvalidArgumentError, ["matmul", "()", "(2, 3)"]),
    "matmul batch dims": (lambda: er.matmul(t234(), er.ones([3, 4, 5])), er.InvalidArgumentError,
                          ["matmul", "(2, 3, 4)", "(3, 4, 5)"]),
    "matmul transpose_b": (lambda: er.matmul(m23(), m23(), transpose_b=False), er.InvalidArgumentError,
                           ["matmul", "(2, 3)", "inner dimensions 3 and 2"]),
    "matmul transpose_a of a vector": (lambda: er.matmul(er.ones([3]), er.ones([3, 2]), transpose_a=True),
                                       er.InvalidArgumentError, ["matmul", "(3,)"]),
    "matmul operator": (lambda: m23() @ m45(), er.InvalidArgumentError, ["matmul", "(2, 3)", "(4, 5)"]),
    "add shapes": (lambda: er.add(m23(), m45()), er.InvalidArgumentError, ["add", "(2, 3)", "(4, 5)"]),
    "multiply operator shapes": (lambda: m23() * m45(), er.InvalidArgumentError, ["multiply", "(2, 3)", "(4, 5)"]),
    "maximum shapes": (lambda: er.maximum(m23(), er.ones([2])), er.InvalidArgumentError, ["maximum", "(2, 3)", "(2,)"]),
    "where shapes": (lambda: er.where(er.constant([True, False, True]), er.ones([2]), er.ones([3])),
                     er.InvalidArgumentError, ["where", "(2,)", "(3,)"]),
    "add strings": (lambda: er.add(np.array(["a"]), np.array([1.0])), er.DTypeError, ["add", "<U1", "float64"]),
    "sqrt strings": (lambda: er.sqrt(np.array(["a"])), er.DTypeError, ["sqrt", "<U1"]),
    "add a str": (lambda: er.add(m23(), "a"), er.DTypeError, ["add", "str"]),
    "sin of a str": (lambda: er.sin("a"), er.DTypeError, ["sin", "str"]),
    "matmul of a str": (lambda: er.matmul(m23(), "a"), er.DTypeError, ["matmul", "str"]),
    "reduce_sum of a str": (lambda: er.reduce_sum("a"), er.DTypeError, ["reduce_sum", "str"]),
    "ragged list": (lambda: er.add(m23(), [[1.0], [1.0, 2.0]]), er.InvalidArgumentError, ["add", "rectangular"]),
    "int to a negative power": (lambda: er.pow(er.constant([2]), er.constant([-1])), er.InvalidArgumentError,
                                ["pow", "negative"]),
    "reshape size": (lambda: er.reshape(m23(), [4, 2]), er.InvalidArgumentError, ["reshape", "(2, 3)", "(4, 2)"]),
    "reshape two -1": (lambda: er.reshape(m23(), [-1, -1]), er.InvalidArgumentError, ["reshape", "(2, 3)", "(-1, -1)"]),
    "transpose perm": (lambda: er.transpose(m23(), [0, 0]), er.InvalidArgumentError, ["transpose", "(0, 0)", "(2, 3)"]),
    "transpose perm length": (lambda: er.transpose(m23(), [1]), er.InvalidArgumentError,
                              ["transpose", "(1,)", "(2, 3)"]),
    "expand_dims axis": (lambda: er.expand_dims(m23(), 5), er.InvalidArgumentError, ["expand_dims", "5"]),
    "squeeze axis": (lambda: er.squeeze(m23(), 0), er.InvalidArgumentError, ["squeeze", "(2, 3)"]),
    "concat shapes": (lambda: er.concat([m23(), er.ones([3, 3])], 1), er.InvalidArgumentError,
                      ["concat", "(2, 3)", "(3, 3)"]),
    "concat ranks": (lambda: er.concat([er.ones([2]), m23()], 0), er.InvalidArgumentError,
                     ["concat", "(2,)", "(2, 3)"]),
    "concat nothing": (lambda: er.concat([], 0), er.InvalidArgumentError, ["concat"]),
    "stack shapes": (lambda: er.stack([m23(), er.ones([3, 3])]), er.InvalidArgumentError,
                     ["stack", "(2, 3)", "(3, 3)"]),
    "split equal": (lambda: er.split(m23(), 2, axis=1), er.InvalidArgumentError, ["split", "3", "2"]),
    "split sizes": (lambda: er.split(er.ones([5]), [2, 2]), er.InvalidArgumentError, ["split", "[2, 2]", "5"]),
    "unstack a scalar": (lambda: er.unstack(er.constant(1.0)), er.InvalidArgumentError, ["unstack", "()"]),
    "split a scalar": (lambda: er.split(er.constant(1.0), 1), er.InvalidArgumentError, ["split", "()"]),
    "tile multiples": (lambda: er.tile(m23(), [2]), er.InvalidArgumentError, ["tile", "(2,)", "(2, 3)"]),
    "broadcast_to shape": (lambda: er.broadcast_to(m23(), [4, 5]), er.InvalidArgumentError,
                           ["broadcast_to", "(2, 3)", "(4, 5)"]),
    "gather out of range": (lambda: er.gather(m23(), [5]), er.InvalidArgumentError, ["gather", "5", "2"]),
    "gather float indices": (lambda: er.gather(m23(), [0.5]), er.InvalidArgumentError, ["gather", "float"]),
    "gather axis": (lambda: er.gather(er.ones([2]), [0], axis=3), er.InvalidArgumentError, ["gather", "3"]),
    "index out of range": (lambda: m23()[5], er.IndexOutOfRangeError, ["getitem", "5", "(2, 3)"]),
    "index array out of range": (lambda: m23()[:, [0, 7]], er.IndexOutOfRangeError, ["getitem", "7", "(2, 3)"]),
    "boolean index shape": (lambda: m23()[np.array([True, False, True])], er.IndexOutOfRangeError,
                            ["getitem", "(2, 3)"]),
    "too many indices": (lambda: er.ones([2])[0, 0], er.IndexOutOfRangeError, ["getitem", "(2,)"]),
    "float index": (lambda: er.ones([2])[0.5], er.IndexOutOfRangeError, ["getitem"]),
    "reduce axis": (lambda: er.reduce_sum(m23(), axis=2), er.InvalidArgumentError, ["reduce_sum", "axis 2", "2 axes"]),
    "reduce axis twice": (lambda: er.reduce_mean(m23(), axis=[0, -2]), er.InvalidArgumentError,
                          ["reduce_mean", "twice"]),
    "reduce_max of nothing": (lambda: er.reduce_max(er.zeros([0])), er.InvalidArgumentError, ["reduce_max", "(0,)"]),
    "argmax axis": (lambda: er.argmax(m23(), axis=-3), er.InvalidArgumentError, ["argmax", "-3"]),
    "argmax several axes": (lambda: er.argmax(m23(), axis=[0, 1]), er.InvalidArgumentError, ["argmax", "single axis"]),
    "tensordot sizes": (lambda: er.tensordot(m23(), m45(), 1), er.InvalidArgumentError,
                        ["tensordot", "(2, 3)", "(4, 5)"]),
    "tensordot axes of different lengths": (lambda: er.tensordot(m23(), er.ones([3]), [[1, 0], [0]]),
                                            er.InvalidArgumentError, ["tensordot", "(2, 3)", "(3,)"]),
    "einsum shapes": (lambda: er.einsum("ij,jk->ik", m23(), m45()), er.InvalidArgumentError,
                      ["einsum", "(2, 3)", "(4, 5)"]),
    "einsum operands": (lambda: er.einsum("ij,jk->ik", m23()), er.InvalidArgumentError, ["einsum", "(2, 3)"]),
    "softmax cross entropy shapes": (lambda: er.nn.softmax_cross_entropy_with_logits(m23(), er.ones([2, 4])),
                                     er.InvalidArgumentError, ["(2, 3)", "(2, 4)"]),
    "one_hot float indices": (lambda: er.one_hot([1.0], 3), er.InvalidArgumentError, ["one_hot", "float32"]),
    "range delta 0": (lambda: er.range(0, 3, 0), er.InvalidArgumentError, ["range", "delta"]),
    "zeros negative": (lambda: er.zeros([2, -1]), er.InvalidArgumentError, ["zeros", "(2, -1)"]),
    "random negative": (lambda: er.random_uniform([-3]), er.InvalidArgumentError, ["random_uniform", "(-3,)"]),
    "constant shape": (lambda: er.constant([1, 2, 3], shape=[2, 2]), er.InvalidArgumentError,
                       ["constant", "(3,)", "(2, 2)"]),
    "cast to an unknown dtype": (lambda: er.cast(m23(), "float33"), er.DTypeError, ["cast", "float33"]),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_input_raises_our_error_naming_the_op_and_shapes(name):
    call, kind, words = BAD[name]
    with pytest.raises(kind) as info:
        call()
    assert isinstance(info.value, (er.InvalidArgumentError, er.DTypeError, er.IndexOutOfRangeError))
    for word in words:
        assert word in str(info.value), f"{word!r} not in {str(info.value)!r}"


def test_error_types_are_also_the_builtin_ones():
    assert issubclass(er.InvalidArgumentError, ValueError)
    assert issubclass(er.DTypeError, TypeError)
    assert issubclass(er.IndexOutOfRangeError, IndexError)


def test_comparing_with_none_falls_back_to_identity():
    t = er.constant([1.0])
    assert (t == None) is False  # noqa: E711 - the point of the test
    assert (t != None) is True  # noqa: E711


FAILING = [
    lambda a, b, v: er.matmul(a, b),
    lambda a, b, v: a + b,
    lambda a, b, v: er.concat([a, b], 0),
    lambda a, b, v: a[7],
    lambda a, b, v: er.reshape(a, [7]),
    lambda a, b, v: er.matmul(v, b),
    lambda a, b, v: v.assign(b),
    lambda a, b, v: v.assign_add([[1.0, 2.0, 3.0]]),
    lambda a, b, v: v.assign_sub(b),
    lambda a, b, v: v.assign("a"),
]


@pytest.mark.parametrize("call", FAILING, ids=["matmul", "add", "concat", "getitem", "reshape", "matmul variable",
                                           "assign", "assign_add", "assign_sub", "assign str"])
def test_a_failed_op_leaves_its_inputs_unchanged(call):
    # a (2, 3), b (2, 4), v (3,): every call above mixes them wrongly.
    a_np, b_np, v_np = A32[:2, :3].copy(), A64[0, :2].copy(), A32[0, :3].copy()
    a, b, v = er.constant(a_np), er.constant(b_np), er.Variable(v_np)
    with pytest.raises((er.InvalidArgumentError, er.DTypeError, er.IndexOutOfRangeError)):
        with er.GradientTape() as tape:
            tape.watch(a)
            call(a, b, v)
    for t, expected in ((a, a_np), (b, b_np), (v, v_np)):
        np.testing.assert_array_equal(t.numpy(), expected)
        assert t.dtype == expected.dtype and t.shape == expected.shape
    assert (a + 1.0).shape == a.shape  # still usable


def test_tape_works_after_a_failed_op():
    x = er.constant([1.0, 2.0], dtype=er.float64)
    with er.GradientTape() as tape:
        tape.watch(x)
        with pytest.raises(er.InvalidArgumentError):
            er.matmul(x, er.ones([3, 3], dtype=er.float64))
        y = er.reduce_sum(x * x)
    np.testing.assert_array_equal(tape.gradient(y, x).numpy(), [2.0, 4.0])


CONVERTING_OPS = {
    "sin": lambda v: er.sin(v), "add": lambda v: er.add(v, 1.0), "matmul": lambda v: er.matmul(v, [[1.0]]),
    "reduce_sum": lambda v: er.reduce_sum(v), "reduce_logsumexp": lambda v: er.reduce_logsumexp(v),
    "reshape": lambda v: er.reshape(v, [1]), "transpose": lambda v: er.transpose(v),
    "expand_dims": lambda v: er.expand_dims(v, 0), "squeeze": lambda v: er.squeeze(v),
    "concat": lambda v: er.concat([v], 0), "stack": lambda v: er.stack([v]), "unstack": lambda v: er.unstack(v),
    "split": lambda v: er.split(v, 1), "tile": lambda v: er.tile(v, [1]), "gather": lambda v: er.gather(v, [0]),
    "broadcast_to": lambda v: er.broadcast_to(v, [1]), "where": lambda v: er.where([True], v, 1.0),
    "cast": lambda v: er.cast(v, er.float32), "einsum": lambda v: er.einsum("i->", v),
    "softmax": lambda v: er.nn.softmax(v), "log_softmax": lambda v: er.nn.log_softmax(v),
    "softmax_cross_entropy_with_logits": lambda v: er.nn.softmax_cross_entropy_with_logits(v, [1.0]),
    "sigmoid_cross_entropy_with_logits": lambda v: er.nn.sigmoid_cross_entropy_with_logits(labels=[1.0], logits=v),
    "softplus": lambda v: er.nn.softplus(v), "l2_loss": lambda v: er.nn.l2_loss(v),
    "zeros_like": lambda v: er.zeros_like(v), "ones_like": lambda v: er.ones_like(v),
    "fill": lambda v: er.fill([2], v), "one_hot": lambda v: er.one_hot(v, 2),
}


@pytest.mark.parametrize("name", sorted(CONVERTING_OPS))
def test_an_input_that_is_no_tensor_raises_a_dtype_error_naming_the_op(name):
    for bad in ("abc", {"a": 1}, [[1.0], [1.0, 2.0]]):
        with pytest.raises(er.DTypeError) as info:
            CONVERTING_OPS[name](bad)
        assert str(info.value).startswith(f"{name}: "), str(info.value)


def test_two_python_operands_are_typed_together():
    assert er.add(1, 2.0).dtype == er.float32
    assert er.add([1, 2], [1.5, 2.5]).dtype == er.float32
    assert er.add(1, 2).dtype == er.int32


def test_axis_of_a_scalar_is_an_error_naming_the_op():
    with pytest.raises(er.InvalidArgumentError, match="reduce_sum: a 0-d tensor has no axis 0; use axis=None"):
        er.reduce_sum(er.constant(1.0), axis=0)


def test_fill_takes_a_single_value():
    with pytest.raises(er.InvalidArgumentError, match="fill: value must be a single number"):
        er.fill([2], [1, 2])


def test_einsum_shape_mismatch_names_einsum_and_both_shapes():
    with pytest.raises(er.InvalidArgumentError, match=r"einsum: .*\(2, 3\) and float32 \(4, 5\)"):
        er.einsum("ij,jk->ik", er.ones([2, 3]), er.ones([4, 5]))

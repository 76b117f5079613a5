"""The rules that make CuPy compute numpy's results, run with numpy as their array module: each must equal numpy's
own function exactly, special values included (on a GPU, the engine suite's gpu:0 runs compare them with numpy)."""

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from eagerrepl.backend import numpy_rules

SPECIAL = [0.0, -0.0, 1.0, -1.0, 2.5, -3.0, 1e-30, 3e38, -3e38, 1e300, np.inf, -np.inf, np.nan]


def complex_grid(dtype):
    """Every complex number whose parts are both special values, in `dtype`."""
    re, im = np.array(list(itertools.product(SPECIAL, SPECIAL))).T
    z = np.empty(len(re), dtype)
    with np.errstate(over="ignore"):  # 1e300 becomes inf in complex64
        z.real, z.imag = re, im
    return z


def same(got, want):
    """Equal element by element, nan where nan, in the same dtype."""
    assert got.dtype == want.dtype
    for part in ("real", "imag"):
        g, w = getattr(got, part), getattr(want, part)
        bad = ~((g == w) | (np.isnan(g) & np.isnan(w)))
        assert not bad.any(), f"{part}: {g[bad][:5]} where numpy gives {w[bad][:5]}"


@pytest.mark.parametrize("dtype", [np.complex64, np.complex128])
def test_complex_sign_is_numpys_at_zeros_infinities_and_overflow(dtype):
    z = complex_grid(dtype)
    with np.errstate(all="ignore"):
        same(numpy_rules.sign(np, z), np.sign(z))


@pytest.mark.parametrize("dtype", [np.complex64, np.complex128])
def test_complex_division_is_numpys_for_every_pair_of_special_values(dtype):
    z = complex_grid(dtype)
    x, y = np.repeat(z, len(z)), np.tile(z, len(z))
    with np.errstate(all="ignore"):
        same(numpy_rules.divide(np, x, y), np.true_divide(x, y))


complex_arrays = hnp.arrays(st.sampled_from([np.complex64, np.complex128]), hnp.array_shapes(max_dims=2, max_side=4),
                            elements={"allow_subnormal": False})


@settings(max_examples=200, deadline=None)
@given(x=complex_arrays, y=st.one_of(complex_arrays, st.complex_numbers(), st.floats(), st.booleans()))
def test_complex_division_with_broadcasting_and_python_numbers_is_numpys(x, y):
    try:
        np.broadcast_shapes(x.shape, np.shape(y))
    except ValueError:
        return
    with np.errstate(all="ignore"):
        for a, b in ((x, y), (y, x)):
            same(np.asarray(numpy_rules.divide(np, a, b)), np.asarray(np.true_divide(a, b)))


def test_real_sign_and_division_are_the_modules_own():
    x = np.array([-2.0, 0.0, 3.0], np.float32)
    assert numpy_rules.sign(np, x).tolist() == [-1.0, 0.0, 1.0]
    out = numpy_rules.divide(np, x, 2)
    assert out.dtype == np.float32 and out.tolist() == [-1.0, 0.0, 1.5]


@pytest.mark.parametrize("exponent", [-1, np.int32(-2), np.array([1, -1])], ids=["python int", "numpy int", "array"])
def test_an_integer_to_a_negative_power_raises_numpys_error(exponent):
    with pytest.raises(ValueError, match="Integers to negative integer powers are not allowed"):
        numpy_rules.power(_CupyLike, np.array([2, 3]), exponent)


def test_other_powers_are_the_modules_own():
    assert numpy_rules.power(np, np.array([2, 3]), 2).tolist() == [4, 9]
    assert numpy_rules.power(np, np.array([2.0]), -1).tolist() == [0.5]
    assert numpy_rules.power(np, np.array([2], np.uint8), np.array([3], np.uint8)).tolist() == [8]


class _CupyLike:
    """An array module whose power, like CuPy's, gives 0 for integers to negative powers instead of raising."""

    @staticmethod
    def power(x, y):
        return np.where(np.asarray(y) < 0, 0, np.power(x, np.maximum(y, 0)))

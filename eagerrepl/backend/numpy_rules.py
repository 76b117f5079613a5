"""numpy's results from CuPy's functions, where CuPy's own function computes something else.

Each rule takes the array module first (CuPy on a GPU; numpy in the tests, where each must give
exactly numpy's own function's result) and is written with that module's functions, so that it runs
on the device without copies. They cost a few more kernels than CuPy's function, and only where the
difference can arise (complex values, integer powers).

- complex `sign`: numpy 2 defines it as z / |z| with special cases at zero, at infinities and where
  |z| overflows; CuPy computes z / |z| plainly, giving nan there (sign(inf j) is nan + nan j, not j).
- complex division: numpy uses Smith's algorithm and divides each part by 0 for a zero divisor
  (1+1j / 0 is inf+inf j); CuPy's (thrust's) scaled division gives nan + nan j there.
- integer `power` with a negative exponent: numpy raises ValueError; CuPy gives 0, 1 or -1.
"""

__all__ = ["RULES", "divide", "power", "sign"]


def sign(xp, x, **kwargs):
    """numpy's sign: for complex z, z / |z|, 0 at 0, +-1 (or +-j) along an infinite part, nan where both are."""
    if x.dtype.kind != "c":
        return xp.sign(x, **kwargs)
    re, im = x.real, x.imag
    size = xp.hypot(re, im)
    re_inf, im_inf = xp.isinf(re), xp.isinf(im)
    huge = xp.isinf(size)
    # |z| infinite: numpy gives the infinite part's sign (1 or j), nan when both parts are infinite, and
    # j times the imaginary part's sign when only the modulus overflowed.
    safe = xp.where(huge | (size == 0), 1, size)
    out_re = xp.where(huge, xp.where(re_inf & ~im_inf, xp.sign(re), 0), re / safe)
    out_im = xp.where(huge, xp.where(re_inf, 0, xp.sign(im)), im / safe)
    both = re_inf & im_inf
    nan = xp.isnan(size) | both
    out_re = xp.where(nan, xp.nan, xp.where(size == 0, 0, out_re))
    out_im = xp.where(nan, xp.nan, xp.where(size == 0, 0, out_im))
    return _complex(xp, out_re, out_im, x.dtype)


def divide(xp, x, y, **kwargs):
    """numpy's true division: for complex values, Smith's algorithm, and each part over 0 for a zero divisor."""
    out = xp.true_divide(x, y, **kwargs)
    if out.dtype.kind != "c":
        return out
    x, y = (xp.asarray(v, dtype=out.dtype) for v in (x, y))  # Python numbers too, at the result's precision
    x, y = xp.broadcast_arrays(x, y)
    a, b, c, d = x.real, x.imag, y.real, y.imag
    abs_c, abs_d = xp.abs(c), xp.abs(d)
    wide = abs_c >= abs_d  # the divisor's real part is the larger (false where either part is nan)
    zero = (abs_c == 0) & (abs_d == 0)
    # Where |c| >= |d|: ratio d/c; else c/d. Zero divisors give a nan ratio here, replaced below.
    ratio = xp.where(wide, d / xp.where(zero, 1, c), c / d)
    scale = 1 / xp.where(wide, c + d * ratio, d + c * ratio)
    out_re = xp.where(wide, (a + b * ratio) * scale, (a * ratio + b) * scale)
    out_im = xp.where(wide, (b - a * ratio) * scale, (b * ratio - a) * scale)
    out_re = xp.where(zero, a / abs_c, out_re)
    out_im = xp.where(zero, b / abs_c, out_im)
    return _complex(xp, out_re, out_im, out.dtype)


def _complex(xp, re, im, dtype):
    # Not re + 1j * im, which turns an infinite part into nan (1j * inf has a 0 * inf in it).
    out = xp.empty(re.shape, dtype)
    out.real[...] = re
    out.imag[...] = im
    return out


def power(xp, x, y, **kwargs):
    """numpy's power: integers to negative integer powers raise ValueError (a sync for device exponents)."""
    out = xp.power(x, y, **kwargs)
    if out.dtype.kind in "iu" and _has_negative(y):
        raise ValueError("Integers to negative integer powers are not allowed.")  # numpy's words
    return out


def _has_negative(y):
    dtype = getattr(y, "dtype", None)
    if dtype is None:  # a Python number
        return y < 0
    return dtype.kind == "i" and bool((y < 0).any())


# numpy function name -> rule, for backend.gpu_function.
RULES = {"sign": sign, "divide": divide, "true_divide": divide, "power": power}

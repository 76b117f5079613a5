"""Elementwise ops with numpy broadcasting, each beside its vector-Jacobian products."""

import operator

import numpy as np

from .. import backend
from .broadcasting import unbroadcast
from .primitive import apply, binary, inputs, operands, primitive, unary

__all__ = [
    "abs", "add", "ceil", "clip_by_value", "conj", "cos", "divide", "equal", "exp", "expm1", "floor", "floordiv",
    "greater", "greater_equal", "imag", "isfinite", "isinf", "isnan", "less", "less_equal", "log", "log1p",
    "logical_and", "logical_not", "logical_or", "logical_xor", "maximum", "minimum", "mod", "multiply", "negative",
    "not_equal", "pow", "real", "reciprocal", "relu", "round", "sigmoid", "sign", "sin", "sqrt", "square",
    "subtract", "tan", "tanh", "where",
]


# --- arithmetic -------------------------------------------------------------------------------
# + - * / compute through Python's operators rather than the ufuncs: the same numpy call for arrays,
# and numpy's scalar arithmetic for 0-d values, more than ten times faster than a ufunc call.

add = binary("add", operator.add,
             lambda g, ans, x, y: unbroadcast(g, x),
             lambda g, ans, x, y: unbroadcast(g, y),
             doc="x + y, elementwise with broadcasting.")
subtract = binary("subtract", operator.sub,
                  lambda g, ans, x, y: unbroadcast(g, x),
                  lambda g, ans, x, y: unbroadcast(-g, y),
                  doc="x - y, elementwise with broadcasting.")
multiply = binary("multiply", operator.mul,
                  lambda g, ans, x, y: unbroadcast(g * y, x),
                  lambda g, ans, x, y: unbroadcast(g * x, y),
                  doc="x * y, elementwise with broadcasting.")
divide = binary("divide", operator.truediv,
                lambda g, ans, x, y: unbroadcast(g / y, x),
                lambda g, ans, x, y: unbroadcast(-g * ans / y, y),
                doc="x / y, elementwise with broadcasting (true division: integers give float32).", floats=True)
floordiv = binary("floordiv", np.floor_divide,
                  doc="x // y, elementwise, rounding toward minus infinity (no gradient).")
mod = binary("mod", np.mod,
             lambda g, ans, x, y: unbroadcast(g, x),
             lambda g, ans, x, y: unbroadcast(-g * floor(x / y), y),
             doc="x % y, elementwise; the result has the sign of y, as Python's %.")
negative = unary("negative", np.negative, lambda g, ans, x: -g, doc="-x, elementwise.")
abs = unary("abs", np.abs, lambda g, ans, x: g * sign(x), doc="|x|, elementwise.")  # noqa: A001
def _twice_product(g, x):
    out = g * x
    out *= 2  # in place: one array fewer
    return out


# square's gradient 2 g x as one op, not two: it runs in the backward pass of every squared loss.
square_grad = binary("square_grad", _twice_product,
                     lambda gg, ans, g, x: square_grad(gg, x),
                     lambda gg, ans, g, x: square_grad(gg, g),
                     doc="2 g x: the gradient of square at x.")
square = unary("square", np.square, lambda g, ans, x: square_grad(g, x), doc="x * x, elementwise.")
sqrt = unary("sqrt", np.sqrt, lambda g, ans, x: g / (ans * 2), doc="Square root, elementwise.", floats=True)
exp = unary("exp", np.exp, lambda g, ans, x: g * ans, doc="e ** x, elementwise.", floats=True)
log = unary("log", np.log, lambda g, ans, x: g / x, doc="Natural logarithm, elementwise.", floats=True)
log1p = unary("log1p", np.log1p, lambda g, ans, x: g / (x + 1), doc="log(1 + x), accurate for small x.", floats=True)
expm1 = unary("expm1", np.expm1, lambda g, ans, x: g * (ans + 1), doc="exp(x) - 1, accurate for small x.", floats=True)
sin = unary("sin", np.sin, lambda g, ans, x: g * cos(x), doc="Sine, elementwise (radians).", floats=True)
cos = unary("cos", np.cos, lambda g, ans, x: -(g * sin(x)), doc="Cosine, elementwise (radians).", floats=True)
tan = unary("tan", np.tan, lambda g, ans, x: g * (ans * ans + 1), doc="Tangent, elementwise (radians).", floats=True)
tanh = unary("tanh", np.tanh, lambda g, ans, x: g * (1 - ans * ans), doc="Hyperbolic tangent, elementwise.",
             floats=True)
reciprocal = unary("reciprocal", np.reciprocal, lambda g, ans, x: -g * ans * ans, doc="1 / x, elementwise.")


def _sigmoid(x):
    xp = backend.array_module(x)
    if x.dtype.kind == "c":  # no sign to split on: |x| and x >= 0 would drop the imaginary part
        return 1 / (1 + xp.exp(-x))
    if x.dtype.kind in "biu":  # -|x| wraps around for unsigned ints (and int8's -128): go to floats first
        x = x.astype(np.result_type(x.dtype, np.float16))
    # exp of minus |x| never overflows; each branch is exact on its side of 0.
    e = xp.exp(-xp.abs(x))
    return xp.where(x >= 0, 1 / (1 + e), e / (1 + e)).astype(e.dtype, copy=False)


sigmoid = unary("sigmoid", _sigmoid, lambda g, ans, x: g * (ans * (1 - ans)),
                doc="1 / (1 + exp(-x)), elementwise, without overflow for large |x|.", floats=True)
# relu's gradient is one op (g where x > 0, else 0), not a comparison and a where: it runs on
# every backward pass of every network. g * (x > 0), as TF computes it, is many times faster than
# np.where with a scalar 0 (and, as in TF, a NaN in g stays NaN).
def _gate(g, x):
    out = (x > 0).astype(g.dtype)  # g * (x > 0), with the mask as g's dtype multiplied in place:
    out *= g  # a third faster than multiplying by the bool mask into a new array (g and x: one shape)
    return out


relu_grad = binary("relu_grad", _gate,
                   lambda gg, ans, g, x: relu_grad(gg, x),
                   lambda gg, ans, g, x: None,
                   doc="g where x > 0, else 0: the gradient of relu at x.")
relu = unary("relu", lambda v: backend.array_module(v).maximum(v, 0), lambda g, ans, x: relu_grad(g, x),
             doc="max(x, 0), elementwise.")


def _pow_vjp_y(g, ans, x, y):
    positive = x > 0
    return unbroadcast(where(positive, g * ans * log(where(positive, x, 1)), 0), y)


pow = binary("pow", np.power,  # noqa: A001 - tf.pow
             lambda g, ans, x, y: unbroadcast(g * y * x ** (y - 1), x),
             _pow_vjp_y,
             doc="x ** y, elementwise with broadcasting.")
maximum = binary("maximum", np.maximum,
                 lambda g, ans, x, y: unbroadcast(where(x >= y, g, 0), x),
                 lambda g, ans, x, y: unbroadcast(where(x < y, g, 0), y),
                 doc="The larger of x and y, elementwise (ties send the gradient to x).")
minimum = binary("minimum", np.minimum,
                 lambda g, ans, x, y: unbroadcast(where(x <= y, g, 0), x),
                 lambda g, ans, x, y: unbroadcast(where(x > y, g, 0), y),
                 doc="The smaller of x and y, elementwise (ties send the gradient to x).")

# --- complex numbers: gradients as HIPS autograd takes them (the VJP of f(z) = c z is g c) ------------

conj = unary("conj", np.conj, lambda g, ans, x: conj(g), doc="The complex conjugate, elementwise (x itself for reals).")
real = unary("real", np.real, lambda g, ans, x: unbroadcast(g, x), doc="The real part, elementwise.")
imag = unary("imag", np.imag, lambda g, ans, x: unbroadcast(-1j * g, x) if x.dtype.kind == "c" else None,
             doc="The imaginary part, elementwise (zeros for reals).")

# Piecewise-constant ops: their derivative is zero wherever it exists, so they are not recorded
# and nothing flows back through them (TF reports such sources as unconnected: None).
sign = unary("sign", np.sign, doc="-1, 0 or 1 by the sign of x, elementwise.")
floor = unary("floor", np.floor, doc="Largest integer not above x, elementwise.")
ceil = unary("ceil", np.ceil, doc="Smallest integer not below x, elementwise.")
round = unary("round", np.round, doc="Nearest integer, halves to even (as TF and numpy), elementwise.")  # noqa: A001
isnan = unary("isnan", np.isnan, doc="True where x is NaN.")
isinf = unary("isinf", np.isinf, doc="True where x is +inf or -inf.")
isfinite = unary("isfinite", np.isfinite, doc="True where x is neither NaN nor infinite.")

# --- comparisons and logic (no gradient) --------------------------------------------------------

equal = binary("equal", np.equal, doc="x == y, elementwise.")
not_equal = binary("not_equal", np.not_equal, doc="x != y, elementwise.")
less = binary("less", np.less, doc="x < y, elementwise.")
less_equal = binary("less_equal", np.less_equal, doc="x <= y, elementwise.")
greater = binary("greater", np.greater, doc="x > y, elementwise.")
greater_equal = binary("greater_equal", np.greater_equal, doc="x >= y, elementwise.")
logical_and = binary("logical_and", np.logical_and, doc="x and y, elementwise.")
logical_or = binary("logical_or", np.logical_or, doc="x or y, elementwise.")
logical_xor = binary("logical_xor", np.logical_xor, doc="x xor y, elementwise.")
logical_not = unary("logical_not", np.logical_not, doc="not x, elementwise.")

# --- selection and conversion -----------------------------------------------------------------

@primitive(
    None,
    lambda g, ans, c, x, y: unbroadcast(where(c, g, 0), x),
    lambda g, ans, c, x, y: unbroadcast(where(c, 0, g), y),
)
def where(condition, x=None, y=None, name=None):
    """x where condition holds, else y (broadcasting); with only a condition, the indices where it holds."""
    op = where.op
    if x is None and y is None:
        tensors, arrays = inputs(condition, op=op)
        return apply(op, np.argwhere, tensors, arrays)  # integer indices: never recorded
    if x is None or y is None:
        raise ValueError("where: give both x and y, or neither (then where returns the indices of true elements)")
    (c,), (cv,) = inputs(condition, op=op)
    if cv.dtype != np.bool_:
        cv = cv.astype(bool)
    x, y, xv, yv = operands(op, x, y)
    return apply(op, np.where, (c, x, y), (cv, xv, yv))


def clip_by_value(t, clip_value_min, clip_value_max, name=None):
    """t limited to [clip_value_min, clip_value_max], elementwise."""
    return minimum(maximum(t, clip_value_min), clip_value_max)

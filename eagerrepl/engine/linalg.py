"""Linear algebra: matmul, einsum and tensordot, with their vector-Jacobian products."""

import string

import numpy as np

from .. import backend
from . import shape as sh
from .broadcasting import broadcast_to, unbroadcast
from .errors import InvalidArgumentError, op_error
from .primitive import apply, binary, convert_input, inputs, primitive

__all__ = ["einsum", "matmul", "tensordot"]


def _matmul_vjp_a(g, ans, a, b):
    if b.ndim == 1:  # ans[..., n] = a[..., n, k] b[k]
        return unbroadcast(sh.expand_dims(g, -1) * b, a) if a.ndim > 1 else g * b
    if a.ndim == 1:  # ans[..., m] = a[k] b[..., k, m]
        return unbroadcast(sh.squeeze(product(b, sh.expand_dims(g, -1)), -1), a)
    return unbroadcast(product(g, sh.matrix_transpose(b)), a)


def _matmul_vjp_b(g, ans, a, b):
    if a.ndim == 1 and b.ndim == 1:
        return g * a
    if b.ndim == 1:
        return unbroadcast(sh.squeeze(product(sh.matrix_transpose(a), sh.expand_dims(g, -1)), -1), b)
    if a.ndim == 1:
        return unbroadcast(sh.expand_dims(a, -1) * sh.expand_dims(g, -2), b)
    return unbroadcast(product(sh.matrix_transpose(a), g), b)


def _matmul_error(op, exc, a, b):
    """matmul's error for the shapes numpy refuses (in numpy's words otherwise)."""
    sa, sb = tuple(getattr(a, "shape", ())), tuple(getattr(b, "shape", ()))
    if not sa or not sb:
        return InvalidArgumentError(
            op, f"needs tensors with at least one axis, got shapes {sa} and {sb}; use multiply (*) to scale by a "
                "number")
    k_a, k_b = sa[-1], sb[-2] if len(sb) > 1 else sb[0]
    if k_a != k_b:
        return InvalidArgumentError(op, f"cannot multiply {sa} by {sb}: inner dimensions {k_a} and {k_b} differ")
    return op_error(op, exc, a, b)


def _matmul(a, b):
    # For small vectors and matrices ndarray.dot computes what matmul does in half the time (the
    # matmul ufunc's dispatch costs more than a 2x2 product); on large ones matmul is the faster,
    # by a few percent where an operand is transposed. (Operators, not np.matmul: on GPU arrays they
    # are CuPy's own, without numpy's dispatch.)
    if 0 < a.ndim <= 2 and 0 < b.ndim <= 2 and a.size + b.size <= 2048:
        return a.dot(b)
    return a @ b


# The op is a binary op, the shortest path there is (`@` calls it directly): on small matrices
# every line of Python around the product shows.
product = binary("matmul", _matmul, _matmul_vjp_a, _matmul_vjp_b, error=_matmul_error,
                 doc="Matrix product a @ b, batched over leading axes.")


def matmul(a, b, transpose_a=False, transpose_b=False, name=None):
    """Matrix product a @ b, batched over leading axes (transpose_a/b transpose the last two axes first)."""
    if transpose_a or transpose_b:
        a, b = convert_input(product.op, a), convert_input(product.op, b)
        if (transpose_a and a.ndim < 2) or (transpose_b and b.ndim < 2):
            raise InvalidArgumentError(
                product.op, f"transpose_a and transpose_b need matrices (2 or more axes); got shapes {a.shape} and "
                            f"{b.shape}")
        a = sh.matrix_transpose(a) if transpose_a else a
        b = sh.matrix_transpose(b) if transpose_b else b
    return product(a, b)


matmul.op = product.op


# --- einsum -----------------------------------------------------------------------------------

def _explicit(equation, shapes):
    """The einsum equation with '...' spelled out in letters and the output written: (inputs, output)."""
    equation = equation.replace(" ", "")
    lhs, arrow, out = equation.partition("->")
    subs = lhs.split(",")
    if len(subs) != len(shapes):
        raise InvalidArgumentError(
            einsum.op, f"equation {equation!r} has {len(subs)} operands but {len(shapes)} were given")
    free = [c for c in string.ascii_letters if c not in equation]
    ell_rank = max((len(s) - len(sub.replace("...", "")) for sub, s in zip(subs, shapes) if "..." in sub), default=0)
    ell = "".join(free[:ell_rank])
    spelled = []
    for sub, s in zip(subs, shapes):
        if "..." in sub:
            n = len(s) - len(sub.replace("...", ""))
            sub = sub.replace("...", ell[ell_rank - n:])
        spelled.append(sub)
    if arrow:
        out = out.replace("...", ell)
    else:  # implicit mode: the broadcast axes, then the letters used once, alphabetically
        letters = "".join(spelled)
        out = ell + "".join(sorted(c for c in set(letters) if letters.count(c) == 1 and c not in ell))
    return spelled, out


def _einsum_vjp(i, g, ans, *xs, equation):
    subs, out = _explicit(equation, [x.shape for x in xs])
    target = subs[i]
    if len(set(target)) != len(target):
        raise InvalidArgumentError(
            einsum.op, f"the gradient of an operand with a repeated index ({target!r}) is not supported")
    others = [s for j, s in enumerate(subs) if j != i]
    available = set(out).union(*others)
    kept = "".join(c for c in target if c in available)
    grad = einsum(",".join([out] + others) + "->" + kept, g, *[x for j, x in enumerate(xs) if j != i])
    x = xs[i]
    if kept != target:  # letters summed away in x alone: the gradient is constant along them
        grad = broadcast_to(sh.reshape(grad, [n if c in kept else 1 for c, n in zip(target, x.shape)]), x.shape)
    return unbroadcast(grad, x)


def _einsum(*arrays, equation):
    # BLAS-backed contraction paths pay off beyond tiny operands; below that they only add overhead.
    optimize = len(arrays) > 1 and sum(a.size for a in arrays) > 4096
    return backend.array_module(arrays[0]).einsum(equation, *arrays, optimize=optimize)


@primitive(nary=_einsum_vjp)
def einsum(equation, *inputs_, name=None):
    """Einstein summation, as numpy.einsum (e.g. 'ij,jk->ik'), differentiable in every operand."""
    op = einsum.op
    tensors, arrays = inputs(*inputs_, op=op)
    return apply(op, _einsum, tensors, arrays, {"equation": equation})


def tensordot(a, b, axes, name=None):
    """Sum of products over the given axes of a and b (an int N: a's last N with b's first N)."""
    tensors, arrays = inputs(a, b, op="tensordot")
    na, nb = arrays[0].ndim, arrays[1].ndim
    if isinstance(axes, (int, np.integer)):
        if not 0 <= axes <= min(na, nb):
            raise InvalidArgumentError(
                "tensordot", f"cannot contract {axes} axes of {arrays[0].shape} with {arrays[1].shape}; "
                             f"use 0 to {min(na, nb)}")
        axes_a, axes_b = list(range(na - axes, na)), list(range(axes))
    else:
        axes_a, axes_b = ([x] if isinstance(x, (int, np.integer)) else list(x) for x in axes)
    # Checked here, since zip below would silently drop unpaired axes and % would wrap bad ones.
    if (len(axes_a) != len(axes_b) or not all(-na <= x < na for x in axes_a)
            or not all(-nb <= y < nb for y in axes_b)):
        raise InvalidArgumentError(
            "tensordot", f"axes {axes_a} of {arrays[0].shape} and {axes_b} of {arrays[1].shape} must pair up "
                         "one to one, each within its tensor's axes")
    axes_a = [x % na for x in axes_a]
    axes_b = [x % nb for x in axes_b]
    for x, y in zip(axes_a, axes_b):
        if arrays[0].shape[x] != arrays[1].shape[y]:
            raise InvalidArgumentError(
                "tensordot", f"axis {x} of {arrays[0].shape} (size {arrays[0].shape[x]}) cannot contract with "
                             f"axis {y} of {arrays[1].shape} (size {arrays[1].shape[y]})")
    letters = iter(string.ascii_letters)
    sub_a = [next(letters) for _ in range(na)]
    sub_b = [next(letters) for _ in range(nb)]
    for x, y in zip(axes_a, axes_b):
        sub_b[y] = sub_a[x]
    out = [c for i, c in enumerate(sub_a) if i not in axes_a] + [c for i, c in enumerate(sub_b) if i not in axes_b]
    return einsum(f"{''.join(sub_a)},{''.join(sub_b)}->{''.join(out)}", *tensors)

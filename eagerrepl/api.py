"""The public API, as `eagerrepl.NAME`: the package loads this module on first use of a name."""

from . import engine as _engine  # noqa: F401 - binds the operators
from .backend import DeviceError, device, get_default_device, list_devices, num_gpus, set_default_device
from .engine import nn, train
from .engine.autodiff import (
    custom_gradient, grad, gradients_function, hessian, implicit_gradients, implicit_value_and_gradients,
    jacobian, make_vjp, value_and_grad, value_and_gradients_function)
from .engine.convert import convert_to_tensor
from .engine.creation import arange as range  # noqa: A001 - tf.range
from .engine.creation import constant, eye, fill, linspace, one_hot, ones, ones_like, zeros, zeros_like
from .engine.dtypes import (  # noqa: A001 - tf.bool
    as_dtype, bool, complex64, complex128, float16, float32, float64, int8, int16, int32, int64, uint8)
from .engine.elementwise import (  # noqa: A001
    abs, add, cast, ceil, clip_by_value, cos, divide, equal, exp, expm1, floor, floordiv, greater,
    greater_equal, isfinite, isinf, isnan, less, less_equal, log, log1p, logical_and, logical_not,
    logical_or, logical_xor, maximum, minimum, mod, multiply, negative, not_equal, pow, reciprocal, relu,
    round, sigmoid, sign, sin, sqrt, square, subtract, tan, tanh, where)
from .engine.errors import DTypeError, IndexOutOfRangeError, InvalidArgumentError, NonFiniteError, NonFiniteWarning
from .engine.errstate import errstate, geterr, seterr
from .engine.gradcheck import GradientCheckError, check_gradients
from .engine.gradient_tape import GradientTape, UnconnectedGradients
from .engine.linalg import einsum, matmul, tensordot
from .engine.placement import from_dlpack
from .engine.random import random_normal, random_uniform, set_random_seed, truncated_normal
from .engine.reduction import (
    argmax, argmin, reduce_all, reduce_any, reduce_logsumexp, reduce_max, reduce_mean, reduce_min,
    reduce_prod, reduce_sum)
from .engine.shape import (
    broadcast_to, concat, expand_dims, gather, identity, reshape, split, squeeze, stack, stop_gradient,
    tile, transpose, unstack)
from .engine.tensor import Tensor
from .engine.variable import Variable

# TF's other spellings of the same ops.
truediv = divide
floormod = mod
sub = subtract
mul = multiply
div = divide


def enable_eager_execution(config=None, device_policy=None, execution_mode=None):
    """Kept for TF 1.x code: eagerrepl always executes eagerly, so this does nothing (and may be called again)."""


def executing_eagerly():
    """Always True: every op runs at once."""
    return True


__all__ = [name for name in dir() if not name.startswith("_")]

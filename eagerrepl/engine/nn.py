"""Neural-network functions (er.nn), composed from differentiable ops."""

from . import elementwise as ew
from . import reduction as red
from .elementwise import relu, sigmoid, tanh
from .primitive import convert_input
from .shape import stop_gradient

__all__ = ["l2_loss", "log_softmax", "relu", "sigmoid", "sigmoid_cross_entropy_with_logits", "softmax",
           "softmax_cross_entropy_with_logits", "softplus", "tanh"]


def softmax(logits, axis=-1, name=None):
    """exp(logits) normalised to sum to 1 along an axis, computed without overflow."""
    x = convert_input("softmax", logits)
    e = ew.exp(x - stop_gradient(red.reduce_max(x, axis, keepdims=True)))
    return e / red.reduce_sum(e, axis, keepdims=True)


def log_softmax(logits, axis=-1, name=None):
    """log(softmax(logits)), computed stably."""
    x = convert_input("log_softmax", logits)
    return x - red.reduce_logsumexp(x, axis, keepdims=True)


def softmax_cross_entropy_with_logits(labels, logits, axis=-1, name=None):
    """Cross entropy between label distributions and softmax(logits), one value per example."""
    return -red.reduce_sum(convert_input("softmax_cross_entropy_with_logits", labels) * log_softmax(logits, axis), axis)


def sigmoid_cross_entropy_with_logits(labels=None, logits=None, name=None):
    """Elementwise cross entropy between 0/1 labels and sigmoid(logits), computed stably."""
    if labels is None or logits is None:
        raise ValueError("sigmoid_cross_entropy_with_logits: give both labels= and logits=")
    x = convert_input("sigmoid_cross_entropy_with_logits", logits)
    z = convert_input("sigmoid_cross_entropy_with_logits", labels, like=x.dtype)
    return relu(x) - x * z + ew.log1p(ew.exp(-ew.abs(x)))


def softplus(features, name=None):
    """log(1 + exp(x)), computed stably."""
    x = convert_input("softplus", features)
    return relu(x) + ew.log1p(ew.exp(-ew.abs(x)))


def l2_loss(t, name=None):
    """sum(t ** 2) / 2."""
    t = convert_input("l2_loss", t)
    return red.reduce_sum(t * t) / 2

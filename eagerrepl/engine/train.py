"""Optimizers (er.train): update Variables from their gradients, as TF's tf.train optimizers."""

import math

from .. import backend
from .autodiff import implicit_value_and_gradients
from .creation import convert_to_tensor
from .dtypes import int64
from .gradient_tape import GradientTape
from .tensor import Tensor
from .variable import Variable

_global_step = None  # TF keeps one per graph; eager code has one graph


def get_or_create_global_step():
    """The global step: a non-trainable int64 Variable named "global_step", made at 0 by the first call."""
    global _global_step
    if _global_step is None:
        _global_step = Variable(0, name="global_step", trainable=False, dtype=int64)
    return _global_step


def get_global_step():
    """The global step Variable, or None before get_or_create_global_step has made it."""
    return _global_step


class Optimizer:
    """Base class: apply_gradients updates each Variable from its gradient; minimize does both steps."""

    def __init__(self, learning_rate, use_locking=False, name=None):
        self.learning_rate = learning_rate
        self.name = name or type(self).__name__
        self._slots = {}  # id(variable) -> (variable, per-variable state)

    def _lr(self):
        lr = self.learning_rate() if callable(self.learning_rate) else self.learning_rate
        return float(lr)

    def apply_gradients(self, grads_and_vars, global_step=None, name=None):
        """Update each Variable from its gradient (a None gradient skips its Variable), then add 1 to global_step."""
        if global_step is not None and not isinstance(global_step, Variable):
            raise TypeError(f"{self.name}.apply_gradients: global_step must be a Variable (such as "
                            f"er.train.get_or_create_global_step()), not a {type(global_step).__name__}")
        pairs = [(g, v) for g, v in grads_and_vars if g is not None]
        for g, v in pairs:
            if not isinstance(v, Variable):
                raise TypeError(f"{self.name}.apply_gradients: expected (gradient, Variable) pairs, got a "
                                f"{type(v).__name__} where the Variable should be")
            if not isinstance(g, Tensor):
                g = convert_to_tensor(g, device=backend.device_of(v._value))
            value = g._value
            if value.shape != v.shape:
                raise ValueError(f"{self.name}.apply_gradients: gradient of shape {value.shape} for Variable "
                                 f"'{v.name}' of shape {v.shape}")
            if (backend.GPU_ARRAY_TYPES and type(value) is not type(v._value)
                    and backend.device_of(value) is not backend.device_of(v._value)):
                raise backend.DeviceError(
                    f"{self.name}.apply_gradients: the gradient for Variable '{v.name}' is on "
                    f"{backend.device_of(value).name} but the Variable is on {v.device}; "
                    f"copy it with .to('{v.device}')")
            self._update(v, value)
        if global_step is not None:
            global_step.assign_add(1)

    def compute_gradients(self, loss, var_list=None):
        """[(gradient, variable)] for a loss function (called with no arguments)."""
        if not callable(loss):
            raise TypeError(f"{self.name}: in eager mode the loss must be a function of no arguments, "
                            "e.g. minimize(lambda: loss(model, x, y))")
        if var_list is None:
            return implicit_value_and_gradients(loss)()
        with GradientTape() as tape:
            value = loss()
        return value, list(zip(tape.gradient(value, list(var_list)), var_list))

    def minimize(self, loss, global_step=None, var_list=None, name=None):
        """One step: differentiate loss() (a function), apply the gradients, add 1 to global_step; returns the loss."""
        value, grads_and_vars = self.compute_gradients(loss, var_list)
        self.apply_gradients(grads_and_vars, global_step)
        return value

    def _slot(self, v, make):
        entry = self._slots.get(id(v))
        if entry is None or entry[0] is not v:
            entry = self._slots[id(v)] = (v, make())
        return entry[1]

    def _update(self, v, g):
        raise NotImplementedError


class GradientDescentOptimizer(Optimizer):
    """variable -= learning_rate * gradient."""

    def __init__(self, learning_rate, use_locking=False, name="GradientDescent"):
        super().__init__(learning_rate, use_locking, name)

    def _update(self, v, g):
        v._subtract_scaled(g, self._lr())


class MomentumOptimizer(Optimizer):
    """accumulation = momentum * accumulation + gradient; variable -= learning_rate * accumulation."""

    def __init__(self, learning_rate, momentum, use_locking=False, name="Momentum", use_nesterov=False):
        super().__init__(learning_rate, use_locking, name)
        self.momentum = momentum
        self.use_nesterov = use_nesterov

    def _update(self, v, g):
        acc = self._slot(v, lambda: _zeros_like(v))
        acc *= self.momentum
        acc += g
        step = g + self.momentum * acc if self.use_nesterov else acc
        v._subtract_scaled(step, self._lr())


class AdamOptimizer(Optimizer):
    """Adam (Kingma & Ba), with TF 1's bias-corrected learning rate."""

    def __init__(self, learning_rate=0.001, beta1=0.9, beta2=0.999, epsilon=1e-8, use_locking=False, name="Adam"):
        super().__init__(learning_rate, use_locking, name)
        self.beta1, self.beta2, self.epsilon = beta1, beta2, epsilon

    def _update(self, v, g):
        state = self._slot(v, lambda: {"m": _zeros_like(v), "v": _zeros_like(v), "t": 0})
        state["t"] += 1
        t = state["t"]
        m, s = state["m"], state["v"]
        m *= self.beta1
        m += (1 - self.beta1) * g
        s *= self.beta2
        s += (1 - self.beta2) * g * g
        lr = self._lr() * math.sqrt(1 - self.beta2 ** t) / (1 - self.beta1 ** t)
        v.assign_sub(lr * m / (backend.array_module(s).sqrt(s) + self.epsilon))


def _zeros_like(v):
    """An optimizer slot: zeros shaped as Variable v, on its device."""
    return backend.array_module(v._value).zeros(v.shape, v.dtype)

"""check_gradients: tape derivatives against central finite differences, in float64."""

import numpy as np

from .. import backend
from .creation import convert_to_tensor
from .gradient_tape import GradientTape
from .reduction import reduce_sum

__all__ = ["GradientCheckError", "check_gradients"]


class GradientCheckError(AssertionError):
    """Tape gradients and finite differences disagree."""

    __module__ = "eagerrepl"


def _projection(f, args, weights):
    """sum(f(*args) * w): a scalar whose gradient carries every output element's."""
    out = convert_to_tensor(f(*args))
    w = weights.get(out.shape)
    if w is None:
        w = weights[out.shape] = np.random.default_rng(len(weights)).uniform(0.5, 1.5, out.shape)
    return reduce_sum(out * w)


def check_gradients(f, args, order=1, eps=1e-6, rtol=1e-4, atol=1e-6):
    """Compare f's tape gradients (to `order`) with finite differences; raise with the worst mismatch.

    Arguments are converted to float64, and f runs on the device of the first tensor among them
    (else the current one). A non-scalar f is checked through a fixed random weighting of its
    outputs. Returns the worst absolute error found.
    """
    device = next((backend.device_of(a._value) for a in args if hasattr(a, "_value")), None)
    # Host copies to perturb; f sees them as tensors on the device.
    args = [np.array(np.asarray(a, dtype=np.float64)) for a in args]

    def place(arrays):
        return [convert_to_tensor(a, device=device) for a in arrays]

    fn = f
    worst = 0.0
    for level in range(1, order + 1):
        worst = max(worst, _check_once(fn, args, place, level, eps, rtol, atol))
        fn = _directional_gradient(fn, seed=level)
    return worst


def _directional_gradient(f, seed):
    """args -> sum_i <d(projected f)/d arg_i, u_i>: its gradient holds f's next derivative."""
    weights = {}
    directions = {}

    def g(*args):
        with GradientTape() as tape:
            for a in args:
                tape.watch(a)
            value = _projection(f, args, weights)
        grads = tape.gradient(value, list(args), unconnected_gradients="zero")
        total = 0.0
        for i, gi in enumerate(grads):
            u = directions.get(i)
            if u is None:
                u = directions[i] = np.random.default_rng(100 * seed + i).uniform(-1, 1, gi.shape)
            total = total + reduce_sum(gi * u)
        return total

    return g


def _check_once(f, args, place, level, eps, rtol, atol):
    weights = {}
    tensors = place(args)
    with GradientTape() as tape:
        for t in tensors:
            tape.watch(t)
        value = _projection(f, tensors, weights)
    grads = tape.gradient(value, tensors, unconnected_gradients="zero")
    worst = 0.0
    for i, (a, g) in enumerate(zip(args, grads)):
        analytic = np.asarray(g.numpy(), dtype=np.float64)
        numeric = np.zeros_like(a)
        for idx in np.ndindex(a.shape):
            saved = a[idx]
            a[idx] = saved + eps
            up = float(_projection(f, place(args), weights))
            a[idx] = saved - eps
            down = float(_projection(f, place(args), weights))
            a[idx] = saved
            numeric[idx] = (up - down) / (2 * eps)
        error = np.abs(analytic - numeric)
        allowed = atol + rtol * np.abs(numeric)
        if error.size:
            worst = max(worst, float(error.max()))
            bad = error - allowed
            if bad.max() > 0:
                at = np.unravel_index(int(np.argmax(bad)), bad.shape)
                raise GradientCheckError(
                    f"check_gradients: derivative of order {level} for argument {i} disagrees with finite "
                    f"differences; worst at index {tuple(int(j) for j in at)}: tape {analytic[at]:.8g}, numeric "
                    f"{numeric[at]:.8g} (error {error[at]:.3g}, allowed {allowed[at]:.3g})")
    return worst

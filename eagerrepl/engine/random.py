"""Random tensors, reproducible with set_random_seed (TF's global and per-op seeds)."""

import numpy as np

from .. import backend
from .dtypes import as_dtype, float32
from .shape import _dims
from .tensor import _new

_global_seed = None
_generator = np.random.default_rng()
_op_generators = {}


def set_random_seed(seed):
    """Seed every random op, so that a program run again draws the same numbers."""
    global _global_seed, _generator
    _global_seed = seed
    _generator = np.random.default_rng(seed)
    _op_generators.clear()


def _rng(seed):
    # An op seed gives its own stream (per global seed), so adding random ops elsewhere in a
    # program does not change what a seeded op draws: TF's contract for op seeds.
    if seed is None:
        return _generator
    key = (_global_seed, seed)
    if key not in _op_generators:
        _op_generators[key] = np.random.default_rng([0 if _global_seed is None else _global_seed, seed])
    return _op_generators[key]


def _check_device():
    if backend.current_device() is not backend.CPU:
        raise backend.DeviceError("random numbers on the GPU are not implemented yet")


def random_uniform(shape, minval=0, maxval=1, dtype=float32, seed=None, name=None):
    """Numbers drawn uniformly from [minval, maxval)."""
    _check_device()
    dtype = as_dtype(dtype)
    shape = _dims("random_uniform", shape)
    rng = _rng(seed)
    if dtype.kind in "iu":
        return _new(rng.integers(minval, maxval, size=shape, dtype=dtype))
    return _new(rng.uniform(minval, maxval, size=shape).astype(dtype))


def random_normal(shape, mean=0.0, stddev=1.0, dtype=float32, seed=None, name=None):
    """Numbers drawn from a normal distribution."""
    _check_device()
    shape = _dims("random_normal", shape)
    return _new((_rng(seed).standard_normal(size=shape) * stddev + mean).astype(as_dtype(dtype)))


def truncated_normal(shape, mean=0.0, stddev=1.0, dtype=float32, seed=None, name=None):
    """Normal numbers redrawn until they lie within two standard deviations of the mean."""
    _check_device()
    rng = _rng(seed)
    z = rng.standard_normal(size=_dims("truncated_normal", shape))
    bad = np.abs(z) > 2
    while bad.any():
        z[bad] = rng.standard_normal(size=int(bad.sum()))
        bad = np.abs(z) > 2
    return _new((z * stddev + mean).astype(as_dtype(dtype)))

"""Random tensors, reproducible with set_random_seed (TF's global and per-op seeds).

Each device draws from its own generator (numpy's on the CPU, CuPy's on a GPU), seeded alike, so
a seeded program repeats on either device (the two devices draw different numbers).
"""


from .. import backend
from .axes import new_shape
from .dtypes import as_dtype, float32
from .tensor import _new

__all__ = ["random_normal", "random_uniform", "set_random_seed", "truncated_normal"]

_global_seed = None
_generators = {}  # (device name, op seed) -> generator, made on first use


def set_random_seed(seed):
    """Seed every random op on every device, so that a program run again draws the same numbers."""
    global _global_seed
    _global_seed = seed
    _generators.clear()


def _rng(seed):
    # An op seed gives its own stream (per global seed), so adding random ops elsewhere in a
    # program does not change what a seeded op draws: TF's contract for op seeds.
    device = backend.current_device()
    key = (device.name, seed)
    rng = _generators.get(key)
    if rng is None:
        if seed is None:
            entropy = _global_seed
        else:
            entropy = [0 if _global_seed is None else _global_seed, seed]
        rng = _generators[key] = device.xp.random.default_rng(entropy)
    return rng


def random_uniform(shape, minval=0, maxval=1, dtype=float32, seed=None, name=None):
    """Numbers drawn uniformly from [minval, maxval)."""
    dtype = as_dtype(dtype)
    shape = new_shape("random_uniform", shape)
    rng = _rng(seed)
    if dtype.kind in "iu":
        return _new(rng.integers(minval, maxval, size=shape, dtype=dtype))
    return _new(rng.uniform(minval, maxval, size=shape).astype(dtype))


def random_normal(shape, mean=0.0, stddev=1.0, dtype=float32, seed=None, name=None):
    """Numbers drawn from a normal distribution."""
    shape = new_shape("random_normal", shape)
    return _new((_rng(seed).standard_normal(size=shape) * stddev + mean).astype(as_dtype(dtype)))


def truncated_normal(shape, mean=0.0, stddev=1.0, dtype=float32, seed=None, name=None):
    """Normal numbers redrawn until they lie within two standard deviations of the mean."""
    rng = _rng(seed)
    z = rng.standard_normal(size=new_shape("truncated_normal", shape))
    bad = abs(z) > 2
    while bad.any():
        z[bad] = rng.standard_normal(size=int(bad.sum()))
        bad = abs(z) > 2
    return _new((z * stddev + mean).astype(as_dtype(dtype)))

"""The stand-in's cupyx (see cupy/__init__.py beside it): scatter_add, which takes no complex values, as CuPy's."""

import cupy
import numpy


def scatter_add(a, slices, value):
    """a[slices] += value, where repeated indices add up."""
    if a.dtype.kind == "c":
        raise TypeError(f"scatter_add does not support {a.dtype}")  # CuPy's atomicAdd has no complex
    value = value._a if isinstance(value, cupy.ndarray) else value
    numpy.add.at(a._a, cupy._index(a._a, slices), value)

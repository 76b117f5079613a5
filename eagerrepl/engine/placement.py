"""Moving tensors between devices, and sharing them with other libraries through DLPack.

A copy to another device is an op like any other, recorded on tapes: its gradient is the
incoming gradient copied back, so `(x.gpu() * 2).cpu()` differentiates to 2 on x's device.
"""

import numpy

from .. import backend
from .primitive import apply, inputs, primitive
from .tensor import _new

__all__ = ["from_dlpack"]


@primitive(lambda g, ans, x, device: to(g, backend.device_of(x._value)), name="copy")
def to(x, device, name=None):
    """x copied to `device` ("cpu:0", "gpu:0", ...); x itself when it is already there."""
    op = to.op
    target = backend.get_device(device)
    tensors, arrays = inputs(x, op=op)
    if backend.device_of(arrays[0]) is target:
        return tensors[0]
    return apply(op, _copy_to, tensors, arrays, {"device": target})


def _copy_to(array, device):
    return device.put(array)


def gpu(x, index=0):
    """x copied to gpu:index."""
    return to(x, f"gpu:{index}")


def cpu(x):
    """x copied to the CPU."""
    return to(x, backend.CPU)


def from_dlpack(array):
    """A tensor sharing memory with `array` from another library (numpy, CuPy, PyTorch, JAX), by DLPack."""
    if not hasattr(array, "__dlpack_device__"):
        raise TypeError(f"from_dlpack: a {type(array).__name__} does not speak DLPack; pass an array of numpy, "
                        "CuPy, PyTorch or JAX (or use er.constant for Python values)")
    device_type, index = array.__dlpack_device__()
    if device_type == 1:  # kDLCPU
        return _new(numpy.from_dlpack(array))
    if device_type == 2:  # kDLCUDA
        return _new(backend.get_device(f"gpu:{index}").xp.from_dlpack(array))
    raise backend.DeviceError(f"from_dlpack: arrays on DLPack device type {device_type} are not supported; "
                              "eagerrepl takes CPU and CUDA arrays")


def _exported(tensor):
    value = tensor._value
    # numpy scalars (our cheap 0-d values) do not speak DLPack; a 0-d array around them does.
    return numpy.asarray(value) if isinstance(value, numpy.generic) else value


def dlpack(self, *args, **kwargs):
    """Tensor.__dlpack__: the tensor's memory as a DLPack capsule, for another library's from_dlpack."""
    return _exported(self).__dlpack__(*args, **kwargs)


def dlpack_device(self):
    """Tensor.__dlpack_device__: (DLPack device type, device index)."""
    return _exported(self).__dlpack_device__()


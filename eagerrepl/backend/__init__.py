"""Devices: a device is a name ("cpu:0", "gpu:0") and the array module that computes on it.

This is the only place that imports CuPy, and it imports CuPy only when a GPU is first asked
for, so that `import eagerrepl` and CPU work never pay for it. The engine's ops are written with
numpy's functions; on GPU arrays they call `gpu_function(f)`, CuPy's function of the same name,
directly: numpy's dispatch into CuPy (`__array_ufunc__`, `__array_function__`) costs microseconds
per call. Where CuPy's function computes something else than numpy's, `gpu_function` gives one that
computes numpy's result (numpy_rules.py). The engine's own helpers ask `array_module` for numpy or
CuPy.
"""

import functools
import threading

import numpy

from . import numpy_rules


class DeviceError(RuntimeError):
    """A device was asked for that does not exist or cannot be used here, or an op mixed devices."""

    __module__ = "eagerrepl"


class Device:
    """A place where tensors live: its canonical name and the array module computing there."""

    __slots__ = ("name", "xp", "index")

    def __init__(self, name, xp, index=0):
        self.name = name
        self.xp = xp
        self.index = index

    def __repr__(self):
        return f"Device({self.name!r})"

    def put(self, array):
        """`array` (a numpy array or an array on any device) copied here, or itself if already here."""
        if self.xp is numpy:
            return to_host(array)
        if device_of(array) is self:
            return array
        with self.xp.cuda.Device(self.index):
            if not isinstance(array, HOST_TYPES):
                return array.copy()  # GPU to GPU: CuPy copies across devices (peer to peer)
            if array.dtype.kind not in "biufc":  # CuPy's own refusal ("Unsupported dtype <U1") says less
                raise TypeError(f"{array.dtype} values cannot live on {self.name} (GPU tensors hold numbers and "
                                f"booleans; CuPy has no {array.dtype} dtype)")
            return self.xp.asarray(array)


CPU = Device("cpu:0", numpy)
HOST_TYPES = (numpy.ndarray, numpy.generic)  # what CPU values are: arrays, and numpy scalars for 0-d

# Array types that live on a GPU, each with its array module: empty until CuPy is loaded, so the
# CPU-only engine can test `type(a) in GPU_ARRAY_TYPES` (and the dict's truth) for nothing. Filled in
# place, never rebound.
GPU_ARRAY_TYPES = {}
_gpus = None  # the GPU Devices, once CuPy has been asked


class _Placement(threading.local):
    # Each thread starts on the process-wide default, as TF's device scopes are per thread.
    def __init__(self):
        self.stack = []


_placement = _Placement()
_default = CPU


def _gpu_devices():
    """The GPU Devices CuPy sees, or a DeviceError saying what is missing and how to get it."""
    global _gpus
    if _gpus is not None:
        return _gpus
    try:
        import cupy  # here, not at the top: CuPy is optional, and importing it starts CUDA
    except ImportError:
        raise DeviceError(
            "no GPU backend: CuPy is not installed. Install it with pip install 'eagerrepl[gpu]' "
            "(for a CUDA 12 or 13 driver; 'eagerrepl[gpu-cuda13]' for CUDA 13's own libraries) on a machine "
            "with an NVIDIA GPU") from None
    try:
        count = cupy.cuda.runtime.getDeviceCount()
    except Exception as exc:  # CUDA driver missing or broken: say so rather than fall back
        raise DeviceError(f"CuPy is installed but CUDA reports no usable GPU ({exc}); "
                          "check the NVIDIA driver with nvidia-smi") from None
    if count == 0:
        raise DeviceError("CuPy is installed but no CUDA GPU is present")
    try:  # CuPy finds CUDA's libraries (cuBLAS...) only when first used: find out now, not mid-op
        ones = cupy.ones((2, 2), dtype=cupy.float32)
        (ones @ ones).sum().item()
    except Exception as exc:
        raise DeviceError(f"CuPy sees {count} GPU(s) but cannot compute on them ({exc}); install CUDA's "
                          "libraries with CuPy's [ctk] extra, as pip install 'eagerrepl[gpu]' does") from None
    GPU_ARRAY_TYPES[cupy.ndarray] = cupy
    _gpus = [Device(f"gpu:{i}", cupy, i) for i in range(count)]
    return _gpus


def get_device(name):
    """The Device for a name such as "cpu", "cpu:0", "gpu", "gpu:1" (also "/gpu:0", "cuda:0")."""
    if isinstance(name, Device):
        return name
    spec = str(name).strip().lower().lstrip("/")
    spec = spec.replace("device:", "")
    kind, _, index = spec.partition(":")
    if index and not index.isdigit():
        raise DeviceError(f"unknown device {name!r}: use 'cpu:0' or 'gpu:N'; {_devices_here()}")
    index = int(index) if index else 0
    if kind == "cpu" and index == 0:
        return CPU
    if kind in ("gpu", "cuda"):
        gpus = _gpu_devices()  # without CuPy or CUDA, an error saying which is missing
        if index >= len(gpus):
            raise DeviceError(f"gpu:{index} does not exist: this machine has {len(gpus)} GPU(s); {_devices_here()}")
        return gpus[index]
    raise DeviceError(f"unknown device {name!r}: use 'cpu:0' or 'gpu:N'; {_devices_here()}")


def _devices_here():
    return f"the devices here are {', '.join(list_devices())}"


def list_devices():
    """Names of the devices tensors can be placed on, the CPU first."""
    names = [CPU.name]
    try:
        names += [d.name for d in _gpu_devices()]
    except DeviceError:
        pass
    return names


def num_gpus():
    """How many GPUs tensors can be placed on."""
    return len(list_devices()) - 1


def current_device():
    """The Device new tensors land on: the innermost `device(...)` scope, else the default."""
    stack = _placement.stack
    return stack[-1] if stack else _default


def get_default_device():
    """Name of the device new tensors land on outside any `device(...)` scope."""
    return _default.name


def set_default_device(name):
    """Make new tensors land on this device for the rest of the session."""
    global _default
    _default = get_device(name)
    if _default.xp is not numpy:
        _default.xp.cuda.Device(_default.index).use()


def device(name):
    """Context manager placing new tensors on the named device, as tf.device does; a bad name fails here, at once."""
    return _Scope(get_device(name))


class _Scope:
    """What `device(name)` gives: `with` it, new tensors land on its device (and CUDA computes there).

    A class rather than a generator, so that an error inside the block shows no frame of contextlib's.
    """

    __slots__ = ("device", "_cuda")

    def __init__(self, dev):
        self.device = dev
        self._cuda = []  # CUDA's device scopes, one per `with` (the same scope may be entered again inside)

    def __enter__(self):
        dev = self.device
        if dev.xp is not numpy:
            cuda = dev.xp.cuda.Device(dev.index)
            cuda.__enter__()
            self._cuda.append(cuda)
        _placement.stack.append(dev)
        return dev

    def __exit__(self, *exc):
        _placement.stack.pop()
        if self._cuda:
            self._cuda.pop().__exit__(*exc)

    def __repr__(self):
        return f"device({self.device.name!r})"


def device_of(array):
    """The Device an array lives on."""
    if isinstance(array, HOST_TYPES):
        return CPU
    if type(array) in GPU_ARRAY_TYPES:
        return _gpus[array.device.id]
    raise DeviceError(f"arrays of type {type(array).__name__} live on no known device")


def array_module(array):
    """numpy or cupy: the module whose functions compute on `array`'s device."""
    if isinstance(array, HOST_TYPES):
        return numpy
    xp = GPU_ARRAY_TYPES.get(type(array))
    if xp is None:
        raise DeviceError(f"arrays of type {type(array).__name__} live on no known device")
    return xp


_gpu_functions = {}  # numpy function -> what computes it on GPU arrays


def gpu_function(fn):
    """What computes `fn` on GPU arrays: for a numpy function, CuPy's of the same name, called directly.

    Where CuPy's function gives another result than numpy's (numpy_rules.RULES), one that gives
    numpy's; any other function (the engine's own, written for either module) is returned as it is.
    """
    try:
        return _gpu_functions[fn]
    except KeyError:
        pass
    if isinstance(fn, numpy.ufunc) or getattr(fn, "__module__", None) == "numpy":
        cupy = _gpu_devices()[0].xp
        rule = numpy_rules.RULES.get(fn.__name__)
        found = functools.partial(rule, cupy) if rule is not None else getattr(cupy, fn.__name__)
    else:
        found = fn
    _gpu_functions[fn] = found
    return found


def to_host(array):
    """`array` as a numpy array (or numpy scalar), copied from its device if it is not on the CPU."""
    if isinstance(array, HOST_TYPES):
        return array
    return array.get()


def scatter_add(out, key, values):
    """out[key] += values, where repeated indices in `key` add up (numpy's add.at)."""
    if isinstance(out, numpy.ndarray):
        numpy.add.at(out, key, values)
        return
    import cupyx  # only GPU arrays get here, so CuPy is loaded
    if out.dtype.kind != "c":
        cupyx.scatter_add(out, key, values)
        return
    # CuPy's scatter_add takes no complex dtype: add the real and imaginary parts apart.
    real, imag = out.real.copy(), out.imag.copy()
    cupyx.scatter_add(real, key, values.real)
    cupyx.scatter_add(imag, key, values.imag)
    out[...] = real + 1j * imag


def from_device_array(obj):
    """A GPU array without a copy from an object exposing `__cuda_array_interface__` (CuPy, PyTorch, Numba)."""
    gpus = _gpu_devices()
    return gpus[0].xp.asarray(obj)

"""Devices: a device is a name ("cpu:0", "gpu:0") and the array module that computes on it.

This is the only place that may name CuPy. The engine computes with numpy's functions, which
hand CuPy arrays to CuPy through numpy's dispatch protocols, and asks this module for the array
module only where it creates arrays from nothing (zeros, random numbers).
"""

import contextlib
import threading

import numpy


class DeviceError(RuntimeError):
    """A device was asked for that does not exist or cannot be used here."""

    __module__ = "eagerrepl"


class Device:
    """A place where tensors live: its canonical name and the array module computing there."""

    __slots__ = ("name", "xp")

    def __init__(self, name, xp):
        self.name = name
        self.xp = xp

    def __repr__(self):
        return f"Device({self.name!r})"


CPU = Device("cpu:0", numpy)


class _Placement(threading.local):
    # Each thread starts on the process-wide default, as TF's device scopes are per thread.
    def __init__(self):
        self.stack = []


_placement = _Placement()
_default = CPU


def _gpu_devices():
    """The CUDA devices CuPy can see, or a DeviceError saying what is missing."""
    try:
        import cupy
    except ImportError:
        raise DeviceError(
            "no GPU backend: CuPy is not installed. Install it with "
            "pip install 'eagerrepl[gpu]' on a machine with an NVIDIA GPU and CUDA") from None
    try:
        count = cupy.cuda.runtime.getDeviceCount()
    except Exception as exc:  # CUDA driver missing or broken: say so rather than fall back
        raise DeviceError(f"CuPy is installed but CUDA reports no usable GPU ({exc})") from None
    if count == 0:
        raise DeviceError("CuPy is installed but no CUDA GPU is present")
    return count


def get_device(name):
    """The Device for a name such as "cpu", "cpu:0", "gpu", "gpu:1" (also "/gpu:0", "cuda:0")."""
    if isinstance(name, Device):
        return name
    spec = str(name).strip().lower().lstrip("/")
    spec = spec.replace("device:", "")
    kind, _, index = spec.partition(":")
    index = int(index) if index.isdigit() else 0
    if kind == "cpu" and index == 0:
        return CPU
    if kind in ("gpu", "cuda"):
        count = _gpu_devices()
        if index >= count:
            raise DeviceError(f"gpu:{index} does not exist: this machine has {count} GPU(s), gpu:0 to gpu:{count - 1}")
        raise DeviceError("the GPU backend is not implemented yet; tensors live on cpu:0")
    raise DeviceError(f"unknown device {name!r}: use 'cpu:0' or 'gpu:N'")


def list_devices():
    """Names of the devices tensors can be placed on, the CPU first."""
    names = [CPU.name]
    try:
        names += [f"gpu:{i}" for i in range(_gpu_devices())]
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


@contextlib.contextmanager
def device(name):
    """Context manager placing new tensors and ops on the named device, as tf.device does."""
    dev = get_device(name)
    _placement.stack.append(dev)
    try:
        yield dev
    finally:
        _placement.stack.pop()


def device_of(array):
    """The Device an array lives on."""
    if isinstance(array, (numpy.ndarray, numpy.generic)):
        return CPU
    raise DeviceError(f"arrays of type {type(array).__name__} live on no known device")

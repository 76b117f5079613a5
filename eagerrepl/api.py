"""The public API, as `eagerrepl.NAME`: the package loads this module on first use of a name.

Each engine module lists its public names in `__all__` and they all land here, so an op added to
its module (and its `__all__`) is public with no second list to keep. Importing the API attaches
display to the engine (display/attach.py), so tensors and tapes show themselves everywhere.
"""

from .backend import DeviceError, device, get_default_device, list_devices, num_gpus, set_default_device
from .display import attach as _attach  # registers the renderers of engine values
from .engine import nn, train
from .engine.autodiff import *
from .engine.broadcasting import *
from .engine.creation import *
from .engine.dtypes import *
from .engine.elementwise import *
from .engine.errors import *
from .engine.errstate import *
from .engine.gradcheck import *
from .engine.gradient_tape import *
from .engine.linalg import *
from .engine.placement import *
from .engine.random import *
from .engine.reduction import *
from .engine.shape import *
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

"""A stand-in for CuPy, for eagerrepl's tests on machines without a GPU: numpy underneath, CuPy's rules on top.

It is not CuPy and proves nothing about speed or CUDA's rounding. It lets the engine's GPU path run
where there is no GPU, keeping the rules of CuPy 14 that path must respect:

- its arrays are their own type, `cupy.ndarray`, which numpy does not take as its own: numpy's
  `np.asarray` of one raises CuPy's TypeError;
- its functions and operators refuse numpy arrays and lists (CuPy's TypeError) and take Python and
  numpy scalars; 0-d results are 0-d arrays, never numpy scalars;
- numpy's functions reach it through numpy's dispatch (`__array_ufunc__`, `__array_function__`), as
  they reach CuPy: each such call is recorded with the line of eagerrepl that made it, since the
  engine calls CuPy's functions directly;
- it warns of no floating-point error (overflow, division by zero), as CuPy does not;
- reading a value on the host (`get`, `item`, `tolist`, `bool()`, `int()`, `float()`) is a
  synchronisation with the device: each is recorded the same way;
- where CuPy differs from numpy: integer powers with negative exponents give 0 or +-1 instead of
  raising; a float scalar index is truncated to an int; integer index arrays wrap around instead of
  raising; complex sign is z/|z| and complex division is a scaled division (nan at zeros and
  infinities where numpy gives inf or +-1); non-numeric dtypes cannot be made; `cupyx.scatter_add`
  takes no complex values.

Put its folder first on sys.path (PYTHONPATH) to use it: `tests/engine/test_gpu_path.py` does, in a
subprocess. With EAGERREPL_STAND_IN_REPORT=path, what it recorded is written there as JSON at exit (into
path/<pid>.json where path is a folder).
"""

import atexit
import builtins
import json
import os
import sys
import traceback
import types

import numpy

STAND_IN = True  # tests that need real CUDA memory (DLPack pointers) skip on it
__version__ = "0.0-stand-in"

_ENGINE = os.sep + "eagerrepl" + os.sep
_records = {"dispatch": {}, "sync": {}}  # kind -> {"path:line (function): what": count}


def _record(kind, what):
    """Count `what` under the innermost line of eagerrepl's code on the stack (or the caller's)."""
    frames = traceback.extract_stack()[:-2]
    place = next((f for f in reversed(frames) if _ENGINE in f.filename), frames[-1])
    root = place.filename.rsplit(_ENGINE, 1)[-1] if _ENGINE in place.filename else os.path.basename(place.filename)
    key = f"{root}:{place.lineno} ({place.name}): {what}"
    _records[kind][key] = _records[kind].get(key, 0) + 1


def records():
    """What was recorded so far: {"dispatch": {site: count}, "sync": {site: count}}."""
    return {kind: dict(sites) for kind, sites in _records.items()}


def reset_records():
    """Forget what was recorded."""
    for sites in _records.values():
        sites.clear()


@atexit.register
def _report():
    path = os.environ.get("EAGERREPL_STAND_IN_REPORT")
    if path and os.path.isdir(path):  # one file per process (pytest-xdist's workers)
        path = os.path.join(path, f"{os.getpid()}.json")
    if path:
        with open(path, "w") as f:
            json.dump(records(), f, indent=1, sort_keys=True)


# --- arrays -------------------------------------------------------------------------------------

class _Device:
    id = 0


class ndarray:
    """CuPy's array type, holding a numpy array."""

    __slots__ = ("_a", "__weakref__")
    __array_priority__ = 100  # CuPy's

    def __init__(self, shape, dtype=float):
        self._a = numpy.empty(shape, dtype)

    shape = property(lambda self: self._a.shape)
    dtype = property(lambda self: self._a.dtype)
    ndim = property(lambda self: self._a.ndim)
    size = property(lambda self: self._a.size)
    nbytes = property(lambda self: self._a.nbytes)
    strides = property(lambda self: self._a.strides)
    device = property(lambda self: _Device())
    T = property(lambda self: _wrap(self._a.T))
    real = property(lambda self: _wrap(self._a.real))
    imag = property(lambda self: _wrap(self._a.imag))

    def __repr__(self):
        return f"stand-in {numpy.array_repr(self._a)}"

    def get(self, stream=None):
        """A numpy copy on the host (a synchronisation)."""
        _record("sync", "get")
        return self._a.copy()

    def item(self):
        _record("sync", "item")
        return self._a.item()

    def tolist(self):
        _record("sync", "tolist")
        return self._a.tolist()

    def __bool__(self):
        _record("sync", "bool")
        return bool(self._a)

    def __int__(self):
        _record("sync", "int")
        return int(self._a)

    def __float__(self):
        _record("sync", "float")
        return float(self._a)

    def __complex__(self):
        _record("sync", "complex")
        return complex(self._a)

    def __index__(self):
        _record("sync", "index")
        return self._a.__index__()

    def __len__(self):
        return len(self._a)

    def __iter__(self):
        return (self[i] for i in range(len(self)))

    def __array__(self, dtype=None, copy=None):
        raise TypeError("Implicit conversion to a NumPy array is not allowed. Please use `.get()` to construct "
                        "a NumPy array explicitly.")

    def __getattr__(self, name):  # methods: numpy's, on the held array, with CuPy's rules for arguments
        if name.startswith("_"):
            raise AttributeError(name)
        return _function(getattr(self._a, name), f"ndarray.{name}")

    def __getitem__(self, key):
        return _wrap(self._a[_index(self._a, key)])

    def __setitem__(self, key, value):
        self._a[_index(self._a, key)] = value._a if isinstance(value, ndarray) else value

    def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
        _record("dispatch", f"numpy.{ufunc.__name__}{'' if method == '__call__' else '.' + method}")
        # As CuPy: numpy's ufunc becomes this module's function of its name (with CuPy's rules above).
        call = getattr(sys.modules[__name__], ufunc.__name__) if method == "__call__" else getattr(ufunc, method)
        if method != "__call__":
            if "out" in kwargs:
                kwargs["out"] = tuple(_unwrap_checked(o) for o in kwargs["out"])
            return _wrap(call(*(_unwrap_checked(x) for x in inputs), **kwargs))
        if "out" in kwargs:
            (kwargs["out"],) = kwargs["out"]
        return call(*inputs, **kwargs)

    def __array_function__(self, func, types_, args, kwargs):
        _record("dispatch", f"numpy.{func.__name__}")
        return _function(func, func.__name__)(*args, **kwargs)

    def __dlpack__(self, **kwargs):
        return self._a.__dlpack__(**kwargs)

    def __dlpack_device__(self):
        return self._a.__dlpack_device__()


def _wrap(value):
    """numpy results as CuPy's: arrays and numpy scalars become ndarrays; tuples and lists hold them."""
    if isinstance(value, (numpy.ndarray, numpy.generic)):
        out = object.__new__(ndarray)
        out._a = numpy.asarray(value)
        return out
    if isinstance(value, (tuple, list)):
        return type(value)(_wrap(v) for v in value)
    return value


def _unwrap_checked(value):
    """An argument for numpy: ndarrays unwrapped; numpy arrays and lists refused, as CuPy refuses them."""
    if isinstance(value, ndarray):
        return value._a
    if isinstance(value, (numpy.ndarray, list)):
        raise TypeError(f"Unsupported type {type(value)}")
    if isinstance(value, tuple):
        return tuple(_unwrap_checked(v) for v in value)
    return value


def _function(fn, name):
    def call(*args, **kwargs):
        args = [_unwrap_checked(a) for a in args]
        kwargs = {k: _unwrap_checked(v) for k, v in kwargs.items()}
        with numpy.errstate(all="ignore"):  # CuPy warns of no floating-point error
            return _wrap(fn(*args, **kwargs))
    call.__name__ = name
    return call


def _index(a, key):
    """key for numpy, as CuPy reads it: float scalars truncated, integer arrays wrapped around."""
    parts = list(key) if isinstance(key, tuple) else [key]
    for i, p in enumerate(parts):
        if isinstance(p, ndarray):
            parts[i] = p._a
        elif isinstance(p, (list, numpy.ndarray)):
            parts[i] = numpy.asarray(p)
        elif isinstance(p, (float, numpy.floating)):
            parts[i] = int(p)
    taken = builtins.sum(0 if p is None or p is Ellipsis else (p.ndim if _is_mask(p) else 1) for p in parts)
    axis = 0
    for i, p in enumerate(parts):
        if p is Ellipsis:
            axis += a.ndim - taken
        elif p is not None:
            if isinstance(p, numpy.ndarray) and p.dtype.kind in "iu" and axis < a.ndim and a.shape[axis]:
                parts[i] = p % a.shape[axis]
            axis += p.ndim if _is_mask(p) else 1
    return tuple(parts) if isinstance(key, tuple) else parts[0]


def _is_mask(p):
    return isinstance(p, numpy.ndarray) and p.dtype.kind == "b"


def _operator(name, reflected=False):
    ufunc = getattr(numpy, name)

    def method(self, other):
        if not isinstance(other, (ndarray, numpy.ndarray, numpy.generic, bool, int, float, complex, list)):
            return NotImplemented  # e.g. a Tensor, whose __array_priority__ is higher
        args = (other, self) if reflected else (self, other)
        with numpy.errstate(all="ignore"):
            return _wrap(ufunc(*(_unwrap_checked(a) for a in args)))
    return method


for _name, _ufunc in [("add", "add"), ("sub", "subtract"), ("mul", "multiply"), ("truediv", "true_divide"),
                      ("floordiv", "floor_divide"), ("mod", "remainder"), ("pow", "power"), ("matmul", "matmul"),
                      ("and", "bitwise_and"), ("or", "bitwise_or"), ("xor", "bitwise_xor"),
                      ("lt", "less"), ("le", "less_equal"), ("gt", "greater"), ("ge", "greater_equal"),
                      ("eq", "equal"), ("ne", "not_equal")]:
    setattr(ndarray, f"__{_name}__", _operator(_ufunc))
    if _name not in ("lt", "le", "gt", "ge", "eq", "ne"):
        setattr(ndarray, f"__r{_name}__", _operator(_ufunc, reflected=True))


def _inplace(name):
    ufunc = getattr(numpy, name)

    def method(self, other):
        with numpy.errstate(all="ignore"):
            ufunc(self._a, _unwrap_checked(other), out=self._a, casting="same_kind")
        return self
    return method


for _name, _ufunc in [("iadd", "add"), ("isub", "subtract"), ("imul", "multiply"), ("itruediv", "true_divide")]:
    setattr(ndarray, f"__{_name}__", _inplace(_ufunc))
ndarray.__neg__ = lambda self: _wrap(-self._a)
ndarray.__pos__ = lambda self: self
ndarray.__abs__ = lambda self: _wrap(numpy.abs(self._a))
ndarray.__invert__ = lambda self: _wrap(~self._a)
ndarray.__hash__ = None


# --- functions ------------------------------------------------------------------------------------

def _numeric(a):
    if a.dtype.kind not in "biufc":
        raise ValueError(f"Unsupported dtype {a.dtype}")
    return a


def array(obj, dtype=None, copy=True, **kwargs):
    """A new array on the device from host data or another array."""
    if isinstance(obj, ndarray):
        obj = obj._a
    return _wrap(_numeric(numpy.array(obj, dtype=dtype, copy=copy)))


def asarray(obj, dtype=None, **kwargs):
    """The array itself, or host data copied to the device."""
    if isinstance(obj, ndarray) and (dtype is None or obj.dtype == dtype):
        return obj
    if isinstance(obj, ndarray):
        obj = obj._a
    return _wrap(_numeric(numpy.array(obj, dtype=dtype)))


def asnumpy(a, **kwargs):
    return a.get() if isinstance(a, ndarray) else numpy.asarray(a)


def from_dlpack(obj):
    return _wrap(numpy.from_dlpack(obj))


def _power(x1, x2, **kwargs):
    x1, x2 = _unwrap_checked(x1), _unwrap_checked(x2)
    if numpy.result_type(x1, x2).kind in "iu" and numpy.any(numpy.asarray(x2) < 0):
        base, exp = numpy.broadcast_arrays(x1, x2)
        out = numpy.where(exp < 0, numpy.where(base == 1, 1, numpy.where(base == -1, 1 - 2 * (exp & 1), 0)),
                          numpy.power(base, numpy.maximum(exp, 0)))
        return _wrap(out.astype(numpy.result_type(x1, x2)))
    return _wrap(numpy.power(x1, x2, **kwargs))


def _sign(x, **kwargs):
    a = _unwrap_checked(x)
    if numpy.asarray(a).dtype.kind == "c":
        with numpy.errstate(all="ignore"):
            return _wrap(numpy.where(a == 0, 0, a / numpy.abs(a)).astype(a.dtype))
    return _wrap(numpy.sign(a, **kwargs))


def _true_divide(x1, x2, **kwargs):
    x1, x2 = _unwrap_checked(x1), _unwrap_checked(x2)
    if numpy.result_type(x1, x2).kind != "c":
        return _wrap(numpy.true_divide(x1, x2, **kwargs))
    # thrust's complex division scales by the divisor's largest part: nan where it is 0 or infinite.
    with numpy.errstate(all="ignore"):
        y = numpy.asarray(x2)
        s = numpy.maximum(numpy.abs(y.real), numpy.abs(y.imag)) if y.dtype.kind == "c" else numpy.abs(y)
        out = (x1 / s) * (numpy.conj(y / s) / (numpy.abs(y / s) ** 2))
    return _wrap(numpy.asarray(out).astype(numpy.result_type(x1, x2)))


power = _power
sign = _sign
true_divide = divide = _true_divide


def __getattr__(name):  # every other numpy function, with CuPy's rules for its arguments and results
    # (Kept as module globals once asked for: this module's own code calls builtins.sum, not sum.)
    obj = getattr(numpy, name)
    if callable(obj) and not isinstance(obj, type):
        fn = _function(obj, name)
        globals()[name] = fn
        return fn
    return obj


class _MemoryPool:
    def free_all_blocks(self):
        return None


def get_default_memory_pool():
    """CuPy's pool of device memory (benchmarks/gpu.py empties it between cases)."""
    return _MemoryPool()


# --- cupy.cuda and cupy.random --------------------------------------------------------------------

class Device:
    """CUDA's device `index` (only 0 exists), as a context manager."""

    def __init__(self, index=0):
        if index != 0:
            raise RuntimeError(f"cudaErrorInvalidDevice: stand-in has one device, not {index}")
        self.id = index

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return None

    def use(self):
        return None

    def synchronize(self):
        return None


cuda = types.ModuleType("cupy.cuda")
cuda.Device = Device
cuda.runtime = types.SimpleNamespace(getDeviceCount=lambda: 1, runtimeGetVersion=lambda: 13000,
                                     driverGetVersion=lambda: 13000,
                                     getDeviceProperties=lambda i: {"name": b"stand-in", "totalGlobalMem": 2 ** 30})
sys.modules["cupy.cuda"] = cuda


class _Generator:
    def __init__(self, seed):
        self._rng = numpy.random.default_rng(seed)

    def __getattr__(self, name):
        return _function(getattr(self._rng, name), f"Generator.{name}")


random = types.ModuleType("cupy.random")
random.default_rng = _Generator
sys.modules["cupy.random"] = random

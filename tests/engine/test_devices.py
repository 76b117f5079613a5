"""Devices: naming and choosing them, moving tensors between them, and DLPack exchange.

Tests about the device API itself run once (cpu_only); tests of copies and random numbers run on
every device; tests of GPU behaviour run once, on gpu:0 (gpu_only), skipped where there is none.
"""

import importlib.util
import os
import subprocess
import sys
import textwrap

import numpy as np
import pytest

import eagerrepl as er


def has_gpu():
    return "gpu:0" in er.list_devices()


def skip_if_gpu():
    if has_gpu():
        pytest.skip("this machine has a GPU")


def real_cupy():
    """CuPy, where it is the real one: the tests' stand-in (tests/gpu_stand_in) has no CUDA memory to share."""
    cupy = pytest.importorskip("cupy")
    if getattr(cupy, "STAND_IN", False):
        pytest.skip("CuPy here is the tests' stand-in, which has no CUDA memory")
    return cupy


def skip_if_cupy():
    if importlib.util.find_spec("cupy") is not None:
        pytest.skip("CuPy is installed here")


# --- the device API ------------------------------------------------------------------------------

@pytest.mark.cpu_only
def test_list_devices_names_the_cpu_first_then_each_gpu():
    names = er.list_devices()
    assert names[0] == "cpu:0"
    assert names[1:] == [f"gpu:{i}" for i in range(len(names) - 1)]
    assert er.num_gpus() == len(names) - 1


@pytest.mark.cpu_only
@pytest.mark.parametrize("spelling", ["cpu", "cpu:0", "/cpu:0", "CPU:0", "/CPU:0", "/device:CPU:0", " cpu:0 "])
def test_cpu_spellings_all_place_tensors_on_cpu0(spelling):
    with er.device(spelling):
        t = er.constant([1.0, 2.0])
    assert t.device == "cpu:0"


@pytest.mark.cpu_only
def test_default_device_is_the_cpu_and_set_default_device_round_trips():
    old = er.get_default_device()
    assert old == "cpu:0"
    try:
        er.set_default_device("/CPU:0")
        assert er.get_default_device() == "cpu:0"
    finally:
        er.set_default_device(old)
    assert er.get_default_device() == old


def test_tensors_made_in_a_device_scope_live_there(device):
    for t in (er.constant([1.0, 2.0]), er.zeros([2]), er.ones([3], dtype=er.int32), er.random_uniform([2]),
              er.range(3), er.convert_to_tensor(np.arange(3.0)), er.Variable([1.0]).read_value()):
        assert t.device == device, t
    assert (er.constant(1.0) + 1).device == device


@pytest.mark.cpu_only
@pytest.mark.parametrize("name", ["tpu:0", "cpu:1", "cpu:zero", "npu", "gpu:x"])
def test_unknown_device_names_raise_a_device_error_saying_what_works(name):
    with pytest.raises(er.DeviceError) as info:
        with er.device(name):
            pass
    message = str(info.value)
    assert "cpu:0" in message and "gpu:N" in message, message
    assert isinstance(info.value, RuntimeError)


@pytest.mark.cpu_only
@pytest.mark.parametrize("name", ["tpu:0", "cpu:1", "gpu:x", "gpu:7", "gpu:123"])
def test_device_checks_its_name_when_called_and_names_the_devices_there_are(name):
    with pytest.raises(er.DeviceError) as info:
        er.device(name)  # no `with`: the call itself fails, as tf.device does
    if name.startswith("gpu:") and name[4:].isdigit() and not er.num_gpus():
        assert "CuPy" in str(info.value)  # no GPU at all: the error says what is missing
    else:
        assert str(info.value).endswith(f"the devices here are {', '.join(er.list_devices())}"), info.value
    assert er.constant(1.0).device == "cpu:0"


@pytest.mark.cpu_only
def test_device_errors_and_errors_inside_a_device_scope_show_no_contextlib_frame():
    import traceback

    def frames(call):
        try:
            call()
        except Exception as exc:  # noqa: BLE001 - any error: its traceback is what a user sees
            return [frame.filename for frame in traceback.extract_tb(exc.__traceback__)]
        raise AssertionError("no error")

    def inside():
        with er.device("cpu:0"):
            er.reshape(er.constant([1.0, 2.0]), [3])

    for call in (lambda: er.device("gpu:7"), inside):
        assert not any("contextlib" in name for name in frames(call))


@pytest.mark.cpu_only
def test_a_device_scope_can_be_entered_again_and_nested():
    scope = er.device("cpu")
    with scope as d:
        assert d.name == "cpu:0"
        with scope:
            with er.device("/cpu:0"):
                assert er.constant(1.0).device == "cpu:0"
        assert er.constant(1.0).device == "cpu:0"
    assert repr(scope) == "device('cpu:0')"


@pytest.mark.cpu_only
def test_gpu_without_cupy_says_cupy_is_missing_and_how_to_install_it():
    skip_if_cupy()
    missing = r"CuPy is not installed.*pip install 'eagerrepl\[gpu\]'"
    x = er.constant([1.0, 2.0])
    with pytest.raises(er.DeviceError, match=missing):
        with er.device("gpu:0"):
            pass
    with pytest.raises(er.DeviceError, match=missing):
        er.set_default_device("gpu:0")
    with pytest.raises(er.DeviceError, match=missing):
        x.gpu()
    with pytest.raises(er.DeviceError, match=missing):
        x.to("gpu:0")
    assert er.list_devices() == ["cpu:0"] and er.num_gpus() == 0


@pytest.mark.cpu_only
def test_a_missing_gpu_never_falls_back_to_the_cpu():
    skip_if_gpu()
    made = []
    with pytest.raises(er.DeviceError):
        with er.device("gpu:0"):
            made.append(er.constant([1.0]))  # must not run: the scope itself fails
    assert made == []
    with pytest.raises(er.DeviceError):
        er.set_default_device("gpu:0")
    assert er.get_default_device() == "cpu:0"
    assert er.constant(1.0).device == "cpu:0"  # the failed scope left nothing behind


@pytest.mark.cpu_only
def test_gpu_without_a_gpu_is_a_device_error():
    skip_if_gpu()
    x = er.constant([1.0, 2.0])
    with pytest.raises(er.DeviceError):
        x.gpu()
    with pytest.raises(er.DeviceError):
        x.to("gpu:0")
    np.testing.assert_array_equal(x.numpy(), [1.0, 2.0])


@pytest.mark.cpu_only
def test_import_and_cpu_work_never_import_cupy(tmp_path):
    # A stand-in `cupy` first on the path makes this a real check where CuPy is absent too: any
    # import of it, even one that would fail, lands in sys.modules or says so on stderr.
    fake = tmp_path / "cupy"
    fake.mkdir()
    (fake / "__init__.py").write_text("import sys\nsys.stderr.write('cupy was imported\\n')\n")
    script = textwrap.dedent("""
        import sys
        import eagerrepl as er
        x = er.constant([[1.0, 2.0]])
        y = er.reduce_sum(er.matmul(x, er.transpose(x)) + 1)
        er.gradients_function(lambda v: er.sin(v) * v)(2.0)
        er.set_random_seed(0)
        er.random_normal([3]).numpy()
        with er.device("cpu:0"):
            er.zeros([2]).cpu()
        er.get_default_device()
        print(sorted(m for m in sys.modules if m.split(".")[0] in ("cupy", "cupyx", "cupy_backends")))
    """)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(tmp_path), os.environ.get("PYTHONPATH")]))}
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, env=env)
    assert proc.returncode == 0, proc.stderr
    assert "cupy was imported" not in proc.stderr
    assert proc.stdout.strip() == "[]"


# --- copies between devices ----------------------------------------------------------------------

def test_cpu_gives_an_equal_tensor_on_cpu0(device):
    x = er.constant([[1.0, 2.0], [3.0, 4.0]])
    y = x.cpu()
    assert isinstance(y, er.Tensor)
    assert (y.device, y.dtype, y.shape) == ("cpu:0", x.dtype, x.shape)
    np.testing.assert_array_equal(y.numpy(), x.numpy())


@pytest.mark.parametrize("target", ["cpu:0", "/CPU:0", "cpu"])
def test_to_cpu0_gives_an_equal_tensor_there(device, target):
    x = er.constant([1, 2, 3])
    y = x.to(target)
    assert (y.device, y.dtype, y.shape) == ("cpu:0", er.int32, (3,))
    np.testing.assert_array_equal(y.numpy(), [1, 2, 3])


def test_to_its_own_device_gives_an_equal_tensor(device):
    x = er.constant([1.5, 2.5])
    y = x.to(device)
    assert y.device == device
    np.testing.assert_array_equal(y.numpy(), x.numpy())


def test_a_variable_copies_its_current_value(device):
    v = er.Variable([1.0, 2.0])
    v.assign_add([1.0, 1.0])
    c = v.cpu()
    assert c.device == "cpu:0"
    np.testing.assert_array_equal(c.numpy(), [2.0, 3.0])


@pytest.mark.parametrize("move", [lambda x: x.to("cpu:0"), lambda x: x.cpu()], ids=["to", "cpu"])
def test_gradients_flow_through_to_and_cpu(device, move):
    (g,) = er.gradients_function(lambda x: move(x) * 2)(3.0)
    assert g.numpy() == 2.0
    assert g.device == device  # the gradient comes back to where x lives


def test_second_derivative_through_a_copy(device):
    d2 = er.gradients_function(lambda x: er.gradients_function(lambda y: y.cpu() ** 3)(x)[0])
    assert d2(2.0)[0].numpy() == pytest.approx(12.0)


def test_gradient_tape_through_a_copy(device):
    x = er.constant([1.0, 2.0])
    with er.GradientTape() as tape:
        tape.watch(x)
        y = er.reduce_sum(er.square(x.to("cpu:0")))
    g = tape.gradient(y, x)
    assert g.device == device
    np.testing.assert_array_equal(g.numpy(), [2.0, 4.0])


def test_set_random_seed_repeats_on_each_device(device):
    er.set_random_seed(7)
    a = er.random_normal([3])
    er.set_random_seed(7)
    b = er.random_normal([3])
    assert a.device == b.device == device
    np.testing.assert_array_equal(a.numpy(), b.numpy())
    assert not np.array_equal(er.random_normal([3]).numpy(), b.numpy())


@pytest.mark.parametrize("dtype", [er.float32, er.complex64])
def test_gradient_of_indexing_adds_up_repeated_indices(device, dtype):
    # On a GPU this scatter-adds with CuPy, which has no complex scatter_add of its own.
    x = er.constant([1.0, 2.0, 3.0], dtype=dtype)
    (g,) = er.gradients_function(lambda x: er.reduce_sum(er.gather(x, [0, 0, 2])) + er.reduce_sum(x[[2]]))(x)
    assert (g.device, g.dtype) == (device, dtype)
    np.testing.assert_array_equal(g.numpy(), np.array([2, 0, 2], dtype=dtype))


def test_an_index_out_of_range_raises_on_every_device(device):
    # CuPy wraps such indices around; eagerrepl checks them first.
    x = er.constant([[1.0, 2.0, 3.0]])
    for key in ((0, 3), (slice(None), [0, 3]), (Ellipsis, -4), er.constant([1])):
        with pytest.raises(er.IndexOutOfRangeError, match="out of bounds"):
            x[key]


def test_gradients_as_host_values_follow_their_variable(device):
    v = er.Variable([1.0, 2.0])
    er.train.GradientDescentOptimizer(0.5).apply_gradients([([2.0, 4.0], v), (np.array([2.0, 2.0]), v)])
    assert v.device == device
    np.testing.assert_array_equal(v.numpy(), [-1.0, -1.0])


# --- DLPack with numpy and PyTorch on the CPU ----------------------------------------------------

@pytest.mark.cpu_only  # numpy reads host memory only; GPU exchange is tested with CuPy below
def test_numpy_from_dlpack_shares_the_tensors_memory():
    t = er.constant([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    assert t.__dlpack_device__() == (1, 0)  # kDLCPU, device 0
    a = np.from_dlpack(t)
    assert a.dtype == np.float32 and a.shape == (2, 3)
    np.testing.assert_array_equal(a, t.numpy())
    assert np.shares_memory(a, t.numpy())


@pytest.mark.cpu_only
def test_from_dlpack_of_a_numpy_array_shares_its_memory():
    a = np.arange(12, dtype=np.int64).reshape(3, 4)
    t = er.from_dlpack(a)
    assert isinstance(t, er.Tensor)
    assert (t.device, t.dtype, t.shape) == ("cpu:0", er.int64, (3, 4))
    np.testing.assert_array_equal(t.numpy(), a)
    assert np.shares_memory(t.numpy(), a)
    assert np.shares_memory(np.from_dlpack(t), a)  # and back, still without a copy


@pytest.mark.cpu_only
def test_dlpack_of_a_0d_tensor():
    t = er.constant(3.5)
    assert np.from_dlpack(t).shape == ()
    assert float(np.from_dlpack(t)) == 3.5
    s = er.from_dlpack(np.array(2.0))
    assert s.shape == () and s.numpy() == 2.0


@pytest.mark.cpu_only
def test_from_dlpack_of_something_else_says_what_it_takes():
    with pytest.raises(TypeError, match="does not speak DLPack.*er.constant"):
        er.from_dlpack([1.0, 2.0])


@pytest.mark.cpu_only
def test_dlpack_exchange_with_torch_on_the_cpu():
    torch = pytest.importorskip("torch")
    tt = torch.arange(6.0).reshape(2, 3)
    t = er.from_dlpack(tt)
    assert (t.device, t.dtype, t.shape) == ("cpu:0", er.float32, (2, 3))
    np.testing.assert_array_equal(t.numpy(), tt.numpy())
    assert np.shares_memory(t.numpy(), tt.numpy())
    back = torch.from_dlpack(t)
    assert back.data_ptr() == tt.data_ptr()
    mine = er.constant([1.0, 2.0])
    from_mine = torch.from_dlpack(mine)
    assert from_mine.tolist() == [1.0, 2.0]
    assert np.shares_memory(from_mine.numpy(), mine.numpy())


@pytest.mark.cpu_only
def test_dlpack_exchange_with_jax_on_the_cpu():
    jax = pytest.importorskip("jax")
    mine = er.constant([1.0, 2.0, 3.0])
    theirs = jax.numpy.from_dlpack(mine)
    # No memory check: XLA copies host buffers that are not aligned as it wants.
    assert theirs.tolist() == [1.0, 2.0, 3.0]
    # JAX's own arrays go to its default device, which is a GPU where JAX has one: ask for its CPU.
    with jax.default_device(jax.devices("cpu")[0]):
        back = er.from_dlpack(jax.numpy.arange(4.0))
    assert (back.device, back.dtype, back.numpy().tolist()) == ("cpu:0", er.float32, [0.0, 1.0, 2.0, 3.0])


# --- on a GPU ------------------------------------------------------------------------------------
# gpu_only tests run inside er.device("gpu:0"); a CPU tensor is made in er.device("cpu:0").

def on_cpu(value, dtype=None):
    with er.device("cpu:0"):
        return er.constant(value, dtype=dtype)


@pytest.mark.gpu_only
@pytest.mark.parametrize("dtype", [er.float16, er.float32, er.float64, er.int32, er.int64, er.bool, er.uint8])
def test_gpu_round_trip_keeps_values_and_dtype(dtype):
    x = on_cpu(np.array([[0, 1, 2], [3, 4, 5]]).astype(dtype))
    g = x.gpu()
    assert (g.device, g.dtype, g.shape) == ("gpu:0", x.dtype, x.shape)
    back = g.cpu()
    assert (back.device, back.dtype) == ("cpu:0", x.dtype)
    np.testing.assert_array_equal(back.numpy(), x.numpy())
    np.testing.assert_array_equal(x.to("gpu:0").to("cpu:0").numpy(), x.numpy())


@pytest.mark.gpu_only
def test_str_and_repr_of_a_gpu_tensor_name_the_device():
    t = er.constant([1.0, 2.0])
    assert "device=gpu:0" in str(t)
    assert "device=gpu:0" in repr(t)
    assert "device=" not in str(t.cpu())


@pytest.mark.gpu_only
@pytest.mark.parametrize("op", [
    lambda c, g: c + g, lambda c, g: g * c, lambda c, g: er.matmul(c, g), lambda c, g: er.concat([g, c], 0),
    lambda c, g: er.maximum(c, g),
], ids=["c + g", "g * c", "matmul", "concat", "maximum"])
def test_mixing_cpu_and_gpu_tensors_is_a_device_error_naming_both(op):
    c = on_cpu([[1.0, 2.0], [3.0, 4.0]])
    g = er.constant([[1.0, 2.0], [3.0, 4.0]])
    with pytest.raises(er.DeviceError) as info:
        op(c, g)
    message = str(info.value)
    for words in ("cpu:0", "gpu:0", ".gpu()", ".cpu()"):
        assert words in message, message


@pytest.mark.gpu_only
def test_a_0d_cpu_tensor_next_to_a_gpu_tensor_is_a_device_error_too():
    s = on_cpu(2.0)
    g = er.constant([1.0, 2.0])
    with pytest.raises(er.DeviceError):
        s * g
    with pytest.raises(er.DeviceError):
        g * s


@pytest.mark.gpu_only
def test_python_values_next_to_a_gpu_tensor_follow_it_to_the_gpu():
    g = er.constant([1.0, 2.0])
    with er.device("cpu:0"):  # the scope says cpu, the tensor says gpu: the tensor wins
        outs = [g + 1.0, 2 * g, g * [1.0, 2.0], [3.0, 4.0] - g, er.add(g, 1.0), er.maximum([0.5, 5.0], g),
                g + np.array([1.0, 1.0], np.float32)]
    for out in outs:
        assert out.device == "gpu:0", out
    np.testing.assert_array_equal(outs[0].numpy(), [2.0, 3.0])
    np.testing.assert_array_equal(outs[3].numpy(), [2.0, 2.0])


@pytest.mark.gpu_only
def test_gradient_through_a_trip_to_the_gpu_comes_back_on_the_cpu():
    x = on_cpu(3.0)
    (g,) = er.gradients_function(lambda x: (x.gpu() * 2).cpu())(x)
    assert g.device == "cpu:0" and g.numpy() == 2.0


@pytest.mark.gpu_only
def test_a_variable_on_the_gpu_is_updated_in_place_by_optimizers():
    v = er.Variable([1.0, 2.0])
    assert v.device == "gpu:0"
    er.train.GradientDescentOptimizer(0.5).apply_gradients([(er.constant([2.0, 4.0]), v)])
    assert v.device == "gpu:0"
    np.testing.assert_array_equal(v.numpy(), [0.0, 0.0])
    w = er.Variable([3.0, -2.0])
    opt = er.train.AdamOptimizer(0.1)
    for _ in range(300):
        loss = opt.minimize(lambda: er.reduce_sum(er.square(w - [1.0, 2.0])))
    assert w.device == "gpu:0" and loss.device == "gpu:0"
    np.testing.assert_allclose(w.numpy(), [1.0, 2.0], atol=1e-2)


@pytest.mark.gpu_only
def test_numpy_of_a_gpu_tensor_is_a_host_array():
    t = er.constant([1.0, 2.0])
    a = t.numpy()
    assert type(a) is np.ndarray
    np.testing.assert_array_equal(a, [1.0, 2.0])
    assert isinstance(er.constant(3.0).numpy(), np.float32)
    np.testing.assert_array_equal(np.asarray(t), [1.0, 2.0])
    with pytest.raises(ValueError, match="copy to the host"):
        np.asarray(t, copy=False)  # numpy 2's contract: no copy, or an error


@pytest.mark.gpu_only
def test_complex_sign_and_division_give_numpys_values_at_zeros_infinities_and_overflow():
    # CuPy's own give nan for each of these (backend/numpy_rules.py); the tests' stand-in does the same.
    inf = np.inf
    z = np.array([complex(0, inf), complex(-inf, 1), complex(inf, inf), 3e38 + 3e38j, 0j, 3 + 4j], np.complex64)
    x = np.array([1 + 1j, -2 + 0j, 1j, 1 + 1j], np.complex128)
    y = np.array([0j, 0j, complex(inf, 0), 2 - 1j], np.complex128)
    with np.errstate(all="ignore"):
        signs, quotients = np.sign(z), x / y
    np.testing.assert_array_equal(er.sign(er.constant(z)).numpy(), signs)
    np.testing.assert_array_equal(er.divide(er.constant(x), er.constant(y)).numpy(), quotients)
    np.testing.assert_array_equal((1 + 1j) / er.constant(np.array([False])), [complex(inf, inf)])


@pytest.mark.gpu_only
def test_a_gpu_that_does_not_exist_is_a_device_error_naming_the_count():
    n = er.num_gpus()
    with pytest.raises(er.DeviceError, match=f"gpu:{n} does not exist.*{n} GPU"):
        with er.device(f"gpu:{n}"):
            pass


@pytest.mark.gpu_only
def test_dlpack_exchange_with_cupy_shares_memory():
    cupy = real_cupy()
    t = er.constant([[1.0, 2.0], [3.0, 4.0]])
    assert t.__dlpack_device__() == (2, 0)  # kDLCUDA, device 0
    c = cupy.from_dlpack(t)
    assert c.dtype == np.float32 and c.shape == (2, 2)
    assert cupy.from_dlpack(t).data.ptr == c.data.ptr  # two imports, one buffer: no copy
    np.testing.assert_array_equal(cupy.asnumpy(c), t.numpy())
    mine = er.from_dlpack(cupy.arange(4.0))
    assert mine.device == "gpu:0"
    np.testing.assert_array_equal(mine.numpy(), [0.0, 1.0, 2.0, 3.0])
    original = cupy.arange(3.0)
    assert cupy.from_dlpack(er.from_dlpack(original)).data.ptr == original.data.ptr


@pytest.mark.gpu_only
def test_cupy_arrays_meet_gpu_tensors_on_either_side():
    cupy = pytest.importorskip("cupy")
    t = er.constant([1.0, 2.0])
    for result in (cupy.ones(2, dtype=cupy.float32) + t, t + cupy.ones(2, dtype=cupy.float32)):
        assert isinstance(result, er.Tensor) and result.device == "gpu:0"
        np.testing.assert_array_equal(result.numpy(), [2.0, 3.0])


@pytest.mark.gpu_only
def test_dlpack_exchange_with_torch_on_the_gpu():
    torch = pytest.importorskip("torch")
    if not torch.cuda.is_available():
        pytest.skip("PyTorch here has no CUDA")
    tt = torch.arange(6.0, device="cuda").reshape(2, 3)
    t = er.from_dlpack(tt)
    assert (t.device, t.dtype, t.shape) == ("gpu:0", er.float32, (2, 3))
    np.testing.assert_array_equal(t.numpy(), tt.cpu().numpy())
    assert torch.from_dlpack(t).data_ptr() == tt.data_ptr()


@pytest.mark.gpu_only
def test_set_random_seed_repeats_gpu_random_numbers():
    draws = []
    for _ in range(2):
        er.set_random_seed(11)
        draws.append([er.random_uniform([5]).numpy(), er.random_normal([5], seed=3).numpy(),
                      er.truncated_normal([5]).numpy()])
    assert er.random_uniform([1]).device == "gpu:0"
    for first, second in zip(*draws):
        np.testing.assert_array_equal(first, second)

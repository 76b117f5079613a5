"""Every engine test runs once per device: inside `er.device("cpu:0")`, then `er.device("gpu:0")`.

A test's id names its device (`test_add[cpu:0]`, `test_unary[abs-gpu:0]`). Where this machine has no
GPU, the gpu:0 run is skipped with the backend's own DeviceError message as the reason, so a skip
says what is missing. A test that only makes sense on the CPU is marked `@pytest.mark.cpu_only`
and runs once, on cpu:0; a test of GPU behaviour is marked `@pytest.mark.gpu_only` and runs once,
on gpu:0 (skipped with that reason where there is none). A test that needs the device's name asks
for the `device` fixture. EAGERREPL_TEST_DEVICES=gpu:0 runs only the gpu:0 half (`make gpu-check` does:
the CPU half runs in `make test`); the other device's runs are then skipped, saying so.

Hypothesis: its function_scoped_fixture health check skips autouse fixtures (its pytest plugin only
looks at the fixtures a test names in its signature), and entering a device scope once around all
of a test's examples is what we want. So no settings profile is needed. A @given test that asks
for `device` by name must suppress that check in its own @settings.
"""

import functools
import os

import pytest

import eagerrepl as er

DEVICES = ("cpu:0", "gpu:0")
SELECTED = os.environ.get("EAGERREPL_TEST_DEVICES", ",".join(DEVICES)).split(",")


def pytest_configure(config):
    config.addinivalue_line("markers", "cpu_only: run this engine test once, on cpu:0 (not once per device)")
    config.addinivalue_line("markers", "gpu_only: run this engine test once, on gpu:0 (skipped where there is no GPU)")


@functools.cache
def unavailable(name):
    """Why tensors cannot be placed on `name` here (the backend's DeviceError message), or None."""
    if name in er.list_devices():
        return None
    try:
        with er.device(name):
            pass
    except er.DeviceError as exc:
        return f"{name}: {exc}"
    return f"{name} is not in er.list_devices() {er.list_devices()}"


@pytest.hookimpl(trylast=True)  # after @pytest.mark.parametrize: the device comes last in the id
def pytest_generate_tests(metafunc):
    # `device` is autouse here, so every engine test takes it.
    if metafunc.definition.get_closest_marker("cpu_only"):
        names = ("cpu:0",)
    elif metafunc.definition.get_closest_marker("gpu_only"):
        names = ("gpu:0",)
    else:
        names = DEVICES
    params = []
    for name in names:
        reason = unavailable(name) if name in SELECTED else f"{name}: EAGERREPL_TEST_DEVICES={','.join(SELECTED)}"
        params.append(pytest.param(name, id=name, marks=[pytest.mark.skip(reason=reason)] if reason else []))
    metafunc.parametrize("device", params, indirect=True)


@pytest.fixture(autouse=True)
def device(request):
    """The name of the device this run of the test computes on; new tensors land there."""
    with er.device(request.param):
        yield request.param

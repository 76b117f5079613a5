"""The engine's GPU path, run on this machine's CPU through the tests' stand-in for CuPy (tests/gpu_stand_in).

The stand-in keeps CuPy's rules (it refuses numpy arrays, has its own array type, truncates float
indices, differs from numpy where CuPy does) and records every call that reaches it through numpy's
dispatch and every read of a device value on the host. In a subprocess with it first on the path:

- the gpu:0 half of this engine suite passes, and no line of eagerrepl goes through numpy's dispatch:
  ops call CuPy's functions directly;
- the benchmarks' cases and a few more training steps never make the host wait for the device.

On a real GPU, `make gpu-check` runs the gpu:0 half against CuPy itself.
"""

import json
import os
import subprocess
import sys
import textwrap
from collections import Counter
from pathlib import Path

import pytest

pytestmark = pytest.mark.cpu_only  # each test starts its own process on the stand-in's gpu:0

ROOT = Path(__file__).parents[2]
STAND_IN = ROOT / "tests" / "gpu_stand_in"


def on_stand_in(args, report=None, timeout=600):
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(STAND_IN), str(ROOT)]),
           "EAGERREPL_TEST_DEVICES": "gpu:0"}
    if report is not None:
        env["EAGERREPL_STAND_IN_REPORT"] = str(report)
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=timeout)


def engine_sites(records):
    """The recorded sites in eagerrepl's own code (the stand-in names them engine/... and backend/...)."""
    return {site: n for site, n in records.items() if site.startswith(("engine/", "backend/"))}


def test_the_gpu_half_of_the_engine_suite_passes_without_numpys_dispatch(tmp_path):
    pytest.importorskip("xdist")  # the dev extra has it; alone, the run takes twice as long
    report = tmp_path / "records"
    report.mkdir()
    result = on_stand_in(["-m", "pytest", "tests/engine", "-q", "-p", "no:cacheprovider", "-n", "2",
                          "-o", "addopts="], report)
    assert result.returncode == 0, result.stdout[-5000:] + result.stderr[-2000:]
    assert " passed" in result.stdout.splitlines()[-1]
    dispatched = Counter()
    for path in report.glob("*.json"):
        dispatched.update(json.loads(path.read_text())["dispatch"])
    assert not engine_sites(dispatched), f"eagerrepl went through numpy's dispatch: {engine_sites(dispatched)}"


WORKLOADS = textwrap.dedent("""
    import json, sys
    import numpy as np
    sys.path.insert(0, "benchmarks")
    import cupy, cases
    import eagerrepl as er
    from eagerrepl import backend
    from eagerrepl.backend import numpy_rules

    def adam_softmax_step():
        x, w = er.random_normal([8, 5]), er.Variable(er.random_normal([5, 3]))
        labels = er.one_hot([0, 2, 1, 0, 1, 2, 2, 0], 3)
        opt = er.train.AdamOptimizer(0.1)
        return lambda: opt.minimize(lambda: er.reduce_mean(er.nn.softmax_cross_entropy_with_logits(labels, x @ w)))

    def hessian():
        x = er.constant([0.5, -1.0, 2.0])
        return lambda: er.hessian(lambda v: er.reduce_sum(er.sigmoid(v) * er.exp(v) / (v * v + 1)))(x)

    found = {"functions": {
        "add": backend.gpu_function(np.add) is cupy.add,
        "matmul": backend.gpu_function(np.matmul) is cupy.matmul,
        "sign": backend.gpu_function(np.sign).func is numpy_rules.sign,
        "own": backend.gpu_function(hessian) is hessian,
    }}
    with er.device("gpu:0"):
        workloads = {name: cases.CASES[name](cupy, True)[2] for name in
                     ("add_small", "chain10_small", "ops_small", "grad_small", "grad3_scalar", "linreg_step",
                      "mlp_step", "matmul_512")}
        workloads.update(adam_softmax_step=adam_softmax_step(), hessian=hessian())
        x = er.constant([1.0, 2.0])
        workloads["control"] = lambda: float(er.reduce_sum(x * x))  # reads a value: a sync
        for name, run in workloads.items():
            run()
            run()  # warm: nothing made for the first time while recording
            cupy.reset_records()
            run()
            found[name] = cupy.records()
    print(json.dumps(found))
""")


@pytest.fixture(scope="module")
def workloads():
    result = on_stand_in(["-c", WORKLOADS])
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_the_stand_in_sees_a_read_of_a_device_value(workloads):
    (site, count), = workloads["control"]["sync"].items()
    assert site.startswith("engine/tensor.py:") and site.endswith("(_single): item") and count == 1


def test_on_gpu_arrays_ops_call_cupys_functions(workloads):
    assert workloads["functions"] == {"add": True, "matmul": True, "sign": True, "own": True}


@pytest.mark.parametrize("name", ["add_small", "chain10_small", "ops_small", "grad_small", "grad3_scalar",
                                  "linreg_step", "mlp_step", "matmul_512", "adam_softmax_step", "hessian"])
def test_steps_never_wait_for_the_device_nor_go_through_numpys_dispatch(workloads, name):
    records = workloads[name]
    assert records["sync"] == {}, f"{name} read device values on the host: {records['sync']}"
    assert records["dispatch"] == {}, f"{name} went through numpy's dispatch: {records['dispatch']}"

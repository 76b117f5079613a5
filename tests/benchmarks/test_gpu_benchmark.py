"""benchmarks/gpu.py keeps working where it cannot be timed for real: no test here asserts a speed.

Its harness runs on cpu:0 against numpy (each case first checks eagerrepl's result against the
floor's), and without a GPU the default run says why and exits 0, so `make bench-gpu` is safe.
"""

import subprocess
import sys
from pathlib import Path

import pytest

import eagerrepl as er

SCRIPT = Path(__file__).parents[2] / "benchmarks" / "gpu.py"


def run(*args):
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True, timeout=300)


def test_every_case_runs_and_agrees_with_the_floor_on_the_cpu():
    result = run("--device", "cpu:0", "--quick")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ERROR" not in result.stdout
    for case in ("add_small", "ops_small", "grad3_scalar", "mlp_step_4096", "matmul_8192_f16", "no_sync"):
        assert f"`{case}`" in result.stdout  # a row of the README table


def test_without_a_gpu_the_default_run_says_why_and_succeeds():
    if er.num_gpus():
        pytest.skip("a GPU is present: the default run times it")
    result = run()
    assert result.returncode == 0
    assert "skipped" in result.stdout and "gpu:0" in result.stdout

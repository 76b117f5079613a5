"""tools/gpu_check.py (`make gpu-check`) and how the GPU targets pick a CuPy: checked on this machine's CPU.

On a machine without a GPU the check says so and succeeds; `--device cpu:0` runs every step (tests,
demo, benchmark) end to end, here with the front ends' packages made unimportable, as on a GPU
machine that has only numpy, CuPy, pytest and hypothesis.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

import eagerrepl as er

ROOT = Path(__file__).parents[2]
SCRIPT = ROOT / "tools" / "gpu_check.py"
STAND_IN = ROOT / "tests" / "gpu_stand_in"

# Imported by a sitecustomize.py first on the path: any import of a front end's package fails.
BLOCKER = '''
import sys
BLOCKED = {"IPython", "prompt_toolkit", "ipykernel", "jedi", "rich", "jupyter_client", "zmq", "matplotlib"}
class Blocker:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in BLOCKED:
            raise ImportError(f"{name}: this machine has none of the front ends' packages")
sys.meta_path.insert(0, Blocker())
'''


def check(tmp_path, *args, env=None):
    return subprocess.run([sys.executable, str(SCRIPT), "--logs", str(tmp_path / "logs"), *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=400, env=env)


def test_without_a_gpu_the_summary_says_so_and_the_check_succeeds(tmp_path):
    if er.num_gpus():
        pytest.skip("a GPU is present: the check runs on it")
    result = check(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    summary = (tmp_path / "logs" / "summary.txt").read_text()
    assert "no GPU: gpu:0 cannot be used here" in summary and "nothing was run" in summary
    assert summary.strip() in result.stdout


def test_on_the_cpu_every_step_runs_without_the_front_ends_packages(tmp_path):
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "sitecustomize.py").write_text(BLOCKER)
    env = {**os.environ, "PYTHONPATH": str(tmp_path / "site")}
    result = check(tmp_path, "--device", "cpu:0", "--quick", "--tests", "tests/engine/test_devices.py", env=env)
    logs = tmp_path / "logs"
    summary = (logs / "summary.txt").read_text()
    assert result.returncode == 0, summary + (logs / "tests.log").read_text()[-3000:]
    lines = summary.splitlines()
    assert next(line for line in lines if line.startswith("tests in ")).endswith("workers:")
    cpu = next(line for line in lines if line.startswith("  cpu:0: "))
    assert " passed, 0 failed, " in cpu and not cpu.startswith("  cpu:0: 0 passed")
    assert "demo: ran in " in summary and "the matmul landed on cpu:0" in summary
    for case in ("add_small", "grad3_scalar", "mlp_step_4096", "matmul_8192_f16", "no_sync"):
        row = next(line for line in lines if line.strip().startswith(case + " "))
        assert row.split()[-1] in ("PASS", "MISS", "—", "n/a"), row
    assert lines[-1] == "gpu-check: every step ran and every test passed"
    for log in ("tests.log", "demo.log", "benchmark.log", "benchmark.json"):
        assert (logs / log).stat().st_size > 0


def make_variables(*assignments, pythonpath=""):
    """GPU_PYTHON and GPU_EXTRA as the Makefile works them out, with these command-line assignments."""
    rule = "print-gpu:\n\t@echo \"python=$(GPU_PYTHON) extra=$(GPU_EXTRA)\"\n"
    result = subprocess.run(["make", "-s", "--no-print-directory", "-f", "Makefile", "-f", "-", "print-gpu",
                             *assignments], input=rule, cwd=ROOT, capture_output=True, text=True, timeout=60,
                            env={**os.environ, "PYTHONPATH": pythonpath})
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_the_gpu_targets_use_an_importable_cupy_as_it_is(tmp_path):
    # The stand-in is a CuPy that .venv's Python can import: the targets run with it, installing nothing.
    assert make_variables(pythonpath=str(STAND_IN)).startswith("python=.venv/bin/python ")


def test_without_cupy_the_targets_would_install_the_extra_for_the_drivers_cuda():
    nowhere = "PYTHON=/nonexistent/python3"  # python3 here may have a CuPy of its own: ask none
    if not make_variables(nowhere).startswith("python= "):
        pytest.skip("this machine's .venv has a CuPy")
    assert make_variables(nowhere, "CUDA_MAJOR=13") == "python= extra=gpu-cuda13"
    assert make_variables(nowhere, "CUDA_MAJOR=12") == "python= extra=gpu-cuda12"
    assert make_variables(nowhere, "CUDA_MAJOR=") == "python= extra=gpu-cuda12"

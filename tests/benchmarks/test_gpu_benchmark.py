"""benchmarks/gpu.py keeps working where it cannot be timed for real: no test here asserts a speed.

Its harness runs on cpu:0 against numpy (each case first checks eagerrepl's result against the
floor's), and without a GPU the default run says why and exits 0, so `make bench-gpu` is safe.
"""

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

import eagerrepl as er

SCRIPT = Path(__file__).parents[2] / "benchmarks" / "gpu.py"
CASES = SCRIPT.with_name("cases.py")


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


def test_json_results_give_each_case_its_numbers_target_and_result(tmp_path):
    out = tmp_path / "gpu.json"
    result = run("--device", "cpu:0", "--quick", "--only", "add_small", "grad_small", "no_sync", "--json", str(out))
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads(out.read_text())
    rows = {row["case"]: row for row in report["cases"]}
    assert list(rows) == ["add_small", "grad_small", "no_sync"]
    add = rows["add_small"]
    assert add["target"] == "≤ 1.15x" and add["result"] in ("PASS", "MISS")
    assert add["ratio"] == add["eagerrepl_us"] / add["floor_us"] > 0
    # Being ahead of PyTorch is judged only where PyTorch ran beside it.
    assert rows["grad_small"]["target"] == "< PyTorch"
    assert rows["grad_small"]["result"] == ("—" if report["torch"] is None else rows["grad_small"]["result"])
    assert rows["no_sync"]["result"] == "n/a"


def test_without_a_gpu_the_json_says_it_was_skipped(tmp_path):
    if er.num_gpus():
        pytest.skip("a GPU is present: the default run times it")
    out = tmp_path / "gpu.json"
    assert run("--json", str(out)).returncode == 0
    report = json.loads(out.read_text())
    assert report["cases"] == [] and "gpu:0" in report["skipped"]


def test_every_case_has_a_pytorch_side():
    spec = importlib.util.spec_from_file_location("benchmark_cases", CASES)
    cases = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(cases)
    assert set(cases.TORCH_CASES) == set(cases.CASES)

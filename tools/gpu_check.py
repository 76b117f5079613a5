"""One command for a machine with an NVIDIA GPU: the engine suite on gpu:0 (and cpu:0), the GPU demo and benchmark.

    make gpu-check LOGS=DIR          # or: python tools/gpu_check.py --logs DIR

Runs from the source tree with the Python that runs it, which needs numpy, CuPy, pytest and
hypothesis (pytest-xdist to spread the tests over the cores; PyTorch for the benchmark's peer
column), and none of the front ends' packages. Each step runs under its own time limit, all of them
within 8 minutes, and writes its log to DIR; a short summary ends the run and is saved as
DIR/summary.txt: the tests passed and failed on each device, whether the demo computed on the GPU,
each benchmark case's ratio and verdict. The engine suite's cpu:0 half runs too: `make test` runs it
elsewhere, but a GPU machine's libraries differ (JAX's default device is its GPU there). Exit status
0 when every step ran and no test failed (a benchmark that misses its target is reported, not
failed); without a usable GPU it says why and exits 0.
`--device cpu:0` runs the same steps on the CPU, which the tests use to keep it working.
"""

import argparse
import json
import os
import platform
import re
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Seconds per step: 465 in all, within 8 minutes (the first H200 run took 72 s for both halves of the
# suite with 8 workers; the benchmark about 90 s).
LIMITS = {"probe": 45, "tests": 210, "demo": 60, "benchmark": 150}


def run_step(name, command, logs, limit, env):
    """Run `command` in the source tree, its output to logs/<name>.log: (exit status or None on timeout, seconds)."""
    log = logs / f"{name}.log"
    start = time.monotonic()
    with open(log, "w") as out:
        out.write(f"$ {' '.join(command)}\n\n")
        out.flush()
        # Its own process group, so that a timeout ends pytest's workers too.
        proc = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True)
        try:
            status = proc.wait(timeout=limit)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            status = None
            out.write(f"\n\ngpu_check: stopped after its time limit of {limit} s\n")
    return status, time.monotonic() - start


def probe(device, env):
    """(device is usable, a line about the machine): asked of a fresh Python, as the steps will run."""
    code = ("import numpy, platform, eagerrepl as er\n"
            f"with er.device({device!r}): where = er.constant(0.0).device\n"
            "parts = [f'Python {platform.python_version()}', f'numpy {numpy.__version__}']\n"
            "if where != 'cpu:0':\n"
            "    import cupy\n"
            "    name = cupy.cuda.runtime.getDeviceProperties(0)['name']\n"
            "    parts.insert(0, f'{where} = {name.decode() if isinstance(name, bytes) else name}')\n"
            "    parts.append(f'CuPy {cupy.__version__}')\n"
            "print(', '.join(parts))\n")
    try:
        proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                              timeout=LIMITS["probe"])
    except subprocess.TimeoutExpired:
        return False, f"asking for it took over {LIMITS['probe']} s"
    if proc.returncode:
        lines = proc.stderr.strip().splitlines() or ["(no message)"]
        return False, lines[-1]
    return True, proc.stdout.strip()


def test_counts(xml_path):
    """{device: [passed, failed, skipped]} from pytest's JUnit XML report (by the device in each test's id), or None."""
    try:
        root = ET.parse(xml_path).getroot()
    except (OSError, ET.ParseError):
        return None
    counts = {}
    for case in root.iter("testcase"):
        device = re.search(r"(cpu:0|gpu:\d+)\]$", case.get("name", ""))
        outcome = 1 if case.find("failure") is not None or case.find("error") is not None else (
            2 if case.find("skipped") is not None else 0)
        counts.setdefault(device[1] if device else "other", [0, 0, 0])[outcome] += 1
    return counts


def failed_tests(log):
    """The ids of the failed tests, from pytest's short summary in the log."""
    return re.findall(r"^(?:FAILED|ERROR) (\S+)", log.read_text(errors="replace"), re.MULTILINE)


def has_xdist(env):
    return subprocess.run([sys.executable, "-c", "import xdist"], env=env, capture_output=True).returncode == 0


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--logs", required=True, help="folder for the logs and summary.txt (made if missing)")
    parser.add_argument("--device", default="gpu:0", help="device to check (default gpu:0; cpu:0 runs it on the CPU)")
    parser.add_argument("--tests", nargs="*", default=["tests/engine"], help="test paths (default tests/engine)")
    parser.add_argument("--workers", default="auto", help="pytest-xdist workers (default: one per core, at most 8)")
    parser.add_argument("--quick", action="store_true", help="a short benchmark (few, short rounds)")
    args = parser.parse_args(argv)
    logs = Path(args.logs).resolve()
    logs.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
           "EAGERREPL_TEST_DEVICES": "cpu:0" if args.device == "cpu:0" else f"cpu:0,{args.device}"}
    summary = [f"gpu-check of {args.device}, {time.strftime('%Y-%m-%d %H:%M')}, on {platform.node()}; logs in {logs}"]

    def finish(status):
        text = "\n".join(summary)
        (logs / "summary.txt").write_text(text + "\n")
        print("\n" + text, flush=True)
        return status

    usable, machine = probe(args.device, env)
    if not usable:
        summary.append(f"no GPU: {args.device} cannot be used here ({machine}); nothing was run")
        return finish(0)
    summary.append(machine)
    ok = True

    # 1. The engine suite on both devices, without the CPU's run of it on the tests' CuPy stand-in.
    xml = logs / "tests.xml"
    command = [sys.executable, "-m", "pytest", *args.tests, "-q", "-p", "no:cacheprovider", f"--junitxml={xml}",
               "--ignore=tests/engine/test_gpu_path.py"]
    if has_xdist(env):
        workers = str(min(os.cpu_count() or 1, 8)) if args.workers == "auto" else args.workers
        command += ["-n", workers]
        spread = f", {workers} workers"
    else:
        spread = ", one process (pytest-xdist is not installed)"
    print(f"gpu_check: engine tests on {env['EAGERREPL_TEST_DEVICES']}{spread}...", flush=True)
    status, seconds = run_step("tests", command, logs, LIMITS["tests"], env)
    counts = test_counts(xml)
    if status is None:
        ok = False
        summary.append(f"tests: STOPPED after {LIMITS['tests']} s (tests.log)")
    elif counts is None:
        ok = False
        summary.append(f"tests: ERROR, exit status {status} and no report (tests.log)")
    else:
        ok = ok and status == 0 and not any(failed for _, failed, _ in counts.values())
        summary.append(f"tests in {seconds:.0f} s{spread}:")
        summary += [f"  {device}: {passed} passed, {failed} failed, {skipped} skipped"
                    for device, (passed, failed, skipped) in sorted(counts.items())]
        summary += [f"  FAILED {test}" for test in failed_tests(logs / "tests.log")[:20]]

    # 2. The GPU demo: its matmul must land on the device.
    print("gpu_check: the GPU demo...", flush=True)
    status, seconds = run_step("demo", [sys.executable, "demos/gpu.py"], logs, LIMITS["demo"], env)
    # It prints "(256, 256) matmul on gpu:0: gpu:0": where it asked for, then where the result is.
    landed = re.search(r"matmul on (\S+): (\S+)", (logs / "demo.log").read_text(errors="replace"))
    wanted = args.device if args.device.startswith("gpu") else None  # on cpu:0 the demo picks any GPU there is
    if status is None:
        ok = False
        summary.append(f"demo: STOPPED after {LIMITS['demo']} s (demo.log)")
    elif status or not landed or landed[1] != landed[2] or (wanted and landed[2] != wanted):
        ok = False
        where = f"landed on {landed[2]}" if landed else "no matmul line"
        summary.append(f"demo: FAILED, exit status {status}, {where} (demo.log)")
    else:
        summary.append(f"demo: ran in {seconds:.0f} s, the matmul landed on {landed[2]}")

    # 3. The benchmark: ratios to raw CuPy (numpy on cpu:0), PyTorch beside them where it is importable.
    print("gpu_check: the GPU benchmark...", flush=True)
    report = logs / "benchmark.json"
    command = [sys.executable, "benchmarks/gpu.py", "--device", args.device, "--json", str(report)]
    status, seconds = run_step("benchmark", command + (["--quick"] if args.quick else []), logs,
                               LIMITS["benchmark"], env)
    if status is None:
        ok = False
        summary.append(f"benchmark: STOPPED after {LIMITS['benchmark']} s (benchmark.log)")
    else:
        summary += benchmark_summary(report, status, seconds)
        ok = ok and status == 0
    verdict = "every step ran and every test passed" if ok else "FAILED (see above and the logs)"
    summary.append(f"gpu-check: {verdict}")
    return finish(0 if ok else 1)


def benchmark_summary(report, status, seconds):
    """Lines for the summary: one per case, its ratio to the floor (and to PyTorch) and its verdict."""
    try:
        results = json.loads(report.read_text())
    except (OSError, ValueError):
        return [f"benchmark: ERROR, exit status {status} and no results (benchmark.log)"]
    torch = results.get("torch")
    peer = f", PyTorch on {torch}" if torch else f" (no PyTorch: {results.get('torch_left_out')})"
    lines = [f"benchmark: {seconds:.0f} s, ratios to {results['floor']}{peer}"]
    for row in results["cases"]:
        if row["case"] == "no_sync":
            text = f"host-device syncs: {row.get('eagerrepl')}"
        elif row.get("ratio") is None:
            text = f"error: {row.get('error', '?')}"
        else:
            text = f"{row['ratio']:.2f}x"
            if row.get("torch_us"):
                text += f", {row['eagerrepl_us'] / row['torch_us']:.2f}x PyTorch"
        lines.append(f"  {row['case']:<16} {text:<32} target {row['target']:<10} {row['result']}")
    return lines


if __name__ == "__main__":
    sys.exit(main())

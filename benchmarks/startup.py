"""Startup time: `eagerrepl` to a usable prompt in a pseudo-terminal, beside `ipython -c 1`.

Reports medians of several runs and their ratio, measured in one run on one machine.
Usage: python benchmarks/startup.py [RUNS]
"""

import os
import pty
import select
import shutil
import statistics
import subprocess
import sys
import tempfile
import time


def time_to_output(argv, marker, env, timeout=20.0):
    """Seconds from spawn until `marker` appears on the pty."""
    pid, fd = pty.fork()
    if pid == 0:
        os.execvpe(argv[0], argv, env)
    start = time.perf_counter()
    seen = b""
    try:
        while marker not in seen:
            ready, _, _ = select.select([fd], [], [], timeout)
            if not ready:
                raise TimeoutError(f"{argv} never printed {marker!r}")
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
        return time.perf_counter() - start
    finally:
        os.kill(pid, 9)
        os.waitpid(pid, 0)
        os.close(fd)


def time_command(argv, env):
    """Wall time of running argv to completion."""
    start = time.perf_counter()
    subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def median(fn, runs):
    fn()  # warm the file cache
    return statistics.median(fn() for _ in range(runs))


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, EAGERREPL_HISTORY=os.path.join(tmp, "history"), TERM="xterm",
                   PROMPT_TOOLKIT_NO_CPR="1", IPYTHONDIR=os.path.join(tmp, "ipython"))
        repl = [sys.executable, "-m", "eagerrepl.cli"]
        results = {
            "eagerrepl to prompt": median(lambda: time_to_output(repl, b"In [", env), runs),
            "eagerrepl -c 1": median(lambda: time_command(repl + ["-c", "1"], env), runs),
            "python -c 'import numpy'": median(
                lambda: time_command([sys.executable, "-c", "import numpy"], env), runs),
        }
        ipython = shutil.which("ipython")
        if ipython is None:
            try:
                import IPython  # noqa: F401
                ipython_cmd = [sys.executable, "-m", "IPython"]
            except ImportError:
                ipython_cmd = None
        else:
            ipython_cmd = [ipython]
        if ipython_cmd:
            results["ipython -c 1"] = median(lambda: time_command(ipython_cmd + ["-c", "1"], env), runs)
            results["ipython to prompt"] = median(lambda: time_to_output(ipython_cmd, b"In [", env), runs)
    width = max(map(len, results))
    for name, seconds in results.items():
        print(f"{name.ljust(width)}  {seconds * 1000:7.1f} ms")
    if "ipython -c 1" in results:
        print(f"eagerrepl to prompt / ipython -c 1: {results['eagerrepl to prompt'] / results['ipython -c 1']:.2f}")
        print(f"eagerrepl to prompt / ipython to prompt: "
              f"{results['eagerrepl to prompt'] / results['ipython to prompt']:.2f}")
    else:
        print("IPython not found: no comparison")


if __name__ == "__main__":
    main()

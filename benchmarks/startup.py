"""Startup time of `eagerrepl` beside IPython run from the same interpreter and environment.

Four measures, each the median of several rounds, the two programs taking turns:

- to a usable prompt: from spawn in a pseudo-terminal until `In [1]:` is drawn;
- to a first result: the same, then a cell needing numpy (`np.pi` for eagerrepl, where `np` is
  preloaded; `import numpy as np; np.pi` for IPython) until its `Out[1]` appears;
- `-c 1`: wall time of running the one cell `1` without a terminal;
- `python -c "import numpy"` for scale.

IPython is `python -m IPython` from this interpreter (never the `ipython` first on PATH, which may
be another environment's or a shim). Both get a fresh, empty IPYTHONDIR, and may write bytecode
caches (PYTHONDONTWRITEBYTECODE is dropped), as on a user's machine: pip compiled IPython's when it
installed it, and the warm-up round compiles eagerrepl's.
Usage: python benchmarks/startup.py [ROUNDS]
"""

import os
import platform
import pty
import select
import statistics
import subprocess
import sys
import tempfile
import time

PROMPT = b"In ["  # colours may come between "In [" and its number


def time_pty(argv, env, then=None, marker=b"Out[", timeout=30.0):
    """Seconds from spawn until the prompt appears or, with `then`, until `then` typed there gives `marker`."""
    pid, fd = pty.fork()
    if pid == 0:
        os.execvpe(argv[0], argv, env)
    start = time.perf_counter()
    try:
        _read_until(fd, PROMPT, argv, timeout)
        if then is None:
            return time.perf_counter() - start
        os.write(fd, then.encode() + b"\r")
        _read_until(fd, marker, argv, timeout)
        return time.perf_counter() - start
    finally:
        os.kill(pid, 9)
        os.waitpid(pid, 0)
        os.close(fd)


def _read_until(fd, marker, argv, timeout):
    seen = b""
    while marker not in seen:
        ready, _, _ = select.select([fd], [], [], timeout)
        if not ready:
            raise TimeoutError(f"{argv} never printed {marker!r}; last output: {seen[-300:]!r}")
        try:
            chunk = os.read(fd, 4096)
        except OSError:  # the child closed the terminal
            raise RuntimeError(f"{argv} ended before printing {marker!r}: {seen[-300:]!r}") from None
        if not chunk:
            raise RuntimeError(f"{argv} ended before printing {marker!r}: {seen[-300:]!r}")
        seen += chunk


def time_command(argv, env):
    """Wall time of running argv to completion, without a terminal."""
    start = time.perf_counter()
    subprocess.run(argv, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def medians(cases, rounds):
    """{name: median seconds}, running every case once per round, in turn, after one warm-up round."""
    times = {name: [] for name in cases}
    for round_ in range(rounds + 1):
        for name, measure in cases.items():
            seconds = measure()
            if round_:  # the first round only warms the file cache
                times[name].append(seconds)
    return {name: statistics.median(values) for name, values in times.items()}


def main():
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, TERM="xterm", PROMPT_TOOLKIT_NO_CPR="1", COLUMNS="100", LINES="40",
                   IPYTHONDIR=os.path.join(tmp, "ipython"))
        env.pop("EAGERREPL_HISTORY", None)
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        eagerrepl = [sys.executable, "-m", "eagerrepl.cli"]
        ipython = [sys.executable, "-m", "IPython"]
        # Make both profiles (and their history databases) before timing: a first start pays for that.
        time_command(eagerrepl + ["-c", "1"], env)
        time_pty(eagerrepl, env)
        time_pty(ipython, env)
        cases = {
            "eagerrepl to prompt": lambda: time_pty(eagerrepl, env),
            "ipython to prompt": lambda: time_pty(ipython, env),
            "eagerrepl to a first result": lambda: time_pty(eagerrepl, env, then="np.pi"),
            "ipython to a first result": lambda: time_pty(ipython, env, then="import numpy as np; np.pi"),
            "eagerrepl -c 1": lambda: time_command(eagerrepl + ["-c", "1"], env),
            "ipython -c 1": lambda: time_command(ipython + ["-c", "1"], env),
            "python -c 'import numpy'": lambda: time_command([sys.executable, "-c", "import numpy"], env),
        }
        results = medians(cases, rounds)
    print(f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"{time.strftime('%Y-%m-%d')}; medians of {rounds} rounds")
    width = max(map(len, results))
    for name, seconds in results.items():
        print(f"{name.ljust(width)}  {seconds * 1000:7.1f} ms")
    for measure in ("to prompt", "to a first result", "-c 1"):
        ratio = results[f"eagerrepl {measure}"] / results[f"ipython {measure}"]
        print(f"eagerrepl / ipython, {measure}: {ratio:.2f}")


if __name__ == "__main__":
    main()

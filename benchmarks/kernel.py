"""Jupyter kernel speed: start-to-ready time and the round trip of executing `1+1`, eagerrepl beside
ipykernel's own python3 kernel, in one run on one machine, both from this Python and environment.

- start to kernel_info: from KernelManager.start_kernel until the kernel answers kernel_info. The
  client retries its connection every 10 ms (ZeroMQ's default is 100 ms), so this is the kernel's
  own readiness, not the client's retry schedule.
- start to first result: the same, then until FIRST_CELL (which imports numpy) has come back. The
  eagerrepl kernel loads its extension (numpy, the engine, the magics) just before its first
  execute request, so both load numpy for that cell: the time until a person can compute with arrays.
- wait_for_ready: what jupyter_client front ends (jupyter console, nbclient) wait for, with ZeroMQ's
  defaults: it also waits up to 0.2 s to see IOPub connected, so its steps are coarse.
- 1+1 round trip: from sending execute_request until the execute_reply and the idle status arrive,
  once the first cells have run (the extension is loaded).

The two kernels take turns, round by round (starts) and block by block (round trips), so a machine
that slows down during the run slows both alike. Reports medians and the ratio eagerrepl / python3
(below 1 means eagerrepl is faster).
Usage: python benchmarks/kernel.py [STARTS] [ROUND_TRIPS]
"""

import os
import statistics
import subprocess
import sys
import tempfile
import time

import zmq
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager

FIRST_CELL = "import numpy as np; np.ones(3).sum()"


def start_to_ready(name):
    """Seconds from launching kernel `name` until jupyter_client's wait_for_ready returns; manager, client."""
    km = KernelManager(kernel_name=name)
    start = time.perf_counter()
    km.start_kernel(stderr=subprocess.DEVNULL)  # ipykernel's warnings, the same for both
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=60)
    return time.perf_counter() - start, km, kc


def start_to_first_result(name):
    """(seconds to the first kernel_info reply, seconds to FIRST_CELL's reply) for a fresh kernel."""
    context = zmq.Context()
    context.setsockopt(zmq.RECONNECT_IVL, 10)  # default for this context's sockets
    km = KernelManager(kernel_name=name, context=context)
    start = time.perf_counter()
    km.start_kernel(stderr=subprocess.DEVNULL)  # ipykernel's warnings, the same for both
    kc = km.client()
    kc.start_channels()
    try:
        msg_id = kc.kernel_info()
        while kc.get_shell_msg(timeout=60)["parent_header"].get("msg_id") != msg_id:
            pass
        info = time.perf_counter() - start
        msg_id = kc.execute(FIRST_CELL)
        while kc.get_shell_msg(timeout=60)["parent_header"].get("msg_id") != msg_id:
            pass
        return info, time.perf_counter() - start
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
        context.term()


def round_trip(kc, code="1+1"):
    """Seconds from execute_request to its execute_reply and idle status."""
    start = time.perf_counter()
    msg_id = kc.execute(code)
    reply = kc.get_shell_msg(timeout=30)
    while reply["parent_header"].get("msg_id") != msg_id:  # a late kernel_info reply to wait_for_ready's retries
        reply = kc.get_shell_msg(timeout=30)
    assert reply["content"]["status"] == "ok", reply["content"]
    while True:
        msg = kc.get_iopub_msg(timeout=30)
        if (msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "status"
                and msg["content"]["execution_state"] == "idle"):
            return time.perf_counter() - start


def measure(names, starts, trips, block=10):
    """Medians per kernel: start to kernel_info, to first result, wait_for_ready, 1+1 (and its p90)."""
    for name in names:
        start_to_first_result(name)  # warms the file cache
    firsts, startups, times = ({name: [] for name in names} for _ in range(3))
    for i in range(starts):
        for name in names if i % 2 else names[::-1]:
            firsts[name].append(start_to_first_result(name))
            seconds, km, kc = start_to_ready(name)
            startups[name].append(seconds)
            kc.stop_channels()
            km.shutdown_kernel(now=True)
    kernels = {name: start_to_ready(name)[1:] for name in names}
    try:
        for _, kc in kernels.values():
            for _ in range(block):
                round_trip(kc)
        for _ in range(max(1, trips // block)):
            for name, (_, kc) in kernels.items():
                times[name].extend(round_trip(kc) for _ in range(block))
    finally:
        for km, kc in kernels.values():
            kc.stop_channels()
            km.shutdown_kernel(now=True)
    results = {}
    for name in names:
        ordered = sorted(times[name])
        results[name] = (statistics.median(info for info, _ in firsts[name]),
                         statistics.median(result for _, result in firsts[name]),
                         statistics.median(startups[name]), statistics.median(ordered),
                         ordered[int(0.9 * (len(ordered) - 1))])
    return results


def main():
    starts = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    trips = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    from eagerrepl.kernel.install import install
    with tempfile.TemporaryDirectory() as tmp:
        # Both kernels from this Python; ours from a fresh install so editable checkouts work too.
        install(prefix=tmp)
        os.environ["JUPYTER_PATH"] = os.path.join(tmp, "share", "jupyter")
        os.environ["IPYTHONDIR"] = os.path.join(tmp, "ipython")
        os.environ["JUPYTER_RUNTIME_DIR"] = os.path.join(tmp, "runtime")
        os.environ["JUPYTER_PLATFORM_DIRS"] = "1"
        names = ("python3", "eagerrepl")
        for name in names:  # both must run this very Python
            argv = KernelSpecManager().get_kernel_spec(name).argv
            assert argv[0] in (sys.executable, "python"), (name, argv)
            print(f"{name}: {' '.join(argv)}")
        results = measure(names, starts, trips)
    columns = ["start to kernel_info", "start to numpy ready", "wait_for_ready", "1+1 median", "1+1 p90"]
    units = [("s", 1), ("s", 1), ("s", 1), ("ms", 1e3), ("ms", 1e3)]
    print(f"{starts} starts and {trips} round trips per kernel, medians")
    print(f"{'kernel':<10}" + "".join(f"{column:>22}" for column in columns))
    for name, values in results.items():
        cells = (f"{value * scale:>19.3f} {unit:<2}" for value, (unit, scale) in zip(values, units))
        print(f"{name:<10}" + "".join(cells))
    ours, theirs = results["eagerrepl"], results["python3"]
    print(f"{'ratio':<10}" + "".join(f"{a / b:>19.2f}   " for a, b in zip(ours, theirs)) + " (eagerrepl / python3)")


if __name__ == "__main__":
    main()

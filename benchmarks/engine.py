"""Engine speed against hand-written numpy doing the same arithmetic (the floor), in one run.

The cases (floor, eagerrepl's side and PyTorch's) are cases.py's, shared with gpu.py; PyTorch
(CPU) is a peer when it is importable. Single-threaded BLAS, so the ratios measure the
engine's overhead rather than the machine's core count. Prints microseconds per call (median of
several rounds) and the ratio to the floor.

    python benchmarks/engine.py [--rounds N] [--only CASE ...]
"""

import os

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

import argparse  # noqa: E402
import platform  # noqa: E402
import statistics  # noqa: E402
import timeit  # noqa: E402

import numpy as np  # noqa: E402

import cases  # noqa: E402 - benchmarks/cases.py, beside this script

try:
    import torch
    torch.set_num_threads(1)
except ImportError:
    torch = None

# Targets from the engine issue (13): the most eagerrepl may take, as a ratio to the numpy floor,
# or ("torch", r) as a ratio to PyTorch. Every case must also be ahead of PyTorch.
TARGETS = {"add_small": 2.0, "chain10_small": 2.2, "grad_small": 5.0, "grad3_scalar": ("torch", 0.5),
           "linreg_step": 2.5, "mlp_step": 1.12, "matmul_small": 1.2, "matmul_512": 1.03}


def implementations(name):
    """{"numpy": floor, "eagerrepl": ours, and "torch" when installed} for one case."""
    _, floor, ours = cases.CASES[name](np, False)
    impls = {"numpy": floor, "eagerrepl": ours}
    if torch:
        impls["torch"] = cases.TORCH_CASES[name](torch, "cpu")
    return impls


def per_call_us(fn, rounds):
    """Median over rounds of the time per call, each round about 0.1 s, interleaved by the caller."""
    timer = timeit.Timer(fn)
    number, _ = timer.autorange()
    number = max(1, number // 2)
    return [timer.timeit(number) / number * 1e6 for _ in range(rounds)]


def measure(impls, rounds):
    # Interleave the implementations round by round, so that a noisy neighbour hits all alike.
    samples = {name: [] for name in impls}
    for fn in impls.values():
        fn()  # warm up (allocations, caches, lazy imports)
    for _ in range(rounds):
        for name, fn in impls.items():
            samples[name] += per_call_us(fn, 1)
    return {name: statistics.median(s) for name, s in samples.items()}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--only", nargs="*", choices=sorted(TARGETS))
    args = parser.parse_args()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"numpy {np.__version__}" + (f", torch {torch.__version__}" if torch else ", torch not installed"))
    print(f"medians of {args.rounds} rounds, single-threaded BLAS; microseconds per call\n")
    header = f"{'case':<15}{'numpy':>10}{'eagerrepl':>11}{'ratio':>8}{'target':>9}"
    if torch:
        header += f"{'torch':>10}{'ratio':>8}{'ours/torch':>12}"
    print(header + "  met")
    for name in args.only or TARGETS:
        t = measure(implementations(name), args.rounds)
        ours, floor = t["eagerrepl"], t["numpy"]
        target = TARGETS[name]
        if isinstance(target, tuple):  # a ratio to PyTorch: unknown without it
            target_text = f"{target[1]:.2f}xPT"
            met = ours / t["torch"] <= target[1] if torch else None
        else:
            target_text = f"{target:.2f}x"
            met = ours / floor <= target
        row = f"{name:<15}{floor:>10.2f}{ours:>11.2f}{ours / floor:>7.2f}x{target_text:>9}"
        if torch:
            met = met and ours < t["torch"]  # and ahead of PyTorch, in every case
            row += f"{t['torch']:>10.2f}{t['torch'] / floor:>7.2f}x{ours / t['torch']:>11.2f}x"
        print(row + {True: "  yes", False: "  no", None: "  ?"}[met], flush=True)


if __name__ == "__main__":
    main()

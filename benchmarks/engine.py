"""Engine speed against hand-written numpy doing the same arithmetic (the floor), in one run.

Also times PyTorch (CPU) when it is importable. Single-threaded BLAS, so the ratios measure the
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

import eagerrepl as er  # noqa: E402

try:
    import torch
    torch.set_num_threads(1)
except ImportError:
    torch = None

# Targets from the engine issue: microseconds, or a ratio to the floor where it says "x".
TARGETS = {"add_small": "1.0", "chain10_small": "15", "grad_small": "20", "grad3_scalar": "30",
           "linreg_step": "60", "mlp_step": "1.15x", "matmul_512": "1.05x"}


def case_add_small():
    a, b = np.array([1.0, 2.0, 3.0], np.float32), np.array([4.0, 5.0, 6.0], np.float32)
    x, y = er.constant(a), er.constant(b)
    impls = {"numpy": lambda: a + b, "eagerrepl": lambda: x + y}
    if torch:
        ta, tb = torch.from_numpy(a), torch.from_numpy(b)
        impls["torch"] = lambda: ta + tb
    return impls


def _chain(y, a, b):
    for _ in range(10):
        y = y * b + a
    return y


def case_chain10_small():
    a, b, y = (np.array(v, np.float32) for v in ([0.1, 0.2, 0.3], [0.9, 0.8, 0.7], [1.0, 2.0, 3.0]))
    ea, eb, ey = er.constant(a), er.constant(b), er.constant(y)
    impls = {"numpy": lambda: _chain(y, a, b), "eagerrepl": lambda: _chain(ey, ea, eb)}
    if torch:
        ta, tb, ty = torch.from_numpy(a), torch.from_numpy(b), torch.from_numpy(y)
        impls["torch"] = lambda: _chain(ty, ta, tb)
    return impls


def case_grad_small():
    x = np.array([0.5, 1.0, 1.5], np.float32)

    def numpy_grad():
        np.sum(x * x + np.sin(x))
        return 2 * x + np.cos(x)

    ex = er.constant(x)

    def er_grad():
        with er.GradientTape() as tape:
            tape.watch(ex)
            s = er.reduce_sum(ex * ex + er.sin(ex))
        return tape.gradient(s, ex)

    impls = {"numpy": numpy_grad, "eagerrepl": er_grad}
    if torch:
        def torch_grad():
            tx = torch.from_numpy(x).requires_grad_()
            s = (tx * tx + torch.sin(tx)).sum()
            return torch.autograd.grad(s, tx)[0]
        impls["torch"] = torch_grad
    return impls


def case_grad3_scalar():
    x = np.float32(3.0)

    def numpy_d3():  # the derivatives of x*x, written out by hand
        x * x
        2 * x
        return np.float32(2) * 0

    df = er.gradients_function(lambda v: v * v)
    d2f = er.gradients_function(lambda v: df(v)[0])
    d3f = er.gradients_function(lambda v: d2f(v)[0])
    ex = er.constant(3.0)
    impls = {"numpy": numpy_d3, "eagerrepl": lambda: d3f(ex)[0]}
    if torch:
        def torch_d3():
            t = torch.tensor(3.0, requires_grad=True)
            (g1,) = torch.autograd.grad(t * t, t, create_graph=True)
            (g2,) = torch.autograd.grad(g1, t, create_graph=True)
            if not g2.requires_grad:  # torch knows the second derivative is constant
                return torch.zeros_like(t)
            return torch.autograd.grad(g2, t)[0]
        impls["torch"] = torch_d3
    return impls


def case_linreg_step():
    rng = np.random.default_rng(0)
    xs = rng.standard_normal(1000).astype(np.float32)
    ys = (xs * 3 + 2 + rng.standard_normal(1000)).astype(np.float32)
    lr = 0.01
    state = {"W": np.float32(5.0), "B": np.float32(10.0)}

    def numpy_step():
        err = xs * state["W"] + state["B"] - ys
        np.mean(err * err)
        state["W"] -= lr * np.mean(2 * err * xs)
        state["B"] -= lr * np.mean(2 * err)

    W, B = er.Variable(5.0, name="weight"), er.Variable(10.0, name="bias")
    ex, ey = er.constant(xs), er.constant(ys)

    def loss(inputs, targets):
        error = inputs * W + B - targets
        return er.reduce_mean(er.square(error))

    grad = er.implicit_gradients(loss)
    opt = er.train.GradientDescentOptimizer(learning_rate=lr)
    impls = {"numpy": numpy_step, "eagerrepl": lambda: opt.apply_gradients(grad(ex, ey))}
    if torch:
        tW = torch.tensor(5.0, requires_grad=True)
        tB = torch.tensor(10.0, requires_grad=True)
        tx, ty = torch.from_numpy(xs), torch.from_numpy(ys)
        topt = torch.optim.SGD([tW, tB], lr=lr)

        def torch_step():
            topt.zero_grad()
            ((tx * tW + tB - ty) ** 2).mean().backward()
            topt.step()
        impls["torch"] = torch_step
    return impls


def case_mlp_step():
    rng = np.random.default_rng(0)
    x = rng.standard_normal((64, 784)).astype(np.float32)
    y = rng.standard_normal((64, 10)).astype(np.float32)
    init = [rng.standard_normal(s).astype(np.float32) * 0.05 for s in ((784, 256), (256,), (256, 10), (10,))]
    lr = 0.01
    w1, b1, w2, b2 = (p.copy() for p in init)

    def numpy_step():
        h_pre = x @ w1 + b1
        h = np.maximum(h_pre, 0)
        out = h @ w2 + b2
        err = out - y
        np.mean(err * err)
        g_out = err * (2 / err.size)
        g_w2 = h.T @ g_out
        g_b2 = g_out.sum(axis=0)
        g_h = g_out @ w2.T
        g_h[h_pre <= 0] = 0
        g_w1 = x.T @ g_h
        g_b1 = g_h.sum(axis=0)
        for p, g in ((w1, g_w1), (b1, g_b1), (w2, g_w2), (b2, g_b2)):
            p -= lr * g

    params = [er.Variable(p) for p in init]
    ex, ey = er.constant(x), er.constant(y)
    opt = er.train.GradientDescentOptimizer(lr)

    def er_step():
        W1, B1, W2, B2 = params
        with er.GradientTape() as tape:
            h = er.relu(er.matmul(ex, W1) + B1)
            loss = er.reduce_mean(er.square(er.matmul(h, W2) + B2 - ey))
        opt.apply_gradients(zip(tape.gradient(loss, params), params))

    impls = {"numpy": numpy_step, "eagerrepl": er_step}
    if torch:
        tparams = [torch.tensor(p, requires_grad=True) for p in init]
        tx, ty = torch.from_numpy(x), torch.from_numpy(y)
        topt = torch.optim.SGD(tparams, lr=lr)

        def torch_step():
            W1, B1, W2, B2 = tparams
            topt.zero_grad()
            (((torch.relu(tx @ W1 + B1) @ W2 + B2) - ty) ** 2).mean().backward()
            topt.step()
        impls["torch"] = torch_step
    return impls


def case_matmul_512():
    rng = np.random.default_rng(0)
    a = rng.standard_normal((512, 512)).astype(np.float32)
    b = rng.standard_normal((512, 512)).astype(np.float32)
    ea, eb = er.constant(a), er.constant(b)
    impls = {"numpy": lambda: a @ b, "eagerrepl": lambda: er.matmul(ea, eb)}
    if torch:
        ta, tb = torch.from_numpy(a), torch.from_numpy(b)
        impls["torch"] = lambda: ta @ tb
    return impls


CASES = {name[len("case_"):]: fn for name, fn in globals().items() if name.startswith("case_")}


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
    parser.add_argument("--only", nargs="*", choices=sorted(CASES))
    args = parser.parse_args()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"numpy {np.__version__}" + (f", torch {torch.__version__}" if torch else ", torch not installed"))
    print(f"medians of {args.rounds} rounds, single-threaded BLAS; microseconds per call\n")
    header = f"{'case':<15}{'numpy':>10}{'eagerrepl':>11}{'ratio':>8}{'target':>9}"
    if torch:
        header += f"{'torch':>10}{'ratio':>8}"
    print(header)
    for name in args.only or CASES:
        t = measure(CASES[name](), args.rounds)
        row = f"{name:<15}{t['numpy']:>10.2f}{t['eagerrepl']:>11.2f}{t['eagerrepl'] / t['numpy']:>7.2f}x{TARGETS[name]:>9}"
        if torch:
            row += f"{t['torch']:>10.2f}{t['torch'] / t['numpy']:>7.2f}x"
        print(row, flush=True)


if __name__ == "__main__":
    main()

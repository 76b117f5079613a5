"""The benchmark cases: each the same arithmetic written for an array module and for eagerrepl.

A case's builder takes `xp` (numpy or CuPy) and whether it runs on a GPU, and returns
(description, floor, ours): the floor computes with `xp` directly, ours with eagerrepl, and both
return what they computed. engine.py runs them on the CPU (adding PyTorch as a peer), gpu.py on
a GPU against CuPy.
"""

from types import SimpleNamespace

import numpy as np

import eagerrepl as er

CASES = {}  # name -> builder(xp, on_gpu) -> (description, floor, ours)


def case(build):
    CASES[build.__name__[len("case_"):]] = build
    return build


# --- the cases --------------------------------------------------------------------------------
# Each builder makes its data on the host with numpy, gives the floor copies on its device with
# xp.array, and gives eagerrepl the same values through er.constant / er.Variable (inside
# er.device, so they land on the device being measured). Both callables return what they
# computed, so that the first call of each can be compared before anything is timed.

def _small(xp, *values):
    hosts = [np.array(v, np.float32) for v in values]
    return [xp.array(h) for h in hosts], [er.constant(h) for h in hosts]


@case
def case_add_small(xp, on_gpu):
    (a, b), (x, y) = _small(xp, [1.0, 2.0, 3.0], [4.0, 5.0, 6.0])
    return "x + y, 3 floats", lambda: a + b, lambda: x + y


def chain(y, a, b, n_ops=20):
    for _ in range(n_ops // 2):
        y = y * b + a
    return y


@case
def case_chain10_small(xp, on_gpu):
    (a, b, y), (ea, eb, ey) = _small(xp, [0.1, 0.2, 0.3], [0.9, 0.8, 0.7], [1.0, 2.0, 3.0])
    return "ten y = y * b + a, 20 ops", lambda: chain(y, a, b), lambda: chain(ey, ea, eb)


def _ten_ops(ns, a, b):
    y = a + b
    y = y * a
    y = y - b
    y = ns.exp(y)
    y = ns.tanh(y)
    y = ns.maximum(y, 0.0)
    y = y * 2.0
    y = ns.matmul(y, b)
    y = ns.transpose(y)
    return ns.sum(y)


@case
def case_ops_small(xp, on_gpu):
    rng = np.random.default_rng(0)
    (a, b), (ea, eb) = _small(xp, rng.uniform(-1, 1, (4, 4)), rng.uniform(-1, 1, (4, 4)))
    floor_ns = SimpleNamespace(exp=xp.exp, tanh=xp.tanh, maximum=xp.maximum, matmul=xp.matmul,
                               transpose=xp.transpose, sum=xp.sum)
    ours_ns = SimpleNamespace(exp=er.exp, tanh=er.tanh, maximum=er.maximum, matmul=er.matmul,
                              transpose=er.transpose, sum=er.reduce_sum)
    return ("10 ops on 4x4: + * - exp tanh maximum *2 matmul transpose sum",
            lambda: _ten_ops(floor_ns, a, b), lambda: _ten_ops(ours_ns, ea, eb))


@case
def case_grad_small(xp, on_gpu):
    (x,), (ex,) = _small(xp, [0.5, 1.0, 1.5])

    def floor():
        xp.sum(x * x + xp.sin(x))
        return 2 * x + xp.cos(x)

    def ours():
        with er.GradientTape() as tape:
            tape.watch(ex)
            s = er.reduce_sum(ex * ex + er.sin(ex))
        return tape.gradient(s, ex)

    return "gradient of sum(x*x + sin x)", floor, ours


@case
def case_grad3_scalar(xp, on_gpu):
    x = xp.array(np.float32(3.0))

    def floor():  # the derivatives of x*x, written out by hand
        x * x
        2 * x
        return xp.zeros_like(x)

    df = er.gradients_function(lambda v: v * v)
    d2f = er.gradients_function(lambda v: df(v)[0])
    d3f = er.gradients_function(lambda v: d2f(v)[0])
    ex = er.constant(3.0)
    return "third derivative of x*x by nesting", floor, lambda: d3f(ex)[0]


def regression_data():
    """The seed's regression: 1000 points (xs, ys) around y = 3x + 2, and the learning rate."""
    rng = np.random.default_rng(0)
    xs = rng.standard_normal(1000).astype(np.float32)
    ys = (xs * 3 + 2 + rng.standard_normal(1000)).astype(np.float32)
    return xs, ys, 0.01


@case
def case_linreg_step(xp, on_gpu):
    xs, ys, lr = regression_data()
    fx, fy = xp.array(xs), xp.array(ys)
    state = [xp.array(np.float32(5.0)), xp.array(np.float32(10.0))]  # 0-d, updated in place

    def floor():
        err = fx * state[0] + state[1] - fy
        xp.mean(err * err)
        state[0] -= lr * xp.mean(2 * err * fx)
        state[1] -= lr * xp.mean(2 * err)
        return state

    W, B = er.Variable(5.0, name="weight"), er.Variable(10.0, name="bias")
    ex, ey = er.constant(xs), er.constant(ys)

    def loss(inputs, targets):
        return er.reduce_mean(er.square(inputs * W + B - targets))

    grad = er.implicit_gradients(loss)
    opt = er.train.GradientDescentOptimizer(learning_rate=lr)

    def ours():
        opt.apply_gradients(grad(ex, ey))
        return [W, B]

    return "the seed's regression, 1000 points, SGD", floor, ours


def mlp_data(batch):
    """A 784-256-10 network's inputs x, targets y, initial parameters and learning rate."""
    rng = np.random.default_rng(0)
    x = rng.standard_normal((batch, 784), dtype=np.float32)
    y = rng.standard_normal((batch, 10), dtype=np.float32)
    init = [rng.standard_normal(s, dtype=np.float32) * np.float32(0.05)
            for s in ((784, 256), (256,), (256, 10), (10,))]
    return x, y, init, 0.01


def _mlp(xp, batch):
    x, y, init, lr = mlp_data(batch)
    fx, fy = xp.array(x), xp.array(y)
    fparams = [xp.array(p) for p in init]

    def floor():  # forward, loss, the backward pass by hand, SGD in place
        w1, b1, w2, b2 = fparams
        h_pre = fx @ w1 + b1
        h = xp.maximum(h_pre, 0)
        out = h @ w2 + b2
        err = out - fy
        xp.mean(err * err)
        g_out = err * (2 / err.size)
        g_w2 = h.T @ g_out
        g_b2 = g_out.sum(axis=0)
        g_h = g_out @ w2.T
        g_h *= h_pre > 0
        g_w1 = fx.T @ g_h
        g_b1 = g_h.sum(axis=0)
        for p, g in zip(fparams, (g_w1, g_b1, g_w2, g_b2)):
            p -= lr * g
        return fparams

    params = [er.Variable(p.copy()) for p in init]
    ex, ey = er.constant(x), er.constant(y)
    opt = er.train.GradientDescentOptimizer(lr)

    def ours():
        W1, B1, W2, B2 = params
        with er.GradientTape() as tape:
            h = er.relu(er.matmul(ex, W1) + B1)
            loss = er.reduce_mean(er.square(er.matmul(h, W2) + B2 - ey))
        opt.apply_gradients(zip(tape.gradient(loss, params), params))
        return params

    return f"784-256-10 relu, batch {batch}, SGD", floor, ours


@case
def case_mlp_step(xp, on_gpu):
    return _mlp(xp, 64)


@case
def case_mlp_step_4096(xp, on_gpu):
    return _mlp(xp, 4096)


def _matmul(xp, n, dtype, note=""):
    rng = np.random.default_rng(0)
    a = rng.standard_normal((n, n), dtype=np.float32).astype(dtype)
    b = rng.standard_normal((n, n), dtype=np.float32).astype(dtype)
    fa, fb = xp.array(a), xp.array(b)
    ea, eb = er.constant(a), er.constant(b)
    return f"{np.dtype(dtype).name} {n}x{n}{note}", lambda: fa @ fb, lambda: er.matmul(ea, eb)


@case
def case_matmul_small(xp, on_gpu):
    return _matmul(xp, 2, np.float32)


@case
def case_matmul_512(xp, on_gpu):
    return _matmul(xp, 512, np.float32)


# numpy has no fast float16 matmul (1024x1024 takes 3 s), so cpu:0 runs smaller stand-ins.
@case
def case_matmul_8192_f32(xp, on_gpu):
    return _matmul(xp, 8192, np.float32) if on_gpu else _matmul(xp, 1024, np.float32, ", cpu stand-in for 8192")


@case
def case_matmul_8192_f16(xp, on_gpu):
    return _matmul(xp, 8192, np.float16) if on_gpu else _matmul(xp, 256, np.float16, ", cpu stand-in for 8192")


# --- PyTorch's side of each case, as a peer -------------------------------------------------------
# The same data and arithmetic with PyTorch on `device` ("cuda:0" beside CuPy in gpu.py, "cpu" on
# cpu:0), for the cases gpu.py times. Each returns what it computed, as the floors do.

TORCH_CASES = {}  # name -> builder(torch, device) -> callable


def torch_case(build):
    TORCH_CASES[build.__name__[len("torch_"):]] = build
    return build


def _torch_small(torch, device, *values):
    return [torch.tensor(np.array(v, np.float32), device=device) for v in values]


@torch_case
def torch_add_small(torch, device):
    a, b = _torch_small(torch, device, [1.0, 2.0, 3.0], [4.0, 5.0, 6.0])
    return lambda: a + b


@torch_case
def torch_chain10_small(torch, device):
    a, b, y = _torch_small(torch, device, [0.1, 0.2, 0.3], [0.9, 0.8, 0.7], [1.0, 2.0, 3.0])
    return lambda: chain(y, a, b)


@torch_case
def torch_ops_small(torch, device):
    rng = np.random.default_rng(0)
    a, b = _torch_small(torch, device, rng.uniform(-1, 1, (4, 4)), rng.uniform(-1, 1, (4, 4)))
    ns = SimpleNamespace(exp=torch.exp, tanh=torch.tanh, maximum=lambda y, low: torch.clamp(y, min=low),
                         matmul=torch.matmul, transpose=torch.t, sum=torch.sum)
    return lambda: _ten_ops(ns, a, b)


@torch_case
def torch_grad_small(torch, device):
    (x,) = _torch_small(torch, device, [0.5, 1.0, 1.5])

    def grad():
        tx = x.clone().requires_grad_()
        return torch.autograd.grad((tx * tx + torch.sin(tx)).sum(), tx)[0]
    return grad


@torch_case
def torch_grad3_scalar(torch, device):
    def d3():
        t = torch.tensor(3.0, device=device, requires_grad=True)
        (g1,) = torch.autograd.grad(t * t, t, create_graph=True)
        (g2,) = torch.autograd.grad(g1, t, create_graph=True)
        if not g2.requires_grad:  # torch knows the second derivative is constant
            return torch.zeros_like(t)
        return torch.autograd.grad(g2, t)[0]
    return d3


@torch_case
def torch_linreg_step(torch, device):
    xs, ys, lr = regression_data()
    tx, ty = torch.from_numpy(xs).to(device), torch.from_numpy(ys).to(device)
    params = [torch.tensor(v, device=device, requires_grad=True) for v in (5.0, 10.0)]
    opt = torch.optim.SGD(params, lr=lr)

    def step():
        W, B = params
        opt.zero_grad()
        ((tx * W + B - ty) ** 2).mean().backward()
        opt.step()
        return params
    return step


def _torch_mlp(torch, device, batch):
    x, y, init, lr = mlp_data(batch)
    tx, ty = torch.from_numpy(x).to(device), torch.from_numpy(y).to(device)
    params = [torch.tensor(p, device=device, requires_grad=True) for p in init]
    opt = torch.optim.SGD(params, lr=lr)

    def step():
        W1, B1, W2, B2 = params
        opt.zero_grad()
        (((torch.relu(tx @ W1 + B1) @ W2 + B2) - ty) ** 2).mean().backward()
        opt.step()
        return params
    return step


@torch_case
def torch_mlp_step(torch, device):
    return _torch_mlp(torch, device, 64)


@torch_case
def torch_mlp_step_4096(torch, device):
    return _torch_mlp(torch, device, 4096)


def _torch_matmul(torch, device, n, dtype):
    rng = np.random.default_rng(0)
    a, b = (torch.from_numpy(rng.standard_normal((n, n), dtype=np.float32).astype(dtype)).to(device)
            for _ in range(2))
    return lambda: a @ b


@torch_case
def torch_matmul_small(torch, device):
    return _torch_matmul(torch, device, 2, np.float32)


@torch_case
def torch_matmul_512(torch, device):
    return _torch_matmul(torch, device, 512, np.float32)


@torch_case
def torch_matmul_8192_f32(torch, device):
    return _torch_matmul(torch, device, 8192 if device != "cpu" else 1024, np.float32)


@torch_case
def torch_matmul_8192_f16(torch, device):
    return _torch_matmul(torch, device, 8192 if device != "cpu" else 256, np.float16)

"""Memory: tapes keep nothing after use, and training loops run in flat memory."""

import gc
import tracemalloc

import pytest

import eagerrepl as er

# tracemalloc sees host memory only: a GPU's arrays live in CuPy's pool, where these checks see nothing.
pytestmark = pytest.mark.cpu_only


def _train_steps(n, model, data):
    w, b = model
    x, y = data
    opt = er.train.GradientDescentOptimizer(0.01)
    grad = er.implicit_gradients(lambda: er.reduce_mean(er.square(x * w + b - y)))
    for _ in range(n):
        opt.apply_gradients(grad())
    with er.GradientTape() as tape:  # the explicit-tape form too
        loss = er.reduce_mean(er.square(x * w + b - y))
    opt.apply_gradients(zip(tape.gradient(loss, [w, b]), [w, b]))


def test_ten_thousand_step_training_loop_runs_in_flat_memory():
    er.set_random_seed(0)
    x = er.random_normal([100])
    y = x * 3 + 2
    model = (er.Variable(0.0), er.Variable(0.0))
    _train_steps(200, model, (x, y))  # warm caches before measuring
    gc.collect()
    tracemalloc.start()
    try:
        _train_steps(1000, model, (x, y))
        gc.collect()
        early = tracemalloc.get_traced_memory()[0]
        _train_steps(9000, model, (x, y))
        gc.collect()
        late = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    assert late - early < 20_000, f"memory grew by {late - early} bytes over 9000 steps"
    assert abs(model[0].numpy() - 3) < 1e-3 and abs(model[1].numpy() - 2) < 1e-3


def test_plain_eager_code_records_nothing_and_frees_everything():
    x = er.constant([1.0, 2.0])
    gc.collect()
    tracemalloc.start()
    try:
        for _ in range(1000):
            x = er.sin(x) * 0.5 + 1.0
        gc.collect()
        first = tracemalloc.get_traced_memory()[0]
        for _ in range(5000):
            x = er.sin(x) * 0.5 + 1.0
        gc.collect()
        second = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    assert second - first < 5_000

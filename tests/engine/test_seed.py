"""The seed document's examples, with only the imports changed, run as the demos/seed_*.py scripts."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

# The demos run as their own processes on the default device: once is enough, whatever device the test is run for.
pytestmark = pytest.mark.cpu_only

DEMOS = Path(__file__).resolve().parents[2] / "demos"


def run_demo(name):
    proc = subprocess.run([sys.executable, str(DEMOS / name)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def test_boilerplate_matmul_prints_like_tf():
    assert run_demo("seed_boilerplate.py").strip() == "Tensor([[4.]], shape=(1, 1), dtype=float32)"


def test_lazy_loading_prints_each_element_as_a_scalar_tensor():
    lines = run_demo("seed_lazy_loading.py").splitlines()
    assert len(lines) == 4
    for line in lines:
        value = float(re.fullmatch(r"Tensor\((\S+), shape=\(\), dtype=float32\)", line).group(1))
        assert 0.0 <= value < 1.0


def test_numpy_interop_squares_and_iterates():
    lines = run_demo("seed_numpy.py").splitlines()
    assert lines[0] == "[1. 4. 9.]"
    assert lines[1:] == [f"Tensor({v}, shape=(), dtype=float32)" for v in ("1.0", "2.0", "3.0")]


def test_gradients_function_to_the_third_derivative():
    out = run_demo("seed_gradients.py").splitlines()
    assert out[0] == ("[<Tensor: shape=(), dtype=float32, numpy=4.0>, "
                      "<Tensor: shape=(), dtype=float32, numpy=6.0>]")
    assert "numpy=6.0" in out[1] and "numpy=2.0" in out[1] and "numpy=0.0" in out[1]


def test_implicit_gradients_lists_only_the_variable_read():
    out = run_demo("seed_implicit_gradients.py")
    assert out.strip() == ("[(<Tensor: shape=(), dtype=float32, numpy=4.0>, "
                           "<Variable 'vx' shape=() dtype=float32, numpy=1.0>)]")


@pytest.mark.parametrize("seeded", [True, False])
def test_linear_regression_converges(seeded, tmp_path):
    source = (DEMOS / "seed_linear_regression.py").read_text()
    if not seeded:  # exactly the seed document's program: no seed at all
        source = source.replace("tf.set_random_seed(0)", "")
    script = tmp_path / "linreg.py"
    script.write_text(source)
    proc = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    losses = [float(v) for v in re.findall(r"Loss at step \d+: (\S+)", proc.stdout)]
    assert len(losses) == 11 and losses == sorted(losses, reverse=True)
    final = float(re.search(r"Final loss: (\S+)", proc.stdout).group(1))
    w, b = (float(v) for v in re.search(r"W, B = (\S+), (\S+)", proc.stdout).groups())
    assert final < 1.5
    assert abs(w - 3) < 0.3 and abs(b - 2) < 0.3

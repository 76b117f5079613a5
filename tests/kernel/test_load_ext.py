"""`%load_ext eagerrepl` in ipykernel's stock python3 kernel: the same magics and displays as in ours."""

import pytest
from jupyter_client.kernelspec import KernelSpecManager

from kernel_messages import execute, result, start, stop


@pytest.fixture(scope="module")
def python3():
    """ipykernel's own python3 kernel, from this Python, with eagerrepl loaded as an extension."""
    spec = KernelSpecManager().get_kernel_spec("python3")
    assert "ipykernel_launcher" in spec.argv
    km, kc = start("python3")
    reply, _ = execute(kc, "%load_ext eagerrepl")
    assert reply["status"] == "ok", reply
    yield km, kc
    stop(km, kc)


def test_a_tensor_shows_as_text_and_html(python3):
    _, kc = python3
    reply, outputs = execute(kc, "er.constant([[1., 2.]])")
    assert reply["status"] == "ok"
    data = result(outputs)
    assert data["text/plain"] == "Tensor shape=(1, 2) dtype=float32 device=cpu:0\n[[1. 2.]]"
    assert data["text/html"].startswith('<div class="eagerrepl-tensor">')


def test_grad_magic(python3):
    _, kc = python3
    execute(kc, "w = er.constant(3.)")
    reply, outputs = execute(kc, "%grad w ** 2 wrt w")
    assert reply["status"] == "ok", reply
    data = result(outputs)
    assert data["text/plain"] == "w ** 2 = 9.0\nd/dw = 6.0"
    assert data["text/html"].startswith('<div class="eagerrepl-derivatives">')


def test_loading_twice_is_harmless(python3):
    _, kc = python3
    reply, _ = execute(kc, "%load_ext eagerrepl")
    assert reply["status"] == "ok"
    assert result(execute(kc, "float(er.reduce_sum(np.ones(3)))")[1])["text/plain"] == "3.0"

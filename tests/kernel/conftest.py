"""Real eagerrepl kernels over ZeroMQ, found through a kernelspec installed by `eagerrepl kernel install`.

An editable install (what `make test` does) does not place the wheel's shared data, so the
kernelspec is installed here into a temporary prefix that JUPYTER_PATH points at: the tests then use
exactly what `eagerrepl kernel install --prefix P` makes, running this Python.
"""

import os

import pytest

from eagerrepl.kernel.install import install



@pytest.fixture(scope="session", autouse=True)
def kernelspec(tmp_path_factory):
    """Install the kernelspec into a temporary prefix and make Jupyter look there first."""
    prefix = tmp_path_factory.mktemp("jupyter-prefix")
    folder = install(prefix=str(prefix))
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("JUPYTER_PATH", str(prefix / "share" / "jupyter"))
        patch.setenv("JUPYTER_RUNTIME_DIR", str(tmp_path_factory.mktemp("jupyter-runtime")))
        patch.setenv("JUPYTER_PLATFORM_DIRS", "1")
        yield folder


@pytest.fixture(scope="module")
def kernel():
    """A started eagerrepl kernel and a client on it: (KernelManager, BlockingKernelClient)."""
    from jupyter_client.manager import start_new_kernel
    # Without pytest's marker in its environment, ipykernel behaves as for a person (it stops
    # forwarding output written to the process's file descriptors when it sees the marker).
    env = {name: value for name, value in os.environ.items() if name != "PYTEST_CURRENT_TEST"}
    km, kc = start_new_kernel(kernel_name="eagerrepl", startup_timeout=60, env=env)
    yield km, kc
    kc.stop_channels()
    km.shutdown_kernel(now=True)

"""Real eagerrepl kernels over ZeroMQ, found through a kernelspec installed by `eagerrepl kernel install`.

An editable install (what `make test` does) does not place the wheel's shared data, so the
kernelspec is installed here into a temporary prefix that JUPYTER_PATH points at: the tests then use
exactly what `eagerrepl kernel install --prefix P` makes, running this Python. IPYTHONDIR is a
temporary folder too, so the kernels' history database and profile are not the user's.
"""

import pytest

from eagerrepl.kernel.install import install

from kernel_messages import start, stop


@pytest.fixture(scope="session", autouse=True)
def kernelspec(tmp_path_factory):
    """Install the kernelspec into a temporary prefix and make Jupyter look there first."""
    prefix = tmp_path_factory.mktemp("jupyter-prefix")
    folder = install(prefix=str(prefix))
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("JUPYTER_PATH", str(prefix / "share" / "jupyter"))
        patch.setenv("JUPYTER_RUNTIME_DIR", str(tmp_path_factory.mktemp("jupyter-runtime")))
        patch.setenv("JUPYTER_PLATFORM_DIRS", "1")
        patch.setenv("IPYTHONDIR", str(tmp_path_factory.mktemp("ipython")))
        yield folder


@pytest.fixture(scope="module")
def kernel():
    """An eagerrepl kernel shared by a module's tests: (KernelManager, BlockingKernelClient)."""
    km, kc = start()
    yield km, kc
    stop(km, kc)


@pytest.fixture
def fresh_kernel():
    """An eagerrepl kernel for one test only (one that ends or restarts it)."""
    km, kc = start()
    yield km, kc
    stop(km, kc)

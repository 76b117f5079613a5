"""`python -m eagerrepl.kernel -f {connection_file}`: start the kernel (what kernel.json runs).

The kernel is configured from the `eagerrepl` profile, as the REPL is (shell/profile.py): its
`ipython_config.py` and `startup/` files, and `ipython_kernel_config.py` for the kernel alone.
`--profile=NAME` in the kernelspec's argv picks another profile.
"""

from ipykernel.kernelapp import IPKernelApp

from ..shell.profile import EagerreplProfile
from .kernel import EagerKernel


class EagerKernelApp(EagerreplProfile, IPKernelApp):
    """ipykernel's kernel application in the eagerrepl profile."""


if __name__ == "__main__":
    EagerKernelApp.launch_instance(kernel_class=EagerKernel)

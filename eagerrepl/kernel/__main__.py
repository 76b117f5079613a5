"""`python -m eagerrepl.kernel -f {connection_file}`: start the kernel (what kernel.json runs)."""

from ipykernel.kernelapp import IPKernelApp

from .kernel import EagerKernel

if __name__ == "__main__":
    IPKernelApp.launch_instance(kernel_class=EagerKernel)

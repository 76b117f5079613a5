"""The banner shown once at startup."""

import platform


def header():
    """`eagerrepl VERSION (Python X.Y.Z)`: the first line of the REPL's and the kernel's banners."""
    import eagerrepl
    return f"eagerrepl {eagerrepl.__version__} (Python {platform.python_version()})"


def banner():
    """Version, Python, devices, and how to get help."""
    from .. import backend
    # Listing GPUs would import CuPy and start CUDA at every launch: say where to look instead.
    gpus = ", GPUs through CuPy (%device lists them)" if backend.gpu_package_installed() else ""
    return (f"{header()} - devices: cpu:0{gpus}\n"
            "Type ? for help, %magic for magic commands, Tab to complete, Ctrl-D to exit.")

"""The banner shown once at startup."""

import importlib.util
import platform


def header():
    """`eagerrepl VERSION (Python X.Y.Z)`: the first line of the REPL's and the kernel's banners."""
    import eagerrepl
    return f"eagerrepl {eagerrepl.__version__} (Python {platform.python_version()})"


def banner():
    """Version, Python, devices, and how to get help."""
    # Listing GPUs would import CuPy and start CUDA at every launch: say where to look instead.
    # Whether CuPy is there is found without importing it, nor eagerrepl.backend (which imports
    # numpy, and the REPL's prompt does not wait for numpy: repl/startup.py).
    gpus = ", GPUs through CuPy (%device lists them)" if importlib.util.find_spec("cupy") else ""
    return (f"{header()} - devices: cpu:0{gpus}\n"
            "Type ? for help, %magic for magic commands, Tab to complete, Ctrl-D to exit.")

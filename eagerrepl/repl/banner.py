"""The banner shown once at startup."""

import importlib.util
import sys


def banner():
    """Version, Python, devices, and how to get help."""
    import eagerrepl
    # Listing GPUs would import CuPy and start CUDA at every launch: say where to look instead.
    gpus = ", GPUs through CuPy (%device lists them)" if importlib.util.find_spec("cupy") else ""
    python = ".".join(map(str, sys.version_info[:3]))
    return (f"eagerrepl {eagerrepl.__version__} (Python {python}) - devices: cpu:0{gpus}\n"
            "Type ? for help, %magic for magic commands, Tab to complete, Ctrl-D to exit.")

"""The banner shown once at startup."""

import sys


def banner():
    """Version, Python, devices found, and how to get help."""
    import eagerrepl
    devices = ", ".join(eagerrepl.list_devices())
    python = ".".join(map(str, sys.version_info[:3]))
    return (f"eagerrepl {eagerrepl.__version__} (Python {python}) - devices: {devices}\n"
            "Type ? for help, %magic for magic commands, Tab to complete, Ctrl-D to exit.")

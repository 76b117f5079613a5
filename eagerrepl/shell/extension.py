"""The eagerrepl IPython extension: everything eagerrepl adds to an IPython shell.

`%load_ext eagerrepl` in any IPython session (terminal, Jupyter's python3 kernel, VS Code) calls
`load_ipython_extension`; eagerrepl's own front ends load it into the shell they run.
"""


def load_ipython_extension(ip):
    """Add eagerrepl to the IPython shell `ip`: `er` and `np` in its namespace (more to come)."""
    import numpy
    import eagerrepl
    ip.push({"er": eagerrepl, "np": numpy}, interactive=False)


def unload_ipython_extension(ip):
    """Remove what load_ipython_extension added."""
    for name in ("er", "np"):
        ip.user_ns.pop(name, None)

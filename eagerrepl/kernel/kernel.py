"""EagerKernel: ipykernel's IPython kernel with the eagerrepl extension loaded into its shell.

Everything a Jupyter user relies on is ipykernel's and IPython's: execution, display objects,
comms and ipywidgets, matplotlib inline, `!cmd`, top-level await, `%debug` over stdin, history,
interrupts, completion, inspection and the JupyterLab debugger. eagerrepl adds only what
`%load_ext eagerrepl` adds to any IPython (magics, formatters, `er` and `np`), so this kernel and
the stock python3 kernel with the extension loaded behave the same.
"""

from ipykernel.ipkernel import IPythonKernel

import eagerrepl

EXTENSION = "eagerrepl"


class EagerKernel(IPythonKernel):
    """A Jupyter kernel running IPython with the eagerrepl extension (magics, tensor displays, er, np)."""

    implementation = "eagerrepl"
    implementation_version = eagerrepl.__version__

    # Loading the extension imports numpy and the engine. Loaded at start, it held kernel_info back
    # (1.17x python3's, measured), and front ends wait for kernel_info before they show the kernel
    # as ready; so it is loaded just before the first request that runs or looks at user code
    # (execute, complete, inspect), the way a python3 kernel pays for numpy in the notebook's
    # first cell. benchmarks/kernel.py measures both moments against python3.
    _extension_loaded = False

    def _load_extension(self):
        """Load the eagerrepl extension into the shell once; a failure is shown, not fatal."""
        if not self._extension_loaded:
            self._extension_loaded = True
            # The extension manager catches nothing: a broken install (a missing numpy, say) would
            # fail every request. Shown once, as the error's one line (which says what went wrong),
            # it leaves a plain IPython kernel that goes on working.
            try:
                self.shell.extension_manager.load_extension(EXTENSION)
            except Exception:
                self.shell.showtraceback(exception_only=True)

    @property
    def banner(self):
        """eagerrepl's version line, then IPython's banner."""
        from ..shell.banner import header
        return f"{header()}\n{super().banner}"

    async def do_execute(self, code, silent, store_history=True, user_expressions=None, allow_stdin=False,
                         *, cell_meta=None, cell_id=None):
        """Run a cell in the shell, the extension loaded first."""
        self._load_extension()
        return await super().do_execute(code, silent, store_history, user_expressions, allow_stdin,
                                        cell_meta=cell_meta, cell_id=cell_id)

    def do_complete(self, code, cursor_pos):
        """Complete at the cursor, with the extension's completion filters in place."""
        self._load_extension()
        return super().do_complete(code, cursor_pos)

    def do_inspect(self, code, cursor_pos, detail_level=0, omit_sections=()):
        """Help on the name at the cursor (Shift-Tab), with `er` and `np` already defined."""
        self._load_extension()
        return super().do_inspect(code, cursor_pos, detail_level, omit_sections)

    def do_history(self, hist_access_type, output, raw, session=None, start=None, stop=None, n=None,
                   pattern=None, unique=False):
        """IPython's history, every entry naming its session by number."""
        reply = super().do_history(hist_access_type, output, raw, session, start, stop, n, pattern, unique)
        # IPython answers a range in the running session as session 0 ("this one") where tail and
        # search name it by its number: a client asking for the range that tail gave it would get
        # entries under a session it never asked for.
        current = self.shell.history_manager.session_number
        reply["history"] = [(number or current, line, entry) for number, line, entry in reply["history"]]
        return reply

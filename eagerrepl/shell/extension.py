"""The eagerrepl IPython extension: everything eagerrepl adds to an IPython shell.

`%load_ext eagerrepl` in any IPython session (terminal, Jupyter's python3 kernel, VS Code) calls
`load_ipython_extension`; eagerrepl's own front ends load it into the shell they run. It adds

- `er` (eagerrepl) and `np` (numpy) to the namespace, unless those names are taken;
- the magics %grad, %jacobian, %hessian, %tape / %%tape, %gradcheck, %plot, %debug_nan, %device, %show,
  and Tab completion of the words %device and %debug_nan take (shell/magic_completion.py);
- display formatters for tensors, Variables, tapes and the magics' results (shell/formatters.py);
- every value's text bounded by the output limits (shell/bounded_text.py);
- tracebacks without eagerrepl's frames (shell/tracebacks.py);
- a byte budget for Out, beside IPython's count bound (shell/out_budget.py);

and `%unload_ext eagerrepl` takes each of them out again. Its settings are the `Eagerrepl`
configurable: `%config Eagerrepl` lists them, `c.Eagerrepl.NAME = ...` in ipython_config.py sets them.
"""

from traitlets import Bool, Int
from traitlets.config import Configurable

from . import bounded_text, formatters, magic_completion, out_budget, tracebacks


class Eagerrepl(Configurable):
    """eagerrepl in one IPython shell: its settings, and what loading it added (to take out on unload)."""

    full_tracebacks = Bool(False, help="Show eagerrepl's own frames in tracebacks too. By default an "
                           "error shows the frames of your cells and files only.").tag(config=True)
    cache_bytes = Int(256 * 2**20, help="The most bytes of array data (tensors, arrays, str, bytes, and those "
                      "in lists, tuples and dicts) that the results kept in Out / _N may hold; the oldest are "
                      "forgotten first. InteractiveShell.cache_size bounds how many there are.").tag(config=True)
    max_lines = Int(200, allow_none=True, help="The most lines a shown value takes (None: no bound); the "
                    "rest is cut with a line saying how much there was.").tag(config=True)
    max_chars = Int(20_000, allow_none=True, help="The most characters a shown value takes (None: no "
                    "bound); longer strings and big containers are abbreviated.").tag(config=True)
    pictures = Bool(True, help="Show a picture (heatmap, bars, histogram) beside a tensor's values in "
                    "HTML; %show draws one either way.").tag(config=True)

    @property
    def limits(self):
        """The output bounds as display.limits.OutputLimits."""
        from ..display.limits import OutputLimits
        return OutputLimits(self.max_lines, self.max_chars)

    def load(self):
        """Add eagerrepl to the shell; on failure take back what was added and raise."""
        shell = self.parent
        self._undo = []
        try:
            for step in (_push_names, _register_magics, magic_completion.install, formatters.register,
                         bounded_text.install, tracebacks.install, out_budget.install):
                self._undo.append(step(shell, self))
        except Exception:
            self.unload()
            raise
        shell.configurables.append(self)

    def unload(self):
        """Take out of the shell everything `load` added, newest first."""
        while self._undo:
            self._undo.pop()()
        if self in self.parent.configurables:
            self.parent.configurables.remove(self)


def loaded_in(shell):
    """The Eagerrepl (its settings) loaded into `shell`, or None."""
    return next((c for c in shell.configurables if isinstance(c, Eagerrepl)), None)


def load_ipython_extension(ip):
    """Add eagerrepl to the IPython shell `ip` (nothing happens when it is there already)."""
    if loaded_in(ip) is not None:
        return
    try:
        Eagerrepl(parent=ip).load()  # reads c.Eagerrepl from the shell's config: a bad value fails here
    except Exception as exc:
        # One line that says why, not a traceback through traitlets; the cause stays on __context__.
        raise RuntimeError(f"eagerrepl could not load into this IPython shell, which is left as it was: "
                           f"{type(exc).__name__}: {exc}") from None


def unload_ipython_extension(ip):
    """Take out of `ip` everything load_ipython_extension added."""
    extension = loaded_in(ip)
    if extension is not None:
        extension.unload()


def _push_names(shell, settings):
    import numpy

    import eagerrepl
    # A name the user has bound already stays theirs.
    names = {name: value for name, value in (("er", eagerrepl), ("np", numpy)) if name not in shell.user_ns}
    shell.push(names, interactive=False)  # hidden from %who, as IPython's own names are
    return lambda: shell.drop_by_id(names)


def _register_magics(shell, settings):
    from .magics.derivatives import DerivativeMagics
    from .magics.device import DeviceMagics
    from .magics.nan import NanMagics
    from .magics.plot import PlotMagics
    from .magics.show import ShowMagics
    manager = shell.magics_manager
    added = [cls(shell=shell) for cls in (DerivativeMagics, PlotMagics, NanMagics, DeviceMagics, ShowMagics)]
    replaced = {(kind, name): manager.magics[kind].get(name)
                for magics in added for kind, table in magics.magics.items() for name in table}
    shell.register_magics(*added)

    def undo():
        for (kind, name), old in replaced.items():
            if old is None:
                manager.magics[kind].pop(name, None)
            else:
                manager.magics[kind][name] = old
        for magics in added:
            manager.registry.pop(type(magics).__name__, None)
            if magics in shell.configurables:  # a Magics instance adds itself there
                shell.configurables.remove(magics)
    return undo

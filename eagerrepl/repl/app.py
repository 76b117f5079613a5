"""Starting eagerrepl's shell as an IPython application: the `eagerrepl` profile's configuration
(shell/profile.py), the eagerrepl extension, startup files, then the REPL or a batch run.

The profile's `history.sqlite` holds the REPL's history.
"""

import os
import sys
from pathlib import Path

from IPython.core.application import base_aliases, base_flags
from IPython.core.shellapp import InteractiveShellApp
from traitlets import List, Type, Unicode, default
from traitlets.config import Config

from ..shell.profile import EagerreplProfile


class App(EagerreplProfile, InteractiveShellApp):
    """eagerrepl's IPython application; `shell_class` says which shell it runs (terminal or batch)."""

    name = "eagerrepl"
    description = "An eager tensor REPL on IPython."
    aliases = base_aliases  # --profile, --ipython-dir, --config, --log-level; and any --Class.trait=value
    flags = base_flags
    config_file_name = Unicode("ipython_config.py")
    default_extensions = List(Unicode(), ["storemagic"])  # eagerrepl's own comes first (init_extensions)
    shell_class = Type(klass=object)

    @default("classes")
    def _classes_default(self):
        return [InteractiveShellApp, type(self), self.shell_class]

    def init_crash_handler(self):
        """None: an error of eagerrepl's own is a plain traceback, not a report for IPython's tracker."""

    def initialize(self, argv=None):
        """Read the configuration, make the shell, load extensions, run startup files."""
        super().initialize(argv)
        self.init_path()
        self.init_shell()
        self.init_extensions()
        self.init_code()

    def init_extensions(self):
        """The eagerrepl extension, then IPython's and the configured ones.

        A failing eagerrepl load (a wrong value in ipython_config.py, a broken numpy) is its error's
        one line, which says why, and the session goes on as plain IPython: IPython would log a
        warning with a traceback through its extension machinery.
        """
        try:
            self.shell.extension_manager.load_extension("eagerrepl")
        except Exception:
            self.shell.showtraceback(exception_only=True)
        super().init_extensions()

    def init_shell(self):
        """Make the shell, as IPython's TerminalIPythonApp does."""
        self.shell = self.shell_class.instance(parent=self, profile_dir=self.profile_dir,
                                               ipython_dir=self.ipython_dir, user_ns=self.user_ns)
        self.shell.configurables.append(self)


def launch(shell_class, ipython_args=(), vi=False, banner=True, history_file=None, interactive=False):
    """An initialized App running `shell_class`, with the cli's options as configuration."""
    from ..shell.printer import tolerate_unencodable
    for stream in (sys.stdout, sys.stderr):
        tolerate_unencodable(stream)  # under LANG=C, "é" is printed as \xe9 instead of failing
    config = Config()
    if vi:
        config.TerminalInteractiveShell.editing_mode = "vi"
    history_file = history_file or os.environ.get("EAGERREPL_HISTORY")
    if history_file:
        history_file = Path(history_file).expanduser().absolute()
        _make_parent(history_file)
        config.HistoryManager.hist_file = history_file  # a Path: IPython's recovery from a bad file needs one
    if not interactive:
        # Batch runs neither read nor write the history: a script is not something typed.
        config.HistoryManager.enabled = False
    app = App(config=config, shell_class=shell_class)
    app.interact = interactive
    app.exec_PYTHONSTARTUP = interactive  # as python: $PYTHONSTARTUP is for interactive sessions
    app.initialize(list(ipython_args))
    if interactive and banner:
        app.shell.show_banner()
    return app


def _make_parent(path):
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError:
        pass  # IPython says why it cannot open the file, and keeps the history in memory


def run_repl(ipython_args=(), vi=False, banner=True, history_file=None):
    """The interactive REPL until Ctrl-D or exit(); returns the exit status."""
    from .shell import TerminalShell
    from .startup import defer_import
    numpy = defer_import("numpy")  # imported once the prompt is drawn (repl.startup)
    app = launch(TerminalShell, ipython_args, vi=vi, banner=banner, history_file=history_file,
                 interactive=True)
    if numpy is not None:
        app.shell.import_when_idle(numpy)
    app.shell.mainloop()
    return app.shell.exit_status


def run_batch(ipython_args=(), code=None, file=None, argv=()):
    """Run `code`, or `file` with `argv`, or the cells piped on stdin; returns the exit status."""
    from .batch import BatchShell
    app = launch(BatchShell, ipython_args)
    shell = app.shell
    if code is not None:
        shell.run_cell(code, store_history=True)
    elif file is not None:
        shell.run_file(file, argv)
    else:
        shell.run_lines(sys.stdin)
    return shell.status()

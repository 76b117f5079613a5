"""Playing a demo's cells in an IPython shell, showing each as the REPL would on every attached view.

Two kinds of view watch a demo: the screen (where code may be typed out and the player may wait
for a key) and a Recording (fixed width, for transcripts and exports). Both get the same prompts,
code and outputs, each through its own Printer: the shell prints a cell's result, display() data
and traceback to the player, which hands them to every view, and the cell's print() text reaches
them the same way.
"""

import contextlib
import io
import os
import sys
from dataclasses import dataclass

from . import echo


@dataclass
class Outcome:
    """How a demo went: cells run, cells that raised, and whether it stopped early."""

    cells_run: int = 0
    errors: int = 0
    stopped: bool = False  # --strict stopped at an error, a cell called exit(), or q at a pause
    exit_status: int | None = None  # what a cell passed to exit()


class Player:
    """Plays cells in one shell (a new one of its own by default). Settings are plain attributes, set before `play`."""

    def __init__(self, shell=None, screen=None, recording=None):
        self.shell = shell if shell is not None else make_shell()
        self.screen = screen  # a Screen, or None to play unseen
        self.recording = recording  # a Recording, or None
        self.typing_speed = None  # characters per second when typing code out; None prints it at once
        self.pause = False  # wait for a key before each cell
        self.keys = sys.stdin  # where pause keys come from
        self.strict = False  # stop at the first cell that raises

    @property
    def views(self):
        """The attached Screen and Recording (each has a printer, a console and end_line)."""
        return [view for view in (self.screen, self.recording) if view is not None]

    def play(self, cells):
        """Run every cell in order, showing each; returns an Outcome."""
        outcome = Outcome()
        with self._showing():
            for index, cell in enumerate(cells):
                if index:
                    # Cells are set apart by a blank line: easier to follow in talks, transcripts and pictures.
                    for view in self.views:
                        view.console.print()
                if self.pause and self.screen is not None and not _wait_for_key(self.keys):
                    outcome.stopped = True
                    break
                result = self.play_cell(cell.source)
                outcome.cells_run += 1
                if self.shell.exit_requested:
                    outcome.stopped, outcome.exit_status = True, self.shell.exit_status
                    break
                if not result.success:
                    outcome.errors += 1
                    if self.strict:
                        outcome.stopped = True
                        break
        return outcome

    def play_cell(self, source):
        """Show one cell's input, run it, show its outputs; returns IPython's ExecutionResult."""
        number = self.shell.execution_count
        for view in self.views:
            if view is self.screen and self.typing_speed:
                echo.type_out(view.console, number, source, self.typing_speed)
            else:
                echo.show(view.console, number, source)
        text = _Text(self.views)
        with contextlib.redirect_stdout(text), contextlib.redirect_stderr(text):
            result = self.shell.run_cell(source, store_history=True)
        for view in self.views:
            view.end_line()
        return result

    @contextlib.contextmanager
    def _showing(self):
        """While playing, the shell prints to the views, and is the shell display() and get_ipython() find."""
        from IPython.core.interactiveshell import InteractiveShell
        saved = self.shell.printer, InteractiveShell._instance, os.environ.get("COLUMNS")
        self.shell.printer = _Views(self.views)
        InteractiveShell._instance = self.shell
        if self.recording is not None:
            # What sizes itself to the terminal (IPython's traceback rule, a progress bar) sizes
            # itself to the recording, so that a transcript is the same wherever it is made.
            os.environ["COLUMNS"] = str(self.recording.console.width)
        try:
            yield
        finally:
            self.shell.printer, InteractiveShell._instance, columns = saved
            if self.recording is not None:
                if columns is None:
                    os.environ.pop("COLUMNS", None)
                else:
                    os.environ["COLUMNS"] = columns


def make_shell():
    """A shell for demos: IPython with the eagerrepl extension, and nothing of the user's.

    No profile's configuration or startup files, no history, so that a demo plays the same
    wherever it runs; its profile folder is a temporary one.
    """
    import tempfile

    from IPython.core.profiledir import ProfileDir
    from traitlets.config import Config

    from ..shell.printer import PrintingShell
    config = Config()
    config.HistoryManager.enabled = False
    folder = tempfile.TemporaryDirectory(prefix="eagerrepl-demo-")
    shell = PrintingShell(config=config, ipython_dir=folder.name,
                          profile_dir=ProfileDir.create_profile_dir(os.path.join(folder.name, "profile_demo")))
    shell.demo_folder = folder  # removed with the shell
    shell.extension_manager.load_extension("eagerrepl")
    return shell


class _Views:
    """The printer a shell prints to while a demo plays: every view gets every output, on a line of its own."""

    def __init__(self, views):
        self.views = views

    def result(self, data, prompt=None, max_lines=None):
        """A cell's value, after its prompt, in every view."""
        for view in self.views:
            view.end_line()
            view.printer.result(data, prompt, max_lines)

    def display(self, data, max_lines=None):
        """display() data in every view."""
        for view in self.views:
            view.end_line()
            view.printer.display(data, max_lines)

    def error(self, text):
        """A traceback in every view."""
        for view in self.views:
            view.end_line()
            view.printer.error(text)


class _Text(io.TextIOBase):
    """What a cell prints (stdout and stderr alike), handed to every view as it comes."""

    encoding = "utf-8"

    def __init__(self, views):
        self.views = views

    def writable(self):
        return True

    def write(self, text):
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        for view in self.views:
            view.printer.stream_text(text)
        return len(text)


def _wait_for_key(keys):
    """Wait for Enter (any key on a terminal); False when the person typed q to stop."""
    try:
        is_tty = keys.isatty()
    except (AttributeError, ValueError):
        is_tty = False
    if is_tty:
        return _read_key_raw(keys) not in ("q", "Q", "\x04", "\x03")
    line = keys.readline()
    if not line:  # no more keys: play the rest without waiting
        return True
    return line.strip().lower() != "q"


def _read_key_raw(keys):
    # One keypress without echo, so that the demo's picture on screen is not disturbed.
    import termios
    import tty
    fd = keys.fileno()
    saved = termios.tcgetattr(fd)
    try:
        tty.setcbreak(fd)
        attrs = termios.tcgetattr(fd)
        attrs[3] &= ~termios.ECHO
        termios.tcsetattr(fd, termios.TCSANOW, attrs)
        return os.read(fd, 1).decode(errors="replace")
    finally:
        termios.tcsetattr(fd, termios.TCSADRAIN, saved)

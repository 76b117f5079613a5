"""Playing a demo's cells through a Session, printing each as the REPL would on every attached printer.

Two kinds of printer watch a demo: the screen (the REPL's Printer on the terminal, where code may
be typed out and the player may wait for a key) and a Recording (fixed width, for transcripts and
exports). Both get the same prompts, code and outputs, through the REPL's own Printer.
"""

import sys
from dataclasses import dataclass

from ..shell.outputs import ClearOutput, Stream
from . import echo


@dataclass
class Outcome:
    """How a demo went: cells run, cells that raised, and whether it stopped early."""

    cells_run: int = 0
    errors: int = 0
    stopped: bool = False  # --strict stopped at an error, a cell called exit(), or q at a pause
    exit_status: int | None = None  # what a cell passed to exit()


class Player:
    """Plays cells in one Session. Settings are plain attributes, set before `play`."""

    def __init__(self, session=None, screen=None, recording=None):
        if session is None:
            from ..shell import Session
            session = Session()
        self.session = session
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
            if result.error is not None:
                outcome.errors += 1
                if self.strict:
                    outcome.stopped = True
                    break
            if result.exit_requested:
                outcome.stopped, outcome.exit_status = True, result.exit_status
                break
        return outcome

    def play_cell(self, source):
        """Show one cell's input, run it, show its outputs; returns its ExecutionResult."""
        number = self.session.execution_count
        for view in self.views:
            if view is self.screen and self.typing_speed:
                echo.type_out(view.console, number, source, self.typing_speed)
            else:
                echo.show(view.console, number, source)
        result = self.session.execute(source, on_output=self._output)
        for view in self.views:
            view.end_line()
            view.printer.outcome(result)
        return result

    def _output(self, output):
        if isinstance(output, ClearOutput):
            return  # a terminal has no output area to clear; later output simply follows
        for view in self.views:
            if not isinstance(output, Stream):
                view.end_line()  # drawn data starts on a line of its own
            view.printer.output(output)


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
    import os
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

"""A recording console: everything a demo shows, kept at a fixed width for transcripts and exports.

The recording must not depend on where the demo runs, so its console has a fixed width and colour
system whatever the terminal, COLUMNS or NO_COLOR say. Text the cell prints goes through the same
console (as a terminal would show it: a carriage return goes back to the start of the line), so
that progress bars drawn with `\\r` leave their last state rather than every frame.
"""

import io

WIDTH = 100


class Recording:
    """A rich console with record=True, and a Printer (the REPL's) that prints into it."""

    def __init__(self, width=WIDTH):
        from rich.console import Console

        from ..shell.printer import Printer
        self.console = Console(file=io.StringIO(), width=width, record=True, force_terminal=True,
                               force_jupyter=False, force_interactive=False, color_system="truecolor",
                               no_color=False, highlight=False, emoji=False, markup=False,
                               legacy_windows=False)
        self.stream = TerminalLines(self._print_line)
        self.printer = Printer(self.stream, color=True, console=self.console)

    def _print_line(self, line):
        from rich.text import Text
        self.console.print(Text(line), soft_wrap=False, overflow="fold")

    def end_line(self):
        """Finish a line that printed text left open, before anything else is drawn."""
        self.stream.end_line()

    def text(self):
        """Everything recorded so far as plain text, each line without trailing spaces."""
        text = self.console.export_text(clear=False, styles=False)
        return "".join(line.rstrip() + "\n" for line in text.splitlines())


class Screen:
    """The terminal: the REPL's Printer on stdout. Off a terminal, `\\r` is applied before writing."""

    def __init__(self, stream):
        from ..shell.printer import Printer
        self.is_terminal = _isatty(stream)
        self.stream = stream if self.is_terminal else TerminalLines(lambda line: _write_line(stream, line))
        self.printer = Printer(self.stream, color=None if self.is_terminal else False)
        self.console = self.printer.console

    def end_line(self):
        """Finish a line that printed text left open (off a terminal, where lines are held until done)."""
        if not self.is_terminal:
            self.stream.end_line()
        self.stream.flush()


def _write_line(stream, line):
    stream.write(line + "\n")
    stream.flush()


def _isatty(stream):
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


class TerminalLines(io.TextIOBase):
    """A text stream that hands on whole lines, as a terminal would show them after `\\r` overwrites."""

    def __init__(self, write_line):
        self.write_line = write_line
        self._line = []  # the open line's characters
        self._column = 0

    def writable(self):
        return True

    def isatty(self):
        return False

    def write(self, text):
        for char in text:
            if char == "\n":
                self._emit()
            elif char == "\r":
                self._column = 0
            else:
                if self._column < len(self._line):
                    self._line[self._column] = char
                else:
                    self._line.append(char)
                self._column += 1
        return len(text)

    def end_line(self):
        """Print the open line, if any."""
        if self._line:
            self._emit()

    def _emit(self):
        line = "".join(self._line)
        self._line, self._column = [], 0
        self.write_line(line)

"""Printing a cell's outputs on the terminal: `Out[n]:` results, display() data, short tracebacks."""

import re

from ..shell.outputs import ClearOutput, Stream
from .style import use_color

_LOCATION = re.compile(r"^  (In \[\d+\]|File \".*\"), line \d+")
_SGR = {"bold": "1", "dim": "2", "red": "31", "yellow": "33"}


def tolerate_unencodable(stream):
    """Make `stream` write characters its encoding lacks as escapes (`\\xe9`) instead of raising."""
    # Under LANG=C without UTF-8 mode, stdout is ASCII: printing "é" raised UnicodeEncodeError in
    # the cell, and a result with one killed the REPL from inside rich.
    reconfigure = getattr(stream, "reconfigure", None)
    if callable(reconfigure) and getattr(stream, "errors", None) in ("strict", "surrogateescape"):
        try:
            reconfigure(errors="backslashreplace")
        except (ValueError, OSError):  # a stream already closed, or one that cannot change
            pass


class Printer:
    """Writes outputs to one stream, through rich, with colour only where `use_color` allows."""

    def __init__(self, stream, color=None, console=None):
        tolerate_unencodable(stream)
        self.stream = stream
        self.color = use_color(stream) if color is None else color
        # A console passed in (the demo runner's recording one, of fixed width) replaces the default.
        self._console = console

    @property
    def console(self):
        """The rich Console, made on first use: importing rich would delay the first prompt."""
        if self._console is None:
            from rich.console import Console
            self._console = Console(file=self.stream, color_system="auto" if self.color else None,
                                    force_terminal=self.color or None, no_color=not self.color,
                                    highlight=False, emoji=False)
        return self._console

    def output(self, output):
        """Show an output as a cell makes it: print() text as it comes, display() data drawn."""
        if isinstance(output, Stream):
            self.stream_text(output.text)
        else:
            self.display(output)

    def outcome(self, result):
        """Show how a cell ended: its error, or its value after `Out[n]: `."""
        if result.error is not None:
            self.error(result.error)
        elif result.result is not None:
            self.result(result.execution_count, result.result)

    def stream_text(self, text):
        """Pass print() output straight through, as it happens."""
        self.stream.write(text)
        self.stream.flush()

    def result(self, number, output):
        """Show a cell's value after `Out[n]: `."""
        from rich.text import Text
        prefix = Text(f"Out[{number}]: ", style="red")
        self.console.print(_Prefixed(prefix, output.rich(), _max_lines(output)))
        self.stream.flush()

    def display(self, output):
        """Show a value passed to display() (clear_output() has nothing to clear on a terminal)."""
        if isinstance(output, ClearOutput):
            return
        from rich.text import Text
        self.console.print(_Prefixed(Text(""), output.rich(), _max_lines(output)))
        self.stream.flush()

    def error(self, error):
        """Show an Error output as a short coloured traceback of the user's code."""
        from rich.text import Text
        lines = error.traceback
        text = Text()
        # The last line that starts with the exception's name begins the message (it may span lines).
        message_at = max((i for i, line in enumerate(lines) if line.startswith(error.ename)), default=len(lines))
        for i, line in enumerate(lines):
            if i >= message_at:
                name, sep, rest = line.partition(":")
                if i == message_at and sep:
                    text.append(name, style="bold red")
                    text.append(sep + rest)
                else:
                    text.append(line, style="red" if i == message_at else "")
            elif line.startswith("Traceback") or line.startswith("The above") or line.startswith("During"):
                text.append(line, style="dim")
            elif _LOCATION.match(line):
                text.append(line, style="cyan")
            elif line.startswith("    "):
                text.append(line, style="bold")
            else:
                text.append(line)
            text.append("\n")
        self.console.print(text, end="", soft_wrap=True)
        self.stream.flush()

    def message(self, line, style=""):
        """One line of the REPL's own (a banner line, a warning), without loading rich."""
        code = _SGR.get(style) if self.color else None
        self.stream.write(f"\x1b[{code}m{line}\x1b[0m\n" if code else line + "\n")
        self.stream.flush()


def _max_lines(output):
    """The line bound the Session rendered `output` under (display.limits), or the default one."""
    from ..display import DEFAULT_LIMITS
    return (getattr(output, "limits", None) or DEFAULT_LIMITS).max_lines


class _Prefixed:
    """A renderable drawn with a prefix on its first line (`Out[3]: `), cut after `max_lines` lines."""

    def __init__(self, prefix, renderable, max_lines=None):
        self.prefix = prefix
        self.renderable = renderable
        self.max_lines = max_lines

    def __rich_console__(self, console, options):
        from rich.segment import Segment
        width = max(options.max_width - self.prefix.cell_len, 20)
        lines = console.render_lines(self.renderable, options.update(width=width), pad=False, new_lines=False)
        yield from self.prefix.render(console)
        # The text was already cut to max_lines, but wrapping at a narrow terminal makes more lines.
        shown = lines if self.max_lines is None else lines[:self.max_lines]
        for line in shown:
            yield from line
            yield Segment.line()
        if len(shown) < len(lines):
            yield Segment(f"… {len(lines) - len(shown):,} more lines not shown", console.get_style("dim"))
            yield Segment.line()

"""Showing a cell's outcome on a terminal, or in a recording of one: shared by the REPL, its batch
modes and the demo player.

IPython works out each value's renderings (format data by mimetype); `PrintingMixin` sends what a
cell shows — its result after `Out[n]: `, display() data, tracebacks — to a `Printer`, which draws
it with rich. Terminal shells add one mimetype to IPython's, RICH, whose data is the rich
renderable of a value that draws itself (a tensor, a tape's tree, a magic's result); it never
leaves the process. Anything else shows IPython's text/plain, as in IPython.
"""

import re
import sys
import warnings

from IPython.core.autocall import ExitAutocall
from IPython.core.displayhook import DisplayHook
from IPython.core.displaypub import DisplayPublisher
from IPython.core.formatters import BaseFormatter, catch_format_error
from IPython.core.interactiveshell import InteractiveShell
from IPython.utils.dir2 import get_real_method
from traitlets import HasTraits, Type, Unicode, default

from .style import PROMPT_COLORS, out_prompt_parts, use_color

RICH = "application/x.eagerrepl.rich"  # format data: a rich renderable, for in-process printers only

_SGR = {"bold": "1", "dim": "2", "red": "31", "yellow": "33"}
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def tolerate_unencodable(stream):
    """Make `stream` write characters its encoding lacks as escapes (`\\xe9`) instead of raising."""
    # Under LANG=C without UTF-8 mode, stdout is ASCII: printing "é" raised UnicodeEncodeError in
    # the cell, and a result holding one broke the printer.
    reconfigure = getattr(stream, "reconfigure", None)
    if callable(reconfigure) and getattr(stream, "errors", None) in ("strict", "surrogateescape"):
        try:
            reconfigure(errors="backslashreplace")
        except (ValueError, OSError):  # a stream already closed, or one that cannot change
            pass


class RichFormatter(BaseFormatter):
    """The RICH format: the rich renderable of values that draw themselves (`__rich__`, `__rich_console__`)."""

    format_type = Unicode(RICH)
    _return_type = object

    @catch_format_error
    def __call__(self, obj):
        """A rich renderable for `obj`, or None when it has no drawing of its own."""
        if not self.enabled or isinstance(obj, type):
            return None
        if get_real_method(obj, "__rich__") is None and get_real_method(obj, "__rich_console__") is None:
            return None
        from ..display import rich_renderable
        shell = self.parent.parent  # the DisplayFormatter's shell, whose namespace names a tape's leaves
        return rich_renderable(obj, names=getattr(shell, "user_ns", None))


class Printer:
    """Draws outcomes on one stream, with rich on a terminal, coloured only where `use_color` allows.

    With no stream it writes to whatever `sys.stdout` is at the time, so that IPython's
    `%%capture` and `contextlib.redirect_stdout` catch results as they catch print(). Off a
    terminal (a pipe, a file) values are written as plain text, never folded at a width;
    tracebacks go to `errors` when given (batch modes send them to stderr).
    """

    def __init__(self, stream=None, color=None, console=None, errors=None):
        for given in (stream, errors):
            if given is not None:
                tolerate_unencodable(given)
        self._stream = stream
        self._errors = errors
        self.color = use_color(self.stream) if color is None else color
        # A console passed in (the demo player's recording one, of fixed width) replaces the default.
        self._console = console
        self.terminal = console is not None or _isatty(self.stream)

    @property
    def stream(self):
        """The stream written to."""
        return self._stream if self._stream is not None else sys.stdout

    @property
    def console(self):
        """The rich Console, made on first use: importing rich would delay the first prompt."""
        if self._console is None:
            from rich.console import Console
            self._console = Console(file=self._stream, color_system="auto" if self.color else None,
                                    force_terminal=self.color or None, no_color=not self.color,
                                    highlight=False, emoji=False, markup=False)
        return self._console

    def result(self, data, prompt=None, max_lines=None):
        """Show a cell's value from its format data, after `prompt` ((style, text) pieces) if any.

        On a terminal a drawing is cut after `max_lines` screen lines (None: no bound): the value
        came cut to that many lines of its own, but wrapping at a narrow terminal makes more.
        """
        renderable = data.get(RICH)
        plain = data.get("text/plain", "")
        if renderable is None and "\n" in plain and prompt:
            plain = "\n" + plain  # as IPython: a multi-line value starts on a line of its own
        if not self.terminal:
            self._write("".join(text for _, text in prompt or ()) + plain + "\n")
            return
        from rich.text import Text
        prefix = Text()
        for style, text in prompt or ():
            prefix.append(text, PROMPT_COLORS.get(style, ""))
        self._draw(prefix, renderable if renderable is not None else _Folded(plain), max_lines)

    def display(self, data, max_lines=None):
        """Show data passed to display(), cut as `result` cuts it."""
        renderable = data.get(RICH)
        if renderable is None and "text/plain" not in data:
            return  # nothing a terminal can show (an image alone, a widget's state)
        if not self.terminal:
            self._write(data["text/plain"] + "\n")
            return
        from rich.text import Text
        self._draw(Text(), renderable if renderable is not None else _Folded(data["text/plain"]), max_lines)

    def error(self, text):
        """Show a traceback as IPython formatted it (its colours are ANSI escapes in `text`)."""
        if not self.terminal or self._errors is not None:
            stream = self._errors if self._errors is not None else self.stream
            self.flush()
            stream.write((text if self.color else _ANSI.sub("", text)) + "\n")
            stream.flush()
            return
        from rich.text import Text
        self.console.print(Text.from_ansi(text), soft_wrap=True)
        self.flush()

    def stream_text(self, text):
        """Pass print() output straight through, as it happens."""
        self._write(text)

    def message(self, line, style=""):
        """One line of the front end's own (a banner line, a warning), without loading rich."""
        code = _SGR.get(style) if self.color else None
        self._write(f"\x1b[{code}m{line}\x1b[0m\n" if code else line + "\n")

    def flush(self):
        """Flush the stream."""
        flush = getattr(self.stream, "flush", None)
        if flush is not None:
            flush()

    def _write(self, text):
        self.stream.write(text)
        self.flush()

    def _draw(self, prefix, renderable, max_lines):
        self.console.print(_Prefixed(prefix, renderable, max_lines))
        self.flush()


def _isatty(stream):
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


class _Folded:
    """Plain text, already laid out (IPython's text/plain), folded at the edge a character at a
    time as a terminal folds it, never re-wrapped at spaces."""

    def __init__(self, text):
        self.text = text

    def __rich_console__(self, console, options):
        from rich.cells import chop_cells
        from rich.text import Text
        for line in self.text.split("\n"):
            for piece in chop_cells(line, options.max_width) or [""]:
                yield Text(piece, no_wrap=True, end="\n")


class _Prefixed:
    """A renderable drawn after a prefix on its first line (`Out[3]: `), cut after `max_lines` lines."""

    def __init__(self, prefix, renderable, max_lines=None):
        self.prefix = prefix
        self.renderable = renderable
        self.max_lines = max_lines

    def __rich_console__(self, console, options):
        from rich.segment import Segment
        width = max(options.max_width - self.prefix.cell_len, 20)
        lines = console.render_lines(self.renderable, options.update(width=width), pad=False, new_lines=False)
        yield from self.prefix.render(console)
        shown = lines if self.max_lines is None else lines[:self.max_lines]
        for line in shown:
            yield from line
            yield Segment.line()
        if len(shown) < len(lines):
            yield Segment(f"… {len(lines) - len(shown):,} more lines not shown", console.get_style("dim"))
            yield Segment.line()


class PrinterDisplayHook(DisplayHook):
    """Results (`Out[n]`) go to the shell's printer, with the prompt the shell gives."""

    def write_output_prompt(self):
        """Nothing: the printer draws the prompt together with the value."""

    def compute_format_data(self, result):
        """Only the formats the shell shows: a terminal has no use for HTML or SVG."""
        formatter = self.shell.display_formatter
        return formatter.format(result, include=formatter.active_types)

    def write_format_data(self, format_dict, md_dict=None):
        """Draw the value after its `Out[n]: ` prompt."""
        self.shell.printer.result(format_dict, self.shell.out_prompt(self.prompt_count), self.shell.max_lines())

    def log_output(self, format_dict):
        """IPython's record of the result (for %notebook), without RICH: a drawing holds the value itself."""
        super().log_output({mimetype: data for mimetype, data in format_dict.items() if mimetype != RICH})


class PrinterDisplayPublisher(DisplayPublisher):
    """display() data goes to the shell's printer."""

    def publish(self, data, metadata=None, source=None, *, transient=None, update=False, **kwargs):
        """Draw the data at once."""
        self.shell.printer.display(data, self.shell.max_lines())

    def clear_output(self, wait=False):
        """Nothing: a terminal has no output area to clear, later output simply follows."""


class Exit(ExitAutocall):
    """`exit` / `quit`, also with a status: `exit(3)` ends the session with status 3."""

    def __call__(self, status=None):
        self._ip.end_session(_status_of(status))


def _status_of(code):
    """The process status for SystemExit(code): an int as is, None 0, anything else 1 (Python's rule)."""
    if code is None:
        return 0
    return code if isinstance(code, int) else 1


class PrintingMixin(HasTraits):
    """Mixin for an IPython shell class: results, display() data and tracebacks go to `self.printer`.

    The session also ends on `exit(n)` or `sys.exit(n)`, as a Python session does, leaving `n` in
    `exit_status` (IPython itself only takes a bare `exit`, and shows a SystemExit as an error).
    """

    displayhook_class = Type(PrinterDisplayHook)
    display_pub_class = Type(PrinterDisplayPublisher)
    printer = None  # the Printer; front ends set it, and may swap it between cells
    show_out_prompts = True  # False: results without `Out[n]: ` (batch modes)
    exit_requested = False  # a cell called exit() or raised SystemExit
    exit_status = 0

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        # After a SystemExit, IPython warns that `exit` is the way out; here SystemExit is one.
        warnings.filterwarnings("ignore", "To exit: use 'exit'", UserWarning, "IPython")

    def init_display_formatter(self):
        """IPython's formatters with RICH added; active: text/plain and RICH, unless configured."""
        super().init_display_formatter()
        formatter = self.display_formatter
        formatter.register_formatter(RichFormatter(parent=formatter))
        configured = "active_types" in self.config.get("DisplayFormatter", {})
        formatter.active_types = [*formatter.active_types, RICH] if configured else ["text/plain", RICH]

    @default("exiter")
    def _exiter_default(self):
        return Exit(self)  # `exit` and `quit` that take a status

    def end_session(self, status):
        """End the session after this cell with exit status `status`."""
        self.exit_requested, self.exit_status = True, status
        self.ask_exit()

    def out_prompt(self, number):
        """The (style, text) pieces of the prompt before result `number`, or None for none."""
        return out_prompt_parts(number) if self.show_out_prompts else None

    def max_lines(self):
        """The most lines a shown value takes: the eagerrepl extension's setting, once it is loaded."""
        from .extension import loaded_in
        settings = loaded_in(self)
        if settings is not None:
            return settings.max_lines
        from ..display import DEFAULT_LIMITS
        return DEFAULT_LIMITS.max_lines

    def _showtraceback(self, etype, evalue, stb):
        self.printer.error(self.InteractiveTB.stb2text(stb))

    def showtraceback(self, exc_tuple=None, filename=None, tb_offset=None, exception_only=False,
                      running_compiled_code=False):
        """IPython's, except that a SystemExit ends the session with its status instead of showing."""
        etype, value, _ = sys.exc_info() if exc_tuple is None else exc_tuple
        if etype is not None and issubclass(etype, SystemExit):
            if value.code is not None and not isinstance(value.code, int):
                print(value.code, file=sys.stderr)  # sys.exit("message") prints it, as Python does
            self.end_session(_status_of(value.code))
            return
        super().showtraceback(exc_tuple, filename, tb_offset, exception_only, running_compiled_code)


class PrintingShell(PrintingMixin, InteractiveShell):
    """IPython's shell without a terminal of its own (batch modes, the demo player), printing through `printer`."""

    def ask_exit(self):
        """End the session after this cell (`exit_now`, which the front end reads)."""
        self.exit_now = True

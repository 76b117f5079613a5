"""The read-eval-print loop: read a cell with prompt_toolkit, run it in the Session, print outputs.

This module only moves text between the person and the Session; what a cell means is the
Session's business, how it looks is the printer's.
"""

import signal
import sys
import threading

from prompt_toolkit import PromptSession
from prompt_toolkit.auto_suggest import AutoSuggestFromHistory
from prompt_toolkit.formatted_text import FormattedText
from prompt_toolkit.lexers import PygmentsLexer
from prompt_toolkit.output import ColorDepth

from .completer import SessionCompleter
from .history import SafeFileHistory, default_history_path
from .key_bindings import build_key_bindings
from .printer import Printer
from .style import continuation_text, prompt_parts, prompt_style


class Repl:
    """A terminal REPL around a Session; `vi_mode` may be changed between prompts."""

    def __init__(self, session=None, input=None, output=None, stdout=None, history_path=None,
                 vi_mode=False, color=None, show_banner=True):
        if session is None:
            from ..shell import Session
            session = Session()
        self.session = session
        self.stdout = stdout if stdout is not None else sys.stdout
        self.printer = Printer(self.stdout, color)
        self.vi_mode = vi_mode
        self.show_banner = show_banner
        self.history = SafeFileHistory(history_path or default_history_path(),
                                       lambda line: self.printer.message(line, "yellow"))
        self.prompt_session = self._build_prompt(input, output)
        self._warmed = False

    def _build_prompt(self, input, output):
        from pygments.lexers.python import PythonLexer
        color = self.printer.color
        return PromptSession(
            input=input, output=output,
            multiline=True, key_bindings=build_key_bindings(self.session),
            # NO_COLOR or no terminal: no highlighting at all (1-bit depth would still send bold).
            lexer=PygmentsLexer(PythonLexer) if color else None,
            style=prompt_style() if color else None, include_default_pygments_style=color,
            color_depth=None if color else ColorDepth.DEPTH_1_BIT,
            history=self.history, auto_suggest=AutoSuggestFromHistory(), enable_history_search=True,
            completer=SessionCompleter(self.session), complete_in_thread=True,  # typing stays responsive while jedi works
            complete_while_typing=False, vi_mode=self.vi_mode,
            prompt_continuation=self._continuation,
        )

    def _message(self):
        return FormattedText([(f"class:{name}", text) for name, text in prompt_parts(self.session.execution_count)])

    def _continuation(self, width, line_number, is_soft_wrap):
        return FormattedText([("class:continuation", continuation_text(width))])

    def read(self, default=""):
        """One cell from the person; raises EOFError on Ctrl-D, KeyboardInterrupt on Ctrl-C."""
        source = self.prompt_session.prompt(self._message(), default=default, vi_mode=self.vi_mode,
                                            pre_run=self._warm_up)
        return _decode_escaped_bytes(source)

    def _warm_up(self):
        # jedi takes longer to import than the rest of startup: load it while the person reads
        # the prompt, so the first Tab is quick.
        # Started a little later, so the GIL is free for drawing the first prompt.
        if not self._warmed:
            self._warmed = True
            timer = threading.Timer(0.3, self._complete_quietly)
            timer.daemon = True
            timer.start()

    def _complete_quietly(self):
        try:
            self.session.complete("np.ar")
        except Exception:  # a warm-up only; a real completion will report nothing either
            pass

    def run_cell(self, source):
        """Run one cell and print what it produced; returns its ExecutionResult."""
        result = self.session.execute(source, on_output=self.printer.output)
        self.printer.outcome(result)
        return result

    def run(self):
        """Loop until Ctrl-D or exit(); returns the exit status."""
        if self.show_banner:
            from ..shell.banner import banner
            for line in banner().split("\n"):
                self.printer.message(line, "bold" if line.startswith("eagerrepl") else "dim")
        next_input = ""
        while True:
            try:
                source = self.read(next_input)
            except KeyboardInterrupt:
                next_input = ""  # Ctrl-C while typing: drop the line, keep the session
                continue
            except EOFError:
                return 0
            next_input = ""
            if source.strip() in ("exit", "quit"):
                return 0
            try:
                _restore_sigint()
                result = self.run_cell(source)
            except KeyboardInterrupt:
                # Ctrl-C landed while printing rather than inside the cell: the cell already ran.
                self.printer.message("KeyboardInterrupt", "red")
                continue
            if result.exit_requested:
                return result.exit_status
            next_input = result.next_input or ""


def _decode_escaped_bytes(source):
    """Typed text with the bytes a non-UTF-8 locale could not decode read as UTF-8 after all."""
    # Under LANG=C the terminal still sends UTF-8 for "é"; Python hands the two bytes over as lone
    # surrogates, which no cell can compile. Nearly every terminal is UTF-8, so read them as that.
    if not any("\udc80" <= ch <= "\udcff" for ch in source):
        return source
    return source.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _restore_sigint():
    # Ctrl-C while a cell runs must raise KeyboardInterrupt inside it, whatever handler the
    # prompt's event loop left behind.
    if signal.getsignal(signal.SIGINT) is not signal.default_int_handler:
        signal.signal(signal.SIGINT, signal.default_int_handler)

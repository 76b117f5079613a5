"""The interactive shell: IPython's TerminalInteractiveShell, showing values through eagerrepl's printer.

IPython brings the prompt (prompt_toolkit), its keys, history, completion, `!cmd`, `%debug`,
top-level await and every magic; eagerrepl adds how results look (the shared Printer: tensors,
tape trees and magic results drawn with rich), its banner, and `exit(n)`.
"""

import asyncio
import sys

from IPython.terminal.interactiveshell import TerminalInteractiveShell
from pygments.token import Token
from traitlets import default

from ..shell.printer import Printer, PrintingMixin
from ..shell.style import use_color
from .startup import finish_import

_PROMPT_STYLES = {Token.OutPrompt: "out", Token.OutPromptNum: "out.number"}


class TerminalShell(PrintingMixin, TerminalInteractiveShell):
    """eagerrepl's REPL shell; configure it as `TerminalInteractiveShell` in the eagerrepl profile."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        # Results follow print() output on whatever sys.stdout is when they are drawn.
        self.printer = Printer(color=self.colors != "nocolor")

    @default("colors")
    def _colors_default(self):
        # NO_COLOR (https://no-color.org) or output that is no terminal: IPython's colourless theme.
        return "neutral" if use_color(sys.stdout) else "nocolor"

    @default("term_title_format")
    def _term_title_format_default(self):
        return "eagerrepl: {cwd}"

    @default("confirm_exit")
    def _confirm_exit_default(self):
        return False  # Ctrl-D on an empty line leaves at once, as Python's REPL does

    def prompt_for_code(self):
        """The next cell from the prompt, with bytes a non-UTF-8 locale could not decode read as UTF-8."""
        return _decode_escaped_bytes(super().prompt_for_code())

    def import_when_idle(self, module):
        """Finish importing a deferred module (repl.startup) once the first prompt is drawn."""
        if self.pt_app is None:  # IPython's simple prompt (no terminal): nothing to draw first
            self._finish_import(module)
            return
        app = self.pt_app.app

        def after_render(_):
            app.after_render.remove_handler(after_render)
            # Called soon, from the prompt's event loop: after this drawing, before any key is read.
            asyncio.get_running_loop().call_soon(self._finish_import, module)
        app.after_render.add_handler(after_render)

    def _finish_import(self, module):
        try:
            finish_import(module)
        except Exception as exc:  # the session goes on; using the module will say the same again
            print(f"eagerrepl: could not import {module.__spec__.name}: {type(exc).__name__}: {exc}")

    def out_prompt(self, number):
        """IPython's output prompt (configurable through `prompts_class`) as (style, text) pieces."""
        return [(_PROMPT_STYLES.get(token, ""), text) for token, text in self.prompts.out_prompt_tokens()]

    def show_banner(self, banner=None):
        """eagerrepl's banner (version, devices, where to get help), unless another is configured."""
        if banner is not None or self.banner1 != type(self).banner1.default_value:
            return super().show_banner(banner)
        from ..shell.banner import banner as eagerrepl_banner
        for line in eagerrepl_banner().split("\n"):
            self.printer.message(line, "bold" if line.startswith("eagerrepl") else "dim")
        if self.banner2:
            print(self.banner2)


def _decode_escaped_bytes(source):
    """Typed text with the bytes a non-UTF-8 locale could not decode read as UTF-8 after all."""
    # Under LANG=C the terminal still sends UTF-8 for "é"; prompt_toolkit decodes stdin with the
    # locale's codec and hands the two bytes over as lone surrogates, which no cell can compile
    # and IPython's history cannot store. Nearly every terminal is UTF-8, so read them as that.
    if not any("\udc80" <= ch <= "\udcff" for ch in source):
        return source
    return source.encode("utf-8", "surrogateescape").decode("utf-8", "replace")

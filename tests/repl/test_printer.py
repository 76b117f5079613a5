"""The printer the REPL, its batch modes and the demo player share (eagerrepl/shell/printer.py)."""

import gc
import io
import json
import weakref

from rich.console import Console
from rich.text import Text
from traitlets.config import Config

from eagerrepl.shell.printer import RICH, Printer, PrintingShell
from eagerrepl.shell.style import out_prompt_parts


def terminal(width=40):
    """A Printer drawing on a recording console of `width` columns, as if on a terminal; and its text."""
    console = Console(file=io.StringIO(), width=width, force_terminal=True, color_system=None, record=True)
    printer = Printer(io.StringIO(), color=False, console=console)
    return printer, lambda: console.export_text(clear=False)


def test_a_drawing_follows_its_prompt_and_a_multiline_text_starts_below_it():
    printer, text = terminal()
    printer.result({RICH: Text("Tensor shape=(2,)\n[1. 2.]"), "text/plain": "ignored"}, out_prompt_parts(3))
    printer.result({"text/plain": "[1,\n 2]"}, out_prompt_parts(4))
    printer.result({"text/plain": "'one line'"}, out_prompt_parts(5))
    assert text() == "Out[3]: Tensor shape=(2,)\n[1. 2.]\nOut[4]: \n[1,\n 2]\nOut[5]: 'one line'\n"


def test_on_a_terminal_a_drawing_is_cut_at_the_line_bound_counting_wrapped_lines():
    printer, text = terminal(width=30)
    printer.display({"text/plain": "x" * 290}, max_lines=4)  # ten screen lines at 30 columns
    assert text().split("\n") == ["x" * 30] * 4 + ["… 6 more lines not shown", ""]


def test_off_a_terminal_values_are_plain_text_never_folded():
    out, errors = io.StringIO(), io.StringIO()
    printer = Printer(out, color=False, errors=errors)
    printer.result({RICH: Text("drawn"), "text/plain": "v" * 300}, None)
    printer.display({"image/png": b"..."})  # nothing a terminal can show
    printer.error("\x1b[31mZeroDivisionError\x1b[39m: division by zero")
    assert out.getvalue() == "v" * 300 + "\n"
    assert errors.getvalue() == "ZeroDivisionError: division by zero\n"  # IPython's colours dropped


def test_tracebacks_keep_their_colours_on_a_coloured_terminal():
    console = Console(file=io.StringIO(), width=80, force_terminal=True, color_system="standard", record=True)
    Printer(io.StringIO(), color=True, console=console).error("\x1b[31mValueError\x1b[39m: bad")
    assert console.export_text(clear=False) == "ValueError: bad\n"
    assert "\x1b[31mValueError" in console.export_text(styles=True)


def test_unencodable_characters_are_escaped_not_fatal():
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="ascii")
    Printer(stream, color=False).stream_text("h\u00e9llo\n")
    assert raw.getvalue() == b"h\\xe9llo\n"


def test_results_drawn_in_a_printing_shell_are_freed_once_out_forgets_them(tmp_path):
    # IPython keeps each result's format data for %notebook; the RICH drawing in it would hold the
    # value itself, past Out's byte budget.
    config = Config()
    config.HistoryManager.hist_file = ":memory:"
    shell = PrintingShell(config=config, ipython_dir=str(tmp_path))
    shell.printer, text = terminal(width=60)
    shell.history_manager.outputs.clear()  # IPython keeps it on the class, shared by the process's shells
    try:
        shell.extension_manager.load_extension("eagerrepl")
        shell.run_cell(f"%config Eagerrepl.cache_bytes = {2 * 4_000_000}", store_history=True)
        refs = []
        for i in range(6):
            shell.run_cell(f"er.fill([1_000_000], {float(i)})", store_history=True)
            refs.append(weakref.ref(shell.user_ns["Out"][shell.execution_count - 1]))
        gc.collect()
        assert list(shell.user_ns["Out"]) == [6, 7]
        assert [r() is None for r in refs] == [True, True, True, False, False, False]  # _, __, ___ hold 3
        assert "Out[7]: Tensor shape=(1000000,)" in text()
        shell.run_cell(f"%notebook {tmp_path / 'session.ipynb'}", store_history=True)  # the record is JSON
        cells = json.loads((tmp_path / "session.ipynb").read_text())["cells"]
        shown = {cell["execution_count"]: "".join(output["data"]["text/plain"])
                 for cell in cells for output in cell["outputs"]}
        assert list(shown) == [6, 7] and shown[7].startswith("Tensor shape=(1000000,)")  # as far back as Out
    finally:
        shell.extension_manager.unload_extension("eagerrepl")
        shell.history_manager.outputs.clear()  # %notebook left empty entries there, which IPython trips over

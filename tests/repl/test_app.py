"""The REPL application driven through prompt_toolkit's pipe input, printing to a buffer."""

import io
import os

import pytest
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from eagerrepl.repl.app import Repl
from eagerrepl.repl.history import SafeFileHistory, default_history_path


@pytest.fixture
def drive(tmp_path):
    """Run a REPL on the given keystrokes until they run out; return (status, printed text, repl)."""
    def run(keys, history_path=None):
        out = io.StringIO()
        with create_pipe_input() as pipe:
            pipe.send_text(keys)
            pipe.close()  # end of input reads as Ctrl-D: the REPL exits
            repl = Repl(input=pipe, output=DummyOutput(), stdout=out, show_banner=False,
                        history_path=str(history_path or tmp_path / "history"))
            status = repl.run()
        return status, out.getvalue(), repl
    return run


def test_value_is_printed_after_out(drive):
    status, printed, _ = drive("x = er.constant([1., 2.])\rx\r")
    assert status == 0
    assert "Out[2]: Tensor shape=(2,) dtype=float32 device=cpu:0\n[1. 2.]\n" in printed


def test_print_output_and_result_order(drive):
    _, printed, _ = drive("print('hi'); 3\r")
    assert printed == "hi\nOut[1]: 3\n"


def test_clear_output_prints_nothing_on_a_terminal(drive):
    _, printed, _ = drive("print('a'); clear_output(); print('b')\r")
    assert printed == "a\nb\n"


def test_enter_in_unfinished_block_indents_then_blank_line_runs(drive):
    _, printed, repl = drive("def f(a):\rreturn a * 2\r\rf(21)\r")
    assert repl.session.In[1] == "def f(a):\n    return a * 2\n"
    assert "Out[2]: 42" in printed


def test_enter_in_open_bracket_continues(drive):
    _, printed, repl = drive("(1 +\r2)\r")
    assert repl.session.In[1] == "(1 +\n2)"
    assert "Out[1]: 3" in printed


def test_error_then_keep_going(drive):
    _, printed, _ = drive("y = 5\r1/0\ry + 1\r")
    assert "ZeroDivisionError: division by zero" in printed
    assert "In [2], line 1" in printed
    assert "Out[3]: 6" in printed


def test_meta_enter_runs_an_unfinished_cell(drive):
    # Plain Enter after the indented line would wait for a blank line; Meta-Enter runs now.
    _, printed, _ = drive("if True:\rprint('ran')\x1b\r")
    assert printed == "ran\n"


def test_exit_with_status(drive):
    status, _, _ = drive("exit(4)\r1\r")
    assert status == 4


def test_plain_exit_word_leaves(drive):
    assert drive("exit\r")[0] == 0


def test_load_fills_the_next_prompt(drive, tmp_path):
    path = tmp_path / "snippet.py"
    path.write_text("40 + 2")
    _, printed, _ = drive(f"%load {path}\r\r")
    assert "Out[2]: 42" in printed


def test_no_colour_when_not_a_terminal(drive):
    _, printed, _ = drive("1/0\r")
    assert "\x1b[" not in printed


def test_completer_offers_session_completions():
    # Tab itself is exercised in the pty test: prompt_toolkit completes asynchronously, which a
    # pipe written all at once cannot wait for.
    from prompt_toolkit.completion import CompleteEvent
    from prompt_toolkit.document import Document
    from eagerrepl.repl.completer import SessionCompleter
    from eagerrepl.shell import Session
    found = list(SessionCompleter(Session()).get_completions(Document("x = er.Variab"), CompleteEvent()))
    assert [(c.text, c.start_position) for c in found] == [("Variable", -6)]


def test_history_is_written_as_cells_run(drive, tmp_path):
    path = tmp_path / "h"
    drive("a = 1\rb = 2\r", history_path=path)
    assert SafeFileHistory(str(path), print).load_history_strings() == ["b = 2", "a = 1"]


def test_history_up_arrow_recalls_previous_session(drive, tmp_path):
    path = tmp_path / "h"
    drive("41 + 1\r", history_path=path)
    _, printed, _ = drive("\x1b[A\r", history_path=path)  # Up, Enter
    assert "Out[1]: 42" in printed


def test_unreadable_history_warns_and_keeps_going(drive, tmp_path):
    directory = tmp_path / "is_a_dir"
    directory.mkdir()
    status, printed, _ = drive("1 + 1\r", history_path=directory)
    assert status == 0
    assert "warning: cannot read history file" in printed and "in memory" in printed
    assert "Out[1]: 2" in printed


def test_corrupt_history_is_read_without_crashing(tmp_path):
    path = tmp_path / "h"
    path.write_bytes(b"\xff\xfe garbage\n+ok = 1\n\x00\x01\n+\xc3(\n")
    warnings = []
    strings = SafeFileHistory(str(path), warnings.append).load_history_strings()
    assert "ok = 1" in strings[-1] and warnings == []


def test_unusable_history_path_warns_once_and_keeps_memory(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    warnings = []
    history = SafeFileHistory(str(blocker / "sub" / "history"), warnings.append)
    history.store_string("a")
    history.store_string("b")
    assert len(warnings) == 1 and "cannot" in warnings[0] and "Not a directory" in warnings[0]
    assert history.load_history_strings() == ["b", "a"]


def test_history_path_honours_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("EAGERREPL_HISTORY", str(tmp_path / "explicit"))
    assert default_history_path() == str(tmp_path / "explicit")
    monkeypatch.delenv("EAGERREPL_HISTORY")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert default_history_path() == os.path.join(str(tmp_path / "data"), "eagerrepl", "history")

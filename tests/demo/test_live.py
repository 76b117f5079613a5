"""Live modes of `eagerrepl demo`: typing code out, pausing for keys on a real stdin, the REPL at the end."""

import io
import subprocess
import sys
import time

import pytest

from eagerrepl.demo import Player, parse_cells
from eagerrepl.demo.recording import Screen

THREE_CELLS = "a = 20\n\nb = a + 1\n\na + b\n"


def play(source, typing_speed=None):
    out = io.StringIO()
    player = Player(screen=Screen(out))
    player.typing_speed = typing_speed
    started = time.monotonic()
    player.play(parse_cells(source))
    return out.getvalue(), time.monotonic() - started


def test_typing_shows_the_same_session_at_a_typist_pace():
    source = "total = er.reduce_sum(er.ones([3]))\n\ntotal\n"
    shown, _ = play(source)
    typed, elapsed = play(source, typing_speed=200)
    assert typed == shown
    code_chars = len(source.replace("\n", ""))
    assert elapsed >= 0.5 * code_chars / 200  # each keystroke waits at least half the mean delay


def _demo_command(path, *args, stdin_text):
    return subprocess.run([sys.executable, "-m", "eagerrepl.cli", "demo", *args, str(path)],
                          input=stdin_text, capture_output=True, text=True, timeout=60)


def test_pause_waits_for_enter_on_stdin_and_q_stops(tmp_path):
    path = tmp_path / "three.py"
    path.write_text(THREE_CELLS)
    proc = _demo_command(path, "--pause", stdin_text="\n\nq\n")
    assert proc.returncode == 0, proc.stderr
    assert "In [1]: a = 20" in proc.stdout and "In [2]: b = a + 1" in proc.stdout
    assert "In [3]" not in proc.stdout


def test_pause_plays_on_when_stdin_runs_out(tmp_path):
    path = tmp_path / "three.py"
    path.write_text(THREE_CELLS)
    proc = _demo_command(path, "--pause", stdin_text="\n")
    assert "Out[3]: 41" in proc.stdout


def test_in_a_terminal_keys_step_through_and_the_repl_keeps_the_names(tmp_path):
    pexpect = pytest.importorskip("pexpect")
    from terminal import quit_ok, spawn_command, terminal_env
    path = tmp_path / "three.py"
    path.write_text(THREE_CELLS)
    child = spawn_command("demo", "--pause", "--interactive", str(path), env=terminal_env(tmp_path))
    assert child.expect([r"In \[1\]", pexpect.TIMEOUT], timeout=1) == 1  # nothing before the first key
    for number, code in ((1, "a = 20"), (2, r"b = a \+ 1"), (3, r"a \+ b")):
        time.sleep(0.3)  # let the demo switch the terminal to single keys before pressing one
        child.send(" ")
        child.expect(rf"In \[{number}\]: {code}")
    child.expect(r"Out\[3\]: 41")
    child.expect(r"In \[4\]:")  # the REPL's own prompt, numbering on from the demo
    time.sleep(0.3)
    child.send("a * b\r")
    child.expect(r"Out\[4\]: 420")
    quit_ok(child)

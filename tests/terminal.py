"""Driving `eagerrepl` in a real pseudo-terminal with pexpect: shared by the REPL and demo tests."""

import os
import sys

import pytest

pexpect = pytest.importorskip("pexpect")

PROMPT = r"In \[(\d+)\]:"  # prompt_toolkit draws the trailing space as a cursor move


def terminal_env(tmp_path, **extra):
    """An environment for a pty run: IPython's folder (profile, history) in tmp_path, no colour, a 100x40 xterm."""
    env = dict(os.environ, IPYTHONDIR=str(tmp_path / "ipython"), TERM="xterm",
               NO_COLOR="1", COLUMNS="100", LINES="40")
    env.pop("EAGERREPL_HISTORY", None)
    # pexpect is no terminal emulator: it never answers prompt_toolkit's cursor-position
    # request, and prompt_toolkit would wait for the answer in raw mode, where Ctrl-C is a key.
    env["PROMPT_TOOLKIT_NO_CPR"] = "1"
    env.update(extra)
    return env


def spawn_command(*args, env, dimensions=(40, 100), **options):
    """`python -m eagerrepl.cli ARGS` in a pty (40x100 by default); options go to pexpect.spawn."""
    return pexpect.spawn(sys.executable, ["-m", "eagerrepl.cli", *args], env=env, encoding="utf-8",
                         timeout=20, dimensions=dimensions, **options)


def run(child, line):
    """Type a line and press Enter."""
    child.send(line + "\r")


def quit_ok(child):
    """Ctrl-D at a fresh prompt exits with status 0."""
    # The prompt can be drawn a moment before prompt_toolkit puts the terminal in raw mode; a
    # Ctrl-D in that moment is the terminal's own end-of-line and never reaches the REPL.
    for _ in range(20):
        child.sendcontrol("d")
        if child.expect([pexpect.EOF, pexpect.TIMEOUT], timeout=1) == 0:
            break
    child.close()
    assert child.exitstatus == 0


def interrupt(child, timeout=1):
    """Ctrl-C until the running cell reports KeyboardInterrupt."""
    # A Ctrl-C that lands while prompt_toolkit is still handing the terminal back is its key,
    # not the cell's signal; repeat it until the running cell sees one.
    for _ in range(20):
        child.sendintr()
        if child.expect(["KeyboardInterrupt", pexpect.TIMEOUT], timeout=timeout) == 0:
            return
    pytest.fail("Ctrl-C never interrupted the running cell")

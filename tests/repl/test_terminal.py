"""End to end: the `eagerrepl` command in a real pseudo-terminal (pexpect): IPython's terminal shell
with eagerrepl's values, and what IPython brings (`!cmd`, await, %debug, %cd, history...)."""

import os
import re

import pytest

pexpect = pytest.importorskip("pexpect")

from terminal import PROMPT, interrupt, quit_ok, run, spawn_command, terminal_env  # noqa: E402


def spawn(tmp_path, *args, cwd=None, **extra):
    child = spawn_command(*args, env=terminal_env(tmp_path, **extra), cwd=cwd)
    child.expect(PROMPT)
    return child


def test_startup_names_gpus_without_importing_cupy(tmp_path):
    # A stand-in `cupy` first on the path: the banner may find it, but importing it (and so
    # starting CUDA on every launch) would print its line.
    (tmp_path / "cupy").mkdir()
    (tmp_path / "cupy" / "__init__.py").write_text("print('cupy was imported')\n")
    path = os.pathsep.join(filter(None, [str(tmp_path), os.environ.get("PYTHONPATH")]))
    child = spawn(tmp_path, PYTHONPATH=path)
    assert "devices: cpu:0, GPUs through CuPy (%device lists them)" in child.before
    assert "cupy was imported" not in child.before
    quit_ok(child)


def test_session_in_a_terminal(tmp_path):
    child = spawn(tmp_path)
    assert "eagerrepl" in child.before and "cpu:0" in child.before  # the banner
    run(child, "x = er.constant([[1., 2.], [3., 4.]])")
    child.expect(PROMPT)
    run(child, "x * 2")
    child.expect(r"Out\[2\]: Tensor shape=\(2, 2\) dtype=float32 device=cpu:0\s+\[\[2\. 4\.\]\s+\[6\. 8\.\]\]")
    run(child, "x @ er.constant([1., 2., 3.])")
    child.expect(r"In\[3\], line 1")
    child.expect(r"InvalidArgumentError: matmul")
    child.expect(PROMPT)
    run(child, "def double(a):")
    run(child, "return a * 2")
    run(child, "")
    child.expect(PROMPT)
    run(child, "double(21)")
    child.expect(r"Out\[5\]: 42")
    child.expect(PROMPT)
    # The loop says when it runs: a Ctrl-C sent while the line is still being read would only clear it.
    run(child, "print('spin' + 'ning'); [0 for _ in iter(int, 1)]")
    child.expect("spinning")
    interrupt(child)
    child.expect(PROMPT)
    run(child, "float(x[1, 1]) + double(1)")
    child.expect(r"Out\[7\]: 6\.0")
    child.expect(PROMPT)
    quit_ok(child)


def test_tab_and_ctrl_c_while_typing(tmp_path):
    child = spawn(tmp_path, "--no-banner")
    child.send("er.Variab\t")
    child.expect("le")  # the completion's missing part is drawn after the cursor
    run(child, "(2.)")
    child.expect(r"Out\[1\]: Variable 'Variable' shape=\(\) dtype=float32")
    child.expect(PROMPT)
    child.send("half typed")
    child.expect("typed")
    child.sendintr()  # clears the line, keeps the session
    run(child, "1 + 1")
    child.expect(r"Out\[2\]: 2")
    child.expect(PROMPT)
    quit_ok(child)


def _menu(child, typed, shown):
    """The completion menu drawn after typing `typed` and Tab, read until `shown` is in it; then Ctrl-C."""
    child.send(typed + "\t")
    child.expect(shown)
    # The rest of the menu: whatever is drawn until the terminal has been quiet for a moment.
    seen = child.before + child.after
    while child.expect([pexpect.TIMEOUT, r".+"], timeout=0.5) == 1:
        seen += child.after
    child.sendintr()  # closes the menu,
    child.sendintr()  # then clears the line
    return re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", " ", seen)


def test_completion_hides_private_names_and_eagerrepls_modules(tmp_path):
    child = spawn(tmp_path, "--no-banner")
    run(child, "x = er.constant([1., 2.])")
    child.expect(PROMPT)
    menu = _menu(child, "x.", "numpy")
    assert "argmax" in menu and "_value" not in menu and "_repr_mimebundle_" not in menu
    assert "tolist" in _menu(child, "x.to", "tolist")
    assert "_value" in _menu(child, "x._", "_value")  # typing `_` asks for them
    menu = _menu(child, "er.c", "constant")
    assert not re.search(r"\bcli\b", menu)
    menu = _menu(child, "er.b", "broadcast")
    assert not re.search(r"\bbackend\b", menu)
    menu = _menu(child, "er.a", "add")
    assert not re.search(r"\bapi\b", menu)
    quit_ok(child)


def test_shell_commands_await_and_directory_magics(tmp_path):
    child = spawn(tmp_path, "--no-banner", cwd=str(tmp_path))
    run(child, "!echo hello from the shell")
    child.expect("hello from the shell")
    child.expect(PROMPT)
    run(child, "words = !echo one two")
    child.expect(PROMPT)
    run(child, "words")
    child.expect(r"Out\[3\]: \['one two'\]")
    run(child, "import asyncio")
    run(child, "await asyncio.sleep(0.01); 'awaited'")
    child.expect(r"Out\[5\]: 'awaited'")
    (tmp_path / "sub").mkdir()
    run(child, "%cd sub")
    child.expect(PROMPT)
    run(child, "%pwd")
    child.expect(r"Out\[7\]: '.*/sub'")
    run(child, "%env EAGERREPL_TEST=set here")
    child.expect(PROMPT)
    run(child, "!echo $EAGERREPL_TEST")
    child.expect("set here")
    child.expect(PROMPT)
    (tmp_path / "sub" / "snippet.py").write_text("40 + 2")
    run(child, "%load snippet.py")  # puts the file at the next prompt, to edit or run
    child.expect(r"# %load snippet.py")
    run(child, "")
    child.expect(r"Out\[11\]: 42")
    child.expect(PROMPT)
    quit_ok(child)


def test_debug_after_an_exception(tmp_path):
    child = spawn(tmp_path, "--no-banner")
    run(child, "def f(a):")
    run(child, "return 1 / a")
    run(child, "")
    child.expect(PROMPT)
    run(child, "f(0)")
    child.expect("ZeroDivisionError")
    child.expect(PROMPT)
    run(child, "%debug")
    child.expect("ipdb>")
    run(child, "p a + 1000")  # a is 0 in the frame that raised
    child.expect(r"1000\r\n")
    child.expect("ipdb>")
    run(child, "q")
    child.expect(PROMPT)
    run(child, "f(4)")
    child.expect(r"Out\[4\]: 0\.25")
    child.expect(PROMPT)
    quit_ok(child)


def test_history_survives_a_restart(tmp_path):
    child = spawn(tmp_path, "--no-banner")
    run(child, "remembered = 6 * 7")
    child.expect(PROMPT)
    quit_ok(child)
    assert (tmp_path / "ipython" / "profile_eagerrepl" / "history.sqlite").is_file()
    child = spawn(tmp_path, "--no-banner")
    child.send("\x1b[A")  # Up: the last cell of the previous run
    child.expect("remembered = 6 \\* 7")
    run(child, "")
    child.expect(PROMPT)
    run(child, "remembered")
    child.expect(r"Out\[2\]: 42")
    child.expect(PROMPT)
    quit_ok(child)


def test_exit_status_and_vi_keys(tmp_path):
    child = spawn(tmp_path, "--no-banner", "--vi")
    child.send("xyz = 5")
    child.send("\x1b")  # vi: Escape to normal mode, then
    child.send("0x")  # delete the first character
    run(child, "")  # Enter runs `yz = 5`
    child.expect(PROMPT)
    run(child, "yz")
    child.expect(r"Out\[2\]: 5")
    run(child, "exit(4)")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 4


def test_numpy_is_imported_while_the_first_prompt_waits(tmp_path):
    child = spawn(tmp_path, "--no-banner")
    # The cell touches nothing in numpy: it was imported before the prompt read a key (repl/startup.py).
    run(child, "import sys; type(sys.modules['numpy']).__name__, np is sys.modules['numpy']")
    child.expect(r"Out\[1\]: \('module', True\)")
    child.expect(PROMPT)
    quit_ok(child)

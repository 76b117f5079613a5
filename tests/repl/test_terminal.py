"""End to end: the `eagerrepl` command in a real pseudo-terminal (pexpect), and its batch modes."""

import os
import subprocess
import sys

import pytest

pexpect = pytest.importorskip("pexpect")

from terminal import PROMPT, interrupt, quit_ok, run, spawn_command, terminal_env  # noqa: E402



def spawn(tmp_path, *args, **extra):
    child = spawn_command(*args, env=terminal_env(tmp_path, **extra))
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
    child.expect(r"In \[3\], line 1")
    child.expect(PROMPT)
    run(child, "def double(a):")
    run(child, "return a * 2")
    run(child, "")
    child.expect(PROMPT)
    run(child, "double(21)")
    child.expect(r"Out\[5\]: 42")
    child.expect(PROMPT)
    run(child, "while True: pass")
    child.expect(r"while True: pass")
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
    child.sendintr()  # drops the line, keeps the session
    child.expect(PROMPT)
    run(child, "1 + 1")
    child.expect(r"Out\[2\]: 2")
    child.expect(PROMPT)
    quit_ok(child)


def test_history_survives_a_restart(tmp_path):
    child = spawn(tmp_path, "--no-banner")
    run(child, "remembered = 6 * 7")
    child.expect(PROMPT)
    quit_ok(child)
    child = spawn(tmp_path, "--no-banner")
    child.send("\x1b[A")  # Up: the last cell of the previous run
    child.expect("remembered = 6 \\* 7")
    run(child, "")
    child.expect(PROMPT)
    run(child, "remembered")
    child.expect(r"Out\[2\]: 42")
    child.expect(PROMPT)
    quit_ok(child)


def eagerrepl(*args, stdin=None, cwd=None):
    return subprocess.run([sys.executable, "-m", "eagerrepl.cli", *args], input=stdin, cwd=cwd,
                          capture_output=True, text=True, timeout=60)


def test_dash_c_prints_result_and_exit_status():
    done = eagerrepl("-c", "x = er.constant([1., 2.])\nprint('sum', float(er.reduce_sum(x)))\nx")
    assert done.returncode == 0, done.stderr
    assert done.stdout == "sum 3.0\nTensor shape=(2,) dtype=float32 device=cpu:0\n[1. 2.]\n"
    failed = eagerrepl("-c", "1/0")
    assert failed.returncode == 1 and failed.stderr.endswith("ZeroDivisionError: division by zero\n")
    assert eagerrepl("-c", "exit(3)").returncode == 3


def test_file_mode_runs_a_script_with_magics(tmp_path):
    script = tmp_path / "script.py"
    script.write_text("import sys\nprint(sys.argv[1:])\n%time y = 2\nprint(y)\ny + 1\n")
    done = eagerrepl(str(script), "a", "b")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("['a', 'b']\n") and "Wall time" in done.stdout
    assert done.stdout.endswith("2\n")  # a script does not echo its expressions
    bad = tmp_path / "bad.py"
    bad.write_text("print('before')\nraise ValueError('stop')\nprint('after')\n")
    failed = eagerrepl(str(bad))
    assert failed.returncode == 1 and failed.stdout == "before\n"
    assert f'File "{bad}", line 2' in failed.stderr and "ValueError: stop" in failed.stderr
    assert eagerrepl(str(tmp_path / "missing.py")).returncode == 2


def test_piped_cells(tmp_path):
    cells = "a = 2\na * 3\ndef f(v):\n    return v + 1\n\nf(a)\n1/0\nprint('after the error')\n"
    done = eagerrepl(stdin=cells)
    assert done.stdout == "6\n3\nafter the error\n"
    assert "ZeroDivisionError" in done.stderr and done.returncode == 1
    assert eagerrepl(stdin="x = 1\nx\n").returncode == 0
    assert eagerrepl(stdin="print(1); clear_output(); print(2)\n").stdout == "1\n2\n"

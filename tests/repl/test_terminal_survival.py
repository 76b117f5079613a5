"""The REPL in a real pty keeps going where its surroundings are hostile: no usable home or history,
narrow or non-UTF-8 terminals, huge pastes, Ctrl-C in a flood of output."""

import os

import pytest

pexpect = pytest.importorskip("pexpect")

from terminal import PROMPT, interrupt, quit_ok, run, spawn_command  # noqa: E402 - after the importorskip


def spawn(env, dimensions=(40, 100), args=("--no-banner",)):
    return spawn_command(*args, env=env, dimensions=dimensions, codec_errors="replace")


def base_env(tmp_path, **extra):
    env = dict(os.environ, TERM="xterm", NO_COLOR="1", PROMPT_TOOLKIT_NO_CPR="1",
               IPYTHONDIR=str(tmp_path / "ipython"))
    env.pop("EAGERREPL_HISTORY", None)
    env.update(extra)
    return env


def test_a_read_only_home_costs_a_warning_not_the_session(tmp_path):
    if os.geteuid() == 0:
        home = "/proc"  # root may write anywhere a mode bit forbids; nobody may mkdir in /proc
    else:
        home = tmp_path / "home"
        home.mkdir()
        home.chmod(0o500)
    env = base_env(tmp_path, HOME=str(home))
    del env["IPYTHONDIR"]  # IPython's folder would be ~/.ipython
    child = spawn(env)
    child.expect("using (a temp directory|/tmp/eagerrepl-ipython-)")  # IPython's warning, or ours
    child.expect(PROMPT)
    run(child, "1 + 1")
    child.expect(r"Out\[1\]: 2")
    child.expect(PROMPT)
    run(child, "er.constant(2.) * 3")
    child.expect(r"Out\[2\]: Tensor shape=\(\) dtype=float32 device=cpu:0\s+6\.0")
    child.expect(PROMPT)
    quit_ok(child)


def test_corrupt_history_narrow_terminal_and_c_locale(tmp_path):
    profile = tmp_path / "ipython" / "profile_eagerrepl"
    profile.mkdir(parents=True)
    (profile / "history.sqlite").write_bytes(b"\xff\xfe\x00garbage, not SQLite\n" * 50)
    # LC_ALL=C with coercion and UTF-8 mode off: Python's stdout is ASCII, as on an old server.
    env = base_env(tmp_path, LANG="C", LC_ALL="C", PYTHONCOERCECLOCALE="0", PYTHONUTF8="0")
    child = spawn(env, dimensions=(24, 20))
    child.expect("History file was moved to")  # IPython keeps the damaged file aside, starts anew
    child.expect(PROMPT)
    run(child, "print('h\u00e9llo \u2713')")
    child.expect(r"h\\xe9llo \\u2713|h\?llo \?")  # escaped or replaced, never a crash
    child.expect(PROMPT)
    run(child, "'na\u00efve'")
    child.expect(r"Out\[2\]: ")
    child.expect(PROMPT)
    run(child, "er.reshape(er.range(40.), [4, 10])")  # wider than the terminal: wrapped
    child.expect(r"Out\[3\]: ")
    child.expect(r"39\.")
    child.expect(PROMPT)
    run(child, "kept = 41")
    child.expect(PROMPT)
    child.send("\x1b[A")  # Up: history works in the new file
    child.expect("kept = 41")
    child.sendintr()
    run(child, "kept + 1")
    child.expect(r"Out\[5\]: 42")
    child.expect(PROMPT)
    quit_ok(child)
    assert list(profile.glob("history-corrupt*.sqlite"))


def test_a_2000_line_bracketed_paste_runs_as_one_cell(tmp_path):
    child = spawn(base_env(tmp_path))
    child.expect(PROMPT)
    lines = [f"v{i} = er.constant({i}.)" for i in range(1999)] + ["total = sum(float(v) for v in [v0, v1998])"]
    child.send("\x1b[200~" + "\n".join(lines) + "\x1b[201~")
    child.send("\x1b\r")  # Meta-Enter: run the pasted cell as it is
    child.expect(PROMPT, timeout=60)
    run(child, "total, v1998")
    child.expect(r"Out\[2\]: \(1998\.0, ")
    child.expect(PROMPT)
    quit_ok(child)


def test_ctrl_c_in_a_flood_of_output_returns_to_the_prompt(tmp_path):
    child = spawn(base_env(tmp_path))
    child.expect(PROMPT)
    run(child, "for i in range(10**8): print('line', i)")
    child.expect(r"line \d+")
    interrupt(child, timeout=2)
    child.expect(PROMPT)
    run(child, "i > 0, 6 * 7")
    child.expect(r"Out\[2\]: \(True, 42\)")
    child.expect(PROMPT)
    quit_ok(child)


def test_history_file_from_the_environment_or_the_command_line(tmp_path):
    chosen = tmp_path / "somewhere" / "new" / "history.sqlite"
    child = spawn(base_env(tmp_path, EAGERREPL_HISTORY=str(chosen)))
    child.expect(PROMPT)
    run(child, "saved = 'where I said'")
    child.expect(PROMPT)
    quit_ok(child)
    assert chosen.is_file()
    # A history path that cannot be a database (a folder) costs IPython's error, not the session.
    child = spawn(base_env(tmp_path), args=("--no-banner", "--history-file", str(tmp_path)))
    child.expect(PROMPT)
    run(child, "6 * 7")
    child.expect(r"Out\[1\]: 42")
    child.expect(PROMPT)
    quit_ok(child)

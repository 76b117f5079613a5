"""`eagerrepl` without a terminal: `-c CODE`, `FILE.py` and piped cells, their output and exit status,
and the eagerrepl IPython profile's configuration."""

import os
import subprocess
import sys

import pytest


@pytest.fixture
def eagerrepl(tmp_path):
    """Run `python -m eagerrepl.cli ARGS` with IPython's folder in tmp_path; returns the CompletedProcess."""
    env = dict(os.environ, IPYTHONDIR=str(tmp_path / "ipython"))
    env.pop("EAGERREPL_HISTORY", None)

    def run(*args, stdin=None, cwd=None):
        return subprocess.run([sys.executable, "-m", "eagerrepl.cli", *args], input=stdin, cwd=cwd,
                              env=env, capture_output=True, text=True, timeout=60)
    return run


def test_dash_c_prints_result_and_exit_status(eagerrepl):
    done = eagerrepl("-c", "x = er.constant([1., 2.])\nprint('sum', float(er.reduce_sum(x)))\nx")
    assert done.returncode == 0, done.stderr
    assert done.stdout == "sum 3.0\nTensor shape=(2,) dtype=float32 device=cpu:0\n[1. 2.]\n"
    failed = eagerrepl("-c", "1/0")
    assert failed.returncode == 1 and failed.stderr.rstrip().endswith("ZeroDivisionError: division by zero")
    assert "\x1b[" not in failed.stderr  # no colours off a terminal
    assert eagerrepl("-c", "exit(3)").returncode == 3
    assert eagerrepl("-c", "import sys; sys.exit(4)").returncode == 4
    message = eagerrepl("-c", "import sys; sys.exit('no luck')")
    assert message.returncode == 1 and message.stderr == "no luck\n"


def test_file_mode_runs_a_script_with_magics(eagerrepl, tmp_path):
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
    assert f"File {bad}:2" in failed.stderr and failed.stderr.rstrip().endswith("ValueError: stop")
    assert "eagerrepl" not in failed.stderr  # the traceback starts at the script
    assert eagerrepl(str(tmp_path / "missing.py")).returncode == 2
    unfinished = tmp_path / "unfinished.py"
    unfinished.write_text("x = (1,\n")
    done = eagerrepl(str(unfinished))
    assert done.returncode == 1 and "SyntaxError" in done.stderr


def test_derivative_magics_print_in_files_and_piped_cells(eagerrepl, tmp_path):
    cells = ("x = er.constant(3.0)\n%grad x**2\n%tape er.sin(x) * x\n%jacobian er.stack([x, x * x]) wrt x\n"
             "%hessian x**3 wrt x\n")
    script = tmp_path / "derivatives.py"
    script.write_text(cells)
    for done in (eagerrepl(str(script)), eagerrepl(stdin=cells)):
        assert done.returncode == 0, done.stderr
        out = done.stdout
        assert "x**2 = 9.0\nd/dx = 6.0\n" in out
        assert "multiply  float32[]" in out and "└── x  float32[]  3.0" in out
        assert "[1. 6.]" in out  # the Jacobian: d[x, x*x]/dx
        assert "18.0" in out  # d2/dx2 of x**3 at 3


def test_piped_cells(eagerrepl):
    cells = "a = 2\na * 3\ndef f(v):\n    return v + 1\n\nf(a)\n1/0\nprint('after the error')\n"
    done = eagerrepl(stdin=cells)
    assert done.stdout == "6\n3\nafter the error\n"
    assert "ZeroDivisionError" in done.stderr and done.returncode == 1
    assert eagerrepl(stdin="x = 1\nx\n").returncode == 0
    ended = eagerrepl(stdin="print('one')\nexit(5)\nprint('two')\n")
    assert ended.stdout == "one\n" and ended.returncode == 5


def test_shell_commands_and_await_without_a_terminal(eagerrepl):
    cells = "!echo from the shell\nfiles = !echo a b\nfiles\nimport asyncio\nawait asyncio.sleep(0.01)\n'done'\n"
    done = eagerrepl(stdin=cells)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "from the shell\n['a b']\n'done'\n"


def test_the_eagerrepl_profile_configures_it_and_ipythons_does_not(eagerrepl, tmp_path):
    profile = tmp_path / "ipython" / "profile_eagerrepl"
    (profile / "startup").mkdir(parents=True)
    (profile / "ipython_config.py").write_text("c.InteractiveShellApp.exec_lines = ['configured = 1']\n")
    (profile / "startup" / "00-helpers.py").write_text("def helper():\n    return er.ones([2])\n")
    plain = tmp_path / "ipython" / "profile_default"
    plain.mkdir(parents=True)
    (plain / "ipython_config.py").write_text("c.InteractiveShellApp.exec_lines = ['leaked = 1']\n")
    done = eagerrepl("-c", "configured, 'leaked' in dir(), helper().shape")
    assert done.stdout == "(1, False, (2,))\n", done.stderr
    # IPython's options pass through, as `--Class.trait=value`, before a FILE's arguments.
    done = eagerrepl("-c", "given * 6", "--InteractiveShellApp.exec_lines=['given = 7']")
    assert done.stdout == "42\n", done.stderr
    script = tmp_path / "args.py"
    script.write_text("import sys\nprint(sys.argv[1:])\n")
    done = eagerrepl("--InteractiveShellApp.exec_lines=['x = 1']", str(script), "--not-ipythons=1", "-c")
    assert done.stdout == "['--not-ipythons=1', '-c']\n", done.stderr


def test_a_failing_extension_load_says_why_and_the_session_goes_on(eagerrepl, tmp_path):
    profile = tmp_path / "ipython" / "profile_eagerrepl"
    profile.mkdir(parents=True)
    (profile / "ipython_config.py").write_text("c.Eagerrepl.max_lines = 'many'\n")  # a mistake
    done = eagerrepl(stdin="!echo shell works\n6 * 7\n")
    assert done.stdout == "shell works\n42\n" and done.returncode == 0
    errors = done.stderr.strip().splitlines()
    assert errors[-1].startswith("RuntimeError: eagerrepl could not load into this IPython shell")
    assert "'max_lines' trait" in errors[-1] and "'many'" in errors[-1]
    assert "Traceback" not in done.stderr and "extensions.py" not in done.stderr


def test_a_bad_magic_line_is_one_line_and_its_usage(eagerrepl):
    done = eagerrepl("-c", "x = er.constant(1.0)\n%grad x wrt z")
    assert done.returncode == 1
    assert "'z' is not in the expression" in done.stderr and "%grad [-n ORDER] EXPR" in done.stderr
    assert "Traceback" not in done.stderr


def test_ipython_magics_run_inside_eagerrepl(eagerrepl, tmp_path):
    (tmp_path / "mod.py").write_text("def f():\n    return 1\n")
    (tmp_path / "inc.py").write_text("x = x + 40\n")
    cells = ("%load_ext autoreload\n%autoreload 2\nimport mod\nmod.f()\n"
             "_ = open('mod.py', 'w').write('def f():\\n    return 2\\n')\nmod.f()\n"  # autoreload sees the edit
             "x = 2\n%run -i inc.py\nx\n")  # -i: the script sees and changes the session's names
    done = eagerrepl(stdin=cells, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "1\n2\n42\n"

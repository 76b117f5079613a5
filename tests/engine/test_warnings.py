"""Warnings from inside ops (numpy's overflow, invalid value, division by zero) point at the user's line.

Each case runs a real script in a fresh interpreter, as a user would, so that what Python prints is
what a user sees: pytest catches warnings around every test in its own way.
"""

import subprocess
import sys
import textwrap

import pytest

pytestmark = pytest.mark.cpu_only


def run(tmp_path, code, *options):
    script = tmp_path / "user_script.py"
    script.write_text(textwrap.dedent(code))
    done = subprocess.run([sys.executable, *options, str(script)], capture_output=True, text=True, timeout=60)
    return done, str(script)


def test_each_warning_points_at_the_users_line_and_none_hides_another(tmp_path):
    done, script = run(tmp_path, """\
        import eagerrepl as er
        x = er.constant([-1.0, 0.0, 1.0])
        a = er.log(x)
        b = er.log(x * 2.0)
        big = er.constant([3e38]) * 10.0
        c = er.constant(1e40)
        print(a.numpy().tolist(), b.numpy().tolist(), big.numpy(), c.numpy())
    """)
    assert done.returncode == 0, done.stderr
    assert "[nan, -inf, 0.0] [nan, -inf, 0.6931471824645996] [inf] inf" in done.stdout
    warned = [line for line in done.stderr.splitlines() if "Warning" in line]
    assert warned == [
        f"{script}:3: RuntimeWarning: divide by zero encountered in log",
        f"{script}:3: RuntimeWarning: invalid value encountered in log",
        f"{script}:4: RuntimeWarning: divide by zero encountered in log",  # another line: shown again
        f"{script}:4: RuntimeWarning: invalid value encountered in log",
        f"{script}:5: RuntimeWarning: overflow encountered in multiply",
        f"{script}:6: RuntimeWarning: overflow encountered in cast",
    ], done.stderr
    assert "eagerrepl" not in done.stderr


def test_a_warning_in_a_backward_pass_points_at_the_gradient_call(tmp_path):
    done, script = run(tmp_path, """\
        import eagerrepl as er
        x = er.constant([0.0, 4.0])
        with er.GradientTape() as tape:
            tape.watch(x)
            y = er.sqrt(x)
        g = tape.gradient(y, x)
        print(g.numpy().tolist())
    """)
    assert done.returncode == 0, done.stderr
    assert "[inf, 0.25]" in done.stdout
    assert f"{script}:6: RuntimeWarning: divide by zero encountered in divide" in done.stderr, done.stderr


def test_the_users_filters_still_apply(tmp_path):
    code = """\
        import warnings
        import eagerrepl as er
        warnings.simplefilter("ignore")
        print(er.log(er.constant(-1.0)).numpy())
    """
    done, _ = run(tmp_path, code)
    assert done.returncode == 0 and done.stderr == "" and "nan" in done.stdout
    done, script = run(tmp_path, code.replace('warnings.simplefilter("ignore")', "pass"), "-W", "error")
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert lines[-1] == "RuntimeWarning: invalid value encountered in log"
    assert "During handling" not in done.stderr and f'File "{script}", line 4' in done.stderr

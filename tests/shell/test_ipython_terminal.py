"""`%load_ext eagerrepl` inside a real `ipython` (this environment's, `python -m IPython`) in a pseudo-terminal."""

import os
import sys

import eagerrepl

from terminal import PROMPT, pexpect, quit_ok, run, terminal_env

PACKAGE = os.path.dirname(os.path.abspath(eagerrepl.__file__)) + os.sep


def spawn_ipython(tmp_path):
    """IPython from this interpreter, its profile in tmp_path (the user's config is not read), no colour."""
    child = pexpect.spawn(sys.executable, ["-m", "IPython", "--no-banner", "--colors=nocolor"],
                          env=terminal_env(tmp_path), encoding="utf-8", timeout=30, dimensions=(40, 100))
    child.expect(PROMPT)
    return child


def test_grad_works_in_ipython_after_load_ext(tmp_path):
    child = spawn_ipython(tmp_path)
    run(child, "%load_ext eagerrepl")
    child.expect(PROMPT)
    run(child, "x = er.constant(2.0)")
    child.expect(PROMPT)
    run(child, "%grad x**3")
    child.expect(r"Out\[3\]:.*x\*\*3 = 8\.0\s+d/dx = 12\.0")  # pexpect's . matches newlines too
    child.expect(PROMPT)
    quit_ok(child)


def test_bad_input_and_errors_in_ipython_after_load_ext(tmp_path):
    child = spawn_ipython(tmp_path)
    run(child, "%load_ext eagerrepl")
    child.expect(PROMPT)
    run(child, "%grad er.constant(1.0) wrt q")
    child.expect(r"UsageError: 'q' is not in the expression\s+Usage: %grad \[-n ORDER\] EXPR \[wrt NAME, \.\.\.\]")
    child.expect(PROMPT)
    run(child, "er.reshape(er.constant([1., 2.]), [3])")
    child.expect("InvalidArgumentError: reshape: cannot reshape")
    assert "Cell In[3], line 1" in child.before and PACKAGE not in child.before
    child.expect(r"In \[4\]:")
    quit_ok(child)

"""%tape and %grad in the real terminal REPL: the tree and the derivatives reach the screen."""

import pytest

pexpect = pytest.importorskip("pexpect")

from terminal import PROMPT, spawn_command, terminal_env  # noqa: E402 - after the importorskip


def test_tape_tree_and_grad_in_a_terminal(tmp_path):
    child = spawn_command(env=terminal_env(tmp_path))
    try:
        child.expect(PROMPT)
        child.send("x = er.constant(2.0)\r")
        child.expect(PROMPT)
        child.send("%tape er.sin(x) * x\r")
        child.expect(r"Out\[2\]: multiply  float32\[\]  1\.819  grad 1\.0")
        child.expect(r"├── sin  float32\[\]  0\.9093  grad 2\.0")
        child.expect(r"└── x  float32\[\]  2\.0  grad 0\.077")
        child.expect(PROMPT)
        child.send("%grad x wrt z\r")
        child.expect(r"UsageError: 'z' is not in the expression")
        child.expect(r"Usage: %grad \[-n ORDER\] EXPR \[wrt NAME, \.\.\.\]")
        child.expect(PROMPT)
        child.send("%grad -n 3 x**3\r")
        child.expect(r"d\^3/dx\^3 = 6\.0")
        child.expect(PROMPT)
    finally:
        child.close(force=True)

"""%show in the real terminal REPL (`eagerrepl` in a pseudo-terminal): coloured half-block cells
where the terminal has colour (24-bit or 256 colours, as TERM and COLORTERM say), ASCII shading
with NO_COLOR or on a dumb terminal; printing a tensor stays text."""

import re

import pytest

pexpect = pytest.importorskip("pexpect")

from terminal import spawn_command, terminal_env  # noqa: E402 - after the importorskip

SGR = r"(?:\x1b\[[0-9;]*m)*"


def prompt(n):
    """In [n]: as the REPL draws it, coloured where the terminal has colour."""
    return rf"In {SGR}\[{SGR}{n}{SGR}\]:"

CELL = "%show er.reshape(er.range(-8., 8.), [4, 4])"


def session(tmp_path, lines, **env):
    """What the REPL writes while running `lines`, each after a prompt, then Ctrl-D."""
    variables = terminal_env(tmp_path, **env)
    if env.get("NO_COLOR") is None:
        variables.pop("NO_COLOR", None)
    child = spawn_command(env=variables)
    out = []
    try:
        child.expect(prompt(1))
        for n, line in enumerate(lines, 2):
            child.send(line + "\r")
            child.expect(prompt(n), timeout=30)
            out.append(child.before)
    finally:
        child.close(force=True)
    return "".join(out)


def test_a_truecolor_terminal_gets_24_bit_half_blocks(tmp_path):
    out = session(tmp_path, [CELL], TERM="xterm-256color", COLORTERM="truecolor")
    assert "▀" in out and "\x1b[38;2;" in out and "\x1b[48;2;" in out
    # -8 (the diverging map's blue end, 5,48,97) above -4 in the first column
    assert "\x1b[38;2;5;48;97;48;2;" in out
    assert "min -8  max 7" in re.sub(r"\x1b\[[0-9;?]*[a-zA-Z]", "", out)


def test_a_256_colour_terminal_gets_the_nearest_colours(tmp_path):
    out = session(tmp_path, [CELL], TERM="xterm-256color", COLORTERM="")
    assert "▀" in out and "\x1b[38;5;" in out and "\x1b[38;2;" not in out


@pytest.mark.parametrize("env", [{"NO_COLOR": "1", "TERM": "xterm-256color"}, {"TERM": "dumb"}],
                         ids=["NO_COLOR", "dumb"])
def test_without_colour_the_picture_is_ascii_shading(tmp_path, env):
    out = re.sub(r"\x1b\[[0-9;?]*[a-zA-Z]", "", session(tmp_path, [CELL], **env))
    assert "▀" not in out
    rows = [line.strip() for line in out.splitlines() if re.fullmatch(r"[ .:\-=+*#%@]{8}", line.strip())]
    assert len(rows) == 4 and rows[0].startswith("..") and rows[-1].endswith("@@")


def test_printing_a_tensor_stays_text(tmp_path):
    out = session(tmp_path, ["er.reshape(er.range(-8., 8.), [4, 4])"], TERM="xterm-256color",
                  COLORTERM="truecolor")
    assert "▀" not in out and "[[-8. -7. -6. -5.]" in re.sub(r"\x1b\[[0-9;?]*[a-zA-Z]", "", out)

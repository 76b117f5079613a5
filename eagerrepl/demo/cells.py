"""A demo file as cells: split at `# %%` markers when it has any, else at blank lines between statements.

A blank line splits only where a person at the REPL would have pressed Enter on a finished cell:
not inside a block that goes on (an indented line follows, or `else:`), and not inside an unclosed
bracket. A chunk of comments alone introduces the code after it, so it joins the next cell.
"""

import re
from dataclasses import dataclass

from IPython.core.inputtransformer2 import TransformerManager

_check_complete = TransformerManager().check_complete  # IPython's judgement, as at the prompt

MARKER = re.compile(r"^# ?%%(?!%)(.*)$")
_CONTINUES_BLOCK = re.compile(r"^(elif|else|except|finally|case)\b")


@dataclass
class Cell:
    """One cell of a demo: its source and the line of the file where it starts (1-based)."""

    source: str
    line: int


def parse_cells(text):
    """The cells of a demo file's text, in order, without leading or trailing blank lines."""
    lines = text.replace("\r\n", "\n").split("\n")
    if any(MARKER.match(line) for line in lines):
        chunks = _split_at_markers(lines)
    else:
        chunks = _split_at_blank_lines(lines)
    return _attach_comments([c for c in (_trim(chunk) for chunk in chunks) if c is not None])


def _split_at_markers(lines):
    chunks, start = [], 0
    for i, line in enumerate(lines):
        if MARKER.match(line):
            chunks.append((start, lines[start:i]))
            start = i + 1
    chunks.append((start, lines[start:]))
    return chunks


def _split_at_blank_lines(lines):
    chunks, current, start = [], [], 0
    for i, line in enumerate(lines):
        if not line.strip() and current and _finished(current, lines[i + 1:]):
            chunks.append((start, current))
            current = []
            continue
        if not current:
            if not line.strip():
                continue
            start = i
        current.append(line)
    if current:
        chunks.append((start, current))
    return chunks


def _finished(current, rest):
    following = next((line for line in rest if line.strip()), None)
    if following is not None and (following[:1] in (" ", "\t") or _CONTINUES_BLOCK.match(following)):
        return False
    status, _ = _check_complete("\n".join(current))
    # "incomplete" only because the last line is indented means the block is done at a blank line;
    # an unclosed bracket or a trailing backslash is not.
    if status == "incomplete":
        return _only_open_block("\n".join(current))
    return True


def _only_open_block(source):
    """True when `source` only waits for a blank line to end its block (or its %%cell magic)."""
    status, _ = _check_complete(source + "\n\n")
    return status == "complete"


def _trim(chunk):
    start, lines = chunk
    while lines and not lines[0].strip():
        lines, start = lines[1:], start + 1
    while lines and not lines[-1].strip():
        lines = lines[:-1]
    if not lines:
        return None
    return Cell("\n".join(lines), start + 1)


def _attach_comments(cells):
    out, pending = [], None
    for cell in cells:
        if all(not line.strip() or line.lstrip().startswith("#") for line in cell.source.split("\n")):
            pending = cell if pending is None else Cell(pending.source + "\n" + cell.source, pending.line)
            continue
        if pending is not None:
            cell = Cell(pending.source + "\n" + cell.source, pending.line)
            pending = None
        out.append(cell)
    if pending is not None:  # comments at the very end: shown with the last cell
        if out:
            out[-1] = Cell(out[-1].source + "\n\n" + pending.source, out[-1].line)
        else:
            out.append(pending)
    return out

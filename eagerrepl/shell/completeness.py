"""Decide whether a cell is ready to run, the way a terminal needs to know when Enter means "run"."""

import codeop
import warnings

from .transform import cell_magic, transform_cell

_DEDENTERS = ("return", "pass", "raise", "break", "continue")


def is_complete(source):
    """("complete", ""), ("incomplete", indent for the next line) or ("invalid", "")."""
    if not source.strip():
        return "complete", ""
    lines = source.split("\n")
    if cell_magic(source) is not None:
        # A cell magic's body is free text: only a blank line ends it.
        return ("complete", "") if len(lines) > 1 and not lines[-1].strip() else ("incomplete", "")
    if source.rstrip(" \t").endswith("\\"):
        return "incomplete", _indent_of(lines[-1])
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # SyntaxWarnings belong to the run, not to each keystroke
            code = codeop.compile_command(transform_cell(source), "<cell>", "exec")
    except (SyntaxError, OverflowError, ValueError):
        return "invalid", ""
    if code is None:
        return "incomplete", _next_indent(lines)
    # Inside an indented block, more lines may follow: a blank line says the block is done.
    if lines[-1].strip() and lines[-1][:1] in (" ", "\t"):
        return "incomplete", _next_indent(lines)
    return "complete", ""


def _indent_of(line):
    return line[: len(line) - len(line.lstrip())]


def _next_indent(lines):
    last = next((line for line in reversed(lines) if line.strip()), "")
    indent = _indent_of(last)
    stripped = last.strip()
    if stripped.endswith(":"):
        return indent + "    "
    if stripped.split(" ")[0] in _DEDENTERS:
        return indent[:-4] if len(indent) >= 4 else ""
    return indent

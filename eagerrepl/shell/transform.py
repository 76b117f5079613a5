"""Turn a cell's magic and help syntax (`%timeit x`, `%%time`, `x?`, `?x`) into plain Python calls.

Each line maps to exactly one line, so line numbers in errors still match what the person typed.
Only lines that start a statement are transformed: a `%` inside a string or inside brackets, as in
`"%d" % n` split over lines, is left alone.
"""

import io
import re
import tokenize

# The name under which the Session puts itself in the namespace, for the transformed calls.
SESSION_NAME = "__eagerrepl__"

_LINE_MAGIC = re.compile(r"^(\s*)%(?!%)(\w+)(?:\s+(.*?))?\s*$")
_HELP_BEFORE = re.compile(r"^(\s*)(\?\??)\s*([\w.]*)\s*$")
_HELP_AFTER = re.compile(r"^(\s*)([\w.]+)\s*(\?\??)\s*$")
_CELL_MAGIC = re.compile(r"^\s*%%(\w+)(?:[ \t]+(.*?))?[ \t]*$")


def cell_magic(source):
    """(name, args, body) when the cell starts with `%%name args`, else None."""
    first, _, body = source.lstrip("\n").partition("\n")
    match = _CELL_MAGIC.match(first)
    if match is None:
        return None
    return match.group(1), match.group(2) or "", body


def transform_cell(source):
    """The cell as plain Python, with magic and help lines replaced by calls on the Session."""
    magic = cell_magic(source)
    if magic is not None:
        name, args, body = magic
        return f"{SESSION_NAME}.run_cell_magic({name!r}, {args!r}, {body!r})"
    lines = source.split("\n")
    candidates = {i: rewritten for i, line in enumerate(lines)
                  if (rewritten := _rewrite(line)) is not None}
    if not candidates:
        return source
    inside = _continuation_lines(lines, candidates)
    return "\n".join(candidates[i] if i in candidates and i not in inside else line
                     for i, line in enumerate(lines))


def _rewrite(line):
    match = _LINE_MAGIC.match(line)
    if match:
        indent, name, args = match.groups()
        return f"{indent}{SESSION_NAME}.run_line_magic({name!r}, {args or ''!r})"
    match = _HELP_BEFORE.match(line) or _HELP_AFTER.match(line)
    if match:
        indent, a, b = match.groups()
        name, marks = (b, a) if a.startswith("?") else (a, b)
        return f"{indent}{SESSION_NAME}.show_help({name!r}, detail={len(marks) - 1})"
    return None


def _continuation_lines(lines, candidates):
    """Indexes of lines that continue a statement begun above (in brackets, strings, or after `\\`)."""
    # Candidate lines may not tokenize (`x?`, `%run f(`); a neutral `pass` in their place keeps
    # the bracket and string structure of everything around them.
    neutral = [re.match(r"\s*", line).group() + "pass" if i in candidates else line
               for i, line in enumerate(lines)]
    inside = set()
    for i, line in enumerate(neutral[:-1]):
        if line.endswith("\\"):
            inside.add(i + 1)
    depth = 0
    try:
        for tok in tokenize.generate_tokens(io.StringIO("\n".join(neutral) + "\n").readline):
            start, end = tok.start[0] - 1, tok.end[0] - 1
            if depth > 0:
                inside.update(range(start, end + 1))
            elif end > start:  # a string spanning lines
                inside.update(range(start + 1, end + 1))
            if tok.type == tokenize.OP and tok.string in "([{":
                depth += 1
            elif tok.type == tokenize.OP and tok.string in ")]}":
                depth = max(depth - 1, 0)
    except (tokenize.TokenError, SyntaxError):
        pass  # an unfinished cell: what was seen so far is enough
    # The line that opens a bracket is itself a statement start; only lines after it continue.
    return inside

"""Tab completion: magic names and their arguments here, everything Python through jedi.

jedi is imported on first use (it costs more at import than the rest of the REPL's startup);
front ends may warm it up in the background.
"""

import os
import re
import threading

from .outputs import Completions

_MAGIC_NAME = re.compile(r"^\s*(%%?)(\w*)$")
_MAGIC_ARGS = re.compile(r"^\s*(%%?)(\w+)\s+(.*)$")


def complete(session, source, cursor):
    """Completions for `source` at offset `cursor`."""
    line_start = source.rfind("\n", 0, cursor) + 1
    line = source[line_start:cursor]
    match = _MAGIC_NAME.match(line)
    if match:
        return _magic_names(session, match.group(1), match.group(2), cursor)
    match = _MAGIC_ARGS.match(line)
    if match:
        kind = "line" if match.group(1) == "%" else "cell"
        magic = session.magics.get(match.group(2), kind)
        if magic is not None and (magic.options or magic.paths):
            return _magic_args(magic, match.group(3), cursor)
    return _jedi(session, source, cursor, line_start)


def _magic_names(session, prefix, typed, cursor):
    table = session.magics.line if prefix == "%" else session.magics.cell
    names = sorted(name for name in table if name.startswith(typed))
    start = cursor - len(typed) - len(prefix)
    return Completions([prefix + name for name in names], start, cursor, ["magic"] * len(names))


def _magic_args(magic, args, cursor):
    word = re.split(r"\s", args)[-1]
    start = cursor - len(word)
    matches = [option for option in magic.options if option.startswith(word)]
    types = ["option"] * len(matches)
    if magic.paths:
        paths = complete_path(word)
        matches += paths
        types += ["path"] * len(paths)
    return Completions(matches, start, cursor, types)


def complete_path(word):
    """File and folder names that complete `word` (folders end with a slash)."""
    directory, partial = os.path.split(word)
    try:
        entries = sorted(os.listdir(os.path.expanduser(directory) or "."))
    except OSError:
        return []
    hidden_ok = partial.startswith(".")
    out = []
    for entry in entries:
        if entry.startswith(partial) and (hidden_ok or not entry.startswith(".")):
            path = os.path.join(directory, entry)
            out.append(path + "/" if os.path.isdir(os.path.expanduser(path)) else path)
    return out


# jedi is not thread-safe, and front ends complete off their main thread (the REPL warms jedi up
# in the background while the first prompt shows): one completion at a time.
_JEDI_LOCK = threading.Lock()


def _jedi(session, source, cursor, line_start):
    import jedi
    line = source.count("\n", 0, cursor) + 1
    column = cursor - line_start
    matches, start = [], cursor
    try:
        with _JEDI_LOCK:  # jedi computes a completion's fields lazily, so read them under the lock too
            for completion in jedi.Interpreter(source, [session.namespace]).complete(line, column):
                typed = len(completion.name_with_symbols) - len(completion.complete)
                start = min(start, cursor - typed)
                matches.append((cursor - typed, completion.name_with_symbols, completion.type))
    except Exception:  # jedi's own failures must never reach the person typing
        return Completions([], cursor, cursor)
    # Replacements must share one start; pad the ones that begin later with the source between.
    return Completions([source[start:s] + text for s, text, _ in matches], start, cursor,
                       [kind for _, _, kind in matches])

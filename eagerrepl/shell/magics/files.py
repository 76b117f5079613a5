"""%run, %load and %save: cells to and from files."""

import os
import shlex

from . import UsageError, line_magic
from .history import parse_cells


def _one_path(args, usage_name):
    try:
        words = shlex.split(args)
    except ValueError as exc:
        raise UsageError(f"cannot read the arguments: {exc}") from None
    if not words:
        raise UsageError(f"%{usage_name} needs a file name")
    return words


@line_magic("run", "run a Python file in this namespace (its names stay defined; magics allowed)",
            usage="%run FILE [ARGS...]", paths=True)
def run(session, args):
    """Run FILE as __main__ in the session's namespace, with sys.argv set to FILE ARGS."""
    words = _one_path(args, "run")
    path = os.path.expanduser(words[0])
    if not os.path.isfile(path):
        raise UsageError(f"no such file: {words[0]}")
    session.run_file(path, words[1:])


@line_magic("load", "put a file's text at the next prompt, to edit and run",
            usage="%load FILE", paths=True)
def load(session, args):
    """Read FILE and hand its text to the front end as the next input."""
    words = _one_path(args, "load")
    path = os.path.expanduser(words[0])
    try:
        with open(path, encoding="utf-8") as f:
            session.set_next_input(f.read().rstrip("\n"))
    except OSError as exc:
        raise UsageError(f"cannot read {words[0]}: {exc.strerror}") from None


@line_magic("save", "write cells to a file (all earlier cells when none are named)",
            usage="%save [-a] FILE [CELLS such as 1-3 5]", options=("-a",), paths=True)
def save(session, args):
    """Write the chosen cells' input to FILE; -a appends instead of replacing."""
    words = _one_path(args, "save")
    append = words[0] == "-a"
    if append:
        words = words[1:]
        if not words:
            raise UsageError("%save needs a file name")
    path = os.path.expanduser(words[0])
    current = session.execution_count  # the %save cell itself is not saved
    numbers = parse_cells(" ".join(words[1:]), current) if len(words) > 1 else range(1, current)
    cells = [session.In[n] for n in numbers]
    if not cells:
        raise UsageError("no cells to save yet")
    try:
        with open(path, "a" if append else "w", encoding="utf-8") as f:
            f.write("\n".join(cell.rstrip("\n") for cell in cells) + "\n")
    except OSError as exc:
        raise UsageError(f"cannot write {words[0]}: {exc.strerror}") from None
    print(f"{'Appended' if append else 'Saved'} {len(cells)} cell{'s' if len(cells) != 1 else ''} to {words[0]}.")

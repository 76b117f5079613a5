"""Tracebacks trimmed to the user's own code: cells and the user's files, not eagerrepl's insides.

In an IPython shell, `install` makes errors show with IPython's own formatting, less eagerrepl's
frames. The rest of this module formats errors for the old Session (session.py) and goes with it.
"""

import linecache
import os
import re
import traceback
import types

from .outputs import Error, Frame

_PACKAGE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
_STDLIB_DIR = os.path.dirname(os.path.abspath(os.__file__))
_CELL_NAME = re.compile(r"^<In \[(\d+)\]>$")
_CELL_FILE = re.compile(r'File "<In \[(\d+)\]>"')


def is_internal(filename):
    """True for frames inside eagerrepl itself (the shell machinery, the engine's internals)."""
    return os.path.abspath(filename).startswith(_PACKAGE_DIR + os.sep)


# ---- IPython shells -----------------------------------------------------------------------------

def without_internal_frames(tb):
    """A copy of the traceback chain `tb` without eagerrepl's frames (None when none is left)."""
    kept = []
    while tb is not None:
        if not is_internal(tb.tb_frame.f_code.co_filename):
            kept.append(tb)
        tb = tb.tb_next
    trimmed = None
    for entry in reversed(kept):
        trimmed = types.TracebackType(trimmed, entry.tb_frame, entry.tb_lasti, entry.tb_lineno)
    return trimmed


def trim(exc):
    """Drop eagerrepl's frames from the tracebacks of `exc` and of the exceptions chained to it."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        exc.__traceback__ = without_internal_frames(exc.__traceback__)
        exc = exc.__cause__ or exc.__context__


def install(shell, settings):
    """Show errors in `shell` without eagerrepl's frames (unless settings.full_tracebacks); returns the undo.

    This is IPython's custom exception handler (`set_custom_exc`), which a shell has one of: where
    something else set it already, it is left alone and errors show every frame.
    """
    if shell.custom_exceptions:
        return lambda: None
    saved = shell.custom_exceptions, shell.CustomTB

    def show(shell, etype, value, tb, tb_offset=None):
        if issubclass(etype, SyntaxError) and tb.tb_frame.f_code.co_name != "run_code":
            # The cell did not parse: show it exactly as IPython does without a handler.
            (shell.showindentationerror if issubclass(etype, IndentationError) else shell.showsyntaxerror)()
            return
        if not settings.full_tracebacks:
            # On the exception itself, so that %tb and %debug see the same frames as the person.
            trim(value)
            tb = value.__traceback__
        shell.showtraceback((etype, value, tb), tb_offset=tb_offset, running_compiled_code=True)

    shell.set_custom_exc((Exception, KeyboardInterrupt), show)

    def undo():
        shell.custom_exceptions, shell.CustomTB = saved
    return undo


# ---- the old Session ----------------------------------------------------------------------------

def cell_filename(number):
    """The filename cells are compiled under; tracebacks show it as `In [n]`."""
    return f"<In [{number}]>"


def remember_cell(filename, source):
    """Put a cell's source in linecache, so tracebacks and inspect.getsource can show its lines."""
    # mtime None tells linecache.checkcache never to drop the entry.
    linecache.cache[filename] = (len(source), None, source.splitlines(keepends=True), filename)


def frames_of(exc, full=False):
    """The user-facing frames of `exc`'s traceback, outermost first."""
    frames = []
    for summary in traceback.extract_tb(exc.__traceback__):
        if not full and is_internal(summary.filename):
            continue
        if not full and not frames and os.path.abspath(summary.filename).startswith(_STDLIB_DIR + os.sep):
            continue  # the stdlib calls that ran the user's code (ast.parse, exec of a file)
        match = _CELL_NAME.match(summary.filename)
        frames.append(Frame(summary.filename, summary.lineno or 0, summary.name, (summary.line or "").strip(),
                            int(match.group(1)) if match else None))
    return frames


def error_from(exc, full=False):
    """An Error output for `exc`, with its chained causes, trimmed unless `full`."""
    lines = []
    frames = _format_chain(exc, lines, full, seen=set())
    return Error(type(exc).__name__, str(exc), lines, frames)


def _format_chain(exc, lines, full, seen):
    """Append exc's traceback, after its causes', to `lines`; returns exc's own frames."""
    seen.add(id(exc))
    cause = exc.__cause__ or (None if exc.__suppress_context__ else exc.__context__)
    if cause is not None and id(cause) not in seen:
        _format_chain(cause, lines, full, seen)
        lines.append("")
        lines.append("The above exception was the direct cause of the following exception:"
                     if exc.__cause__ is not None else
                     "During handling of the above exception, another exception occurred:")
        lines.append("")
    frames = frames_of(exc, full)
    if frames:
        lines.append("Traceback (most recent call last):")
        for frame in frames:
            lines.append(f"  {frame.location}, in {frame.name}")
            if frame.line:
                lines.append(f"    {frame.line}")
    for part in traceback.format_exception_only(type(exc), exc):
        for line in part.rstrip("\n").split("\n"):
            # A SyntaxError names the cell as a file: say `In [3], line 1` as the frames do.
            lines.append(_CELL_FILE.sub(r"In [\1]", line))
    return frames

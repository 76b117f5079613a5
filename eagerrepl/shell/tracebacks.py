"""Tracebacks trimmed to the user's own code: cells and the user's files, not eagerrepl's insides.

`install` makes a shell show errors with IPython's own formatting, less eagerrepl's frames.
"""

import os
import types

_PACKAGE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def is_internal(filename):
    """True for frames inside eagerrepl itself (the shell machinery, the engine's internals)."""
    return os.path.abspath(filename).startswith(_PACKAGE_DIR + os.sep)


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

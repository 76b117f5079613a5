"""Recording: what an op leaves on the tapes that are watching its inputs.

A tape entry is (op, output, inputs, params), the op being a primitive.Op. An op is recorded on a
tape only when one of its inputs is a tensor the tape tracks (a watched tensor, a watched Variable,
or an output recorded before), so plain eager code with no tape active pays one list test per op and keeps nothing.
Tapes hold the tensors of their entries, which keeps the `id()`s they track unique.
"""

import threading

NO_PARAMS = {}


class _Recording(threading.local):
    def __init__(self):
        self.tapes = []  # the tapes recording in this thread, outermost first
        self.check = None  # (nan, inf) modes while NaN/Inf checks are on in this thread (errstate.py)
        # What ops test, once, before doing anything beyond computing: the tapes list itself while
        # checks are off (so pushing a tape makes it true, with no flag to keep in step), True while
        # they are on. Whoever replaces `tapes` calls sync().
        self.observed = self.tapes


state = _Recording()

# What ops test first: one entry per tape recording, and per thread checking for NaN/Inf, in any
# thread. It is a module global because reading the thread-local `state` costs as much as the rest
# of an op's bookkeeping; only while it is not empty do ops ask `state.observed` for their thread.
# It may hold more than is live (a tape paused by stop_recording stays in it), never less.
anywhere = []
_CHECKS = "NaN/Inf checks"


def push(tape):
    """Start recording on `tape` in this thread."""
    state.tapes.append(tape)
    anywhere.append(tape)


def pop(tape):
    """Stop recording on `tape` in this thread (nothing happens if it is not recording)."""
    if tape in state.tapes:
        state.tapes.remove(tape)
        anywhere.remove(tape)


def set_check(modes):
    """Turn this thread's NaN/Inf checks on, with (nan, inf) modes, or off with None."""
    if (modes is None) != (state.check is None):
        (anywhere.remove if modes is None else anywhere.append)(_CHECKS)
    state.check = modes
    sync()


def record(op, out, inputs, params=NO_PARAMS):
    """Append the op to every recording tape that tracks one of its inputs.

    Integer and boolean outputs carry no gradient (as in TF), so tapes do not track them.
    """
    entry = None  # one entry, shared by the tapes (nested tapes record the same ops)
    for tape in state.tapes:
        ids = tape._ids
        for x in inputs:
            if id(x) in ids:
                if entry is None:
                    if out._value.dtype.kind not in "fc":
                        return
                    entry = (op, out, inputs, params)
                ids.add(id(out))
                tape._entries.append(entry)
                break


def record_read(op, variable, out):
    """Record that `out` was read from a trainable Variable by `op` (variable.READ), watching it where tapes do so."""
    if out._value.dtype.kind not in "fc":
        return
    for tape in state.tapes:
        if id(variable) not in tape._ids:
            if not tape._watch_accessed_variables:
                continue
            tape._watch_object(variable)
        tape._ids.add(id(out))
        tape._entries.append((op, out, (variable,), NO_PARAMS))


def sync():
    """Make `state.observed` follow `state.tapes` and `state.check` again, after either was replaced."""
    state.observed = state.tapes if state.check is None else True


class pause_recording:
    """Context manager: no tape in this thread records inside it."""

    __slots__ = ("_saved",)

    def __enter__(self):
        self._saved = state.tapes
        state.tapes = []
        sync()

    def __exit__(self, *exc):
        state.tapes = self._saved
        sync()

"""%who and %reset: what is defined, and forgetting it."""

from . import UsageError, line_magic


def _is_tensor(value):
    import eagerrepl
    return isinstance(value, (eagerrepl.Tensor, eagerrepl.Variable))


@line_magic("who", "list your variables; tensors and Variables with shape, dtype and device",
            usage="%who [-t]", options=("-t",))
def who(session, args):
    """Print a table of user variables; `-t` lists only tensors and Variables."""
    if args.strip() not in ("", "-t"):
        raise UsageError(f"unknown option {args.strip()!r}")
    names = sorted(session.user_names())
    rows = []
    for name in names:
        value = session.namespace[name]
        if _is_tensor(value):
            rows.append((name, type(value).__name__, str(tuple(value.shape)), str(value.dtype), str(value.device)))
        elif args.strip() != "-t" and not _is_module(value):
            rows.append((name, type(value).__name__, "", "", ""))
    if not rows:
        print("No variables defined." if args.strip() != "-t" else "No tensors or Variables defined.")
        return None
    rows.insert(0, ("Name", "Type", "Shape", "Dtype", "Device"))
    widths = [max(len(row[i]) for row in rows) for i in range(5)]
    for row in rows:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())
    return None


def _is_module(value):
    import types
    return isinstance(value, types.ModuleType)


@line_magic("reset", "forget every variable you defined and every Out[] result",
            usage="%reset [-f]", options=("-f",))
def reset(session, args):
    """Clear the namespace back to its start (er and np stay); -f is accepted for IPython habits."""
    if args.strip() not in ("", "-f"):
        raise UsageError(f"unknown option {args.strip()!r}")
    count = len(session.user_names())
    session.reset()
    print(f"Forgot {count} name{'s' if count != 1 else ''}.")

"""%time and %timeit: how long a statement takes, measured in the session's namespace."""

import ast
import math
import re
import time
import timeit as timeit_module

from . import UsageError, cell_magic, line_magic


def format_seconds(seconds):
    """A duration with a unit that keeps 3 significant digits: `1.23 ms`, `456 ns`."""
    if seconds < 0 or math.isnan(seconds):
        return f"{seconds} s"
    for unit, scale in (("s", 1.0), ("ms", 1e-3), ("µs", 1e-6), ("ns", 1e-9)):
        if seconds >= scale:
            break
    return f"{seconds / scale:.3g} {unit}"


def _compile(source, name):
    from ..transform import transform_cell
    try:
        tree = ast.parse(transform_cell(source), f"<%{name}>", "exec")
    except SyntaxError as exc:
        raise UsageError(f"syntax error in the statement: {exc.msg}") from None
    return tree


@line_magic("time", "run a statement once and show its CPU and wall time", usage="%time STATEMENT")
def time_line(session, args):
    """Run once, print CPU and wall time, return the value of an expression."""
    if not args.strip():
        raise UsageError("%time needs a statement to time")
    return _time(session, args)


@cell_magic("time", "run the cell once and show its CPU and wall time", usage="%%time\\nCELL")
def time_cell(session, args, body):
    """Run the cell once, print CPU and wall time, return its last expression's value."""
    return _time(session, body)


def _time(session, source):
    tree = _compile(source, "time")
    last = None
    if tree.body and isinstance(tree.body[-1], ast.Expr):
        last = ast.Expression(tree.body.pop().value)
    code = compile(tree, "<%time>", "exec", dont_inherit=True)
    last_code = compile(last, "<%time>", "eval", dont_inherit=True) if last is not None else None
    cpu0, wall0 = time.process_time(), time.perf_counter()
    try:
        exec(code, session.namespace)
        value = eval(last_code, session.namespace) if last_code is not None else None
    finally:
        cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
        print(f"CPU time: {format_seconds(cpu)}\nWall time: {format_seconds(wall)}")
    return value


_OPTION = re.compile(r"^\s*-([nr])\s*(\d+)")


def _timeit_options(args):
    number, repeat = None, 7
    while True:
        match = _OPTION.match(args)
        if not match:
            return number, repeat, args.strip()
        value = int(match.group(2))
        if value < 1:
            raise UsageError(f"-{match.group(1)} must be at least 1")
        if match.group(1) == "n":
            number = value
        else:
            repeat = value
        args = args[match.end():]


@line_magic("timeit", "time a statement over many runs: mean ± std. dev.",
            usage="%timeit [-n LOOPS] [-r REPEATS] STATEMENT", options=("-n", "-r"))
def timeit_line(session, args):
    """Time a statement over many loops and print mean ± standard deviation per loop."""
    number, repeat, statement = _timeit_options(args)
    if not statement:
        raise UsageError("%timeit needs a statement to time")
    return _timeit(session, statement, "pass", number, repeat)


@cell_magic("timeit", "time the cell body over many runs; the first line of args is setup",
            usage="%%timeit [-n LOOPS] [-r REPEATS] [SETUP]\\nBODY", options=("-n", "-r"))
def timeit_cell(session, args, body):
    """Time the cell body (after running the argument line as setup) over many loops."""
    number, repeat, setup = _timeit_options(args)
    if not body.strip():
        raise UsageError("%%timeit needs a body to time")
    return _timeit(session, body, setup or "pass", number, repeat)


def _timeit(session, statement, setup, number, repeat):
    from ..transform import transform_cell
    _compile(statement, "timeit")
    timer = timeit_module.Timer(transform_cell(statement), transform_cell(setup), globals=session.namespace)
    if number is None:
        # Like IPython: enough loops that one repeat takes at least 0.2 s.
        number = 1
        for _ in range(10):
            if timer.timeit(number) >= 0.2:
                break
            number *= 10
    runs = [t / number for t in timer.repeat(repeat, number)]
    mean = sum(runs) / len(runs)
    std = math.sqrt(sum((r - mean) ** 2 for r in runs) / len(runs))
    loops = "loop" if number == 1 else "loops"
    runs_word = "run" if repeat == 1 else "runs"
    print(f"{format_seconds(mean)} ± {format_seconds(std)} per loop "
          f"(mean ± std. dev. of {repeat} {runs_word}, {number} {loops} each)")
    return None

"""Long sessions: Out/_N history is bounded, memory stays flat over 20,000 cells, huge values show quickly."""

import gc
import io
import time
import tracemalloc

import pytest

from eagerrepl.display.limits import OutputLimits
from eagerrepl.repl.printer import Printer
from eagerrepl.shell import Session


def run(session, source):
    result = session.execute(source)
    assert result.success, result.error and result.error.text()
    return result


# ---- the Out bound -----------------------------------------------------------------------------

def test_out_keeps_only_the_newest_cache_size_results(session):
    session.cache_size = 3
    for i in range(1, 7):
        run(session, f"{i} * 10")
    assert list(session.Out) == [4, 5, 6]
    assert run(session, "_6, _5, _4").result.value == (60, 50, 40)
    assert not session.execute("_3").success  # forgotten: a NameError, like any unknown name
    assert run(session, "(Out[5], _, __, ___)").result.value == (50, (60, 50, 40), 60, 50)


def test_big_results_are_dropped_beyond_the_byte_budget_and_freed(session):
    import weakref
    session.cache_bytes = 3 * 4_000_000  # room for three 1M-float32 results
    refs = []
    for i in range(6):
        value = run(session, f"er.fill([1_000_000], {float(i)})").result.value
        refs.append(weakref.ref(value))
        del value
    gc.collect()
    assert list(session.Out) == [4, 5, 6]
    assert [r() is None for r in refs] == [True, True, True, False, False, False]
    assert float(run(session, "_[0] + __[0] + ___[0]").result.value) == 5 + 4 + 3


def test_underscores_outlive_the_bound(session):
    session.cache_size = 0  # keep no numbered results at all
    run(session, "'a'")
    run(session, "'b'")
    run(session, "'c'")
    assert session.Out == {}
    assert run(session, "_ + __ + ___").result.value == "cba"


def test_reset_forgets_the_sizes_too(session):
    session.cache_bytes = 10_000_000
    run(session, "er.zeros([2_000_000])")  # 8 MB
    session.reset()
    run(session, "er.zeros([500_000])")  # 2 MB: fits once the reset result no longer counts
    run(session, "er.zeros([500_000])")
    assert len(session.Out) == 2


# ---- memory over a long session ------------------------------------------------------------------

CELLS = [
    "a = er.constant([1., 2., 3.]) * {i}",
    "er.ones([64, 64]) * {i}",  # a 16 KB result: kept by Out unless the bound drops it
    "with er.GradientTape() as t:\n    t.watch(a)\n    y = er.reduce_sum(a * a)\nt.gradient(y, a)",
    "v = er.Variable(er.ones([3])); v.assign_add([1., 1., 1.]); big = er.ones([100_000])",
    "%grad er.reduce_sum(a ** 2) wrt a",
    "1 / 0",  # errors keep tracebacks; they must not pile up either
    "x = {i}",
    "x + 1",
]


def rss_bytes():
    """This process's resident memory, from /proc (Linux)."""
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    raise AssertionError("no VmRSS in /proc/self/status")


def test_20000_cells_keep_memory_flat():
    session = Session()
    session.cache_size = 50
    cells = [CELLS[i % len(CELLS)].format(i=i) for i in range(20_000)]
    for source in cells[:2_000]:  # warm up: caches, imports, the Out bound reached
        session.execute(source)
    gc.collect()
    rss_start = rss_bytes()
    for source in cells[2_000:12_000]:
        session.execute(source)
    # tracemalloc slows every allocation several times over, so it watches the last 8,000 cells
    # only; the resident size covers all of them.
    tracemalloc.start()
    try:
        for source in cells[12_000:14_000]:
            session.execute(source)
        gc.collect()
        early = tracemalloc.get_traced_memory()[0]
        for source in cells[14_000:]:
            session.execute(source)
        gc.collect()
        late = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    rss_growth = rss_bytes() - rss_start
    assert session.execution_count == 20_001 and len(session.Out) == 50
    # The input history (In, _iN, and each cell's lines kept for tracebacks) grows by a few hundred
    # bytes a cell, as in IPython; a kept 16 KB tensor or a 400 KB `big` would be far more.
    per_cell = (late - early) / 6_000
    assert per_cell < 1_000, f"traced memory grew {per_cell:.0f} bytes a cell over 6,000 cells"
    assert rss_growth < 40 * 2**20, f"resident memory grew {rss_growth / 2**20:.0f} MiB over 18,000 cells"


# ---- huge values -----------------------------------------------------------------------------------

HUGE = {
    "tensor": "er.broadcast_to(er.constant(1.5), [10] * 8)",  # 10**8 elements (a view: no 400 MB)
    "flat tensor": "er.broadcast_to(er.constant(1.5), [10**8])",
    "many short axes": "er.broadcast_to(er.constant(1.5), [2] * 27)",
    "string": "'x' * 10_000_000",
    "bytes": "b'\\x00' * 10_000_000",
    "list": "list(range(1_000_000))",
    "nested": "[list(range(1000)) for _ in range(1000)]",
    "dict": "{i: str(i) for i in range(100_000)}",
}

LIMITS = OutputLimits()


@pytest.fixture(scope="module")
def chain_tape():
    """A tape that recorded 100,000 ops in one chain, and the session it lives in."""
    session = Session()
    run(session, "x = er.constant(1.)\nwith er.GradientTape() as tape:\n    tape.watch(x)\n    y = x\n"
                 "    for _ in range(100_000):\n        y = y + 1.")
    return session


def check_bounded(data):
    for mimetype, text in data.items():
        assert len(text) <= 10 * LIMITS.max_chars + 1000, mimetype
    plain = data["text/plain"]
    assert len(plain) <= LIMITS.max_chars + 200
    assert plain.count("\n") <= LIMITS.max_lines


@pytest.mark.parametrize("kind", HUGE)
def test_a_huge_value_renders_quickly_and_bounded(session, kind):
    run(session, f"value = {HUGE[kind]}")
    start = time.perf_counter()
    result = run(session, "value")
    elapsed = time.perf_counter() - start
    assert elapsed < 1.0, f"{kind}: {elapsed:.2f} s"
    check_bounded(result.result.data)


def test_a_huge_string_says_it_was_abbreviated(session):
    plain = run(session, "'ab' * 5_000_000").result.data["text/plain"]
    assert plain.startswith("'abab") and "..." in plain and plain.endswith("abab'")


def test_long_text_is_cut_with_a_note(session):
    # Not a container: a repr that is merely long is cut after the fact.
    run(session, "class Long:\n    def __repr__(self):\n        return '\\n'.join(map(str, range(100_000)))")
    plain = run(session, "Long()").result.data["text/plain"]
    assert plain.splitlines()[LIMITS.max_lines - 1] == str(LIMITS.max_lines - 1)
    assert plain.splitlines()[-1].startswith(f"… output cut to {LIMITS.max_lines} lines: the whole text is 100,000 lines")


def test_limits_are_a_session_setting(session):
    session.output_limits = OutputLimits(max_lines=5, max_chars=None)
    plain = run(session, "'\\n'.join(map(str, range(50)))\nprint(*range(50), sep='\\n')\n"
                         "er.reshape(er.range(50), [50, 1])").result.data["text/plain"]
    assert len(plain.splitlines()) == 6 and "cut to 5 lines" in plain
    session.output_limits = OutputLimits(None, None)
    assert len(run(session, "'\\n'.join(map(str, range(500)))").result.data["text/plain"]) > 1000


def test_a_100000_node_tape_renders_quickly_and_bounded(chain_tape):
    start = time.perf_counter()
    result = run(chain_tape, "tape")
    elapsed = time.perf_counter() - start
    # A guard against drawing the whole tape (minutes), not a speed claim: 0.3-0.7 s here.
    assert elapsed < 5.0, f"{elapsed:.2f} s"
    check_bounded(result.result.data)
    assert "more nodes" in result.result.data["text/plain"]


def print_in_terminal(result, width=80):
    out = io.StringIO()
    start = time.perf_counter()
    printer = Printer(out, color=True)
    printer.console.width = width
    printer.result(1, result.result)
    return out.getvalue(), time.perf_counter() - start


@pytest.mark.parametrize("kind", ["tensor", "string", "list", "nested"])
@pytest.mark.parametrize("width", [20, 100])
def test_the_terminal_printer_shows_a_screenful_quickly(session, kind, width):
    result = run(session, HUGE[kind])
    printed, elapsed = print_in_terminal(result, width)
    assert elapsed < 1.0, f"{kind}: {elapsed:.2f} s"
    assert printed.count("\n") <= LIMITS.max_lines + 1
    assert printed.startswith("Out[1]: ")


def test_the_terminal_printer_draws_a_huge_tape_quickly(chain_tape):
    printed, elapsed = print_in_terminal(run(chain_tape, "tape"))
    assert elapsed < 1.0 and printed.count("\n") <= LIMITS.max_lines + 1
    assert "more nodes" in printed

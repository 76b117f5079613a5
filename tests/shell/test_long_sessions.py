"""Long sessions in an IPython shell with eagerrepl: Out bounded by bytes, flat memory, huge values shown quickly."""

import gc
import time
import tracemalloc
import warnings
import weakref

import pytest
from traitlets.config import Config

from eagerrepl.display.limits import OutputLimits

MB4 = "er.fill([1_000_000], {})"  # a 4 MB float32 tensor


# ---- Out's byte budget -----------------------------------------------------------------------------

def test_big_results_beyond_the_byte_budget_are_forgotten_and_freed(ip, ok):
    ok(f"%config Eagerrepl.cache_bytes = {3 * 4_000_000}")  # room for three
    refs = [weakref.ref(ok(MB4.format(float(i))).value) for i in range(6)]
    gc.collect()
    assert list(ip.user_ns["Out"]) == [5, 6, 7]
    assert [r() is None for r in refs] == [True, True, True, False, False, False]
    assert "_4" not in ip.user_ns and "_5" in ip.user_ns
    assert float(ok("_[0] + __[0] + ___[0]").value) == 5 + 4 + 3


def test_underscores_outlive_the_budget(ip, ok):
    ok("%config Eagerrepl.cache_bytes = 0")  # keep no numbered results at all
    for text in "abc":
        ok(f"'{text}'")
    assert ip.user_ns["Out"] == {}
    assert ok("_ + __ + ___").value == "cba"


def test_small_results_stay(ip, ok):
    for i in range(5):
        ok(f"{i} * 10")
    assert ip.user_ns["Out"] == {1: 0, 2: 10, 3: 20, 4: 30, 5: 40}


def test_results_ipythons_count_bound_drops_are_freed_too(new_shell, ok):
    config = Config()
    config.InteractiveShell.cache_size = 5
    new_shell(config).extension_manager.load_extension("eagerrepl")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # IPython warns each time it culls Out
        refs = [weakref.ref(ok(MB4.format(float(i))).value) for i in range(12)]
    gc.collect()
    # IPython forgets them from Out and `_n` but keeps them in its hidden names; the budget's
    # bookkeeping lets them go there as well.
    assert sum(r() is not None for r in refs) <= 5 + 3


def test_reset_forgets_the_sizes_too(ip, ok):
    ok("%config Eagerrepl.cache_bytes = 10_000_000")
    ok("er.zeros([2_000_000])")  # 8 MB
    ok("%reset -f")
    ok("import eagerrepl as er")
    ok("er.zeros([500_000])")  # 2 MB each: both fit once the forgotten result no longer counts
    ok("er.zeros([500_000])")
    assert len(ip.user_ns["Out"]) == 2


def test_a_result_deleted_by_hand_no_longer_counts(ip, ok):
    ok(f"%config Eagerrepl.cache_bytes = {2 * 4_000_000}")  # room for two
    ok(MB4.format(1.0))
    ok(MB4.format(2.0))
    ok("del Out[2]")
    ok(MB4.format(4.0))
    assert list(ip.user_ns["Out"]) == [3, 5]  # Out[3] stays: the deleted result left room for it
    ok(MB4.format(6.0))
    assert list(ip.user_ns["Out"]) == [5, 6]


def test_a_result_replaced_under_its_number_counts_once(ip, ok):
    ok(f"%config Eagerrepl.cache_bytes = {int(1.5 * 4_000_000)}")  # room for one
    for i in range(3):  # cells not stored in history show under the last number, Out[1], each replacing it
        ip.run_cell(MB4.format(float(i)))
    assert list(ip.user_ns["Out"]) == [1] and float(ip.user_ns["Out"][1][0]) == 2.0


def test_each_result_is_measured_once(ip, ok):
    # A result is measured when it arrives, never again (the cost per cell: benchmarks/cell.py).
    ok("class Counted:\n"
       "    reads = 0\n"
       "    @property\n"
       "    def nbytes(self):  # what the budget reads of an array\n"
       "        Counted.reads += 1\n"
       "        return 10")
    for _ in range(300):
        ok("Counted()")
    assert len(ip.user_ns["Out"]) == 300 and ip.user_ns["Counted"].reads == 300


# ---- memory over a long session ------------------------------------------------------------------

CELLS = [
    "a = er.constant([1., 2., 3.]) * {i}",
    "er.ones([64, 64]) * {i}",  # a 16 KB result: kept by Out unless a bound drops it
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


def test_8000_cells_keep_memory_flat(new_shell):
    from IPython.utils.capture import capture_output
    config = Config()
    config.InteractiveShell.cache_size = 50
    shell = new_shell(config)
    shell.extension_manager.load_extension("eagerrepl")
    # IPython's default Context tracebacks take 20 ms an error to lay out; Plain keeps this test short.
    shell.run_line_magic("xmode", "Plain")
    cells = [CELLS[i % len(CELLS)].format(i=i) for i in range(8_000)]

    def run(sources):
        with capture_output(), warnings.catch_warnings():
            warnings.simplefilter("ignore")  # IPython's warning each time it culls Out
            for source in sources:
                shell.run_cell(source, store_history=True)

    run(cells[:1_000])  # warm up: caches, imports, Out's bound reached
    gc.collect()
    rss_start = rss_bytes()
    run(cells[1_000:5_000])
    # tracemalloc slows every allocation several times over, so it watches the last 3,000 cells
    # only; the resident size covers all of them.
    tracemalloc.start()
    try:
        run(cells[5_000:6_000])
        gc.collect()
        early = tracemalloc.get_traced_memory()[0]
        run(cells[6_000:])
        gc.collect()
        late = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    rss_growth = rss_bytes() - rss_start
    assert shell.execution_count == 8_001 and len(shell.user_ns["Out"]) <= 50
    # IPython keeps each cell's input (In, _iN, the cell's lines for tracebacks): several hundred
    # bytes a cell, as in any IPython session. A kept 16 KB tensor or 400 KB `big` would be far more.
    per_cell = (late - early) / 2_000
    assert per_cell < 2_000, f"traced memory grew {per_cell:.0f} bytes a cell over 2,000 cells"
    assert rss_growth < 40 * 2**20, f"resident memory grew {rss_growth / 2**20:.0f} MiB over 7,000 cells"


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


def check_bounded(data):
    for mimetype, text in data.items():
        assert len(text) <= 10 * LIMITS.max_chars + 1000, mimetype
    plain = data["text/plain"]
    assert len(plain) <= LIMITS.max_chars + 200
    assert plain.count("\n") <= LIMITS.max_lines


@pytest.mark.parametrize("kind", HUGE)
def test_a_huge_value_renders_quickly_and_bounded(ip, ok, kind):
    ok(f"value = {HUGE[kind]}")
    start = time.perf_counter()
    data = ok("value").data
    elapsed = time.perf_counter() - start
    assert elapsed < 2.0, f"{kind}: {elapsed:.2f} s"  # the cell formats it once, `.data` once more
    check_bounded(data)


def test_a_huge_string_says_it_was_abbreviated(ip, ok):
    plain = ok("'ab' * 5_000_000").plain
    assert plain.startswith("'abab") and "..." in plain and plain.endswith("abab'")


def test_long_text_is_cut_with_a_note(ip, ok):
    # Not a container: a repr that is merely long is cut after the fact.
    ok("class Long:\n    def __repr__(self):\n        return '\\n'.join(map(str, range(100_000)))")
    plain = ok("Long()").plain
    assert plain.splitlines()[LIMITS.max_lines - 1] == str(LIMITS.max_lines - 1)
    note = f"… output cut to {LIMITS.max_lines} lines: the whole text is 100,000 lines"
    assert plain.splitlines()[-1].startswith(note)


def test_a_100000_node_tape_renders_quickly_and_bounded(ip, ok):
    ok("x = er.constant(1.)\nwith er.GradientTape() as tape:\n    tape.watch(x)\n    y = x\n"
       "    for _ in range(100_000):\n        y = y + 1.")
    start = time.perf_counter()
    data = ok("tape").data
    elapsed = time.perf_counter() - start
    # A guard against drawing the whole tape (minutes), not a speed claim: about a second here.
    assert elapsed < 10.0, f"{elapsed:.2f} s"
    check_bounded(data)
    assert "more nodes" in data["text/plain"]

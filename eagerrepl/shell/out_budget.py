"""Out's byte budget: results kept in `Out` / `_n` may hold at most so many bytes of array data.

IPython bounds how many results Out keeps (`InteractiveShell.cache_size`) but not how big they are:
a session that shows a few 100 MB tensors keeps every one alive. After each cell, the oldest results
are forgotten until what Out keeps fits the budget; `_`, `__` and `___` always stay. IPython's
record of cells' outputs (for %notebook) reaches back as far as Out does.
"""

from collections import OrderedDict


def bytes_held(value, depth=2):
    """Array bytes `value` keeps alive: a tensor's, an ndarray's, bytes and str, and those in containers."""
    nbytes = getattr(value, "nbytes", None)  # numpy arrays; cupy's too
    if isinstance(nbytes, int):
        return nbytes
    numpy = getattr(value, "numpy", None)
    if callable(numpy) and hasattr(value, "shape") and hasattr(value, "dtype"):  # Tensor, Variable
        import numpy as np
        return int(np.prod(value.shape, dtype=np.int64)) * np.dtype(value.dtype).itemsize
    if isinstance(value, (str, bytes, bytearray)):
        return len(value)
    if depth and isinstance(value, (list, tuple, dict, set, frozenset)):
        items = value.values() if isinstance(value, dict) else value
        # A bounded look: a list of a million numbers costs a million small objects, not a walk.
        total = 0
        for i, item in enumerate(items):
            if i == 1000:
                total += total // 1000 * (len(value) - 1000)  # estimate the rest from the first 1000
                break
            total += bytes_held(item, depth - 1)
        return total
    return 0


class OutBudget:
    """A post_run_cell callback that forgets the oldest results until Out holds at most `settings.cache_bytes`.

    Each result is measured once, when it arrives, and the total is kept as results come and go:
    after a cell only Out's newest entries are looked at, unless Out lost entries since the last
    cell (IPython's count bound, %reset, `del Out[n]`), when the whole of it is gone over.
    """

    def __init__(self, shell, settings):
        self.shell, self.settings = shell, settings
        self.out = None  # the Out dict measured
        self.sizes = OrderedDict()  # Out number -> (id of the result, bytes it holds), in Out's order
        self.total = 0  # the sum of sizes
        self.oldest = None  # the number of the oldest result Out held after the last cell

    def __call__(self, result=None):
        out = self.shell.user_ns.get("_oh")
        if not isinstance(out, dict):
            return
        if out is self.out:
            self._measure_newest(out)
        if out is not self.out or len(out) != len(self.sizes):
            self.out = out
            self._measure_all(out)
        self._cull(out, max(0, self.settings.cache_bytes))
        self._forget_older_outputs(next(iter(out), self.shell.execution_count - 1))

    def _measure_newest(self, out):
        # New results are added at Out's end; a cell run without storing history replaces the
        # newest one under its number, which keeps its place.
        arrived = []
        for number in reversed(out):
            value = out[number]
            known = self.sizes.get(number)
            if known is not None and known[0] == id(value):
                break
            arrived.append((number, value))
        for number, value in reversed(arrived):
            self._forget(number)
            self.sizes[number] = (id(value), bytes_held(value))
            self.total += self.sizes[number][1]

    def _measure_all(self, out):
        """Sizes for what Out holds now, measuring only what is new; results gone from Out are let go."""
        sizes = OrderedDict()
        for number, value in out.items():
            known = self.sizes.get(number)
            if known is not None and known[0] == id(value):
                sizes[number] = self.sizes.pop(number)
            else:
                sizes[number] = (id(value), bytes_held(value))
        for number in list(self.sizes):
            self._forget(number)
        self.sizes = sizes
        self.total = sum(size for _, size in sizes.values())

    def _forget_older_outputs(self, oldest):
        """Let go of IPython's record of the outputs of cells before `oldest`, the oldest result Out holds.

        IPython 9 keeps every cell's outputs for %notebook (results' renderings, display() data,
        printed text), never letting any go: a tensor's HTML and picture are some 16 KB. The record
        is gone over only when Out's oldest result changed.
        """
        if oldest == self.oldest:
            return
        self.oldest = oldest
        outputs = getattr(self.shell.history_manager, "outputs", None) or {}
        for number in [number for number in outputs if number < oldest]:
            del outputs[number]

    def _forget(self, number):
        """Drop the size of result `number`, and the hidden `_n` IPython keeps of it (which would keep it alive)."""
        known = self.sizes.pop(number, None)
        if known is None:
            return
        self.total -= known[1]
        hidden = self.shell.user_ns_hidden
        if id(hidden.get(f"_{number}")) == known[0]:
            del hidden[f"_{number}"]

    def _cull(self, out, budget):
        ns = self.shell.user_ns
        while self.sizes and self.total > budget:
            number = next(iter(self.sizes))  # the oldest
            if id(ns.get(f"_{number}")) == self.sizes[number][0]:
                del ns[f"_{number}"]
            del out[number]
            self._forget(number)


def install(shell, settings):
    """Bound `shell`'s Out by `settings.cache_bytes` from now on; returns the function that undoes it."""
    budget = OutBudget(shell, settings)
    shell.events.register("post_run_cell", budget)
    return lambda: shell.events.unregister("post_run_cell", budget)

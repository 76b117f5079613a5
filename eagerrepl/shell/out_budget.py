"""Out's byte budget: results kept in `Out` / `_n` may hold at most so many bytes of array data.

IPython bounds how many results Out keeps (`InteractiveShell.cache_size`) but not how big they are:
a session that shows a few 100 MB tensors keeps every one alive. After each cell, the oldest results
are forgotten until what Out keeps fits the budget; `_`, `__` and `___` always stay.
"""


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
    """A post_run_cell callback that forgets the oldest results until Out holds at most `settings.cache_bytes`."""

    def __init__(self, shell, settings):
        self.shell, self.settings = shell, settings
        self.sizes = {}  # Out number -> (id of the result, bytes it holds): each result is measured once

    def __call__(self, result=None):
        ns = self.shell.user_ns
        out = ns.get("_oh")
        if not isinstance(out, dict):
            return
        for number, (key, _) in list(self.sizes.items()):
            if number not in out or id(out[number]) != key:
                # Gone from Out (IPython's own cull, %reset): IPython pushed `_n` into user_ns_hidden
                # as well, which would keep the result alive.
                self._forget_hidden(number, key)
                del self.sizes[number]
        for number, value in out.items():
            if number not in self.sizes:
                self.sizes[number] = (id(value), bytes_held(value))
        total = sum(size for _, size in self.sizes.values())
        budget = max(0, self.settings.cache_bytes)
        while out and total > budget:
            number = next(iter(out))  # Out is filled in cell order: the first is the oldest
            key, size = self.sizes.pop(number)
            del out[number]
            if id(ns.get(f"_{number}")) == key:
                del ns[f"_{number}"]
            self._forget_hidden(number, key)
            total -= size

    def _forget_hidden(self, number, key):
        hidden = self.shell.user_ns_hidden
        if id(hidden.get(f"_{number}")) == key:
            del hidden[f"_{number}"]


def install(shell, settings):
    """Bound `shell`'s Out by `settings.cache_bytes` from now on; returns the function that undoes it."""
    budget = OutBudget(shell, settings)
    shell.events.register("post_run_cell", budget)
    return lambda: shell.events.unregister("post_run_cell", budget)

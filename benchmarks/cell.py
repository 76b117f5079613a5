"""What the eagerrepl extension adds to every cell: `1+1` in an IPython InteractiveShell, with and
without the extension, as Out holds more and more results.

The floor is the same shell without the extension, in the same process. Each shell first runs
cells until Out holds N results (cache_size is raised so that IPython's own count bound never
culls), then times `1+1` cells, each adding one more result (so Out ends with N + ROUNDS x 200):
the extension's work after a cell (Out's byte budget) must not grow with Out. Medians of several
rounds, the two shells taking turns.
Usage: python benchmarks/cell.py [ROUNDS]
"""

import os
import statistics
import sys
import tempfile
import time

from IPython.core.interactiveshell import InteractiveShell
from IPython.utils.capture import capture_output
from traitlets.config import Config

CELLS_PER_ROUND = 200


def make_shell(ipython_dir, extension):
    """A colourless InteractiveShell without history, with eagerrepl loaded when `extension`."""
    config = Config()
    config.HistoryManager.enabled = False
    config.InteractiveShell.cache_size = 1_000_000
    shell = InteractiveShell(config=config, ipython_dir=ipython_dir)
    if extension:
        shell.extension_manager.load_extension("eagerrepl")
    return shell


def fill(shell, results):
    """Run cells until Out holds `results` results."""
    with capture_output():
        while len(shell.user_ns["Out"]) < results:
            shell.run_cell(f"{len(shell.user_ns['Out'])} * 2", store_history=True)


def per_cell(shell):
    """Median seconds of one `1+1` cell, over CELLS_PER_ROUND cells."""
    times = []
    with capture_output():
        for _ in range(CELLS_PER_ROUND):
            start = time.perf_counter()
            shell.run_cell("1+1", store_history=True)
            times.append(time.perf_counter() - start)
    return statistics.median(times)


def main():
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} cores, {time.strftime('%Y-%m-%d')}; "
          f"medians of {rounds} rounds of {CELLS_PER_ROUND} cells")
    print(f"{'results in Out':>16}  {'IPython ms':>10}  {'+ eagerrepl ms':>14}  ratio")
    with tempfile.TemporaryDirectory() as ipython_dir:
        shells = {name: make_shell(ipython_dir, name == "eagerrepl") for name in ("ipython", "eagerrepl")}
        for results in (10, 1_000, 10_000):
            medians = {name: [] for name in shells}
            for shell in shells.values():
                fill(shell, results)
            held = f"{len(shells['eagerrepl'].user_ns['Out']):,} to "
            for _ in range(rounds):
                for name, shell in shells.items():
                    medians[name].append(per_cell(shell))
            floor, ours = (statistics.median(medians[name]) for name in shells)
            held += f"{len(shells['eagerrepl'].user_ns['Out']):,}"
            print(f"{held:>16}  {floor * 1e3:>10.3f}  {ours * 1e3:>14.3f}  {ours / floor:.2f}")


if __name__ == "__main__":
    main()

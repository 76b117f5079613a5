"""How long showing a tensor takes, pictures included, beside numpy showing the same array, in one run.

eagerrepl's side is what Jupyter gets for a tensor: `display.mimebundle` (text/plain, and text/html
with the SVG picture), or for %show the picture drawn by rich in a terminal 100 columns wide. The
floors, in the same process on the same data: `repr()` of the numpy array (what a numpy user sees,
text only), and one pass of `min()` over every value, which is what any picture that read the whole
array would cost at least (the pictures of big arrays read a sample instead). Prints milliseconds
(median of several rounds) and eagerrepl's ratio to each floor; the targets are the pictures issue's.

    python benchmarks/display.py [--rounds N] [--only CASE ...]
"""

import argparse
import io
import platform
import statistics
import time

import numpy as np

import eagerrepl as er
from eagerrepl import display
from eagerrepl.display.show import Picture


def _array(shape):
    return np.random.default_rng(0).standard_normal(shape, dtype=np.float32)


# name -> (description, shape, target in ms for the full display, or None)
CASES = {
    "mnist_28x28": ("a 28 x 28 gradient: every cell its own <rect> with a hover title", (28, 28), None),
    "matrix_1000": ("1000 x 1000 float32: strided heatmap + histogram", (1000, 1000), 50),
    "huge_1e8": ("10^8 float32 (400 MB): statistics from a sample", (10**8,), 100),
    "facets_4d": ("32 x 3 x 64 x 64 float32: 24 facets", (32, 3, 64, 64), 100),
}


def median_ms(fn, rounds, inner=1):
    """Median over `rounds` of the mean of `inner` calls, in milliseconds."""
    fn()  # warm up
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        for _ in range(inner):
            fn()
        times.append((time.perf_counter() - start) / inner)
    return 1e3 * statistics.median(times)


def terminal(value):
    """%show's picture drawn by rich, as a 24-bit colour terminal 100 columns wide gets it."""
    from rich.console import Console
    console = Console(file=io.StringIO(), width=100, color_system="truecolor", force_terminal=True)
    console.print(Picture(value))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--only", nargs="*", choices=sorted(CASES))
    args = parser.parse_args()
    print(f"{platform.machine()}, Python {platform.python_version()}, numpy {np.__version__}; "
          f"medians of {args.rounds} rounds, ms")
    header = ("case", "numpy repr", "min() pass", "eagerrepl all mimetypes", "ratio to repr", "target",
              "of it the SVG", "%show in a terminal")
    print("| " + " | ".join(header) + " |\n|" + "---|" * len(header))
    for name in args.only or CASES:
        print(row(name, args.rounds))


def row(name, rounds):
    """The table row of one case."""
    description, shape, target = CASES[name]
    array = _array(shape)
    tensor = er.constant(array)
    inner = 1 if array.size > 10**6 else 5
    floor = median_ms(lambda: repr(array), rounds, inner)
    one_pass = median_ms(array.min, rounds, inner)
    full = median_ms(lambda: display.mimebundle(tensor), rounds, inner)
    text_only = median_ms(lambda: display.text(tensor), rounds, inner)
    shown = median_ms(lambda: terminal(tensor), rounds, inner)
    met = "" if target is None else f"≤ {target} {'met' if full <= target else 'MISSED'}"
    return (f"| `{name}` ({description}) | {floor:.2f} | {one_pass:.2f} | {full:.2f} | {full / floor:.2f}x | "
            f"{met} | {full - text_only:.2f} | {shown:.2f} |")

if __name__ == "__main__":
    main()

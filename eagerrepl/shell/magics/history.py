"""%history: the cells typed so far in this session."""

import re

from . import UsageError, line_magic


def parse_cells(spec, current):
    """Cell numbers from a spec such as `1-3 5` (ranges inclusive), each below `current`."""
    numbers = []
    for part in spec.replace(",", " ").split():
        match = re.fullmatch(r"(\d+)(?:-(\d+))?", part)
        if not match:
            raise UsageError(f"{part!r} is not a cell number or range like 2-5")
        first = int(match.group(1))
        last = int(match.group(2) or first)
        if first < 1 or last < first or last >= current:
            raise UsageError(f"cells {part} do not exist; cells so far are 1-{current - 1}"
                             if current > 1 else "no cells yet")
        numbers.extend(range(first, last + 1))
    return numbers


@line_magic("history", "show the cells typed so far; -n numbers them, -g searches",
            usage="%history [-n] [-g PATTERN] [CELLS such as 1-3 5]", options=("-n", "-g"))
def history(session, args):
    """Print earlier cells (not the %history cell itself)."""
    words = args.split()
    numbered = "-n" in words
    words = [w for w in words if w != "-n"]
    pattern = None
    if "-g" in words:
        i = words.index("-g")
        if i + 1 >= len(words):
            raise UsageError("-g needs a pattern")
        pattern = words[i + 1]
        del words[i:i + 2]
    current = session.execution_count
    numbers = parse_cells(" ".join(words), current) if words else range(1, current)
    for n in numbers:
        source = session.In[n]
        if pattern is not None and pattern not in source:
            continue
        if numbered:
            lines = source.split("\n")
            print(f"{n:>4}: {lines[0]}")
            for line in lines[1:]:
                print(f"      {line}")
        else:
            print(source)

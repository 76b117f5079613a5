"""How much text a shown value may take, so a huge value shows a screenful quickly.

A front end that receives megabytes of output freezes (Jupyter does, and a terminal scrolls for
minutes), and making the text can itself take seconds (pprint of a million-item list). So values
are rendered in bounded time: containers and strings past a size are formatted with `reprlib`,
which looks at only their first items, and every text rendering is then cut to `max_lines` lines
and `max_chars` characters, with a last line saying how much was left out.
"""

import pprint
import reprlib
from dataclasses import dataclass

# Items a container may hold (counting nested ones, up to this many) before it is abbreviated.
_FULL_REPR_ITEMS = 2000


@dataclass
class OutputLimits:
    """Bounds on one shown value's text (each mimetype's rendering separately); None for no bound."""

    max_lines: int | None = 200
    max_chars: int | None = 20_000

    def clip(self, text):
        """`text` cut to the bounds, with a last line saying what was left out; unchanged when it fits."""
        total_chars = len(text)
        kept = text
        if self.max_chars is not None and total_chars > self.max_chars:
            kept = text[:self.max_chars]
        if self.max_lines is not None:
            cut = _index_after_lines(kept, self.max_lines)
            if cut is not None:
                kept = kept[:cut]
        if kept is text:
            return text
        total_lines = text.count("\n") + 1
        return (kept.rstrip("\n") + f"\n… output cut to {_count(kept.count(chr(10)) + 1, 'line')}: the whole "
                f"text is {_count(total_lines, 'line')}, {_count(total_chars, 'character')}")

    def plain(self, obj):
        """repr(obj) as pprint would lay it out, abbreviated (reprlib) when it is big; `clip` it to show it."""
        if is_big(obj, self):
            text = _abbreviating_repr(self).repr(obj)
        elif isinstance(obj, (dict, list, tuple, set)):
            # pprint keeps short values on one line and breaks long containers the way IPython does.
            text = pprint.pformat(obj, width=100)
        else:
            text = repr(obj)
        return text


def _count(n, noun):
    return f"{n:,} {noun}" + ("" if n == 1 else "s")


def _index_after_lines(text, lines):
    """Where line number `lines` ends in `text` (after its newline), or None if text has no more lines."""
    at = -1
    for _ in range(lines):
        at = text.find("\n", at + 1)
        if at < 0:
            return None
    return at if at + 1 < len(text) else None


def is_big(obj, limits):
    """True when repr(obj) could be slow or long: a long str/bytes, or containers with many items."""
    if isinstance(obj, (str, bytes, bytearray)):
        return limits.max_chars is not None and len(obj) > limits.max_chars
    budget = [_FULL_REPR_ITEMS]

    def walk(value, depth):
        if isinstance(value, (str, bytes, bytearray)):
            budget[0] -= len(value) // 100  # long strings inside containers count too
            return budget[0] < 0
        if not isinstance(value, (list, tuple, dict, set, frozenset)) or depth > 20:
            return False
        budget[0] -= len(value)
        if budget[0] < 0:
            return True
        items = value.items() if isinstance(value, dict) else value
        for item in items:
            if walk(item, depth + 1):
                return True
        return False

    return walk(obj, 0)


def _abbreviating_repr(limits):
    """A reprlib.Repr that shows the first items of containers and the ends of long strings."""
    r = reprlib.Repr()
    r.maxlevel = 6
    r.maxlist = r.maxtuple = r.maxset = r.maxfrozenset = r.maxdeque = r.maxarray = 100
    r.maxdict = 100
    chars = limits.max_chars or 20_000
    # A long string shows its two ends; a screenful of one string is no more use than a line of it.
    r.maxstring = r.maxlong = r.maxother = max(min(chars, 1000), 100)
    return r

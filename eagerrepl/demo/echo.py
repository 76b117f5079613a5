"""A cell's input as the REPL shows it: `In [n]: ` and `   ...: ` prompts before syntax-highlighted code.

The REPL (IPython) draws its prompt with prompt_toolkit (green `In [n]: `, bold number) and
highlights code with pygments; this draws the same with rich, so that a recording console can keep it.
"""

import random
import time

from ..shell.style import PROMPT_COLORS, continuation_text, prompt_parts


def prompt(number):
    """`In [n]: ` as a rich Text."""
    from rich.text import Text
    text = Text()
    for name, part in prompt_parts(number):
        text.append(part, PROMPT_COLORS[name])
    return text


def continuation(width):
    """`   ...: ` right-aligned under a prompt `width` cells wide, as the REPL's continuation lines."""
    from rich.text import Text
    # Styled as a span, not as the Text's base style: the code appended after it must not inherit it.
    return Text().append(continuation_text(width), PROMPT_COLORS["continuation"])


def highlight(source):
    """`source` as a rich Text coloured by pygments' default style, token colours only (no background)."""
    from pygments.lexers.python import PythonLexer
    from pygments.styles.default import DefaultStyle
    from rich.style import Style
    from rich.text import Text
    text = Text()
    styles = {}
    for token, value in PythonLexer(stripnl=False, ensurenl=False).get_tokens(source):
        if token not in styles:
            found = DefaultStyle.style_for_token(token)
            styles[token] = Style(color=f"#{found['color']}" if found["color"] else None,
                                  bold=found["bold"] or None, italic=found["italic"] or None)
        text.append(value, styles[token])
    return text


def lines(number, source):
    """The cell as (prompt, code) pairs of rich Texts, one pair per line of source."""
    first = prompt(number)
    code = highlight(source).split("\n", allow_blank=True)
    rest = continuation(first.cell_len)
    return [(first if i == 0 else rest.copy(), line) for i, line in enumerate(code)]


def show(console, number, source):
    """Print the cell's prompt and code at once."""
    for head, code in lines(number, source):
        console.print(head + code, soft_wrap=True)


def type_out(console, number, source, chars_per_second):
    """Print the cell's prompts at once and its code a character at a time, as if typed."""
    rng = random.Random(0)  # a fixed rhythm: the demo's own random state stays untouched
    delay = 1.0 / chars_per_second
    for head, code in lines(number, source):
        console.print(head, end="", soft_wrap=True)
        _flush(console)
        for i in range(len(code)):
            console.print(code[i:i + 1], end="", soft_wrap=True)
            _flush(console)
            # Uneven keystrokes look typed; a space or punctuation takes a little longer.
            time.sleep(delay * rng.uniform(0.5, 1.5) * (1.6 if code.plain[i] in " ,(" else 1.0))
        console.print(soft_wrap=True)
        time.sleep(delay * 4)


def _flush(console):
    flush = getattr(console.file, "flush", None)
    if flush is not None:
        flush()

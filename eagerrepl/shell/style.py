"""How the terminal front ends look: whether to use colour at all, and the prompts' text and colours.

The REPL's prompts are IPython's (`In [n]: `, `Out[n]: `, in the colours of IPython's default
theme); the demo player draws the same prompts with rich, from the pieces and colours here.
"""

import os

# Each prompt piece's colour, in rich's names, after IPython's "neutral" theme (Prompt, PromptNum,
# OutPrompt, OutPromptNum).
PROMPT_COLORS = {"prompt": "green", "prompt.number": "bold bright_green", "continuation": "green",
                 "out": "red", "out.number": "bold bright_red"}


def prompt_parts(number):
    """`In [n]: ` as (style name, text) pieces."""
    return [("prompt", "In ["), ("prompt.number", str(number)), ("prompt", "]: ")]


def out_prompt_parts(number):
    """`Out[n]: ` as (style name, text) pieces."""
    return [("out", "Out["), ("out.number", str(number)), ("out", "]: ")]


def continuation_text(width):
    """`   ...: ` right-aligned under a prompt `width` cells wide, as IPython draws it."""
    return " " * max(width - 5, 0) + "...: "


def use_color(stream):
    """Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org)."""
    if os.environ.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except ValueError:  # a closed stream
        return False

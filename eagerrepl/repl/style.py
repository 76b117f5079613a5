"""Colours: prompt styles, and whether to use colour at all."""

import os


# The prompt's pieces by style class, and each class's colour: the REPL draws them with
# prompt_toolkit, the demo player with rich (whose "green" is prompt_toolkit's "ansigreen").
PROMPT_COLORS = {"prompt": "green", "prompt.number": "bold green", "continuation": "green"}


def prompt_parts(number):
    """`In [n]: ` as (style class, text) pieces."""
    return [("prompt", "In ["), ("prompt.number", str(number)), ("prompt", "]: ")]


def continuation_text(width):
    """`   ...: ` right-aligned under a prompt `width` cells wide."""
    return " " * max(width - 5, 0) + "...: "


def prompt_style():
    """The prompt's colours, for prompt_toolkit (imported here, not at module load: batch modes print without it)."""
    from prompt_toolkit.styles import Style
    return Style.from_dict({name: " ".join(f"ansi{word}" if word != "bold" else word for word in color.split())
                            for name, color in PROMPT_COLORS.items()})


def use_color(stream):
    """Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org)."""
    if os.environ.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())

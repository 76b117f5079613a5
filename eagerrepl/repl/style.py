"""Colours: prompt styles, and whether to use colour at all."""

import os


def prompt_style():
    """The prompt's colours, for prompt_toolkit (imported here, not at module load: batch modes print without it)."""
    from prompt_toolkit.styles import Style
    return Style.from_dict({
        "prompt": "ansigreen",
        "prompt.number": "ansigreen bold",
        "continuation": "ansigreen",
    })


def use_color(stream):
    """Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org)."""
    if os.environ.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())

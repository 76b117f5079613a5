"""Colours: prompt styles, and whether to use colour at all."""

import os

from prompt_toolkit.styles import Style

PROMPT_STYLE = Style.from_dict({
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

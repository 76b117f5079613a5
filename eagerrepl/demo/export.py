"""Exporting a recorded demo as a picture of the terminal (SVG, HTML) or as plain text."""

from pathlib import Path

from .transcript import normalize

FORMATS = (".svg", ".html", ".htm", ".txt")


def export(recording, path, title):
    """Write `recording` to `path` in the format its suffix names; returns the path."""
    path = Path(path)
    suffix = path.suffix.lower()
    console = recording.console
    # A light terminal: the code is coloured with pygments' default style, which was made for one.
    from rich.terminal_theme import DEFAULT_TERMINAL_THEME as theme
    if suffix == ".svg":
        console.save_svg(str(path), title=title, theme=theme, clear=False)
    elif suffix in (".html", ".htm"):
        console.save_html(str(path), theme=theme, clear=False)
    elif suffix == ".txt":
        path.write_text(normalize(recording.text()), encoding="utf-8")
    else:
        raise ValueError(f"cannot export to {path.name}: use one of {', '.join(FORMATS)}")
    return path

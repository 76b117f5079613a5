"""The colours eagerrepl writes, by role, chosen to read on light and dark backgrounds alike.

HTML: each role is a JupyterLab theme variable, so JupyterLab Light and Dark each get their own
colour, measured at a WCAG contrast of at least 4.5 on the notebook's background in both (the
browser tests measure them; README lists the figures). Front ends without those variables (VS Code,
nbconvert's HTML, GitHub) get the fallback: the role's hue mixed with the surrounding text colour
(`currentColor`), which is dark on a light page and light on a dark one, so the mix follows the
page (at least 4.5 on white with black or #333 text, and on #111 or #1e1e1e with light text). A
browser without CSS color-mix() drops the declaration and shows the text colour itself.

Terminal: rich styles in the terminal's own 16-colour palette, which the user chose to suit their
background; blue, yellow, the bright colours and faint (dim) text are avoided (they fade on black
or on white). The
tests measure them in rich's light (DEFAULT_TERMINAL_THEME, the one demo exports use) and dark
(MONOKAI) palettes. `contrast_ratio` is WCAG 2's formula, which those measurements use.
"""

# role -> (JupyterLab variable, fallback hue); the variable's value in Light / Dark is in the comment.
_HTML = {
    "name": ("--jp-content-link-color", "#1f6feb"),  # ops, tensor kinds: #0d47a1 / #64b5f6
    "variable": ("--jp-mirror-editor-keyword-color", "#1a7f37"),  # Variables: #008000 / #4caf50
    "watched": ("--jp-info-color0", "#0a7e8c"),  # watched tensors: #006064 / #0097a7
    "grad": ("--jp-mirror-editor-operator-color", "#8250df"),  # gradients: #7800c2 / #d48fff
    "muted": ("--jp-content-font-color2", "#808080"),  # dtypes, shapes, constants: 54% / 70% of the text
    "error": ("--jp-error-color1", "#d1242f"),  # NaN marks, errors: #d32f2f / #f44336
}
_MIX = 45  # percent of the text colour in a fallback; 45 keeps every fallback above 4.5 (see the docstring)

# Secondary text is not dim: terminals draw faint text at about half the contrast, under 4.5.
TERMINAL = {"name": "bold", "variable": "bold green", "watched": "bold magenta", "grad": "cyan",
            "muted": "", "error": "bold red", "label": "cyan"}


def css_color(role):
    """The CSS colour of `role`: JupyterLab's variable for it, else its hue mixed with the text colour."""
    variable, hue = _HTML[role]
    return f"var({variable}, color-mix(in srgb, currentColor {_MIX}%, {hue}))"


def border_color():
    """A faint rule (tree guides, picture frames): JupyterLab's border colour, else a fifth of the text colour."""
    return "var(--jp-border-color2, color-mix(in srgb, currentColor 20%, transparent))"


ROLES = tuple(_HTML)


def contrast_ratio(foreground, background):
    """WCAG 2 contrast ratio (1 to 21) of two sRGB colours given as (r, g, b) in 0..255; 4.5 is the minimum for text."""
    lighter, darker = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _luminance(rgb):
    """WCAG 2 relative luminance of an sRGB colour."""
    def linear(c):
        c /= 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (linear(float(c)) for c in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b

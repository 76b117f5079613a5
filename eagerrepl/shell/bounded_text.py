"""Every value's text/plain within the output limits: IPython's pretty-printing, cut to a screenful, quickly.

A million-item list or a 10 MB string would take seconds to pretty-print and freeze a terminal or
a notebook; so big values are abbreviated before they are formatted, and every text is cut to
`max_lines` and `max_chars` with a last line saying how much there was (eagerrepl.display.limits).
eagerrepl's own values come with their bounded renderings already (shell/formatters.py).
"""

from IPython.core.formatters import PlainTextFormatter


class BoundedPlainTextFormatter(PlainTextFormatter):
    """IPython's text/plain formatter, bounded by the limits of `settings` (an Eagerrepl)."""

    settings = None

    def __call__(self, obj):
        from .. import display
        from ..display.limits import is_big
        limits = self.settings.limits
        if self.enabled and is_big(obj, limits):
            return display.text(obj, limits)  # abbreviated as reprlib does, then cut
        text = super().__call__(obj)
        return limits.clip(text) if isinstance(text, str) else text


def install(shell, settings):
    """Bound the text/plain of every value `shell` shows; returns the function that undoes it."""
    formatters = shell.display_formatter.formatters
    plain = formatters["text/plain"]
    # The same printer tables and settings (%precision, %pprint, printers other libraries
    # registered), shared, so that what is registered while eagerrepl is loaded stays after.
    bounded = BoundedPlainTextFormatter(parent=shell.display_formatter,
                                        **{name: getattr(plain, name) for name in plain.trait_names(config=True)})
    bounded.enabled = plain.enabled
    bounded.settings = settings
    formatters["text/plain"] = bounded

    def undo():
        if formatters.get("text/plain") is bounded:
            plain.enabled = bounded.enabled
            formatters["text/plain"] = plain
    return undo

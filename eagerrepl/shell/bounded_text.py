"""Every value's text/plain within the output limits: IPython's pretty-printing, cut to a screenful, quickly.

A million-item list or a 10 MB string would take seconds to pretty-print and freeze a terminal or
a notebook; so big values are abbreviated before they are formatted, and every text is cut to
`max_lines` and `max_chars` with a last line saying how much there was (eagerrepl.display.limits).
eagerrepl's own values come with their bounded renderings already (shell/formatters.py).
"""


class BoundedText:
    """Put above the class of a shell's own text/plain formatter: its text, within `settings.limits`."""

    settings = None  # the Eagerrepl loaded into the shell (set on the class made by `install`)

    def __call__(self, obj):
        from .. import display
        from ..display.limits import is_big
        limits = self.settings.limits
        if self.enabled and is_big(obj, limits):
            return display.text(obj, limits)  # abbreviated as reprlib does, then cut
        text = super().__call__(obj)
        return limits.clip(text) if isinstance(text, str) else text


def install(shell, settings):
    """Bound the text/plain of every value `shell` shows; returns the function that undoes it.

    The shell keeps its own formatter object, whose class becomes a subclass with a bounded
    `__call__`: its printer tables and settings (%precision, %pprint, printers other libraries
    register, now or later) stay the ones IPython and everyone else change, and nothing is copied
    (copying the printer tables would build them, and building them imports numpy).
    """
    plain = shell.display_formatter.formatters["text/plain"]
    original = type(plain)

    class Bounded(BoundedText, original):
        pass
    Bounded.settings = settings
    plain.__class__ = Bounded

    def undo():
        if type(plain) is Bounded:
            plain.__class__ = original
    return undo

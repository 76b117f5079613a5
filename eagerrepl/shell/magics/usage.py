"""A magic's bad input is one line saying what is wrong, then the magic's usage line.

IPython shows a UsageError as `UsageError: MESSAGE`, without a traceback; the magics here raise
one-line UsageErrors, and `usage` adds the line that says how the magic is called.
"""

import functools
import inspect

from IPython.core.error import UsageError


def usage(line_usage, cell_usage=None):
    """Decorator for a magic method: its UsageErrors end with `Usage: ...` (`cell_usage` for %%name)."""
    def decorate(method):
        @functools.wraps(method)
        def magic(self, line, cell=None):
            try:
                return method(self, line) if cell is None else method(self, line, cell)
            except UsageError as exc:
                shown = line_usage if cell is None else cell_usage
                raise UsageError(f"{exc}\nUsage: {shown}") from None
        magic.usage = line_usage
        magic.cell_usage = cell_usage
        # `%grad?` shows the docstring: end it with the usage too.
        usages = [line_usage] + ([cell_usage] if cell_usage else [])
        magic.__doc__ = inspect.cleandoc(method.__doc__ or "") + "".join(f"\n\nUsage: {u}" for u in usages)
        return magic
    return decorate

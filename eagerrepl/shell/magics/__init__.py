"""Magic commands: `%name args` lines and `%%name args` cells, kept in a registry.

A magic is a function `f(session, args)` (line) or `f(session, args, body)` (cell) registered with
a decorator and a one-line help:

    @line_magic("device", "show or set the default device", usage="%device [cpu|gpu]",
                options=("cpu", "gpu"))
    def device(session, args): ...

It prints what it has to say (the Session captures it), returns a value to show as the cell's result,
or raises `UsageError` for bad input (shown as one line and the usage, without a traceback). Magics
added by other parts of eagerrepl go in a module listed in BUILTIN_MODULES.
"""

from dataclasses import dataclass, field
import importlib


class UsageError(Exception):
    """Bad arguments to a magic: shown as its message and the magic's usage line, no traceback."""


@dataclass
class Magic:
    """One registered magic."""

    name: str
    kind: str  # "line" or "cell"
    func: object
    help: str
    usage: str
    options: tuple = ()  # words `complete` offers after the magic's name
    paths: bool = False  # whether its arguments are file paths (completion offers them)

    def __call__(self, session, *args):
        return self.func(session, *args)


@dataclass
class Registry:
    """Line and cell magics by name."""

    line: dict = field(default_factory=dict)
    cell: dict = field(default_factory=dict)

    def add(self, magic):
        """Register `magic`, replacing one of the same name and kind."""
        (self.line if magic.kind == "line" else self.cell)[magic.name] = magic

    def copy(self):
        """An independent registry with the same magics (a Session's own, to add to freely)."""
        return Registry(dict(self.line), dict(self.cell))

    def get(self, name, kind):
        """The magic `name` of `kind`, or None."""
        return (self.line if kind == "line" else self.cell).get(name)

    def all(self):
        """Every magic, line magics first, each group sorted by name."""
        return ([self.line[k] for k in sorted(self.line)] + [self.cell[k] for k in sorted(self.cell)])


registry = Registry()

# Modules whose import registers magics in `registry`; each Session loads them on creation.
BUILTIN_MODULES = (
    "eagerrepl.shell.magics.timing",
    "eagerrepl.shell.magics.namespace",
    "eagerrepl.shell.magics.files",
    "eagerrepl.shell.magics.history",
    "eagerrepl.shell.magics.help",
    "eagerrepl.shell.magics.legacy",
)


def _register(kind, name, help, usage, options, paths):
    def decorate(func):
        registry.add(Magic(name, kind, func, help, usage or f"{'%' if kind == 'line' else '%%'}{name}",
                           tuple(options), paths))
        return func
    return decorate


def line_magic(name, help, usage=None, options=(), paths=False):
    """Decorator: register `f(session, args)` as the line magic `%name`."""
    return _register("line", name, help, usage, options, paths)


def cell_magic(name, help, usage=None, options=(), paths=False):
    """Decorator: register `f(session, args, body)` as the cell magic `%%name`."""
    return _register("cell", name, help, usage, options, paths)


def load_builtins():
    """Import the built-in magic modules (once), which registers their magics, and return the registry."""
    for module in BUILTIN_MODULES:
        importlib.import_module(module)
    return registry

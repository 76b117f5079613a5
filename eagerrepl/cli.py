"""The `eagerrepl` command: the REPL on a terminal; `-c CODE`, `FILE.py` or piped cells otherwise.

Exit status: 0 when every cell ran, 1 when one failed (so scripts can rely on it), or the code a
cell passed to exit(). Options of IPython's own (`--Class.trait=value`, `--profile=NAME`,
`--ipython-dir=DIR`) pass through to IPython. Heavy modules are imported only by the mode that
needs them.
"""

import argparse
import os
import re
import sys

# Subcommands that other parts of eagerrepl add (`eagerrepl kernel install` comes with the
# kernel): name -> "module:function" taking the remaining arguments and returning a status.
SUBCOMMANDS = {"kernel": "eagerrepl.kernel.install:main", "demo": "eagerrepl.cli:demo"}

_IPYTHON_OPTION = re.compile(r"^--([A-Za-z_]\w*\.[A-Za-z_]\w*|profile|ipython-dir|config|log-level)(=|$)")


def _parser():
    parser = argparse.ArgumentParser(
        prog="eagerrepl",
        description="An eager tensor REPL: type tensor math and see values at once.",
        epilog="With no FILE and a terminal on stdin, starts the interactive REPL; with stdin "
               "piped, runs each cell from it and prints results as plain text. IPython options "
               "(--Class.trait=value, --profile=NAME) pass through; the configuration lives in "
               "IPython's eagerrepl profile (ipython profile locate eagerrepl).")
    parser.add_argument("-c", dest="code", metavar="CODE", help="run CODE as one cell and exit")
    parser.add_argument("file", nargs="?", metavar="FILE.py", help="run a Python file (magics allowed)")
    parser.add_argument("args", nargs=argparse.REMAINDER, help="arguments for FILE, in sys.argv")
    parser.add_argument("--vi", action="store_true", help="vi editing keys (default: emacs)")
    parser.add_argument("--no-banner", action="store_true", help="start without the banner")
    parser.add_argument("--history-file", metavar="PATH",
                        help="the SQLite file of input history (default: $EAGERREPL_HISTORY, else "
                             "history.sqlite in the eagerrepl IPython profile)")
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    return parser


_TAKES_VALUE = {"-c", "--history-file"}


def _split_ipython_options(argv):
    """(eagerrepl's arguments, IPython's options): IPython's come before FILE, in `--name=value` form."""
    ours, theirs = [], []
    args = iter(argv)
    for arg in args:
        if not arg.startswith("-") or arg == "--":  # FILE: what follows is the script's
            return ours + [arg, *args], theirs
        (theirs if _IPYTHON_OPTION.match(arg) else ours).append(arg)
        if arg in _TAKES_VALUE:
            ours.append(next(args, ""))
    return ours, theirs


def main(argv=None):
    """Entry point of the `eagerrepl` console script; returns the exit status."""
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv and argv[0] in SUBCOMMANDS:
        import importlib
        module, function = SUBCOMMANDS[argv[0]].split(":")
        return getattr(importlib.import_module(module), function)(argv[1:])
    argv, ipython_args = _split_ipython_options(argv)
    options = _parser().parse_args(argv)
    if options.version:
        import eagerrepl
        print(f"eagerrepl {eagerrepl.__version__}")
        return 0
    if options.file is not None and not os.path.isfile(options.file):
        print(f"eagerrepl: no such file: {options.file}", file=sys.stderr)
        return 2
    if options.code is not None or options.file is not None or not sys.stdin.isatty():
        from .repl.app import run_batch
        return run_batch(ipython_args, code=options.code, file=options.file, argv=options.args)
    from .repl.app import run_repl
    return run_repl(ipython_args, vi=options.vi, banner=not options.no_banner,
                    history_file=options.history_file)


def demo(argv):
    """`eagerrepl demo`: the demo player, with the REPL to go on in for --interactive."""
    from .demo.command import main as demo_main
    return demo_main(argv, repl=_demo_repl)


def _demo_repl():
    """The REPL's shell, made and configured as `eagerrepl` makes it, for a demo to play in."""
    from .repl.app import launch
    from .repl.shell import TerminalShell
    return launch(TerminalShell, interactive=True, banner=False).shell


if __name__ == "__main__":
    sys.exit(main())

"""The `eagerrepl` command: the REPL on a terminal; `-c CODE`, `FILE.py` or piped cells otherwise.

Exit status: 0 when every cell ran, 1 when one failed (so scripts can rely on it), or the code a
cell passed to exit(). Heavy modules are imported only by the mode that needs them.
"""

import argparse
import os
import sys

# Subcommands that other parts of eagerrepl add (`eagerrepl kernel install` comes with the
# kernel): name -> "module:function" taking the remaining arguments and returning a status.
SUBCOMMANDS = {"kernel": "eagerrepl.kernel.install:main", "demo": "eagerrepl.demo.command:main"}


def _parser():
    parser = argparse.ArgumentParser(
        prog="eagerrepl",
        description="An eager tensor REPL: type tensor math and see values at once.",
        epilog="With no FILE and a terminal on stdin, starts the interactive REPL; with stdin "
               "piped, runs each cell from it and prints results as plain text.")
    parser.add_argument("-c", dest="code", metavar="CODE", help="run CODE as one cell and exit")
    parser.add_argument("file", nargs="?", metavar="FILE.py", help="run a Python file (magics allowed)")
    parser.add_argument("args", nargs=argparse.REMAINDER, help="arguments for FILE, in sys.argv")
    parser.add_argument("--vi", action="store_true", help="vi editing keys (default: emacs)")
    parser.add_argument("--no-banner", action="store_true", help="start without the banner")
    parser.add_argument("--history-file", metavar="PATH",
                        help="where to keep input history (default: $EAGERREPL_HISTORY, "
                             "else $XDG_DATA_HOME/eagerrepl/history)")
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    return parser


def main(argv=None):
    """Entry point of the `eagerrepl` console script; returns the exit status."""
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv and argv[0] in SUBCOMMANDS:
        import importlib
        module, function = SUBCOMMANDS[argv[0]].split(":")
        return getattr(importlib.import_module(module), function)(argv[1:])
    options = _parser().parse_args(argv)
    if options.version:
        import eagerrepl
        print(f"eagerrepl {eagerrepl.__version__}")
        return 0
    if options.code is not None or options.file is not None or not sys.stdin.isatty():
        return _batch(options)
    from .repl.app import Repl
    return Repl(history_path=options.history_file, vi_mode=options.vi,
                show_banner=not options.no_banner).run()


def _batch(options):
    from .repl.batch import Batch
    batch = Batch()
    if options.code is not None:
        batch.run_cell(options.code)
    elif options.file is not None:
        if not os.path.isfile(options.file):
            print(f"eagerrepl: no such file: {options.file}", file=sys.stderr)
            return 2
        batch.run_file(options.file, options.args)
    else:
        batch.run_lines(sys.stdin)
    return batch.status()


if __name__ == "__main__":
    sys.exit(main())

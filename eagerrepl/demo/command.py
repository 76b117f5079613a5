"""`eagerrepl demo FILE...`: play demo files as REPL sessions; record, check or export them.

Exit status: 0 when every demo played (and matched its transcript with --check); 1 when a
transcript differs or is missing, a cell raised under --strict, or a cell exited with a non-zero
status; 2 for bad arguments; 130 when interrupted. With --interactive, the REPL's status.

The demo player does not import the REPL (front ends stay apart): for --interactive, the
`eagerrepl` command hands it a function that makes the REPL's shell, which the demo then plays in.
"""

import argparse
import sys
from pathlib import Path

from . import transcript
from .cells import parse_cells
from .export import FORMATS, export
from .player import Player
from .recording import WIDTH, Recording, Screen


def _parser():
    parser = argparse.ArgumentParser(
        prog="eagerrepl demo",
        description="Play a demo (a Python file; cells split at blank lines or '# %%' markers, "
                    "magics allowed) as if typed at the eagerrepl REPL.")
    parser.add_argument("files", nargs="+", metavar="FILE", help="demo files to play, in order")
    parser.add_argument("--typing", action="store_true", help="type each cell's code out character by character")
    parser.add_argument("--speed", type=float, default=30.0, metavar="CPS",
                        help="typing speed in characters per second (default: 30)")
    parser.add_argument("--pause", action="store_true",
                        help="wait for a key (Enter when stdin is not a terminal) before each cell; q stops")
    parser.add_argument("--interactive", action="store_true",
                        help="at the end, continue in the REPL with the demo's names")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--record", action="store_true", help="write FILE.transcript beside each demo")
    mode.add_argument("--check", action="store_true",
                      help="replay unseen and compare with FILE.transcript; exit 1 with a diff when they differ")
    parser.add_argument("--export", metavar="OUT", type=Path,
                        help=f"write the session as a picture or text ({', '.join(FORMATS)})")
    parser.add_argument("--strict", action="store_true", help="stop at the first cell that raises, exit 1")
    parser.add_argument("--width", type=int, default=WIDTH,
                        help=f"columns of recorded transcripts and exports (default: {WIDTH})")
    parser.add_argument("-q", "--quiet", action="store_true", help="show nothing on the screen")
    return parser


def main(argv=None, repl=None):
    """Entry point of `eagerrepl demo`; returns the exit status.

    `repl`, given by the `eagerrepl` command, makes the REPL's shell (an IPython
    TerminalInteractiveShell) for --interactive: the demo plays in it, then its prompt takes over.
    """
    options = _parser().parse_args(sys.argv[1:] if argv is None else argv)
    problem = _problem(options, repl)
    if problem:
        print(f"eagerrepl demo: {problem}", file=sys.stderr)
        return 2
    status = 0
    try:
        for path in map(Path, options.files):
            status = max(status, _run(path, options, repl))
            if status and options.strict:
                break
    except KeyboardInterrupt:  # Ctrl-C while code is being typed or a key awaited: end the show quietly
        print(file=sys.stderr)
        return 130
    return status


def _problem(options, repl):
    missing = [f for f in options.files if not Path(f).is_file()]
    if missing:
        return f"no such file: {missing[0]}"
    if options.export is not None and options.export.suffix.lower() not in FORMATS:
        return f"cannot export to {options.export.name}: use one of {', '.join(FORMATS)}"
    if len(options.files) > 1 and (options.interactive or options.export is not None):
        return "--interactive and --export take one demo file"
    if options.speed <= 0:
        return "--speed must be positive"
    if options.check and (options.typing or options.pause or options.interactive):
        return "--check replays unseen: it takes no --typing, --pause or --interactive"
    if options.interactive and repl is None:
        return "--interactive needs the REPL: run it as `eagerrepl demo --interactive FILE`"
    return None


def _run(path, options, repl):
    cells = parse_cells(path.read_text(encoding="utf-8"))
    quiet = options.quiet or options.check
    recording = Recording(options.width) if options.record or options.check or options.export else None
    screen = None if quiet else Screen(sys.stdout)
    player = Player(shell=repl() if options.interactive else None, screen=screen, recording=recording)
    player.typing_speed = options.speed if options.typing else None
    player.pause = options.pause
    player.strict = options.strict
    outcome = player.play(cells)

    status = 1 if options.strict and outcome.errors else 0
    if outcome.exit_status:
        status = max(status, 1)
    if options.record:
        written = transcript.write(path, recording.text())
        _note(f"recorded {written} ({outcome.cells_run} cells)")
    if options.check:
        status = max(status, _check(path, recording.text()))
    if options.export is not None:
        export(recording, options.export, title=f"eagerrepl demo {path.name}")
        _note(f"exported {options.export}")
    if options.interactive and not outcome.stopped:
        _note("The demo's names stay defined; Ctrl-D or exit leaves.")
        player.shell.mainloop()
        status = max(status, player.shell.exit_status)
    return status


def _check(path, actual):
    expected = transcript.read(path)
    if expected is None:
        print(f"{path}: no transcript; record one with: eagerrepl demo --record {path}")
        return 1
    difference = transcript.diff(path, expected, actual)
    if difference:
        print(f"{path}: the session differs from its transcript:")
        sys.stdout.write(difference)
        return 1
    print(f"{path}: matches {transcript.transcript_path(path)}")
    return 0


def _note(line):
    print(line, file=sys.stderr)

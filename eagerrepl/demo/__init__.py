"""Scripted demo sessions: play a Python file cell by cell as if typed at the REPL; record, check, export.

    eagerrepl demo demos/tape.py --typing          # a talk
    eagerrepl demo demos/tape.py --record          # writes demos/tape.transcript
    eagerrepl demo demos/tape.py --check           # exit 1 with a diff when the session changed
"""

from .cells import Cell, parse_cells
from .player import Player
from .recording import Recording

__all__ = ["Cell", "Player", "Recording", "parse_cells"]

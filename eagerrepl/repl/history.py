"""Persistent input history: a file in the user's data directory, written as each cell is accepted.

A history file that cannot be read or written costs a warning and falls back to memory; it never
stops the REPL. The format is prompt_toolkit's FileHistory format, so either can read the other's.
"""

import datetime
import os

from prompt_toolkit.history import History


def default_history_path():
    """$EAGERREPL_HISTORY, else $XDG_DATA_HOME/eagerrepl/history, else ~/.local/share/eagerrepl/history."""
    explicit = os.environ.get("EAGERREPL_HISTORY")
    if explicit:
        return explicit
    data = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return os.path.join(data, "eagerrepl", "history")


class SafeFileHistory(History):
    """prompt_toolkit History backed by a file, degrading to memory on any file error."""

    def __init__(self, path, warn):
        super().__init__()
        self.path = path
        self.warn = warn  # called with one line of text when the file cannot be used
        self.in_memory = False
        self._strings = self._read()  # read now, so a warning comes before the first prompt

    def _fail(self, action, exc):
        if not self.in_memory:
            self.in_memory = True
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            self.warn(f"warning: cannot {action} history file {self.path}: {reason}; "
                      "history is kept in memory for this session")

    def _read(self):
        try:
            with open(self.path, "rb") as f:
                data = f.read()
        except FileNotFoundError:
            return []
        except OSError as exc:
            self._fail("read", exc)
            return []
        strings, lines = [], []
        # errors="replace": a damaged byte spoils one entry, not the whole history.
        for line in data.decode("utf-8", errors="replace").splitlines():
            if line.startswith("+"):
                lines.append(line[1:])
            elif lines:
                strings.append("\n".join(lines))
                lines = []
        if lines:
            strings.append("\n".join(lines))
        return strings[::-1]  # newest first, as prompt_toolkit wants

    def load_history_strings(self):
        """The stored entries, newest first."""
        return list(self._strings)

    def store_string(self, string):
        """Append one entry to the file (or only to memory once the file has failed)."""
        self._strings.insert(0, string)
        if self.in_memory:
            return
        try:
            directory = os.path.dirname(self.path)
            if directory:
                os.makedirs(directory, exist_ok=True)
            with open(self.path, "ab") as f:
                entry = "\n# " + datetime.datetime.now().isoformat(sep=" ") + "\n"
                entry += "".join("+" + line + "\n" for line in string.split("\n"))
                f.write(entry.encode("utf-8", errors="replace"))
        except OSError as exc:
            self._fail("write", exc)

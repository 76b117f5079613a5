"""Transcripts: the plain text of a demo's session, kept beside it and compared on replay."""

import difflib
import re
from pathlib import Path

# Memory addresses change from run to run; a transcript keeps their place, not their value.
_ADDRESS = re.compile(r"\b0x[0-9a-fA-F]{6,}\b")


def transcript_path(demo):
    """Where the transcript of `demo` lives: beside it, `NAME.transcript`."""
    return Path(demo).with_suffix(".transcript")


def normalize(text):
    """`text` with run-dependent details (addresses) replaced by placeholders."""
    return _ADDRESS.sub("0x…", text)


def write(demo, text):
    """Write the transcript of `demo`; returns its path."""
    path = transcript_path(demo)
    path.write_text(normalize(text), encoding="utf-8")
    return path


def read(demo):
    """The recorded transcript of `demo`, or None when there is none."""
    path = transcript_path(demo)
    return path.read_text(encoding="utf-8") if path.exists() else None


def diff(demo, expected, actual):
    """A unified diff from the recorded transcript to this run's, or "" when they are the same."""
    path = str(transcript_path(demo))
    lines = difflib.unified_diff(expected.splitlines(keepends=True), normalize(actual).splitlines(keepends=True),
                                 fromfile=f"{path} (recorded)", tofile=f"{path} (this run)")
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)

"""Capture what a cell prints, as Stream outputs, while still passing it on as it happens."""

import io
import sys


class _Writer(io.TextIOBase):
    """A text stream that hands each write to the collector under one stream name."""

    def __init__(self, name, collector):
        self.name_ = name
        self.collector = collector

    @property
    def encoding(self):
        return "utf-8"

    def writable(self):
        return True

    def isatty(self):
        return False

    def write(self, text):
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        if text:
            self.collector.stream(self.name_, text)
        return len(text)


class Capture:
    """While active, sys.stdout and sys.stderr feed Stream outputs to `emit` (a callable)."""

    def __init__(self, emit):
        self.emit = emit

    def stream(self, name, text):
        """Record `text` written to stream `name`."""
        self.emit(name, text)

    def __enter__(self):
        self.saved = sys.stdout, sys.stderr
        sys.stdout, sys.stderr = _Writer("stdout", self), _Writer("stderr", self)
        return self

    def __exit__(self, *exc):
        sys.stdout, sys.stderr = self.saved
        return False

"""The shell layer: a front-end-neutral Session (execute, history, magics, completion, inspection)."""

from .magics import UsageError, cell_magic, line_magic
from .outputs import Completions, DisplayData, Error, ExecutionResult, Inspection, Stream
from .session import Session

__all__ = ["Session", "UsageError", "line_magic", "cell_magic", "ExecutionResult", "Stream",
           "DisplayData", "Error", "Completions", "Inspection"]

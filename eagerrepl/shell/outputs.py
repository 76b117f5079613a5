"""What a cell produces, as data: front ends decide how to show it."""

from dataclasses import dataclass, field


@dataclass
class Stream:
    """Text a cell wrote to stdout or stderr."""

    name: str  # "stdout" or "stderr"
    text: str


@dataclass
class DisplayData:
    """A value to show: its renderings by mimetype, and the value itself for richer front ends."""

    data: dict
    value: object = None
    limits: object = None  # the display.limits.OutputLimits it was rendered under (None: the defaults)
    names: dict = None  # the namespace it was shown from: a drawn tape names its leaves after it

    def rich(self):
        """A rich renderable for the value (imports rich; only terminal front ends call this)."""
        from ..display import DEFAULT_LIMITS, rich_renderable
        return rich_renderable(self.value, self.limits or DEFAULT_LIMITS, names=self.names)


@dataclass
class ClearOutput:
    """A request to clear what the cell has shown so far (Jupyter's clear_output); `wait` until new output."""

    wait: bool = False


@dataclass
class Page:
    """Help text (`x?`) for a pager, sent instead of printing where the Session's `page_help` is set."""

    text: str


@dataclass
class Frame:
    """One frame of a trimmed traceback: where (a cell number or a file), which line, which function."""

    filename: str
    lineno: int
    name: str
    line: str
    cell: int | None = None  # the In[] number when the frame is in a cell

    @property
    def location(self):
        """`In [3], line 2` for cells, `File "x.py", line 2` for files."""
        where = f"In [{self.cell}]" if self.cell is not None else f'File "{self.filename}"'
        return f"{where}, line {self.lineno}"


@dataclass
class Error:
    """A cell's failure: the exception's type and message, and a traceback trimmed to the user's code."""

    ename: str
    evalue: str
    traceback: list  # plain-text lines, the last one "ename: evalue"
    frames: list = field(default_factory=list)  # Frame objects of the raised exception, outermost first
    usage: str | None = None  # for magic usage errors: the magic's usage line

    def text(self):
        """The whole traceback as one string."""
        return "\n".join(self.traceback)


@dataclass
class ExecutionResult:
    """Everything one `Session.execute` call produced."""

    execution_count: int
    outputs: list = field(default_factory=list)  # Stream and DisplayData, in the order they happened
    result: DisplayData | None = None  # the value of the cell's final expression
    error: Error | None = None
    next_input: str | None = None  # text a magic (%load) asks the front end to put at the next prompt
    exit_requested: bool = False  # the cell called exit() / raised SystemExit
    exit_status: int = 0

    @property
    def success(self):
        """True when the cell ran without an error."""
        return self.error is None


@dataclass
class Completions:
    """Candidates to replace source[cursor_start:cursor_end] with."""

    matches: list
    cursor_start: int
    cursor_end: int
    types: list = field(default_factory=list)  # one per match: "function", "module", "magic", "path", ...


@dataclass
class Inspection:
    """What `Session.inspect` found at a cursor: renderings by mimetype, empty when nothing was found."""

    found: bool
    data: dict = field(default_factory=dict)

"""EagerKernel: each Jupyter request is one call into the shell's Session; this module only translates.

The Session runs cells, completes, inspects and keeps history; here its outputs (Stream,
DisplayData, ClearOutput, Error) become IOPub messages as they happen, and its answers become
replies. Signing, loopback-only sockets, heartbeats and interrupts (SIGINT while a handler runs)
are ipykernel's and jupyter_client's defaults, kept as they are.
"""

import builtins
import fnmatch
import getpass
import platform
import sys
import time
from contextlib import contextmanager

from ipykernel._version import kernel_protocol_version
from ipykernel.kernelbase import Kernel

import eagerrepl

# History tuples name a session; this kernel keeps only its own run's cells, so there is one.
HISTORY_SESSION = 1
FLUSH_INTERVAL = 0.2  # seconds print() text without a newline may wait, as ipykernel's own streams


class EagerKernel(Kernel):
    """A Jupyter kernel whose cells run in an eagerrepl Session (magics, displays, errors as in the REPL)."""

    implementation = "eagerrepl"
    implementation_version = eagerrepl.__version__
    language_info = {
        "name": "python",
        "version": platform.python_version(),
        "mimetype": "text/x-python",
        "file_extension": ".py",
        # Cells take IPython's %magic and `x?` syntax, which these two highlight.
        "pygments_lexer": "ipython3",
        "codemirror_mode": {"name": "ipython", "version": 3},
        "nbconvert_exporter": "python",
    }
    help_links = [
        {"text": "Python Reference", "url": "https://docs.python.org/3/"},
        {"text": "NumPy Reference", "url": "https://numpy.org/doc/stable/reference/"},
    ]

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._cells = None

    @property
    def cells(self):
        """The Session running this kernel's cells (`self.session` is jupyter_client's, which signs messages).

        Made on first use: the kernel answers kernel_info before numpy and the engine load, as
        ipykernel's own kernel does before a notebook imports numpy.
        """
        if self._cells is None:
            from ..shell import Session
            self._cells = Session()
            self._cells.page_help = True  # `x?` goes to Jupyter's pager, as in IPython's kernel
        return self._cells

    @property
    def banner(self):
        """Version, Python, and where help is (devices are a `%device` away: listing them loads the engine)."""
        from ..shell.banner import header
        return (f"{header()}\n"
                "Type ? for help, %magic for magic commands, %device for devices, Tab to complete.")

    @property
    def kernel_info(self):
        """What kernel_info_reply says: no debugger and no subshells, as cells run one at a time in one Session."""
        # Built here rather than by ipykernel, whose version imports debugpy to offer a debugger
        # (a twentieth of a second at startup) that this kernel does not serve.
        return {"protocol_version": kernel_protocol_version, "implementation": self.implementation,
                "implementation_version": self.implementation_version, "language_info": self.language_info,
                "banner": self.banner, "help_links": self.help_links, "supported_features": []}

    @property
    def execution_count(self):
        """The number the next stored cell will get: the Session's count, not a second one."""
        return self.cells.execution_count

    @execution_count.setter
    def execution_count(self, value):
        # Kernel.execute_request adds one before each cell; the Session counts for itself.
        pass

    def set_parent(self, ident, parent, channel="shell"):
        """Also tell ipykernel's own streams, so output written below Python (os.system, C code) joins the cell."""
        super().set_parent(ident, parent, channel)
        if channel == "shell":
            for stream in (sys.stdout, sys.stderr):
                if hasattr(stream, "set_parent"):
                    stream.set_parent(parent)

    # ---- execute ---------------------------------------------------------------------------

    async def do_execute(self, code, silent, store_history=True, user_expressions=None,
                         allow_stdin=False, *, cell_meta=None, cell_id=None):
        """Run `code` in the Session, publishing its outputs as they happen; reply with its status."""
        publisher = None if silent else _Publisher(self)
        with self._stdin(allow_stdin, publisher):
            # The protocol: silent forces store_history off, whatever the request says.
            result = self.cells.execute(code, store_history=store_history and not silent, silent=silent,
                                        on_output=publisher and publisher.output)
        if publisher is not None:
            publisher.flush()
        if result.error is not None:
            content = _error_content(result.error)
            if publisher is not None:
                self.send_response(self.iopub_socket, "error", content)
            return {"status": "error", "execution_count": result.execution_count, **content}
        if result.result is not None and publisher is not None:
            self.send_response(self.iopub_socket, "execute_result", {
                "execution_count": result.execution_count, "data": result.result.data, "metadata": {}})
        return {"status": "ok", "execution_count": result.execution_count,
                "payload": _payloads(result), "user_expressions": self._expressions(user_expressions)}

    def _expressions(self, expressions):
        """user_expressions: each evaluated by the Session without storing it, as a mimebundle or an error."""
        replies = {}
        for key, expression in (expressions or {}).items():
            result = self.cells.execute(expression, store_history=False)
            if result.error is not None:
                replies[key] = {"status": "error", **_error_content(result.error)}
            else:
                data = result.result.data if result.result is not None else {"text/plain": "None"}
                replies[key] = {"status": "ok", "data": data, "metadata": {}}
        return replies

    @contextmanager
    def _stdin(self, allowed, publisher):
        """input() and getpass() ask the front end over the stdin channel (an error where it has none)."""
        def ask(prompt="", password=False):
            if publisher is not None:
                publisher.flush()  # text printed just before input() belongs above the prompt
            return (self.getpass if password else self.raw_input)(prompt)

        saved = builtins.input, getpass.getpass, self._allow_stdin
        builtins.input = ask
        getpass.getpass = lambda prompt="Password: ", stream=None: ask(prompt, password=True)
        self._allow_stdin = allowed  # ipykernel's raw_input checks it
        try:
            yield
        finally:
            builtins.input, getpass.getpass, self._allow_stdin = saved

    # ---- completion, inspection, is_complete, history ------------------------------------------

    async def do_complete(self, code, cursor_pos):
        """Completions from the Session, with their kinds in Jupyter's experimental types metadata."""
        found = self.cells.complete(code, len(code) if cursor_pos is None else cursor_pos)
        return {"status": "ok", "matches": found.matches,
                "cursor_start": found.cursor_start, "cursor_end": found.cursor_end,
                "metadata": {"_jupyter_types_experimental": [
                    {"start": found.cursor_start, "end": found.cursor_end, "text": match, "type": kind}
                    for match, kind in zip(found.matches, found.types)]}}

    async def do_inspect(self, code, cursor_pos, detail_level=0, omit_sections=()):
        """The Session's help on the name at the cursor (Shift-Tab in Jupyter)."""
        found = self.cells.inspect(code, len(code) if cursor_pos is None else cursor_pos, detail_level)
        return {"status": "ok", "found": found.found, "data": found.data, "metadata": {}}

    async def do_is_complete(self, code):
        """Whether Enter should run `code` or open a new line (and with what indent)."""
        status, indent = self.cells.is_complete(code)
        reply = {"status": status}
        if status == "incomplete":
            reply["indent"] = indent
        return reply

    async def do_history(self, hist_access_type, output, raw, session=None, start=None, stop=None,
                         n=None, pattern=None, unique=False):
        """This run's stored cells: the last n (tail), a range, or those matching a glob (search)."""
        if hist_access_type == "range":
            ours = session in (None, 0, HISTORY_SESSION)
            cells = self.cells.history(start or 1, stop) if ours else []
        else:
            cells = self.cells.history()
        if hist_access_type == "search":
            cells = [(number, source) for number, source in cells
                     if fnmatch.fnmatchcase(source, pattern or "*")]
            if unique:
                latest = {source: number for number, source in cells}
                cells = [(number, source) for number, source in cells if latest[source] == number]
        if hist_access_type in ("tail", "search") and n:
            cells = cells[-n:]
        return {"status": "ok", "history": [
            (HISTORY_SESSION, number, (source, self._output_text(number)) if output else source)
            for number, source in cells]}

    def _output_text(self, number):
        from ..display import text
        return text(self.cells.Out[number]) if number in self.cells.Out else None


class _Publisher:
    """Sends a running cell's outputs on IOPub in order; print() text goes out a line at a time."""

    def __init__(self, kernel):
        self.kernel = kernel
        self.name = None  # the stream whose text is held back, if any
        self.text = ""
        self.since = 0.0  # when the held-back text began

    def output(self, output):
        """Publish one output from Session.execute's on_output."""
        from ..shell.outputs import ClearOutput, DisplayData, Stream
        if isinstance(output, Stream):
            if output.name != self.name:
                self.flush()
                self.name, self.since = output.name, time.monotonic()
            self.text += output.text
            # print() writes its text and its newline separately: send whole lines, not halves, and
            # text printed without newlines (progress dots) at least every FLUSH_INTERVAL seconds.
            if self.text.endswith("\n") or time.monotonic() - self.since > FLUSH_INTERVAL:
                self.flush()
            return
        self.flush()
        if isinstance(output, DisplayData):
            self.kernel.send_response(self.kernel.iopub_socket, "display_data",
                                      {"data": output.data, "metadata": {}, "transient": {}})
        elif isinstance(output, ClearOutput):
            self.kernel.send_response(self.kernel.iopub_socket, "clear_output", {"wait": output.wait})

    def flush(self):
        """Send any print() text still held back."""
        if self.text:
            self.kernel.send_response(self.kernel.iopub_socket, "stream", {"name": self.name, "text": self.text})
        self.name, self.text = None, ""


def _payloads(result):
    """Requests to the front end that ride on execute_reply: `x?` help for the pager, %load's next input, exit()."""
    from ..shell.outputs import Page
    payloads = [{"source": "page", "data": {"text/plain": output.text}, "start": 0}
                for output in result.outputs if isinstance(output, Page)]
    if result.next_input is not None:
        payloads.append({"source": "set_next_input", "text": result.next_input, "replace": False})
    if result.exit_requested:
        payloads.append({"source": "ask_exit", "keepkernel": False})
    return payloads


def _error_content(error):
    """An Error output as the protocol's ename, evalue and traceback fields."""
    return {"ename": error.ename, "evalue": error.evalue, "traceback": error.traceback}

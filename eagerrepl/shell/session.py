"""Session: one namespace and its history, shared by every front end (terminal, Jupyter, demos).

`execute` runs a cell as IPython does (every statement; the final expression's value is the result)
and returns its outputs as data. It never prints to the real stdout and never lets an exception
out: a failing cell is an Error output, and the namespace keeps everything defined before.
"""

import ast
import builtins
import io
import tokenize

from . import tracebacks
from .capture import Capture
from .completeness import is_complete as _is_complete
from .magics import UsageError, load_builtins
from .out_budget import bytes_held
from .outputs import ClearOutput, DisplayData, Error, ExecutionResult, Page, Stream
from .transform import SESSION_NAME, transform_cell


class Session:
    """A namespace pre-loaded with `er` and `np`, numbered cells, magics, completion and inspection."""

    def __init__(self, full_tracebacks=False):
        import numpy
        import eagerrepl
        # Settings are plain attributes that front ends may change.
        self.full_tracebacks = full_tracebacks  # show eagerrepl's own frames in tracebacks too
        self.page_help = False  # `x?` emits a Page output (for a pager, as Jupyter has) instead of printing
        # Out[n] / _n keep results alive; in a long session that would keep every big tensor ever
        # shown. Like IPython's cache_size, only the newest results stay: at most `cache_size` of
        # them, and at most `cache_bytes` of array data between them (`_`, `__`, `___` always stay).
        self.cache_size = 1000
        self.cache_bytes = 256 * 2**20
        from ..display.limits import OutputLimits
        self.output_limits = OutputLimits()  # how much text a shown value may take (see display.limits)
        self.magics = load_builtins().copy()
        self.execution_count = 1
        self.In = [""]
        self.Out = {}
        self._out_bytes = {}  # Out number -> array bytes it holds, for the cache_bytes bound
        self.namespace = {}
        self._emit = None
        self._pending_next_input = None
        self._setup_namespace(eagerrepl, numpy)

    # ---- namespace -------------------------------------------------------------------------

    def _setup_namespace(self, eagerrepl, numpy):
        ns = self.namespace
        ns.update({
            "__name__": "__main__", "__builtins__": builtins, "__doc__": None,
            "er": eagerrepl, "np": numpy, "In": self.In, "Out": self.Out,
            "display": self.display, "clear_output": self.clear_output, SESSION_NAME: self,
            "_": None, "__": None, "___": None, "_i": "", "_ii": "", "_iii": "",
        })
        self._initial_names = set(ns)

    def user_names(self):
        """Names the user defined (not the preloaded ones, not `_`-prefixed history names)."""
        return [name for name in self.namespace
                if name not in self._initial_names and not name.startswith("_")]

    def reset(self):
        """Forget every user name and every result; cell numbering and input history go on."""
        for name in list(self.namespace):
            if name not in self._initial_names:
                del self.namespace[name]
        self.Out.clear()
        self._out_bytes.clear()
        self.namespace.update({"_": None, "__": None, "___": None})

    def display(self, *objs):
        """Show each object now, with every rendering it has, in whatever front end runs the cell."""
        from ..display import mimebundle
        for obj in objs:
            out = DisplayData(mimebundle(obj, self.output_limits, names=self.namespace), obj, self.output_limits,
                              self.namespace)
            if self._emit is not None:
                self._emit(out)

    def clear_output(self, wait=False):
        """Clear what this cell has shown so far (in Jupyter; `wait=True` waits for the next output)."""
        if self._emit is not None:
            self._emit(ClearOutput(wait))

    # ---- running cells ---------------------------------------------------------------------

    def execute(self, source, store_history=True, silent=False, on_output=None):
        """Run a cell and return an ExecutionResult; `on_output(output)` sees each output as it happens."""
        if not source.strip():
            return ExecutionResult(self.execution_count)
        number = self.execution_count
        if store_history:
            self._record_input(number, source)
        filename = tracebacks.cell_filename(number)
        tracebacks.remember_cell(filename, source)
        try:
            return self._execute(number, lambda: self._run(source, filename), on_output,
                                 show=not silent and not _ends_with_semicolon(source), store=store_history)
        finally:
            if store_history:
                self.execution_count += 1

    def execute_file(self, path, argv=None, on_output=None):
        """Run a Python file (magics allowed) as `__main__` in the namespace; an ExecutionResult as execute."""
        return self._execute(self.execution_count, lambda: self.run_file(path, argv), on_output,
                             show=False, store=False)

    def _execute(self, number, run, on_output, show, store):
        result = ExecutionResult(number)
        # The texts of the last output while it is a Stream, joined when it ends: joining on every
        # write made a cell that prints 100,000 lines take seconds.
        pending = []

        def settle():
            if len(pending) > 1:
                result.outputs[-1] = Stream(result.outputs[-1].name, "".join(pending))
            pending.clear()

        def emit(output):
            outputs = result.outputs
            if isinstance(output, Stream) and pending and outputs[-1].name == output.name:
                pending.append(output.text)
            else:
                settle()
                outputs.append(output)
                if isinstance(output, Stream):
                    pending.append(output.text)
            if on_output is not None:
                on_output(output)

        saved_emit, self._emit = self._emit, emit
        try:
            with Capture(lambda name, text: emit(Stream(name, text))):
                value = run()
            if value is not None and show:
                from ..display import mimebundle
                result.result = DisplayData(mimebundle(value, self.output_limits, names=self.namespace), value,
                                            self.output_limits, self.namespace)
                if store:
                    self._record_output(number, value)
        except SystemExit as exc:
            result.exit_requested = True
            code = exc.code
            result.exit_status = code if isinstance(code, int) else (0 if code is None else 1)
            if not isinstance(code, int) and code is not None:
                emit(Stream("stderr", f"{code}\n"))
        except UsageError as exc:
            usage = getattr(exc, "usage", None)
            lines = [f"UsageError: {exc}"] + ([f"Usage: {usage}"] if usage else [])
            result.error = Error("UsageError", str(exc), lines, [], usage)
        except BaseException as exc:  # KeyboardInterrupt too: the session goes on
            result.error = tracebacks.error_from(exc, full=self.full_tracebacks)
        finally:
            settle()
            self._emit = saved_emit
            result.next_input, self._pending_next_input = self._pending_next_input, None
        return result

    def _run(self, source, filename):
        tree = ast.parse(transform_cell(source), filename, "exec")
        last = None
        if tree.body and isinstance(tree.body[-1], ast.Expr):
            last = ast.Expression(tree.body.pop().value)
        exec(compile(tree, filename, "exec", dont_inherit=True), self.namespace)
        if last is not None:
            return eval(compile(last, filename, "eval", dont_inherit=True), self.namespace)
        return None

    def _record_input(self, number, source):
        self.In.append(source)
        ns = self.namespace
        ns["_iii"], ns["_ii"], ns["_i"] = ns["_ii"], ns["_i"], source
        ns[f"_i{number}"] = source

    def _record_output(self, number, value):
        self.Out[number] = value
        self._out_bytes[number] = bytes_held(value)
        ns = self.namespace
        ns["___"], ns["__"], ns["_"] = ns["__"], ns["_"], value
        ns[f"_{number}"] = value
        self._trim_outputs()

    def _trim_outputs(self):
        """Forget the oldest Out[n] / _n until at most cache_size results and cache_bytes remain."""
        size = max(0, int(self.cache_size))
        budget = max(0, int(self.cache_bytes))
        total = sum(self._out_bytes.values())
        # Out is a dict in cell order, so its first key is the oldest result.
        while self.Out and (len(self.Out) > size or total > budget):
            number = next(iter(self.Out))
            del self.Out[number]
            total -= self._out_bytes.pop(number, 0)
            self.namespace.pop(f"_{number}", None)

    def run_file(self, path, argv=None):
        """Run a Python file (magics allowed) in the namespace as `__main__`, with `sys.argv` set."""
        import sys
        with open(path, encoding="utf-8") as f:
            source = f.read()
        code = compile(transform_cell(source), path, "exec", dont_inherit=True)
        saved_argv, saved_file = sys.argv, self.namespace.get("__file__")
        sys.argv = [path] + list(argv or [])
        self.namespace["__file__"] = path
        try:
            exec(code, self.namespace)
        finally:
            sys.argv = saved_argv
            if saved_file is None:
                self.namespace.pop("__file__", None)
            else:
                self.namespace["__file__"] = saved_file

    def set_next_input(self, text):
        """Ask the front end to put `text` at the next prompt (what %load does)."""
        self._pending_next_input = text

    # ---- magics ----------------------------------------------------------------------------

    def run_line_magic(self, name, args):
        """Run the line magic `%name args` and return its value."""
        return self._call_magic(name, "line", args)

    def run_cell_magic(self, name, args, body):
        """Run the cell magic `%%name args` over `body` and return its value."""
        return self._call_magic(name, "cell", args, body)

    def _call_magic(self, name, kind, *args):
        magic = self.magics.get(name, kind)
        if magic is None:
            prefix = "%" if kind == "line" else "%%"
            other = self.magics.get(name, "cell" if kind == "line" else "line")
            hint = f"; did you mean {'%%' if kind == 'line' else '%'}{name}?" if other else "; %magic lists them all"
            raise UsageError(f"unknown magic {prefix}{name}{hint}")
        try:
            return magic(self, *args)
        except UsageError as exc:
            exc.usage = magic.usage
            raise

    def register_magic(self, magic):
        """Add a Magic to this session only."""
        self.magics.add(magic)

    # ---- help, completion, inspection --------------------------------------------------------

    def is_complete(self, source):
        """("complete" | "incomplete" | "invalid", indent for the next line)."""
        return _is_complete(source)

    def complete(self, source, cursor=None):
        """Completions at `cursor` (default: the end): names, attributes, keys, paths, magics."""
        from .completion import complete
        return complete(self, source, len(source) if cursor is None else cursor)

    def inspect(self, source, cursor=None, detail=0):
        """Signature and docstring of the object at `cursor`; detail=1 adds its source."""
        from .inspection import inspect_at
        return inspect_at(self, source, len(source) if cursor is None else cursor, detail)

    def show_help(self, name, detail=0):
        """Print help on `name` (what `name?` and `?name` do); `??` adds the source."""
        from .inspection import help_text
        text = help_text(self, name, detail)
        if self.page_help and self._emit is not None:
            self._emit(Page(text))
        else:
            print(text)

    def history(self, start=1, stop=None):
        """[(number, source), ...] of stored cells from `start` up to but not including `stop`."""
        stop = len(self.In) if stop is None else min(stop, len(self.In))
        return [(n, self.In[n]) for n in range(max(start, 1), stop)]


def _ends_with_semicolon(source):
    """True when the cell's last token is `;`, which hides the result as in IPython."""
    last = None
    try:
        for tok in tokenize.generate_tokens(io.StringIO(source).readline):
            if tok.type not in (tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE, tokenize.ENDMARKER,
                                tokenize.INDENT, tokenize.DEDENT):
                last = tok
    except (tokenize.TokenError, SyntaxError, UnicodeDecodeError):
        # UnicodeDecodeError: Python 3.13's tokenizer on a lone "\r" before a non-ASCII character.
        return False
    return last is not None and last.type == tokenize.OP and last.string == ";"

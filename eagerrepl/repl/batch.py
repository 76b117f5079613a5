"""Without a terminal: `-c CODE`, a file, or cells piped on stdin, on the same IPython shell as the
REPL; results as plain text without prompts, tracebacks on stderr.

The exit status is exit()'s code when a cell called it, else 1 when a cell failed, else 0.
"""

import ast
import sys

from traitlets import default

from ..shell.printer import Printer, PrintingShell
from ..shell.style import use_color


class BatchShell(PrintingShell):
    """The shell of the batch modes: prints values without `Out[n]: `, remembers whether a cell failed."""

    show_out_prompts = False

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.printer = Printer(color=False, errors=sys.stderr)
        self.failed = False

    @default("colors")
    def _colors_default(self):
        return "neutral" if use_color(sys.stderr) else "nocolor"  # tracebacks go to stderr

    def status(self):
        """The process exit status."""
        if self.exit_requested:
            return self.exit_status
        return 1 if self.failed else 0

    def run_cell(self, raw_cell, *args, **kwargs):
        """IPython's run_cell, noting a failure for the exit status."""
        result = super().run_cell(raw_cell, *args, **kwargs)
        if not result.success and not self.exit_requested:
            self.failed = True
        return result

    def run_lines(self, lines):
        """Run text arriving line by line as cells, each cell ending where it is complete."""
        buffer = []
        for line in lines:
            buffer.append(line.rstrip("\n"))
            source = "\n".join(buffer)
            if not source.strip():
                buffer = []
                continue
            status, _ = self.check_complete(source)
            if status != "incomplete":
                buffer = []
                self.run_cell(source, store_history=True)
                if self.exit_requested:
                    return
        if "\n".join(buffer).strip():
            self.run_cell("\n".join(buffer), store_history=True)

    def run_file(self, path, argv=()):
        """Run a file as a script, magics allowed: its expressions are not echoed, but a magic on a
        line of its own shows its result, as at the prompt (`%grad x**2` prints the derivative)."""
        with open(path, encoding="utf-8") as f:
            source = f.read()
        saved_argv, sys.argv = sys.argv, [path, *argv]
        self.user_ns["__file__"] = path
        try:
            tree = ast.parse(self.transform_cell(source), filename=path)
            code = compile(self.transform_ast(_ShowMagicResults().visit(tree)), path, "exec")
            with self.builtin_trap:
                exec(code, self.user_global_ns, self.user_ns)
        except SyntaxError:
            self.showsyntaxerror(path)
            self.failed = True
        except BaseException as exc:  # a SystemExit ends the run with its status (PrintingMixin)
            # The traceback from the file's frame on, without this one.
            self.showtraceback((type(exc), exc, exc.__traceback__.tb_next))
            self.failed = not self.exit_requested
        finally:
            sys.argv = saved_argv


class _ShowMagicResults(ast.NodeTransformer):
    """`get_ipython().run_line_magic(...)` alone on a line becomes `get_ipython().displayhook(...)` of it."""

    def visit_Module(self, node):
        for statement in node.body:
            if isinstance(statement, ast.Expr) and _is_magic_call(statement.value):
                show = ast.Attribute(_get_ipython(), "displayhook", ast.Load())
                statement.value = ast.Call(show, [statement.value], [])
        return ast.fix_missing_locations(node)


def _get_ipython():
    return ast.Call(ast.Name("get_ipython", ast.Load()), [], [])


def _is_magic_call(node):
    return (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and node.func.attr in ("run_line_magic", "run_cell_magic")
            and isinstance(node.func.value, ast.Call) and isinstance(node.func.value.func, ast.Name)
            and node.func.value.func.id == "get_ipython")

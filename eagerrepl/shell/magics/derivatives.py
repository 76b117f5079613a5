"""The derivative magics: %grad, %jacobian, %hessian, %tape / %%tape and %gradcheck.

Each evaluates EXPR in the user's namespace (shell/expression.py reads it) and returns what to show
(shell/results.py, or a drawn tape). Results are also bound in the namespace (`_grad`, `_jacobian`,
`_hessian`, `_tape`, `_gradcheck`) for later cells.
"""

import ast
import re

import numpy as np
from IPython.core.error import UsageError
from IPython.core.magic import Magics, line_cell_magic, line_magic, magics_class

from ..expression import as_tensor, bound, check_float, describe, free_names, parse_order, prepare
from ..results import DerivativeResults, scalar_text, summed_heading
from .usage import usage

_TARGET = re.compile(r"^\s*-t\s+(\S+)\s*$")


def _superscript(n):
    return "" if n == 1 else f"^{n}"


@magics_class
class DerivativeMagics(Magics):
    """Derivatives of whatever you type, at the current values of your names."""

    @line_magic
    @usage("%grad [-n ORDER] EXPR [wrt NAME, ...]")
    def grad(self, line):
        """Show EXPR's value and d(EXPR)/d(name) for each float tensor, Variable or number it names.

        `wrt x, y` picks the sources; `-n 3` takes the third derivative (orders above one
        differentiate the summed lower derivative). A non-scalar EXPR is summed, and the output
        says so. When EXPR names nothing differentiable (`%grad loss()`), the trainable Variables
        it reads are the sources. Bound to `_grad` (a dict by name).
        """
        n, rest = parse_order(line, "%grad")
        ev = prepare(self.shell.user_ns, rest, "grad", implicit_ok=True)
        value, grads = nth_gradients(ev, n)
        heading, note = summed_heading(ev.expr, value)
        rows = [(f"d{_superscript(n)}/d{name}{_superscript(n)}", g) for name, g in zip(ev.names, grads)]
        self.shell.user_ns["_grad"] = dict(zip(ev.names, grads))
        return DerivativeResults(heading, rows, note)

    @line_magic
    @usage("%jacobian EXPR wrt NAME[, NAME...]")
    def jacobian(self, line):
        """Show the Jacobian of EXPR for each name after `wrt`: shape EXPR.shape + x.shape (bound to `_jacobian`)."""
        import eagerrepl as er
        ev = prepare(self.shell.user_ns, line, "jacobian", wrt_required=True)
        with er.GradientTape() as tape:
            ev.watch(tape)
            value = ev()
        check_float(value)
        results = tape.jacobian(value, list(ev.sources), unconnected_gradients="zero")
        heading = f"{ev.expr}: shape {tuple(value.shape)}" if value.ndim else f"{ev.expr} = {scalar_text(value)}"
        rows = [(f"d({ev.expr})/d{name}", j) for name, j in zip(ev.names, results)]
        self.shell.user_ns["_jacobian"] = dict(zip(ev.names, results))
        return DerivativeResults(heading, rows)

    @line_magic
    @usage("%hessian EXPR wrt NAME[, NAME...]")
    def hessian(self, line):
        """Show d²(EXPR)/d(x)d(y) of a scalar EXPR for every pair of names after `wrt` (bound to `_hessian`)."""
        import eagerrepl as er
        ev = prepare(self.shell.user_ns, line, "hessian", wrt_required=True)
        with er.GradientTape(persistent=True) as outer:
            ev.watch(outer)
            with er.GradientTape() as inner:
                ev.watch(inner)
                value = ev()
            check_float(value)
            if value.ndim:
                raise UsageError(f"%hessian needs a scalar expression; {ev.expr} has shape {tuple(value.shape)} "
                                 "(wrap it in er.reduce_sum, or use %jacobian)")
            firsts = inner.gradient(value, list(ev.sources), unconnected_gradients="zero")
        rows, table = [], {}
        for name_i, first in zip(ev.names, firsts):
            blocks = outer.jacobian(first, list(ev.sources), unconnected_gradients="zero")
            for name_j, block in zip(ev.names, blocks):
                table[(name_i, name_j)] = block
                label = f"d2/d{name_i}2" if name_i == name_j else f"d2/d{name_i}d{name_j}"
                rows.append((label, block))
        self.shell.user_ns["_hessian"] = table
        return DerivativeResults(f"{ev.expr} = {scalar_text(value)}", rows)

    @line_cell_magic
    @usage("%tape EXPR [wrt NAME, ...]", "%%tape [-t NAME]  (then the cell's code)")
    def tape(self, line, cell=None):
        """Run EXPR (or the cell) under a tape, take the gradient, and draw the tape as a tree.

        %%tape is rooted at the cell's last expression, or at `-t NAME`; the tensors the cell names
        or creates are watched. The tape is bound to `_tape` (`_tape.to_dot()` gives Graphviz DOT).
        """
        if cell is None:
            return self._tape_expression(line)
        return self._tape_cell(line, cell)

    def _tape_expression(self, line):
        import eagerrepl as er

        from ...display.tape import keep_gradients
        ev = prepare(self.shell.user_ns, line, "tape", implicit_ok=True)
        tape = keep_gradients(er.GradientTape())
        with tape:
            ev.watch(tape)
            value = ev()
        ev.take_variables_read(tape)
        check_float(value)
        tape.gradient(value, list(ev.sources), unconnected_gradients="zero")
        self.shell.user_ns["_tape"] = tape  # keeps the tape (and so the drawing) alive
        return _view(tape, value, ev.label_names())

    def _tape_cell(self, line, cell):
        import eagerrepl as er

        from ...display.tape import keep_gradients, namespace_names
        target_name = None
        if line.strip():
            match = _TARGET.match(line)
            if not match or not match.group(1).isidentifier():
                raise UsageError(f"unknown option {line.strip()!r}")
            target_name = match.group(1)
        try:
            tree = ast.parse(self.shell.transform_cell(cell), "<%%tape>", "exec")
        except SyntaxError as exc:
            raise UsageError(f"syntax error in the cell, line {exc.lineno}: {exc.msg}") from None
        last = None
        if target_name is None:
            if not tree.body or not isinstance(tree.body[-1], ast.Expr):
                raise UsageError("end the cell with the expression to differentiate, or name it with -t NAME")
            last = ast.Expression(tree.body.pop().value)
        ns = self.shell.user_ns
        tape = keep_gradients(er.GradientTape())
        watched = []

        def watch_new(names):
            # Tensors the cell names or binds are sources, unless the tape already computed them.
            for name in names:
                value = ns.get(name)
                if isinstance(value, er.Tensor) and value.dtype.kind in "fc" and not _tracked(tape, value):
                    tape.watch(value)
                    watched.append(value)

        with tape:
            watch_new(free_names(tree))
            for statement in tree.body:
                before = {k: id(v) for k, v in ns.items()}
                exec(compile(ast.Module([statement], []), "<%%tape>", "exec", dont_inherit=True), ns)
                watch_new([k for k, v in ns.items() if before.get(k) != id(v)])
            if last is not None:
                root = eval(compile(last, "<%%tape>", "eval", dont_inherit=True), ns)
            elif target_name not in ns:
                raise UsageError(f"-t {target_name}: the cell did not define {target_name!r}")
            else:
                root = ns[target_name]
        if isinstance(root, er.Variable):
            root = root.read_value()
        if not isinstance(root, er.Tensor):
            raise UsageError(f"the cell's result is {describe(root)}, not a tensor")
        check_float(root)
        sources = watched + list(tape.watched_variables())
        if not sources:
            raise UsageError("nothing to differentiate: the cell uses no float tensor or trainable Variable")
        tape.gradient(root, sources, unconnected_gradients="zero")
        ns["_tape"] = tape
        return _view(tape, root, namespace_names(ns))

    @line_magic
    @usage("%gradcheck [-n ORDER] EXPR [wrt NAME, ...]")
    def gradcheck(self, line):
        """Check EXPR's tape derivatives against central finite differences in float64; print the worst error."""
        import eagerrepl as er
        n, rest = parse_order(line, "%gradcheck")
        ns = self.shell.user_ns
        ev = prepare(ns, rest, "gradcheck")

        def f(*tensors):
            with bound(ns, dict(zip(ev.names, tensors))):
                value = eval(ev.code, ns)
            return value if isinstance(value, er.Tensor) else as_tensor(value)

        wrt = ", ".join(ev.names)
        order = "" if n == 1 else f" (derivatives up to order {n})"
        try:
            worst = er.check_gradients(f, [np.asarray(s) for s in ev.sources], order=n)
        except er.GradientCheckError as exc:
            print(f"gradcheck {ev.expr} wrt {wrt}{order}: MISMATCH")
            print(str(exc))
            ns["_gradcheck"] = None
            return
        print(f"gradcheck {ev.expr} wrt {wrt}{order}: OK, worst error {worst:.3g} "
              "(tape against central differences in float64)")
        ns["_gradcheck"] = worst


def nth_gradients(ev, n):
    """(EXPR's value, [n-th derivative for each source]); higher orders differentiate the summed lower one."""
    import eagerrepl as er

    def level(k):
        with er.GradientTape(persistent=True) as tape:
            ev.watch(tape)
            if k == 1:
                value = ev()
                ev.take_variables_read(tape)  # the outer tapes watched them too, as they were read
                below = [value] * len(ev.sources)
            else:
                value, below = level(k - 1)
        return value, [_zero_if_none(tape.gradient(b, s, unconnected_gradients="zero"), s)
                       for b, s in zip(below, ev.sources)]

    value, grads = level(n)
    check_float(value)
    return value, grads


def _zero_if_none(g, source):
    import eagerrepl as er
    return er.zeros_like(source) if g is None else g


def _view(tape, root, names):
    try:
        return tape.render(root, names=names)
    except ValueError:
        raise UsageError("the result does not depend on any watched tensor, Variable or number, "
                         "so nothing was recorded") from None


def _tracked(tape, tensor):
    # The tape tracks what it watched or computed; there is no public question for it.
    return tape.record.tracks(tensor)

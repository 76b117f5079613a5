"""Derivatives of typed expressions: %grad, %jacobian, %hessian, %tape, %%tape and %gradcheck.

Each magic evaluates EXPR in the session's namespace with the tensors, Variables and numbers it
names watched. Tensors and Variables are watched as they are, so functions that read them as
globals are differentiated too; a plain number is replaced, while EXPR runs, by a tensor of its
value (and put back after). Results are also bound in the namespace (`_grad`, `_jacobian`,
`_hessian`, `_tape`, `_gradcheck`) for later cells.
"""

import ast
import builtins
import contextlib
import io
import re
import tokenize
from html import escape

import numpy as np

from . import UsageError, cell_magic, line_magic

# ---- reading the arguments -----------------------------------------------------------------------

_ORDER = re.compile(r"^\s*-n\s*(\S+)\s*")


def parse_order(args, what):
    """(n, rest) for a leading `-n N` option (n=1 without it)."""
    match = _ORDER.match(args)
    if not match:
        return 1, args
    try:
        n = int(match.group(1))
    except ValueError:
        raise UsageError(f"-n needs a whole number, not {match.group(1)!r}") from None
    if n < 1:
        raise UsageError(f"-n must be at least 1 for {what}")
    return n, args[match.end():]


def split_wrt(args):
    """(expression, text after the last top-level `wrt`, or None)."""
    position = None
    depth = 0
    try:
        for tok in tokenize.generate_tokens(io.StringIO(args).readline):
            if tok.type == tokenize.OP and tok.string in "([{":
                depth += 1
            elif tok.type == tokenize.OP and tok.string in ")]}":
                depth -= 1
            elif tok.type == tokenize.NAME and tok.string == "wrt" and depth == 0:
                position = tok.start[1]
    except (tokenize.TokenError, SyntaxError, IndentationError):
        pass  # the syntax error is reported when the expression is compiled
    if position is None:
        return args.strip(), None
    return args[:position].strip(), args[position + 3:].strip()


def parse_names(text):
    """The names of a `wrt x, y` list."""
    names = [n.strip() for n in text.split(",")]
    for name in names:
        if not name.isidentifier():
            raise UsageError(f"after `wrt` give names separated by commas, not {name or text!r}")
    return names


def compile_expression(expr, magic):
    """(code, names it reads, in order of appearance) for an expression, or a UsageError."""
    if not expr:
        raise UsageError(f"%{magic} needs an expression")
    try:
        tree = ast.parse(expr, f"<%{magic}>", "eval")
    except SyntaxError as exc:
        raise UsageError(f"syntax error in the expression: {exc.msg}") from None
    return compile(tree, f"<%{magic}>", "eval", dont_inherit=True), free_names(tree)


def free_names(tree):
    """Names a tree reads but does not bind itself (lambda arguments, comprehension targets)."""
    bound = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.arg):
            bound.add(node.arg)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            bound.add(node.id)
    loads = [n for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)]
    loads.sort(key=lambda n: (n.lineno, n.col_offset))
    names = []
    for node in loads:
        if node.id not in bound and node.id not in names:
            names.append(node.id)
    return names


def check_known(session, names):
    """Raise a UsageError naming every name that is neither defined nor a builtin."""
    unknown = [n for n in names if n not in session.namespace and not hasattr(builtins, n)]
    if unknown:
        listed = ", ".join(repr(n) for n in unknown)
        raise UsageError(f"unknown name{'s' if len(unknown) > 1 else ''} {listed}")


def differentiable(value):
    """True for float (or complex) tensors, Variables, numbers and numpy arrays."""
    import eagerrepl as er
    if isinstance(value, (bool, np.bool_)):
        return False
    if isinstance(value, (er.Tensor, er.Variable, np.ndarray, np.generic)):
        return np.dtype(value.dtype).kind in "fc"
    return isinstance(value, (float, complex))


def _describe(value):
    import eagerrepl as er
    kind = type(value).__name__
    article = "an" if kind[0].lower() in "aeiou" else "a"
    if isinstance(value, (er.Tensor, er.Variable, np.ndarray)):
        return f"{article} {kind} of dtype {value.dtype}"
    return f"{article} {kind}"


NOTHING_TO_DIFFERENTIATE = ("nothing to differentiate: the expression names no float tensor, Variable "
                            "or number (ints are constants: write 2.0 for a number to differentiate)")


def pick_sources(session, names, wrt, implicit_ok=False):
    """The names to differentiate with respect to: those after `wrt`, else every differentiable one.

    With `implicit_ok` and nothing differentiable named, the list is empty: the Variables the
    expression reads (inside the functions it calls, say `loss()`) become the sources once it runs.
    """
    ns = session.namespace
    if wrt is None:
        chosen = [n for n in names if n in ns and differentiable(ns[n])]
        if not chosen and not implicit_ok:
            raise UsageError(NOTHING_TO_DIFFERENTIATE)
        return chosen
    if not wrt:
        raise UsageError("`wrt` needs at least one name")
    chosen = parse_names(wrt)
    for name in chosen:
        if name not in names:
            raise UsageError(f"{name!r} is not in the expression")
        if name not in ns:
            raise UsageError(f"unknown name {name!r}")
        if not differentiable(ns[name]):
            raise UsageError(f"{name!r} is {_describe(ns[name])}, which has no derivative; "
                             f"use a float (e.g. {name} = er.cast({name}, er.float32))")
    return chosen


def as_source(value):
    """A tensor or Variable to watch for a namespace value: the object itself when it is one."""
    import eagerrepl as er
    if isinstance(value, (er.Tensor, er.Variable)):
        return value
    return er.convert_to_tensor(value)


@contextlib.contextmanager
def bound(namespace, values):
    """Bind names to values in the namespace while the block runs, then put back what was there."""
    missing = object()
    saved = {name: namespace.get(name, missing) for name in values}
    namespace.update(values)
    try:
        yield
    finally:
        for name, old in saved.items():
            if old is missing:
                namespace.pop(name, None)
            else:
                namespace[name] = old


class Evaluation:
    """An expression and its sources, ready to evaluate under tapes."""

    def __init__(self, session, code, expr, source_names):
        self.session, self.code, self.expr = session, code, expr
        self.names = source_names
        self.sources = [as_source(session.namespace[n]) for n in source_names]
        import eagerrepl as er
        # Numbers and arrays stand in as tensors while EXPR runs; tensors and Variables as they are.
        self.replaced = {n: s for n, s in zip(source_names, self.sources)
                         if not isinstance(session.namespace[n], (er.Tensor, er.Variable))}

    def __call__(self):
        """EXPR's value as a tensor (a Variable is read, so that the tape sees it)."""
        import eagerrepl as er
        with bound(self.session.namespace, self.replaced):
            value = eval(self.code, self.session.namespace)
        if isinstance(value, er.Variable):
            return value.read_value()
        if isinstance(value, er.Tensor):
            return value
        if isinstance(value, (int, float, complex, np.number, np.ndarray)) and not isinstance(value, bool):
            return er.convert_to_tensor(value)
        raise UsageError(f"the expression gives {_describe(value)}, not a number or tensor")

    def watch(self, tape):
        """Watch every source on `tape`."""
        tape.watch(self.sources)

    def take_variables_read(self, tape):
        """With no sources named, make the trainable Variables EXPR read on `tape` the sources."""
        if self.sources:
            return
        variables = tape.watched_variables()
        if not variables:
            raise UsageError(NOTHING_TO_DIFFERENTIATE + ", and reads no trainable Variable")
        from ...display.tape import namespace_names
        by_id = namespace_names(self.session.namespace)  # named as the namespace knows them
        self.sources = list(variables)
        self.names = [by_id.get(id(v), v.name) for v in variables]

    def label_names(self):
        """{id: name} for drawing: the namespace's names and the stand-ins for numbers."""
        from ...display.tape import namespace_names
        names = namespace_names(self.session.namespace)
        names.update({id(s): n for n, s in self.replaced.items()})
        return names


def prepare(session, args, magic, wrt_required=False, implicit_ok=False):
    """Parse `EXPR [wrt names]` into an Evaluation."""
    expr, wrt = split_wrt(args)
    if wrt_required and wrt is None:
        raise UsageError(f"%{magic} needs `wrt NAME`")
    code, names = compile_expression(expr, magic)
    check_known(session, names)
    return Evaluation(session, code, expr, pick_sources(session, names, wrt, implicit_ok))


# ---- showing results -----------------------------------------------------------------------------

def _tensor_lines(label, tensor):
    value = np.asarray(tensor.numpy())
    if value.ndim == 0:
        return [f"{label} = {value[()]!s}"]
    return [f"{label}  shape={tuple(value.shape)} dtype={value.dtype}",
            np.array2string(value, max_line_width=100)]


class Results:
    """What a derivative magic shows: a heading, then labelled tensors."""

    def __init__(self, heading, rows, note=None):
        self.heading, self.rows, self.note = heading, rows, note

    def text(self):
        """Plain text: the heading, an optional note, then each tensor."""
        lines = [self.heading] + ([self.note] if self.note else [])
        for label, tensor in self.rows:
            lines += _tensor_lines(label, tensor)
        return "\n".join(lines)

    def __repr__(self):
        return self.text()

    def _repr_mimebundle_(self, include=None, exclude=None):
        parts = [f"<div><b>{escape(self.heading)}</b></div>"]
        if self.note:
            parts.append(f"<div><i>{escape(self.note)}</i></div>")
        for label, tensor in self.rows:
            lines = _tensor_lines(label, tensor)
            parts.append(f"<div><code>{escape(lines[0])}</code></div>")
            if len(lines) > 1:
                parts.append(f'<pre style="margin:0 0 0.4em 0">{escape(lines[1])}</pre>')
        return {"text/plain": self.text(), "text/html": '<div class="eagerrepl-derivatives">' +
                "".join(parts) + "</div>"}

    def __rich__(self):
        from rich.text import Text
        out = Text(self.heading, style="bold")
        if self.note:
            out.append("\n" + self.note, style="italic dim")
        for label, tensor in self.rows:
            lines = _tensor_lines(label, tensor)
            out.append("\n" + label, style="cyan")
            out.append(lines[0][len(label):])
            for line in lines[1:]:
                out.append("\n" + line)
        return out


def _heading(expr, value):
    array = np.asarray(value.numpy())
    if array.ndim == 0:
        return f"{expr} = {array[()]!s}", None
    return (f"{expr}: shape {tuple(array.shape)} {array.dtype}",
            f"not a scalar, so it is summed: these are derivatives of sum({expr})")


def _superscript(n):
    return "" if n == 1 else f"^{n}"


# ---- %grad -----------------------------------------------------------------------------------------

@line_magic("grad", "derivatives of an expression at the current values (bound to _grad)",
            usage="%grad [-n ORDER] EXPR [wrt NAME, ...]", options=("-n", "wrt"))
def grad(session, args):
    """Show d(EXPR)/d(name) for each tensor, Variable or number EXPR names (or those after `wrt`).

    When EXPR names none, the trainable Variables it reads (in the functions it calls) are used.
    """
    n, rest = parse_order(args, "%grad")
    ev = prepare(session, rest, "grad", implicit_ok=True)
    value, grads = nth_gradients(ev, n)
    heading, note = _heading(ev.expr, value)
    rows = [(f"d{_superscript(n)}/d{name}{_superscript(n)}", g) for name, g in zip(ev.names, grads)]
    session.namespace["_grad"] = dict(zip(ev.names, grads))
    return Results(heading, rows, note)


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
    if value.dtype.kind not in "fc":
        raise UsageError(f"the expression gives {value.dtype} values, which have no derivative; "
                         "use floats (write 2.0, or er.cast(..., er.float32))")
    return value, grads


def _zero_if_none(g, source):
    import eagerrepl as er
    return er.zeros_like(source) if g is None else g


# ---- %jacobian and %hessian ------------------------------------------------------------------------

@line_magic("jacobian", "the Jacobian of an expression: shape EXPR.shape + x.shape (bound to _jacobian)",
            usage="%jacobian EXPR wrt NAME[, NAME...]", options=("wrt",))
def jacobian(session, args):
    """Show d(EXPR[i...])/d(x[j...]) for each name after `wrt`, as tensors with their shapes."""
    import eagerrepl as er
    ev = prepare(session, args, "jacobian", wrt_required=True)
    with er.GradientTape() as tape:
        ev.watch(tape)
        value = ev()
    _check_float(value)
    results = tape.jacobian(value, list(ev.sources), unconnected_gradients="zero")
    heading = f"{ev.expr}: shape {tuple(value.shape)}" if value.ndim else f"{ev.expr} = {value.numpy()!s}"
    rows = [(f"d({ev.expr})/d{name}", j) for name, j in zip(ev.names, results)]
    session.namespace["_jacobian"] = dict(zip(ev.names, results))
    return Results(heading, rows)


@line_magic("hessian", "second derivatives of a scalar expression (bound to _hessian)",
            usage="%hessian EXPR wrt NAME[, NAME...]", options=("wrt",))
def hessian(session, args):
    """Show d²(EXPR)/d(x)d(y) for every pair of names after `wrt`: shape x.shape + y.shape."""
    import eagerrepl as er
    ev = prepare(session, args, "hessian", wrt_required=True)
    with er.GradientTape(persistent=True) as outer:
        ev.watch(outer)
        with er.GradientTape() as inner:
            ev.watch(inner)
            value = ev()
        _check_float(value)
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
    session.namespace["_hessian"] = table
    return Results(f"{ev.expr} = {value.numpy()!s}", rows)


def _check_float(value):
    if value.dtype.kind not in "fc":
        raise UsageError(f"the expression gives {value.dtype} values, which have no derivative; use floats")


# ---- %tape and %%tape --------------------------------------------------------------------------------

@line_magic("tape", "run an expression under a tape, take its gradient, and draw the tape as a tree",
            usage="%tape EXPR [wrt NAME, ...]", options=("wrt",))
def tape_line(session, args):
    """Draw the recorded computation of EXPR with values and the gradients that reached each node."""
    import eagerrepl as er
    from ...display.tape import keep_gradients
    ev = prepare(session, args, "tape", implicit_ok=True)
    tape = keep_gradients(er.GradientTape())
    with tape:
        ev.watch(tape)
        value = ev()
    ev.take_variables_read(tape)
    _check_float(value)
    tape.gradient(value, list(ev.sources), unconnected_gradients="zero")
    session.namespace["_tape"] = tape  # keeps the tape (and so the drawing) alive; `_tape.to_dot()`
    return _view(tape, value, ev.label_names())


def _view(tape, root, names):
    try:
        return tape.render(root, names=names)
    except ValueError:
        raise UsageError("the result does not depend on any watched tensor, Variable or number, "
                         "so nothing was recorded") from None


_TARGET = re.compile(r"^\s*-t\s+(\S+)\s*$")


@cell_magic("tape", "run the cell under a tape and draw it, rooted at the last expression or -t NAME",
            usage="%%tape [-t NAME]\\nCELL", options=("-t",))
def tape_cell(session, args, body):
    """Run the cell with every float tensor it names watched, take the gradient, and draw the tape."""
    import eagerrepl as er
    from ...display.tape import keep_gradients, namespace_names
    from ..transform import transform_cell
    target_name = None
    if args.strip():
        match = _TARGET.match(args)
        if not match or not match.group(1).isidentifier():
            raise UsageError(f"unknown option {args.strip()!r}")
        target_name = match.group(1)
    try:
        tree = ast.parse(transform_cell(body), "<%%tape>", "exec")
    except SyntaxError as exc:
        raise UsageError(f"syntax error in the cell, line {exc.lineno}: {exc.msg}") from None
    last = None
    if target_name is None:
        if not tree.body or not isinstance(tree.body[-1], ast.Expr):
            raise UsageError("end the cell with the expression to differentiate, or name it with -t NAME")
        last = ast.Expression(tree.body.pop().value)
    ns = session.namespace
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
        raise UsageError(f"the cell's result is {_describe(root)}, not a tensor")
    _check_float(root)
    sources = watched + list(tape.watched_variables())
    if not sources:
        raise UsageError("nothing to differentiate: the cell uses no float tensor or trainable Variable")
    tape.gradient(root, sources, unconnected_gradients="zero")
    ns["_tape"] = tape
    return _view(tape, root, namespace_names(ns))


def _tracked(tape, tensor):
    # The tape tracks what it watched or computed.
    return tape.record.tracks(tensor)


# ---- %gradcheck ----------------------------------------------------------------------------------------

@line_magic("gradcheck", "compare the tape's derivatives with finite differences (float64)",
            usage="%gradcheck [-n ORDER] EXPR [wrt NAME, ...]", options=("-n", "wrt"))
def gradcheck(session, args):
    """Check EXPR's tape gradients against central finite differences and print the worst error."""
    import eagerrepl as er
    n, rest = parse_order(args, "%gradcheck")
    ev = prepare(session, rest, "gradcheck")
    ns = session.namespace

    def f(*tensors):
        with bound(ns, dict(zip(ev.names, tensors))):
            value = eval(ev.code, ns)
        if isinstance(value, er.Variable):
            value = value.read_value()
        if not isinstance(value, (er.Tensor, int, float, np.number, np.ndarray)) or isinstance(value, bool):
            raise UsageError(f"the expression gives {_describe(value)}, not a number or tensor")
        return value

    args_ = [np.asarray(s) for s in ev.sources]
    wrt = ", ".join(ev.names)
    order = "" if n == 1 else f" (derivatives up to order {n})"
    try:
        worst = er.check_gradients(f, args_, order=n)
    except er.GradientCheckError as exc:
        print(f"gradcheck {ev.expr} wrt {wrt}{order}: MISMATCH")
        print(str(exc))
        ns["_gradcheck"] = None
        return None
    print(f"gradcheck {ev.expr} wrt {wrt}{order}: OK, worst error {worst:.3g} "
          "(tape against central differences in float64)")
    ns["_gradcheck"] = worst
    return None

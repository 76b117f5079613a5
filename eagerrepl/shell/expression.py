"""What the derivative magics read: `EXPR [wrt x, y]`, its sources, and EXPR evaluated under tapes.

EXPR is evaluated in the user's namespace with the tensors, Variables and numbers it names as
sources. Tensors and Variables are watched as they are, so functions that read them as globals are
differentiated too; a plain number is replaced, while EXPR runs, by a tensor of its value (and put
back after). Bad input raises IPython's UsageError with one line saying what is wrong.
"""

import ast
import builtins
import contextlib
import io
import re
import tokenize

import numpy as np
from IPython.core.error import UsageError

_ORDER = re.compile(r"^\s*-n\s*(\S+)\s*")

NOTHING_TO_DIFFERENTIATE = ("nothing to differentiate: the expression names no float tensor, Variable "
                            "or number (ints are constants: write 2.0 for a number to differentiate)")


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
    bound_here = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.arg):
            bound_here.add(node.arg)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            bound_here.add(node.id)
    loads = [n for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)]
    loads.sort(key=lambda n: (n.lineno, n.col_offset))
    names = []
    for node in loads:
        if node.id not in bound_here and node.id not in names:
            names.append(node.id)
    return names


def check_known(namespace, names):
    """Raise a UsageError naming every name that is neither defined nor a builtin."""
    unknown = [n for n in names if n not in namespace and not hasattr(builtins, n)]
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


def describe(value):
    """`a str`, `a Tensor of dtype int32`: what a value is, for error messages."""
    import eagerrepl as er
    kind = type(value).__name__
    article = "an" if kind[0].lower() in "aeiou" else "a"
    if isinstance(value, (er.Tensor, er.Variable, np.ndarray)):
        return f"{article} {kind} of dtype {value.dtype}"
    return f"{article} {kind}"


def check_float(value):
    """Raise a UsageError unless the tensor `value` holds floats (ints have no derivative)."""
    if value.dtype.kind not in "fc":
        raise UsageError(f"the expression gives {value.dtype} values, which have no derivative; "
                         "use floats (write 2.0, or er.cast(..., er.float32))")


def pick_sources(namespace, names, wrt, implicit_ok=False):
    """The names to differentiate with respect to: those after `wrt`, else every differentiable one.

    With `implicit_ok` and nothing differentiable named, the list is empty: the Variables the
    expression reads (inside the functions it calls, say `loss()`) become the sources once it runs.
    """
    if wrt is None:
        chosen = [n for n in names if n in namespace and differentiable(namespace[n])]
        if not chosen and not implicit_ok:
            raise UsageError(NOTHING_TO_DIFFERENTIATE)
        return chosen
    if not wrt:
        raise UsageError("`wrt` needs at least one name")
    chosen = parse_names(wrt)
    for name in chosen:
        if name not in names:
            raise UsageError(f"{name!r} is not in the expression")
        if name not in namespace:
            raise UsageError(f"unknown name {name!r}")
        if not differentiable(namespace[name]):
            raise UsageError(f"{name!r} is {describe(namespace[name])}, which has no derivative; "
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


def as_tensor(value):
    """EXPR's value as a tensor (a Variable is read, so that the tape sees it); a UsageError for non-numbers."""
    import eagerrepl as er
    if isinstance(value, er.Variable):
        return value.read_value()
    if isinstance(value, er.Tensor):
        return value
    if isinstance(value, (int, float, complex, np.number, np.ndarray)) and not isinstance(value, bool):
        return er.convert_to_tensor(value)
    raise UsageError(f"the expression gives {describe(value)}, not a number or tensor")


class Evaluation:
    """An expression and its sources, ready to evaluate under tapes."""

    def __init__(self, namespace, code, expr, source_names):
        import eagerrepl as er
        self.namespace, self.code, self.expr = namespace, code, expr
        self.names = source_names
        self.sources = [as_source(namespace[n]) for n in source_names]
        # Numbers and arrays stand in as tensors while EXPR runs; tensors and Variables as they are.
        self.replaced = {n: s for n, s in zip(source_names, self.sources)
                         if not isinstance(namespace[n], (er.Tensor, er.Variable))}

    def value(self):
        """EXPR's value, as it is (the namespace's numbers stood in for by their source tensors)."""
        with bound(self.namespace, self.replaced):
            return eval(self.code, self.namespace)

    def __call__(self):
        """EXPR's value as a tensor."""
        return as_tensor(self.value())

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
        from ..display.tape import namespace_names
        by_id = namespace_names(self.namespace)  # named as the namespace knows them
        self.sources = list(variables)
        self.names = [by_id.get(id(v), v.name) for v in variables]

    def label_names(self):
        """{id: name} for drawing: the namespace's names and the stand-ins for numbers."""
        from ..display.tape import namespace_names
        names = namespace_names(self.namespace)
        names.update({id(s): n for n, s in self.replaced.items()})
        return names


def prepare(namespace, args, magic, wrt_required=False, implicit_ok=False):
    """Parse `EXPR [wrt names]` into an Evaluation."""
    expr, wrt = split_wrt(args)
    if wrt_required and wrt is None:
        raise UsageError(f"%{magic} needs `wrt NAME`")
    code, names = compile_expression(expr, magic)
    check_known(namespace, names)
    return Evaluation(namespace, code, expr, pick_sources(namespace, names, wrt, implicit_ok))

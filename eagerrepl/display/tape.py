"""Gradient tapes drawn as trees: plain text, a rich Tree, HTML with nested <details>, Graphviz DOT.

A tape is a graph: a node used twice is drawn once in full, tagged `#n`, and then referred to as
`↑ #n`. Each node shows its op (or a leaf's name), the output's dtype and shape, a summary of its
value, and the gradient that reached it when the tape kept one (see `keep_gradients`).

Rendering reads the tape (through its public, read-only `record`) and changes nothing. A `TapeView`
holds only weak references, so showing a tape never keeps its tensors alive: the tree is built anew
from the live tape each time it is drawn. This module is also the renderer (text, html, rich...) of
tapes and their views: display registers it for both.
"""

import weakref
from html import escape

import numpy as np

from ..engine.gradient_tape import GradientTape
from ..engine.tensor import TensorLike
from ..engine.variable import Variable
from . import picture, svg_picture, theme
from .renderers import Shown

MAX_DEPTH = 12
MAX_NODES = 200
HTML_OPEN_DEPTH = 3  # deeper <details> start closed, one click away
_DEPTH_CAP = 400  # drawing recurses once per level

UNICODE = {"tee": "├── ", "last": "└── ", "pipe": "│   ", "space": "    ", "ref": "↑", "more": "…"}
ASCII = {"tee": "|-- ", "last": "`-- ", "pipe": "|   ", "space": "    ", "ref": "^", "more": "..."}

# Each kind of node's colour role (theme.py: colours that read on light and dark backgrounds).
_ROLES = {"op": "name", "variable": "variable", "watched": "watched", "const": "muted", "ref": "muted",
          "more": "muted", "grad": "grad", "meta": "muted", "tag": "muted", "mark": "error"}
# rich styles by kind of node; the terminal drops them where colour is off.
STYLES = {kind: theme.TERMINAL[role] for kind, role in _ROLES.items()}
STYLES["ref"] = STYLES["more"] = "italic"
MAX_PICTURES = 24  # gradients drawn as pictures in one HTML tree; the rest stay text


# ---- public helpers ------------------------------------------------------------------------------

def keep_gradients(tape):
    """Make `tape` keep, for drawing, the gradient that reaches every node (and its record after gradient()).

    Returns the tape.
    """
    tape.keep_node_gradients = True
    return tape


def namespace_names(namespace):
    """{id(value): name} for every tensor and Variable a namespace binds; names without `_` win."""
    names = {}
    for name, value in namespace.items():
        if isinstance(value, TensorLike):
            key = id(value)
            if key not in names or (names[key].startswith("_") and not name.startswith("_")):
                names[key] = name
    return names


# ---- reading the tape ----------------------------------------------------------------------------

class _Graph:
    """The tape's nodes indexed for drawing: a node is a tensor id, or a Variable's id for its reads."""

    def __init__(self, tape, names):
        record = tape.record
        self.record = record
        self.names = names
        self.watched = {id(w) for w in record.watched}
        self.producer = {}  # node key -> (op name, output, input keys, params)
        self.objects = {}  # node key -> the Tensor, Variable or number it stands for
        self.var_reads = {}  # Variable id -> [the tensors read from it]
        self.alias = {}  # read output id -> Variable id
        for op, out, inputs, params in record.nodes:
            if op == "read" and len(inputs) == 1 and isinstance(inputs[0], Variable):
                var = inputs[0]
                self.alias[id(out)] = id(var)
                self.var_reads.setdefault(id(var), []).append(out)
                self.objects.setdefault(id(var), var)
                self.objects.setdefault(-id(var), out)  # the value the computation saw
                continue
            keys = []
            for x in inputs:
                key = self.key(x)
                keys.append(key)
                self.objects.setdefault(key, x)
            self.producer[id(out)] = (op, out, keys, params)
            self.objects[id(out)] = out

    def key(self, obj):
        """The node an object stands for."""
        return self.alias.get(id(obj), id(obj))

    def sinks(self):
        """Outputs nothing recorded later consumed, in recording order: the default roots."""
        used = set()
        for _, _, keys, _ in self.producer.values():
            used.update(keys)
        return [key for key in self.producer if key not in used]

    def children(self, key):
        entry = self.producer.get(key)
        return entry[2] if entry is not None else ()

    def kind(self, key):
        if key in self.producer:
            return "op"
        obj = self.objects.get(key)
        if isinstance(obj, Variable):
            return "variable"
        return "watched" if key in self.watched else "const"

    def value(self, key):
        obj = self.objects.get(-key) if self.kind(key) == "variable" else self.objects.get(key)
        return _host(obj)

    def grad(self, key):
        g = self.record.gradient(self.objects.get(key))
        if g is None and key in self.var_reads:  # a Variable that was not a source: sum its reads
            parts = [part for part in map(self.record.gradient, self.var_reads[key]) if part is not None]
            if parts:
                return sum(_host(p) for p in parts)
        return None if g is None else _host(g)

    def descendants(self, keys):
        """Every node below `keys` (keys included), without recursion: tapes can be long chains."""
        seen, stack = set(), list(keys)
        while stack:
            key = stack.pop()
            if key not in seen:
                seen.add(key)
                stack.extend(self.children(key))
        return seen


# ---- the tree to draw ----------------------------------------------------------------------------

class Item:
    """One line of a drawn tree and the lines under it."""

    __slots__ = ("kind", "title", "tag", "meta", "value", "grad", "children", "mark", "grad_values")

    def __init__(self, kind, title, tag=None, meta="", value="", grad=None, children=(), mark=None,
                 grad_values=None):
        self.kind, self.title, self.tag, self.meta = kind, title, tag, meta
        self.value, self.grad, self.children = value, grad, list(children)
        self.mark = mark  # a warning shown at the end of the line, such as "NaN here"
        self.grad_values = grad_values  # the gradient's array, when it is big enough for a picture

    def parts(self):
        """(text, style kind) pieces of this line, in order."""
        out = []
        if self.tag:
            out.append((self.tag + " ", "tag"))
        out.append((self.title, self.kind))
        if self.meta:
            out.append(("  " + self.meta, "meta"))
        if self.value:
            out.append(("  " + self.value, None))
        if self.grad is not None:
            out.append(("  grad " + self.grad, "grad"))
        if self.mark:
            out.append(("  !! " + self.mark, "mark"))
        return out

    def line(self):
        """This node's line as plain text."""
        return "".join(text for text, _ in self.parts())


def build(tape, target=None, names=None, max_depth=MAX_DEPTH, max_nodes=MAX_NODES, ascii=False, mark=None):
    """The tree of Items to draw for `tape`, rooted at `target` (default: every result nothing consumed).

    `mark` maps tensor ids to a warning shown on their node (%debug_nan marks where a NaN was born).
    """
    mark = mark or {}
    symbols = ASCII if ascii else UNICODE
    graph = _Graph(tape, names or {})
    if not graph.producer and not graph.var_reads:
        return [Item("more", _empty_message(tape))]
    roots = graph.sinks() if target is None else [graph.key(target)]
    max_depth = _DEPTH_CAP if max_depth is None else max(0, min(int(max_depth), _DEPTH_CAP))
    max_nodes = float("inf") if max_nodes is None else max(1, int(max_nodes))

    # How often each op node is used among what is drawn: those used twice get a `#n` tag.
    uses = {}
    for key in roots:
        uses[key] = uses.get(key, 0) + 1
    for key in graph.descendants(roots):
        for child in graph.children(key):
            uses[child] = uses.get(child, 0) + 1

    drawn = {}  # op node key -> its tag, once drawn in full
    shown = set()  # every node drawn so far
    state = {"next_tag": 1, "exhausted": False}

    def more(keys, what):
        hidden = len(graph.descendants(keys) - shown)
        word = "node" if hidden == 1 else "nodes"
        return Item("more", f"{symbols['more']} {hidden} more {word} {what}")

    def out_of_room():
        """True once max_nodes are drawn; the first time, it says how many nodes are left out."""
        if len(shown) < max_nodes:
            return None
        if state["exhausted"]:
            return False
        state["exhausted"] = True
        return True

    def draw(key, depth):
        kind = graph.kind(key)
        if kind == "op" and key in drawn:
            name = graph.producer[key][0]
            return Item("ref", f"{symbols['ref']} {drawn[key]} {name}")
        shown.add(key)
        item = _item(graph, key, kind, symbols)
        item.mark = mark.get(key)
        if kind != "op":
            return item
        if uses.get(key, 0) > 1:
            item.tag = f"#{state['next_tag']}"
            state["next_tag"] += 1
        drawn[key] = item.tag
        children = graph.children(key)
        if depth >= max_depth:
            item.children.append(more(children, "below"))
            return item
        for child in children:
            full = out_of_room()
            if full is not None:
                if full:  # one line for everything left, however deep the cut is
                    item.children.append(more(roots, "not shown"))
                break
            item.children.append(draw(child, depth + 1))
        return item

    items = []
    for key in roots:
        full = out_of_room()
        if full is not None:
            if full:
                items.append(more(roots, "not shown"))
            break
        items.append(draw(key, 0))
    return items


def _empty_message(tape):
    if tape.record.freed:
        return ("GradientTape: its record was freed by gradient(); draw it with persistent=True "
                "or keep_gradients(tape)")
    return "GradientTape: nothing recorded yet (watch a tensor, or read a trainable Variable, inside `with tape:`)"


def _item(graph, key, kind, symbols):
    value = graph.value(key)
    obj = graph.objects.get(key)
    if type(obj) in (bool, int, float, complex):  # a Python number typed into the expression
        meta = type(obj).__name__
    else:
        meta = f"{value.dtype}[{','.join(str(n) for n in value.shape)}]"
    grad = graph.grad(key)
    grad_text = None if grad is None else summary(grad, symbols)
    name = graph.names.get(key)
    if kind == "op":
        op_name, _, _, params = graph.producer[key]
        title = op_name + _params_text(params)
        if name is not None:
            title = f"{name} = {title}"
    elif kind == "variable":
        title = graph.objects[key].name
        if name is not None and name != title:
            title += f" ({name})"
        meta = "Variable " + meta
    elif kind == "watched":
        title = name if name is not None else "watched"
    else:
        title = "const" if name is None else f"const {name}"
    # A number typed into an expression is shown as typed: 1.0001 must not read as 1.0.
    shown = repr(obj) if type(obj) in (int, float, complex) else summary(value, symbols)
    pictured = grad if grad is not None and grad.size > SMALL and picture.drawable(grad) else None
    return Item(kind, title, meta=meta, value=shown, grad=grad_text, grad_values=pictured)


def _params_text(params):
    shown = {k: v for k, v in params.items() if v is not None and v is not False}
    if not shown:
        return ""
    text = ", ".join(f"{k}={_short(v)}" for k, v in shown.items())
    return f"({text if len(text) <= 40 else text[:39] + '…'})"


def _short(value):
    if isinstance(value, np.ndarray):
        return f"array{list(value.shape)}"
    return repr(value)


SMALL = 6  # tensors up to this many elements show every value


def summary(value, symbols=UNICODE):
    """A short one-line summary of an array: every value when small, else min, mean and max."""
    value = np.asarray(value)
    if value.ndim == 0:
        return _number(value[()])
    if value.size <= SMALL:
        return _nested(value)
    if value.dtype.kind in "biuf":
        data = value.astype(np.float64)
        return f"min {_number(data.min())} mean {_number(data.mean())} max {_number(data.max())}"
    return "[" + " ".join(_number(v) for v in value.reshape(-1)[:3]) + f" {symbols['more']}]"


def _nested(value):
    if value.ndim == 0:
        return _number(value[()])
    return "[" + " ".join(_nested(v) for v in value) + "]"


def _number(x):
    """4 significant digits; floats keep a decimal point so that 1.0 does not read as an int."""
    if isinstance(x, (float, np.floating)):
        text = f"{float(x):.4g}"
        return text if any(c in text for c in ".einIN") else text + ".0"
    if isinstance(x, (complex, np.complexfloating)):
        return f"{complex(x):.4g}"
    return str(x)


# ---- renderings ----------------------------------------------------------------------------------

def tree_text(items, ascii=False, width=None):
    """The tree as plain text lines with box-drawing guides (ASCII guides with ascii=True)."""
    symbols = ASCII if ascii else UNICODE
    lines = []

    def walk(item, prefix, child_prefix):
        lines.append(prefix + item.line())
        for i, child in enumerate(item.children):
            last = i == len(item.children) - 1
            walk(child, child_prefix + symbols["last" if last else "tee"],
                 child_prefix + symbols["space" if last else "pipe"])

    for root in items:
        walk(root, "", "")
    if width is not None:
        cut = symbols["more"]
        lines = [line if len(line) <= width else line[:width - len(cut)] + cut for line in lines]
    return "\n".join(lines)


def tree_rich(items):
    """A rich renderable: one Tree per root, coloured by kind of node."""
    # rich is imported only by those who draw with it (see renderers.rich_renderable).
    from rich.console import Group
    from rich.text import Text
    from rich.tree import Tree

    def label(item):
        line = Text.assemble(*((t, STYLES.get(kind, "") if kind else "") for t, kind in item.parts()))
        line.no_wrap, line.overflow = True, "ellipsis"  # one line per node keeps the tree readable
        return line

    def walk(item, tree):
        for child in item.children:
            walk(child, tree.add(label(child), guide_style="dim"))

    trees = []
    for root in items:
        tree = Tree(label(root), guide_style="dim")
        walk(root, tree)
        trees.append(tree)
    return trees[0] if len(trees) == 1 else Group(*trees)


def tree_html(items, open_depth=HTML_OPEN_DEPTH):
    """HTML for Jupyter: nested <details> that expand on click, no JavaScript.

    A gradient of more than SMALL values, not all equal, is drawn as a small picture after its summary
    (the first MAX_PICTURES of them); hovering its cells shows their indices and values.
    """
    pictures = [MAX_PICTURES]

    def label(item):
        out = []
        for t, kind in item.parts():
            role = _ROLES.get(kind) if kind else None
            weight = ";font-weight:bold" if kind in ("op", "variable", "watched", "mark") else ""
            out.append(f'<span class="{kind}" style="color:{theme.css_color(role)}{weight}">{escape(t)}</span>'
                       if role else escape(t))
            if kind == "grad" and item.grad_values is not None and pictures[0] > 0:
                sections = picture.sections(item.grad_values)
                if picture.worth_drawing(sections):
                    pictures[0] -= 1
                    out.append(" " + svg_picture.svg(sections, svg_picture.THUMBNAIL))
        return "".join(out)

    rule = theme.border_color()

    def walk(item, depth):
        if not item.children:
            return f'<div class="node {item.kind}" style="padding-left:1.1em">{label(item)}</div>'
        opened = " open" if depth < open_depth else ""
        inner = "".join(walk(child, depth + 1) for child in item.children)
        return (f'<details class="node {item.kind}"{opened}><summary>{label(item)}</summary>'
                f'<div style="margin-left:0.5em;padding-left:0.6em;border-left:1px solid {rule}">'
                f'{inner}</div></details>')

    body = "".join(walk(root, 0) for root in items)
    return (f'<div class="eagerrepl-tape" style="font-family:monospace;white-space:pre;'
            f'line-height:1.4">{body}</div>')


def to_dot(tape, target=None, names=None):
    """The whole recorded graph (no depth or size limit) in Graphviz DOT; edges run from inputs to outputs."""
    graph = _Graph(tape, names or {})
    roots = graph.sinks() if target is None else [graph.key(target)]
    keys = graph.descendants(roots)
    # Number nodes in recording order so the output is the same from one run to the next.
    order = {}
    for key in list(graph.var_reads) + [k for _, _, ks, _ in graph.producer.values() for k in ks] \
            + list(graph.producer):
        if key in keys and key not in order:
            order[key] = f"n{len(order)}"
    fills = {"op": "#dbe9f6", "variable": "#d3f0d8", "watched": "#fff1cc", "const": "#eeeeee"}
    lines = ["digraph tape {", "  rankdir=BT;",
             '  node [shape=box, style="rounded,filled", fontname="monospace", fontsize=10];']
    for key, node in order.items():
        kind = graph.kind(key)
        item = _item(graph, key, kind, UNICODE)
        label = [item.title, f"{item.meta}  {item.value}"]
        if item.grad is not None:
            label.append(f"grad {item.grad}")
        lines.append(f'  {node} [label="{_dot_escape(chr(10).join(label))}", fillcolor="{fills[kind]}"];')
    for key in order:
        for child in graph.children(key):
            lines.append(f"  {order[child]} -> {order[key]};")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _dot_escape(s):
    return s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


# ---- the view that front ends show ---------------------------------------------------------------

class TapeView(Shown):
    """A tape drawn as a tree rooted at a target; shows itself in the REPL (rich) and in Jupyter (HTML)."""

    def __init__(self, tape, target=None, names=None, max_depth=MAX_DEPTH, max_nodes=MAX_NODES, ascii=False,
                 mark=None):
        self._tape = weakref.ref(tape)
        self._target = None
        if target is not None:
            if not isinstance(target, TensorLike):
                raise TypeError(f"GradientTape.render: the target must be a Tensor or Variable, "
                                f"not {type(target).__name__}")
            recorded = any(node.output is target or any(x is target for x in node.inputs)
                           for node in tape.record.nodes)
            if not recorded:
                raise ValueError("GradientTape.render: the target was not recorded on this tape; "
                                 "pass a tensor computed inside `with tape:` from a watched one")
            self._target = weakref.ref(target)
        self.names = None if names is None else dict(names)
        self.max_depth, self.max_nodes, self.ascii = max_depth, max_nodes, ascii
        self.mark = dict(mark or {})  # {id(tensor): warning} shown on those nodes

    def items(self, ascii=None):
        """The tree to draw, built from the tape as it is now."""
        tape = self._tape()
        if tape is None:
            return [Item("more", "GradientTape: the tape no longer exists")]
        target = None
        if self._target is not None:
            target = self._target()
            if target is None:
                return [Item("more", "GradientTape: the target tensor no longer exists")]
        return build(tape, target, self.names, self.max_depth, self.max_nodes,
                     self.ascii if ascii is None else ascii, self.mark)

    def text(self, width=None):
        """The tree as plain text."""
        return tree_text(self.items(), self.ascii, width)

    def html(self):
        """The tree as HTML with nested <details>."""
        return tree_html(self.items())

    def to_dot(self):
        """The whole graph in Graphviz DOT."""
        tape = self._tape()
        target = self._target() if self._target is not None else None
        return "digraph tape {\n}\n" if tape is None else to_dot(tape, target, self.names)


class _RichTree:
    """A view as rich draws it: ASCII guides where the console cannot show box-drawing characters."""

    def __init__(self, view):
        self.view = view

    def __rich_console__(self, console, options):
        ascii = self.view.ascii or options.ascii_only or console.is_dumb_terminal
        renderable = tree_rich(self.view.items(ascii=ascii))
        if ascii and not options.ascii_only:
            options = options.copy()
            options.encoding = "ascii"  # rich's Tree picks ASCII guides from the encoding
        yield from console.render(renderable, options)


# ---- the renderer of tapes and views (see renderers.py) --------------------------------------------

def _view(obj):
    return obj if isinstance(obj, TapeView) else TapeView(obj)


def text(obj):
    """A tape's or view's tree as plain text (print(tape) shows it)."""
    return _view(obj).text()


def html(obj):
    """A tape's or view's tree as HTML."""
    return _view(obj).html()


def bundle(obj):
    """Text and HTML from one drawing of the tree: a big tape is read once."""
    view = _view(obj)
    items = view.items()
    return {"text/plain": tree_text(items, view.ascii), "text/html": tree_html(items)}


def rich(obj):
    """A tape's or view's tree for rich."""
    return _RichTree(_view(obj))


def named(obj, names):
    """A tape shown from a namespace names its leaves after it (a view keeps the names it was given)."""
    if isinstance(obj, GradientTape):
        return TapeView(obj, names=namespace_names(names))
    return obj


def _host(x):
    """A tensor's or Variable's value as a numpy array, copied to the host from a GPU."""
    return np.asarray(x.numpy() if hasattr(x, "numpy") else x)

"""GradientTape: records ops on watched tensors and plays them back to compute gradients."""

import contextlib
import enum
import math
import operator
from collections.abc import Sequence
from types import MappingProxyType
from typing import NamedTuple

import numpy as np

from .. import backend
from . import rendering
from . import tape as _tape
from .broadcasting import cast
from .creation import convert_to_tensor
from .elementwise import add
from .nest import flatten, pack_like
from .shape import reshape, stack
from .tensor import Tensor, _new
from .variable import Variable

__all__ = ["GradientTape", "UnconnectedGradients"]


class UnconnectedGradients(str, enum.Enum):
    """What gradient() returns for a source the target does not depend on."""

    NONE = "none"
    ZERO = "zero"


class GradientTape:
    """Records operations on watched tensors, for automatic differentiation.

    Trainable Variables read inside the `with` block are watched automatically; tensors are
    watched with `watch`. A non-persistent tape gives one gradient() and then frees what it
    recorded. Tapes nest: a gradient computed while an outer tape records is itself recorded,
    so derivatives of any order follow.
    """

    __slots__ = ("keep_node_gradients", "_node_grads", "_persistent", "_watch_accessed_variables", "_ids", "_watched",
                 "_entries", "_used", "__weakref__")

    def __init__(self, persistent=False, watch_accessed_variables=True):
        # For drawing (display.tape.keep_gradients sets it): gradient() also keeps the gradient that
        # reached every node (record.gradient), and the record survives it on a non-persistent tape.
        self.keep_node_gradients = False
        self._node_grads = None
        self._persistent = bool(persistent)
        self._watch_accessed_variables = bool(watch_accessed_variables)
        self._ids = set()       # ids of the tensors and Variables this tape tracks
        self._watched = []      # what was watched, kept alive so that its id stays unique
        self._entries = []      # (op, output, inputs, params) in the order the ops ran
        self._used = False

    # --- recording ----------------------------------------------------------------------------

    def __enter__(self):
        if self in _tape.state.tapes:
            raise RuntimeError("GradientTape: this tape is already recording; a tape cannot be entered twice")
        _tape.push(self)
        return self

    def __exit__(self, *exc):
        _tape.pop(self)

    @contextlib.contextmanager
    def stop_recording(self):
        """Context manager: ops inside it are not recorded on this tape."""
        if self not in _tape.state.tapes:
            raise RuntimeError("GradientTape.stop_recording: the tape is not recording; use it inside `with tape:`")
        tapes = _tape.state.tapes
        position = tapes.index(self)
        tapes.remove(self)
        try:
            yield
        finally:
            tapes.insert(position, self)

    def reset(self):
        """Forget everything recorded and watched, as if the tape were new."""
        self._ids.clear()
        self._watched.clear()
        self._entries.clear()
        self._node_grads = None
        self._used = False

    def watch(self, tensor):
        """Track a tensor (or Variable, or a nested structure of them) so gradients can reach it."""
        for t in (tensor,) if type(tensor) is Tensor else flatten(tensor):
            if not isinstance(t, (Tensor, Variable)):
                raise ValueError(
                    f"GradientTape.watch: can only watch Tensors and Variables, not {type(t).__name__}; "
                    "make a tensor first with er.constant(value)")
            self._watch_object(t)

    def _watch_object(self, obj):
        if id(obj) not in self._ids:
            self._ids.add(id(obj))
            self._watched.append(obj)

    def watched_variables(self):
        """The Variables this tape watches, in the order they were created."""
        return tuple(sorted([v for v in self._watched if isinstance(v, Variable)], key=_creation_order))

    # --- what was recorded, and drawing it (by eagerrepl.display, through rendering.py) -----------

    @property
    def record(self):
        """A read-only view of what the tape recorded: its nodes, what it watches, the gradients it kept."""
        return TapeRecord(self)

    def render(self, target=None, **options):
        """The recorded computation as a tree rooted at `target` (default: every result nothing consumed).

        Options: names (id -> name), max_depth, max_nodes, ascii, mark (id -> warning on that node).
        The result shows itself in the REPL and in Jupyter; str() of it is the plain-text tree.
        """
        return rendering.display("GradientTape.render").render_tape(self, target, **options)

    def to_dot(self, target=None, names=None):
        """The recorded graph in Graphviz DOT, for `dot -Tsvg`."""
        return rendering.display("GradientTape.to_dot").tape_to_dot(self, target, names)

    _repr_mimebundle_ = rendering.repr_mimebundle
    __rich__ = rendering.rich
    __str__ = rendering.text  # print(tape) draws the tree

    # --- playing back -------------------------------------------------------------------------

    def gradient(self, target, sources, output_gradients=None, unconnected_gradients=UnconnectedGradients.NONE):
        """d(target)/d(sources), shaped like `sources` (tensors, Variables, or nests of them).

        A non-scalar target is summed, unless `output_gradients` weights its elements. Sources
        the target does not depend on, and integer or boolean sources, get None (zeros with
        unconnected_gradients="zero" for unconnected float sources).

        Called inside the `with` block of other tapes, its computation is recorded on those that
        track what it uses, so they can differentiate the gradient again; inside this tape's own
        block, a persistent tape records it too, and a non-persistent one stops recording (TF's rules).
        """
        if self._used and not self._persistent:
            self._check_usable("gradient")
        zeros = unconnected_gradients is not _NONE and _zeros_wanted("gradient", unconnected_gradients)
        single = isinstance(target, (Tensor, Variable))
        targets = [target] if single else flatten(target)
        flat_sources = _flat_sources(sources)
        if output_gradients is None:
            seeds = [None] * len(targets)
        else:  # mirrors the target: one tensor-like (a list of numbers too) for a single target
            seeds = [output_gradients] if single else flatten(output_gradients)
        if len(seeds) != len(targets):
            raise ValueError(f"GradientTape.gradient: {len(seeds)} output_gradients for {len(targets)} targets")
        grads = self._gradients(targets, flat_sources, seeds, zeros)
        if flat_sources is sources:
            return grads
        return grads[0] if isinstance(sources, (Tensor, Variable)) else pack_like(sources, grads)

    def _gradients(self, targets, sources, seeds, zeros):
        """gradient() for checked arguments: flat lists of targets, sources and seeds (None: ones)."""
        grads = self._backward(targets, sources, seeds)
        if zeros:
            for i, g in enumerate(grads):
                if g is None and _differentiable(sources[i]):
                    grads[i] = _zeros_like(sources[i])
        self._done()
        return grads

    def jacobian(self, target, sources, unconnected_gradients=UnconnectedGradients.NONE,
                 parallel_iterations=None, experimental_use_pfor=True):
        """d(target[i...])/d(source[j...]) for every pair of elements: shape target.shape + source.shape."""
        self._check_usable("jacobian")
        zeros = _zeros_wanted("jacobian", unconnected_gradients)
        target = convert_to_tensor(target)
        flat_sources = _flat_sources(sources)
        rows = []
        for k in range(target.size):
            seed = backend.array_module(target._value).zeros(target.size, dtype=target.dtype)
            seed[k] = 1
            rows.append(self._backward([target], flat_sources, [seed.reshape(target.shape)]))
        result = []
        for j, source in enumerate(flat_sources):
            column = [row[j] for row in rows]
            result.append(self._stack_rows(column, source, target.shape, zeros))
        self._done()
        return pack_like(sources, result)

    def batch_jacobian(self, target, source, unconnected_gradients=UnconnectedGradients.NONE,
                       parallel_iterations=None, experimental_use_pfor=True):
        """Per-example Jacobians: for target (b, ...) and source (b, ...), shape (b, target[1:], source[1:]).

        Assumes example i of the target depends only on example i of the source.
        """
        self._check_usable("batch_jacobian")
        zeros = _zeros_wanted("batch_jacobian", unconnected_gradients)
        target = convert_to_tensor(target)
        if target.ndim == 0 or source.ndim == 0 or target.shape[0] != source.shape[0]:
            raise ValueError(f"GradientTape.batch_jacobian: target {target.shape} and source {source.shape} "
                             "need the same first (batch) dimension")
        batch = target.shape[0]
        inner = math.prod(target.shape[1:])
        rows = []
        for k in range(inner):
            seed = backend.array_module(target._value).zeros((batch, inner), dtype=target.dtype)
            seed[:, k] = 1
            rows.append(self._backward([target], [source], [seed.reshape(target.shape)])[0])
        if all(r is None for r in rows) and not zeros:
            self._done()
            return None
        rows = [_zeros_like(source) if r is None else r for r in rows]
        out = reshape(stack(rows, axis=1), (batch,) + target.shape[1:] + source.shape[1:])
        self._done()
        return out

    def _stack_rows(self, column, source, target_shape, zeros):
        if all(g is None for g in column):
            if not zeros or not _differentiable(source):
                return None
        zeros = _zeros_like(source)
        column = [zeros if g is None else g for g in column]
        return reshape(stack(column), tuple(target_shape) + tuple(source.shape))

    def _check_usable(self, what):
        if self._used and not self._persistent:
            raise RuntimeError(
                f"GradientTape.{what} can only be called once on a non-persistent tape; "
                "create it with GradientTape(persistent=True) to take several gradients")

    def _done(self):
        if not self._persistent:
            self._used = True
            if self.keep_node_gradients:
                return
            # Free the recorded tensors at once rather than when the tape object goes away.
            self._entries = []
            self._ids = set()
            watched = self._watched  # only Variables stay watched, for watched_variables()
            if len(watched) == 1 and type(watched[0]) is Tensor:
                self._watched = []  # the usual lone tensor source, without a comprehension's cost
            else:
                self._watched = [v for v in watched if isinstance(v, Variable)]

    def _backward(self, targets, sources, seeds):
        """Gradients of the targets (weighted by seeds) for each source, or None where none flows."""
        source_ids = set(map(id, sources))
        # Gradients of sources stay in `grads`; others are popped once used, unless kept for drawing.
        kept = source_ids if not self.keep_node_gradients else _EVERY_ID
        watched = self._watched
        if len(source_ids) == len(watched) and (len(watched) == 1 and id(watched[0]) in source_ids
                                                or source_ids.issuperset(map(id, watched))):
            # Everything recorded descends from the sources: nothing to prune.
            relevant, needed = self._ids, self._entries
        else:  # only ops on a path from a source matter
            relevant = set(source_ids)
            needed = []
            for entry in self._entries:
                for x in entry[2]:
                    if id(x) in relevant:
                        relevant.add(id(entry[1]))
                        needed.append(entry)
                        break
        grads = {}
        if len(targets) == 1:  # the usual loss
            if id(targets[0]) in relevant:
                grads[id(targets[0])] = _seed(targets[0], seeds[0])
        else:
            for t, seed in zip(targets, seeds):
                if id(t) in relevant:
                    _accumulate(grads, id(t), _seed(t, seed))
        # The backward pass is made of ops, recorded like any others by the tapes recording now.
        if self in _tape.state.tapes:
            if self._persistent:  # this tape records it too: read a copy of what it had recorded
                relevant, needed = set(relevant), list(needed)
            else:
                _tape.pop(self)
        for op, out, inputs, params in reversed(needed):
            key = id(out)
            g = grads.get(key) if key in kept else grads.pop(key, None)
            if g is None:
                continue
            vjps = op.vjps
            for i, x in enumerate(inputs):
                key = id(x)
                if key in relevant:
                    gx = vjps[i](g, out, *inputs) if params is _NO_PARAMS else vjps[i](g, out, *inputs, **params)
                    if gx is not None:  # inlined _accumulate: this loop is the backward pass
                        prev = grads.get(key)
                        grads[key] = gx if prev is None else add(prev, gx)
        if kept is _EVERY_ID:
            self._node_grads = grads
        # Integer and bool sources get None even where a gradient reached them (TF).
        out = []
        for s in sources:
            g = grads.get(id(s))
            out.append(None if g is None or s._value.dtype.kind not in "fc" else g)
        return out


class Node(NamedTuple):
    """One op a tape recorded: its name, its output, its inputs (tensors, Variables or numbers), its parameters."""

    op: str
    output: Tensor
    inputs: tuple
    params: MappingProxyType


_NONE = UnconnectedGradients.NONE
_creation_order = operator.attrgetter("_order")
_NO_PARAMS = _tape.NO_PARAMS
_NO_PARAMS_VIEW = MappingProxyType(_NO_PARAMS)  # most ops have none: one view serves them all
_tuple_new = tuple.__new__  # Node._make without its length check: a node per entry when drawing


def _node(entry):
    op, out, inputs, params = entry
    view = _NO_PARAMS_VIEW if params is _NO_PARAMS else MappingProxyType(params)
    return _tuple_new(Node, (op.name, out, inputs, view))


class Nodes(Sequence):
    """The ops a tape recorded, in the order they ran, as Nodes: a read-only sequence over the live tape.

    Each Node is made when it is read, so that drawing a tape of 100,000 ops does not first build
    100,000 objects (and the garbage collections that would follow them).
    """

    __slots__ = ("_tape",)

    def __init__(self, tape):
        self._tape = tape

    def __len__(self):
        return len(self._tape._entries)

    def __getitem__(self, index):
        entries = self._tape._entries[index]
        return tuple(map(_node, entries)) if isinstance(index, slice) else _node(entries)

    def __iter__(self):
        return map(_node, self._tape._entries)

    def __repr__(self):
        return f"<{len(self)} nodes recorded>"


class TapeRecord:
    """What a GradientTape recorded, read-only: for drawing it (eagerrepl.display), %debug_nan and tests.

    It reads the tape as it is when asked, so a view taken before gradient() sees its gradients after.
    """

    __slots__ = ("_tape",)

    def __init__(self, tape):
        self._tape = tape

    @property
    def nodes(self):
        """The recorded ops in the order they ran, as Nodes (a Variable read is an op named "read")."""
        return Nodes(self._tape)

    @property
    def watched(self):
        """The tensors and Variables the tape watches, in the order it began watching them."""
        return tuple(self._tape._watched)

    def tracks(self, x):
        """Whether the tape tracks tensor or Variable `x`: watched, or computed by a recorded op from what it tracks."""
        return id(x) in self._tape._ids

    def gradient(self, x):
        """The gradient that reached `x` in the last gradient(), where keep_node_gradients kept it; else None."""
        grads = self._tape._node_grads
        return None if grads is None else grads.get(id(x))

    @property
    def freed(self):
        """True once gradient() has freed what a non-persistent tape recorded (nothing is left to draw)."""
        return self._tape._used and not self._tape.keep_node_gradients


class _EveryId:
    """A set that holds every id: with it as `kept`, _backward keeps every node's gradient."""

    __slots__ = ()

    def __contains__(self, key):
        return True


_EVERY_ID = _EveryId()


def _accumulate(grads, key, g):
    prev = grads.get(key)
    grads[key] = g if prev is None else add(prev, g)


def _flat_sources(sources):
    """The sources as a flat list of Tensors and Variables (the list itself when it already is one)."""
    if isinstance(sources, (Tensor, Variable)):
        return [sources]
    if type(sources) is list and all(isinstance(s, (Tensor, Variable)) for s in sources):
        return sources
    flat = flatten(sources)
    for s in flat:
        if not isinstance(s, (Tensor, Variable)):
            raise ValueError(f"GradientTape.gradient: sources must be Tensors or Variables, not {type(s).__name__}")
    return flat


def _zeros_wanted(api, unconnected_gradients):
    """Whether unconnected sources get zeros (True) or None (False); a ValueError for anything but "none" and "zero"."""
    if unconnected_gradients is UnconnectedGradients.NONE:
        return False
    if unconnected_gradients is UnconnectedGradients.ZERO:
        return True
    try:
        return UnconnectedGradients(unconnected_gradients) is UnconnectedGradients.ZERO
    except ValueError:
        raise ValueError(f"GradientTape.{api}: unconnected_gradients={unconnected_gradients!r} is not one of "
                         "'none' and 'zero' (or er.UnconnectedGradients.NONE and .ZERO)") from None


def _differentiable(x):
    return x.dtype.kind in "fc"


_HOST = backend.HOST_TYPES


def _zeros_like(x):
    """Zeros shaped as tensor or Variable x, on its device."""
    v = x._value
    zero = _ZEROS.get(type(v))  # a numpy scalar
    return _new(zero if zero is not None else backend.array_module(v).zeros(v.shape, v.dtype))


# Ones and zeros for scalars, by numpy scalar type: np.float32(1) costs as much as an op.
_ONES = {t: t(1) for t in (np.float16, np.float32, np.float64, np.complex64, np.complex128)}
_ZEROS = {t: t(0) for t in _ONES}


def _seed(target, seed):
    v = target._value
    if seed is None:
        one = _ONES.get(type(v))  # the usual loss: a numpy scalar
        if one is None and v.ndim == 0 and isinstance(v, _HOST):
            one = _ONES.get(v.dtype.type)
        if one is None:
            one = backend.array_module(v).empty(v.shape, v.dtype)
            one.fill(1)  # np.ones is a Python function: three times the time
        return _new(one)
    g = convert_to_tensor(seed, like=target.dtype, device=backend.device_of(v))
    if g.shape != target.shape:
        raise ValueError(f"GradientTape.gradient: output_gradients of shape {g.shape} do not match the target's "
                         f"shape {target.shape}")
    return cast(g, target.dtype)

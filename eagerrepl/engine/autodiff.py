"""Function transformations for derivatives: TF eager's tfe.* and JAX-style grad/jacobian/hessian."""

import functools
import inspect

from . import tape as _tape
from .creation import convert_to_tensor
from .gradient_tape import GradientTape, UnconnectedGradients
from .nest import flatten
from .primitive import NAry, Op, apply
from .tensor import Tensor
from .variable import Variable

__all__ = ["custom_gradient", "grad", "gradients_function", "hessian", "implicit_gradients",
           "implicit_value_and_gradients", "jacobian", "make_vjp", "value_and_grad", "value_and_gradients_function"]


def _as_source(value):
    """An argument to differentiate with respect to, as a Tensor: the same object when it is one."""
    if type(value) is Tensor:
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        value = float(value)  # a number typed to differentiate at: 3 means 3.0
    return convert_to_tensor(value)


def _param_indices(f, params, nargs):
    if params is None:
        return range(nargs)
    names = None
    indices = []
    for p in params:
        if isinstance(p, str):
            if names is None:
                names = list(inspect.signature(f).parameters)
            if p not in names:
                raise ValueError(f"gradients_function: {p!r} is not a parameter of {_name(f)}; it takes {names}")
            p = names.index(p)
        if not 0 <= p < nargs:
            raise ValueError(f"gradients_function: parameter index {p} is out of range for {nargs} argument(s)")
        indices.append(p)
    return indices


def _name(f):
    return getattr(f, "__name__", type(f).__name__)


def _run_watched(api, f, args, kwargs, indices, persistent=False, require_float=False):
    """Run f(*args) on a new tape watching args[i] for i in indices: (tape, those sources, f's value)."""
    args = list(args)
    sources = []
    for i in indices:
        source = args[i] = _as_source(args[i])
        if require_float and source.dtype.kind not in "fc":
            raise TypeError(f"{api}: argument {i} has dtype {source.dtype}; derivatives need float inputs "
                            "(pass er.cast(x, er.float32))")
        sources.append(source)
    tape = GradientTape(persistent=persistent)
    with tape:
        for source in sources:
            tape._watch_object(source)
        value = f(*args, **kwargs)
    if value is None:
        raise ValueError(f"{api}: {_name(f)} returned None; it must return the value to differentiate "
                         "(a missing `return`?)")
    return tape, sources, value


def _value_and_gradients(f, params, args, kwargs, dy):
    indices = _param_indices(f, params, len(args))
    tape, sources, value = _run_watched("gradients_function", f, args, kwargs, indices)
    # As TF's tfe: an argument the value does not depend on has a zero derivative.
    if dy is None and type(value) is Tensor:  # the usual call, without gradient()'s checks
        return value, tape._gradients([value], sources, [None], zeros=True)
    return value, tape.gradient(value, sources, output_gradients=dy, unconnected_gradients=UnconnectedGradients.ZERO)


def value_and_gradients_function(f, params=None):
    """A function returning (f(*args), [d f / d arg for each differentiated argument]).

    `params` picks the arguments by index or name (all by default); `dy` weights a non-scalar result.
    """
    @functools.wraps(f)
    def decorated(*args, dy=None, **kwargs):
        return _value_and_gradients(f, params, args, kwargs, dy)

    return decorated


def gradients_function(f, params=None):
    """A function returning the list of derivatives of f with respect to its arguments (TF's tfe.gradients_function)."""
    @functools.wraps(f)
    def decorated(*args, dy=None, **kwargs):
        return _value_and_gradients(f, params, args, kwargs, dy)[1]

    return decorated


def implicit_value_and_gradients(f):
    """A function returning (f(*args), [(gradient, variable)]) for every trainable Variable f read."""
    @functools.wraps(f)
    def decorated(*args, **kwargs):
        with GradientTape() as tape:
            value = f(*args, **kwargs)
        if value is None:
            raise ValueError(f"implicit_gradients: {_name(f)} returned None; it must return the value to "
                             "differentiate (a missing `return`?)")
        variables = tape.watched_variables()
        if not variables:
            raise ValueError(
                f"implicit_gradients: {_name(f)} read no trainable Variable, so there is nothing to "
                "differentiate; keep parameters in er.Variable(...), or use gradients_function for arguments")
        variables = list(variables)
        if type(value) is Tensor:  # the usual loss, without gradient()'s checks
            return value, list(zip(tape._gradients([value], variables, [None], zeros=False), variables))
        return value, list(zip(tape.gradient(value, variables), variables))

    return decorated


def implicit_gradients(f):
    """A function returning [(gradient, variable)] for every trainable Variable f read, in creation order."""
    value_and_grads = implicit_value_and_gradients(f)

    @functools.wraps(f)
    def decorated(*args, **kwargs):
        return value_and_grads(*args, **kwargs)[1]

    return decorated


def make_vjp(f, params=None, persistent=True):
    """A function returning (f(*args), vjp) where vjp(dy=None) gives the gradients for the arguments."""
    @functools.wraps(f)
    def decorated(*args, **kwargs):
        indices = _param_indices(f, params, len(args))
        tape, sources, value = _run_watched("make_vjp", f, args, kwargs, indices, persistent=persistent)

        def vjp(dy=None):
            return tape.gradient(value, sources, output_gradients=dy)

        return value, vjp

    return decorated


# --- JAX-style transformations --------------------------------------------------------------------

def _indices(argnums):
    return [argnums] if isinstance(argnums, int) else list(argnums)


def _mirror(grads, argnums):
    return grads[0] if isinstance(argnums, int) else tuple(grads)


def value_and_grad(f, argnums=0):
    """A function returning (f(*args), df/d args[argnums]); f must return a scalar (JAX's value_and_grad)."""
    @functools.wraps(f)
    def decorated(*args, **kwargs):
        tape, sources, value = _run_watched("grad", f, args, kwargs, _indices(argnums), require_float=True)
        value = convert_to_tensor(value)
        if value.ndim:
            raise TypeError(f"grad: {_name(f)} returned shape {value.shape}, not a scalar; reduce it "
                            "(er.reduce_sum) or use er.jacobian")
        grads = tape.gradient(value, sources, unconnected_gradients=UnconnectedGradients.ZERO)
        return value, _mirror(grads, argnums)

    return decorated


def grad(f, argnums=0):
    """A function returning the gradient of scalar-valued f with respect to args[argnums] (JAX's grad)."""
    value_and_grad_f = value_and_grad(f, argnums)

    @functools.wraps(f)
    def decorated(*args, **kwargs):
        return value_and_grad_f(*args, **kwargs)[1]

    return decorated


def jacobian(f, argnums=0):
    """A function returning the Jacobian of f at args: shape f(args).shape + args[argnums].shape."""
    @functools.wraps(f)
    def decorated(*args, **kwargs):
        tape, sources, value = _run_watched("jacobian", f, args, kwargs, _indices(argnums), require_float=True)
        return _mirror(tape.jacobian(value, sources, unconnected_gradients=UnconnectedGradients.ZERO), argnums)

    return decorated


def hessian(f, argnums=0):
    """A function returning the matrix of second derivatives of scalar-valued f."""
    return jacobian(grad(f, argnums), argnums)


# --- custom gradients -----------------------------------------------------------------------------

def custom_gradient(f):
    """Decorator: f(*args) returns (y, grad_fn) and grad_fn(dy) gives the gradients for f's tensor arguments.

    When f reads trainable Variables other than its arguments, grad_fn must take them as
    `variables=` and return (the arguments' gradients, [one gradient per variable]), as in TF.
    """
    @functools.wraps(f)
    def decorated(*args, **kwargs):
        args = [_read(a) for a in args]
        with _tape.pause_recording(), GradientTape() as watcher:  # only to see which Variables f reads
            result, grad_fn = f(*args, **kwargs)
        variables = list(watcher.watched_variables())
        if variables and not _takes_variables(grad_fn):
            raise TypeError(f"custom_gradient: {_name(f)} reads the Variables {[v.name for v in variables]}, so its "
                            "gradient function must take them: def grad_fn(dy, variables=None) returning "
                            "(gradients of the arguments, [a gradient per variable])")
        value = convert_to_tensor(result)._value
        # Its tensor arguments and the Variables' values are the op's inputs, read now on the tapes
        # (so they watch those Variables); its output goes through the NaN/Inf checks like any op's.
        tensors = tuple(a for a in args if isinstance(a, Tensor)) + tuple(v._read() for v in variables)
        op = _custom_op(f, grad_fn, len(tensors) - len(variables), variables)
        return apply(op, lambda *arrays: value, tensors, [t._value for t in tensors])

    return decorated


def _read(arg):
    return arg._read() if isinstance(arg, Variable) else arg


def _takes_variables(grad_fn):
    parameters = inspect.signature(grad_fn).parameters.values()
    return any(p.name == "variables" or p.kind is p.VAR_KEYWORD for p in parameters)


def _gradients(grads):
    return flatten(grads) if isinstance(grads, (list, tuple)) else [grads]


def _custom_op(f, grad_fn, n, variables):
    cache = {}

    def vjp(i, g, ans, *inputs):
        # grad_fn gives every input's gradient at once: call it once per upstream gradient.
        if cache.get("g") is not g:
            if variables:
                grads, variable_grads = grad_fn(g, variables=variables)
                grads, variable_grads = _gradients(grads), _gradients(variable_grads)
                if len(variable_grads) != len(variables):
                    raise ValueError(f"custom_gradient: the gradient function of {_name(f)} returned "
                                     f"{len(variable_grads)} variable gradient(s) for {len(variables)} Variable(s)")
            else:
                grads, variable_grads = _gradients(grad_fn(g)), []
            if len(grads) != n:
                raise ValueError(f"custom_gradient: the gradient function of {_name(f)} returned {len(grads)} "
                                 f"gradient(s) for {n} tensor argument(s)")
            cache["g"], cache["grads"] = g, grads + variable_grads
        grad_i = cache["grads"][i]
        return None if grad_i is None else convert_to_tensor(grad_i)

    return Op(_name(f), NAry(vjp))

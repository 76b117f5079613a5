"""%debug_nan: hunt NaN and Inf. Checks on for the session, off again, or one expression under a drawn tape."""

from IPython.core.error import UsageError
from IPython.core.magic import Magics, line_magic, magics_class

from ..expression import Evaluation, check_known, compile_expression, pick_sources, split_wrt
from ..results import NanReport
from .usage import usage

_SWITCHES = {"": "raise", "on": "raise", "warn": "warn", "off": "ignore"}


@magics_class
class NanMagics(Magics):
    """Finding the op that first produces NaN or Inf."""

    @line_magic
    @usage("%debug_nan [on|warn|off|EXPR]")
    def debug_nan(self, line):
        """Make the first op that produces NaN or Inf from finite inputs raise (`on`), warn, or stop (`off`).

        With an expression instead, run it and its gradient with the checks raising, and draw the
        tape up to the op that produced the NaN or Inf, marked (the error is bound to `_debug_nan`).
        """
        import eagerrepl as er
        word = line.strip()
        if word not in _SWITCHES:
            return run_expression(self.shell.user_ns, word)
        mode = _SWITCHES[word]
        er.seterr(nan=mode, inf=mode)
        if mode == "ignore":
            print("NaN/Inf checks off")
        else:
            print(f"NaN/Inf checks on: the first op that produces NaN or Inf from finite inputs will {mode} "
                  "(%debug_nan off to stop)")


def run_expression(namespace, expr):
    """Evaluate EXPR and its gradient under a tape with checks raising; a NanReport when one fires, else the value."""
    import eagerrepl as er

    from ...display.tape import keep_gradients
    expr, wrt = split_wrt(expr)
    if wrt is not None:
        raise UsageError("%debug_nan differentiates with respect to every float name in EXPR; drop `wrt`")
    code, names = compile_expression(expr, "debug_nan")
    check_known(namespace, names)
    # Numbers stand in as tensors while EXPR runs, so that the tape sees them (as %grad does).
    ev = Evaluation(namespace, code, expr, pick_sources(namespace, names, None, implicit_ok=True))
    sources = ev.sources
    # One persistent outer tape records the forward pass and, below it, the backward pass too,
    # so a NaN born while differentiating is on the tape to be drawn as well.
    tape = keep_gradients(er.GradientTape(persistent=True))
    with er.errstate(nan="raise", inf="raise"):
        try:
            with tape:
                tape.watch(sources)
                with er.GradientTape() as inner:
                    inner.watch(sources)
                    value = ev.value()
                    value = value.read_value() if isinstance(value, er.Variable) else value
                if sources and isinstance(value, er.Tensor) and value.dtype.kind in "fc":
                    inner.gradient(value, sources)
        except er.NonFiniteError as error:
            namespace["_debug_nan"] = error
            return NanReport(error, tape, ev.label_names())
    print(f"no NaN or Inf: {expr} and its gradient{'s' if len(sources) > 1 else ''} are finite"
          if sources else f"no NaN or Inf in {expr}")
    return value

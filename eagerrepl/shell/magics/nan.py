"""%debug_nan: hunt NaN and Inf. Checks on for the session, off again, or one expression under a drawn tape."""

from html import escape

from . import UsageError, line_magic
from .derivatives import Evaluation, bound, check_known, compile_expression, pick_sources, split_wrt

_SWITCHES = {"": "raise", "on": "raise", "warn": "warn", "off": "ignore"}


@line_magic("debug_nan", "make the first op that produces NaN or Inf raise (or: off, warn, or one EXPR drawn)",
            usage="%debug_nan [on|warn|off|EXPR]", options=("on", "warn", "off"))
def debug_nan(session, args):
    """Turn NaN/Inf checks on (raise), to warn, or off for the session; or run EXPR and its gradient with them on."""
    import eagerrepl as er
    word = args.strip()
    if word in _SWITCHES:
        mode = _SWITCHES[word]
        er.seterr(nan=mode, inf=mode)
        if mode == "ignore":
            print("NaN/Inf checks off")
        else:
            print(f"NaN/Inf checks on: the first op that produces NaN or Inf from finite inputs will {mode} "
                  "(%debug_nan off to stop)")
        return None
    return run_expression(session, word)


def run_expression(session, expr):
    """Evaluate EXPR and its gradient under a tape with checks raising; a NanReport when one fires, else the value."""
    import eagerrepl as er
    from ...display.tape import keep_gradients
    expr, wrt = split_wrt(expr)
    if wrt is not None:
        raise UsageError("%debug_nan differentiates with respect to every float name in EXPR; drop `wrt`")
    code, names = compile_expression(expr, "debug_nan")
    check_known(session, names)
    # Numbers stand in as tensors while EXPR runs, so that the tape sees them (as %grad does).
    ev = Evaluation(session, code, expr, pick_sources(session, names, None, implicit_ok=True))
    ns, sources, replaced = session.namespace, ev.sources, ev.replaced
    # One persistent outer tape records the forward pass and, below it, the backward pass too,
    # so a NaN born while differentiating is on the tape to be drawn as well.
    tape = keep_gradients(er.GradientTape(persistent=True))
    with er.errstate(nan="raise", inf="raise"):
        try:
            with tape:
                tape.watch(sources)
                with er.GradientTape() as inner:
                    inner.watch(sources)
                    with bound(ns, replaced):
                        value = eval(code, ns)
                    value = value.read_value() if isinstance(value, er.Variable) else value
                if sources and isinstance(value, er.Tensor) and value.dtype.kind in "fc":
                    inner.gradient(value, sources)
        except er.NonFiniteError as error:
            session.namespace["_debug_nan"] = error
            return NanReport(error, tape, ev.label_names())
    print(f"no NaN or Inf: {expr} and its gradient{'s' if len(sources) > 1 else ''} are finite"
          if sources else f"no NaN or Inf in {expr}")
    return value


class NanReport:
    """The NonFiniteError %debug_nan caught and the tape drawn up to the node that produced it, marked."""

    def __init__(self, error, tape, names):
        self.error = error
        self.tape = tape  # kept alive: the view below holds it only weakly
        mark = {id(error.output): f"{error.kind} here"}
        try:
            self.view = tape.render(error.output, names=names, mark=mark)
        except ValueError:  # the op was not recorded (no watched input, or no gradient): show all there is
            self.view = tape.render(names=names) if tape.record.nodes else None

    def heading(self):
        """The error in one line."""
        return f"{type(self.error).__name__}: {self.error}"

    def text(self):
        """The heading and the tree as plain text."""
        return self.heading() + ("" if self.view is None else "\n" + self.view.text())

    def __repr__(self):
        return self.text()

    def _repr_mimebundle_(self, include=None, exclude=None):
        html = f'<div style="color:#cf222e"><b>{escape(self.heading())}</b></div>'
        if self.view is not None:
            html += self.view.html()
        return {"text/plain": self.text(), "text/html": html}

    def __rich__(self):
        from rich.console import Group
        from rich.text import Text
        head = Text(self.heading(), style="bold red")
        return head if self.view is None else Group(head, self.view)

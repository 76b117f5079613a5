"""What the derivative magics and %debug_nan show: plain text, HTML and a rich renderable.

Each tensor is shown by the display layer (eagerrepl.display), so a derivative is summarised and
bounded like any tensor at the prompt, and in HTML drawn as a picture beside its values once it has
more than a few (display/picture.py). Colours are display/theme.py's, which read on light and dark
backgrounds. Results print as text too (`repr`), which is what batch modes show.
"""

from html import escape

import numpy as np

from ..display import theme


def scalar_text(tensor):
    """A 0-d tensor's value as numpy prints a scalar: `12.0`."""
    return str(np.asarray(tensor.numpy())[()])


def summed_heading(expr, value):
    """(heading, note) for EXPR's value: `x**3 = 8.0`, or its shape and a note that it is summed."""
    if value.ndim == 0:
        return f"{expr} = {scalar_text(value)}", None
    return (f"{expr}: shape {tuple(value.shape)} {value.dtype}",
            f"not a scalar, so it is summed: these are derivatives of sum({expr})")


class DerivativeResults:
    """A heading, an optional note, then labelled tensors (`d/dx = 12.0`)."""

    def __init__(self, heading, rows, note=None):
        self.heading, self.rows, self.note = heading, rows, note

    def text(self):
        """Plain text: the heading, the note, then each tensor."""
        from .. import display
        lines = [self.heading] + ([self.note] if self.note else [])
        for label, tensor in self.rows:
            if tensor.ndim == 0:
                lines.append(f"{label} = {scalar_text(tensor)}")
            else:  # the tensor as at the prompt, beside its label: `d/dy = Tensor shape=...`, values below
                header, *values = display.text(tensor).split("\n")
                lines += [f"{label} = {header}"] + [" " * (len(label) + 3) + line for line in values]
        return "\n".join(lines)

    def __repr__(self):
        return self.text()

    def _repr_mimebundle_(self, include=None, exclude=None):
        from .. import display
        parts = [f"<div><b>{escape(self.heading)}</b></div>"]
        if self.note:
            parts.append(f"<div><i>{escape(self.note)}</i></div>")
        for label, tensor in self.rows:
            if tensor.ndim == 0:
                parts.append(f"<div><code>{escape(label)} = {escape(scalar_text(tensor))}</code></div>")
            else:
                parts.append(f'<div style="display:flex;gap:0.5em;align-items:flex-start">'
                             f'<code style="white-space:nowrap">{escape(label)} =</code>{display.html(tensor)}</div>')
        return {"text/plain": self.text(),
                "text/html": '<div class="eagerrepl-derivatives">' + "".join(parts) + "</div>"}

    def __rich__(self):
        from rich.console import Group
        from rich.text import Text

        from .. import display
        parts = [Text(self.heading, style="bold")]
        if self.note:
            parts.append(Text(self.note, style="italic"))
        for label, tensor in self.rows:
            if tensor.ndim == 0:
                parts.append(Text.assemble((label, theme.TERMINAL["label"]), " = " + scalar_text(tensor)))
            else:
                parts.append(_Labelled(label, display.rich_renderable(tensor)))
        return Group(*parts)


class _Labelled:
    """`label = ` and a rich renderable beside it: its first line after the label, the others indented to match."""

    def __init__(self, label, renderable):
        self.label, self.renderable = label, renderable

    def __rich_console__(self, console, options):
        from rich.segment import Segment
        from rich.style import Style
        indent = len(self.label) + 3
        lines = console.render_lines(self.renderable, options.update_width(max(options.max_width - indent, 20)),
                                     pad=False)
        for i, line in enumerate(lines):
            if i == 0:
                yield Segment(self.label, Style.parse(theme.TERMINAL["label"]))
                yield Segment(" = ")
            else:
                yield Segment(" " * indent)
            yield from line
            yield Segment.line()


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
        html = f'<div style="color:{theme.css_color("error")}"><b>{escape(self.heading())}</b></div>'
        if self.view is not None:
            html += self.view.html()
        return {"text/plain": self.text(), "text/html": f'<div class="eagerrepl-nan-report">{html}</div>'}

    def __rich__(self):
        from rich.console import Group
        from rich.text import Text
        head = Text(self.heading(), style=theme.TERMINAL["error"])
        return head if self.view is None else Group(head, self.view)

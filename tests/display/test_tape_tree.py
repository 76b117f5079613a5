"""Tapes drawn as trees: plain text, rich, HTML and DOT, through GradientTape's public display methods."""

import gc
import io
import weakref
from html.parser import HTMLParser

import numpy as np
import pytest

import eagerrepl as er
from eagerrepl.display.tape import keep_gradients


def recorded(keep=True):
    """loss = sum(h*h + sin(h) + 2) with h = x * w: one shared node (h), a Variable and a constant."""
    x = er.constant([1.0, 2.0])
    w = er.Variable([0.5, -1.0], name="w")
    tape = er.GradientTape()
    if keep:
        keep_gradients(tape)
    with tape:
        tape.watch(x)
        h = x * w
        loss = er.reduce_sum(h * h + er.sin(h) + 2.0)
    return tape, x, w, h, loss


GOLDEN = """\
loss = reduce_sum  float32[]  7.82  grad 1.0
└── add  float32[2]  [2.729 5.091]  grad [1.0 1.0]
    ├── add  float32[2]  [0.7294 3.091]  grad [1.0 1.0]
    │   ├── multiply  float32[2]  [0.25 4.0]  grad [1.0 1.0]
    │   │   ├── #1 h = multiply  float32[2]  [0.5 -2.0]  grad [1.878 -4.416]
    │   │   │   ├── x  float32[2]  [1.0 2.0]  grad [0.9388 4.416]
    │   │   │   └── w  Variable float32[2]  [0.5 -1.0]  grad [1.878 -8.832]
    │   │   └── ↑ #1 multiply
    │   └── sin  float32[2]  [0.4794 -0.9093]  grad [1.0 1.0]
    │       └── ↑ #1 multiply
    └── const  float  2.0"""


def test_golden_text_with_values_gradients_names_and_shared_node():
    tape, x, w, h, loss = recorded()
    tape.gradient(loss, [x, w])
    names = {id(x): "x", id(h): "h", id(loss): "loss"}
    assert tape.render(loss, names=names).text(width=100) == GOLDEN


def test_gradients_shown_match_the_gradients_returned():
    tape, x, w, h, loss = recorded()
    gx, gw = tape.gradient(loss, [x, w])
    text = tape.render(loss, names={id(x): "x"}).text()
    x_line = next(line for line in text.splitlines() if "── x " in line)
    assert f"grad [{gx.numpy()[0]:.4g} {gx.numpy()[1]:.4g}]" in x_line
    w_line = next(line for line in text.splitlines() if "── w " in line)
    assert f"grad [{gw.numpy()[0]:.4g} {gw.numpy()[1]:.4g}]" in w_line


def test_no_gradient_is_shown_before_one_is_taken():
    tape, x, w, h, loss = recorded()
    text = str(tape.render(loss))
    assert "grad" not in text and "reduce_sum" in text


def test_a_plain_persistent_tape_draws_values_without_gradients():
    x = er.constant(3.0)
    with er.GradientTape(persistent=True) as tape:
        tape.watch(x)
        y = x * x
    tape.gradient(y, x)
    assert str(tape.render(y, names={id(x): "x"})) == (
        "multiply  float32[]  9.0\n├── x  float32[]  3.0\n└── x  float32[]  3.0")


def test_leaves_are_named_watched_or_const_without_names():
    tape, x, w, h, loss = recorded()
    text = str(tape.render(loss, names={}))
    assert "── watched  float32[2]" in text  # x: watched, but no name known
    assert "── w  Variable" in text  # a Variable's own name
    assert "── const  float  2.0" in text


def test_a_named_constant_keeps_its_name():
    x, c = er.constant(1.0), er.constant(4.0)
    with er.GradientTape(persistent=True) as tape:
        tape.watch(x)
        y = x + c
    assert "── const c  float32[]  4.0" in str(tape.render(y, names={id(c): "c"}))


def test_shared_node_is_drawn_once_and_then_referred_to():
    tape, x, w, h, loss = recorded()
    lines = str(tape.render(loss)).splitlines()
    assert sum("#1 multiply  float32[2]  [0.5 -2.0]" in line for line in lines) == 1
    assert sum(line.endswith("↑ #1 multiply") for line in lines) == 2
    assert sum("Variable" in line for line in lines) == 1  # the subtree under h is not repeated


def test_max_depth_collapses_what_is_below_with_a_count():
    tape, x, w, h, loss = recorded()
    text = str(tape.render(loss, max_depth=1))
    assert text.splitlines() == [
        "reduce_sum  float32[]  7.82",
        "└── add  float32[2]  [2.729 5.091]",
        "    └── … 7 more nodes below",
    ]


def test_max_nodes_stops_drawing_and_says_how_many_are_left():
    tape, x, w, h, loss = recorded()
    lines = str(tape.render(loss, max_nodes=3)).splitlines()
    assert len(lines) == 4 and lines[-1].strip().endswith("… 6 more nodes not shown")


def test_a_long_chain_renders_within_the_depth_limit():
    x = er.constant(1.0)
    with er.GradientTape(persistent=True) as tape:
        tape.watch(x)
        y = x
        for _ in range(3000):
            y = y * 1.0001
    lines = str(tape.render(y, max_depth=5)).splitlines()
    assert len(lines) == 12  # 6 multiplies, each with its constant, and one line for the rest
    assert lines[6].endswith("└── … 2996 more nodes below")  # 2994 multiplies, x, and 1.0001
    assert lines[-1] == "└── const  float  1.0001"
    assert tape.to_dot().count("->") == 6000  # DOT has no limit: the whole graph


def test_ascii_fallback_uses_only_ascii():
    tape, x, w, h, loss = recorded()
    tape.gradient(loss, [x, w])
    text = str(tape.render(loss, ascii=True, max_depth=4))
    assert text.isascii()
    assert "`-- " in text and "|-- " in text and "^ #1 multiply" in text


def test_default_root_is_every_result_nothing_consumed():
    x = er.constant(2.0)
    with er.GradientTape(persistent=True) as tape:
        tape.watch(x)
        _a = er.sin(x)
        _b = x * 3.0
    lines = str(tape.render()).splitlines()
    roots = [line for line in lines if not line.startswith((" ", "└", "├", "│"))]
    assert [r.split()[0] for r in roots] == ["sin", "multiply"]


def test_rendering_does_not_change_the_tape():
    x = er.constant([1.0, 2.0])
    with er.GradientTape() as tape:  # non-persistent, not kept: one gradient allowed
        tape.watch(x)
        y = er.reduce_sum(x * x)
    before = list(tape.record.nodes)
    str(tape.render(y)), tape._repr_mimebundle_(), tape.to_dot(), str(tape)
    assert list(tape.record.nodes) == before and not tape.record.freed
    np.testing.assert_allclose(tape.gradient(y, x).numpy(), [2.0, 4.0])


def test_a_non_persistent_tape_explains_why_it_has_nothing_to_draw_after_gradient():
    x = er.constant(1.0)
    with er.GradientTape() as tape:
        tape.watch(x)
        y = x * x
    tape.gradient(y, x)
    assert "freed by gradient()" in tape._repr_mimebundle_()["text/plain"]


def test_keep_gradients_leaves_gradients_unchanged():
    def grads(keep):
        tape, x, w, h, loss = recorded(keep)
        return [g.numpy() for g in tape.gradient(loss, [x, w])]
    for a, b in zip(grads(True), grads(False)):
        np.testing.assert_array_equal(a, b)


def test_a_view_keeps_no_tensor_alive():
    tape, x, w, h, loss = recorded()
    tape.gradient(loss, [x, w])
    view = tape.render(loss)
    refs = [weakref.ref(obj) for obj in (tape, loss, h)]
    del tape, loss, h
    gc.collect()
    assert all(r() is None for r in refs)
    assert str(view) == "GradientTape: the tape no longer exists"


def test_render_rejects_a_target_that_was_not_recorded():
    tape, x, w, h, loss = recorded()
    with pytest.raises(ValueError, match="not recorded on this tape"):
        tape.render(er.constant(1.0))


class _Nesting(HTMLParser):
    """Records the <details> depth of every <summary> and leaf <div class="node ...">."""

    def __init__(self):
        super().__init__()
        self.depth = 0
        self.stack = []
        self.rows = []  # (details depth, tag)

    def handle_starttag(self, tag, attrs):
        self.stack.append(tag)
        attrs = dict(attrs)
        if tag == "details":
            self.depth += 1
        elif tag == "summary" or (tag == "div" and "node" in attrs.get("class", "")):
            self.rows.append((self.depth, tag))

    def handle_endtag(self, tag):
        assert self.stack.pop() == tag, f"</{tag}> closes something else"
        if tag == "details":
            self.depth -= 1


def test_html_parses_with_nested_details_matching_the_tree():
    tape, x, w, h, loss = recorded()
    tape.gradient(loss, [x, w])
    bundle = tape.render(loss, names={id(x): "x"})._repr_mimebundle_()
    parser = _Nesting()
    parser.feed(bundle["text/html"])
    parser.close()
    assert parser.stack == [] and parser.depth == 0
    text_lines = bundle["text/plain"].splitlines()
    assert len(parser.rows) == len(text_lines)
    # Each line's depth in the text tree (4 characters per level) is its <details> nesting.
    for (depth, tag), line in zip(parser.rows, text_lines):
        level = (len(line) - len(line.lstrip(" │├└─"))) // 4
        assert depth == (level + 1 if tag == "summary" else level)
    assert "<script" not in bundle["text/html"]


def test_html_escapes_names():
    x = er.constant(1.0)
    with er.GradientTape(persistent=True) as tape:
        tape.watch(x)
        y = x + 1.0
    html = tape.render(y, names={id(x): "<b>"})._repr_mimebundle_()["text/html"]
    assert "&lt;b&gt;" in html and "<b>" not in html


def test_dot_export_lists_every_node_and_edge():
    tape, x, w, h, loss = recorded()
    tape.gradient(loss, [x, w])
    dot = tape.to_dot(names={id(x): "x"})
    assert dot.startswith("digraph tape {") and dot.rstrip().endswith("}")
    nodes = [line for line in dot.splitlines() if "[label=" in line]
    edges = [line for line in dot.splitlines() if "->" in line]
    assert len(nodes) == 9  # x, w, h, h*h, sin, add, 2.0, add, reduce_sum
    assert len(edges) == 10  # h*h has two edges from h
    assert any('label="x\\nfloat32[2]' in n for n in nodes)
    assert any("grad [1.878 -8.832]" in n for n in nodes)


def _rich_text(renderable, encoding="utf-8", width=100):
    from rich.console import Console

    class Stream(io.StringIO):
        pass

    Stream.encoding = encoding  # what rich reads to decide whether box-drawing characters work
    stream = Stream()
    Console(file=stream, width=width, color_system=None, legacy_windows=False).print(renderable)
    return stream.getvalue()


def test_rich_tree_matches_the_text_tree():
    tape, x, w, h, loss = recorded()
    tape.gradient(loss, [x, w])
    view = tape.render(loss, names={id(x): "x", id(h): "h", id(loss): "loss"})
    assert _rich_text(view).rstrip("\n") == GOLDEN


def test_rich_on_a_non_utf8_terminal_is_ascii():
    tape, x, w, h, loss = recorded()
    out = _rich_text(tape.render(loss), encoding="ascii")
    assert out.isascii() and "^ #1 multiply" in out


def test_gradient_tape_displays_itself_in_rich_and_jupyter():
    tape, x, w, h, loss = recorded()
    tape.gradient(loss, [x, w])
    assert "reduce_sum" in _rich_text(tape)
    bundle = tape._repr_mimebundle_()
    assert set(bundle) == {"text/plain", "text/html"} and bundle["text/plain"].startswith("reduce_sum")


def test_rich_on_a_dumb_terminal_is_ascii(monkeypatch):
    from rich.console import Console
    monkeypatch.setenv("TERM", "dumb")
    tape, x, w, h, loss = recorded()
    console = Console(file=io.StringIO(), force_terminal=True, color_system=None, width=100)
    console.print(tape.render(loss))
    out = console.file.getvalue()
    assert out.isascii() and "`-- " in out and "^ #1 multiply" in out


def test_a_tape_shown_from_a_namespace_names_its_leaves_after_it():
    from eagerrepl import display
    tape, x, w, h, loss = recorded()
    named = display.text(tape, names={"x": x, "h": h, "_x": x})
    assert "── x  float32[2]" in named and "h = multiply" in named
    assert "── watched  float32[2]" in display.text(tape)  # no namespace, no names
    bundle = display.mimebundle(tape, names={"inputs": x})
    assert "── inputs  float32[2]" in bundle["text/plain"] and "inputs" in bundle["text/html"]


def test_two_namespaces_do_not_share_names():
    from eagerrepl import display
    tape, x, w, h, loss = recorded()
    first, second = display.text(tape, names={"a": x}), display.text(tape, names={"b": x})
    assert "── a  float32[2]" in first and "── b  float32[2]" in second and "── a " not in second


def test_print_of_a_tape_draws_its_tree(capsys):
    tape, x, w, h, loss = recorded()
    tape.gradient(loss, [x, w])
    print(tape)
    printed = capsys.readouterr().out
    assert printed == str(tape) + "\n" == tape.render().text() + "\n"
    assert printed.startswith("reduce_sum  float32[]  7.82  grad 1.0\n└── add  float32[2]")
    assert repr(tape).startswith("<eagerrepl.engine.gradient_tape.GradientTape object at ")

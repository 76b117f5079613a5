"""Tensor and Variable renderings: text, HTML, rich."""

import time
from html.parser import HTMLParser

import numpy as np
from rich.console import Console

import eagerrepl as er
from eagerrepl.display import html, mimebundle, rich_renderable, text


def render_rich(obj, width=80):
    console = Console(width=width, record=True, color_system=None)
    console.print(rich_renderable(obj))
    return console.export_text()


def test_text_header_and_values():
    t = er.constant([[1., 2.], [3., 4.]])
    assert text(t) == "Tensor shape=(2, 2) dtype=float32 device=cpu:0\n[[1. 2.]\n [3. 4.]]"


def test_scalar_prints_like_a_number():
    assert text(er.constant(3.0)).splitlines()[1] == "3.0"


def test_variable_shows_its_name():
    v = er.Variable([1, 2], name="weights")
    assert text(v).startswith("Variable 'weights' shape=(2,) dtype=int32 device=cpu:0\n")


def test_untrainable_variable_says_so():
    v = er.Variable(1.0, name="step", trainable=False)
    assert "trainable=False" in text(v).splitlines()[0]


def test_large_tensor_is_summarised_quickly():
    big = er.constant(np.arange(10_000 * 10_000, dtype=np.float32).reshape(10_000, 10_000))
    start = time.perf_counter()
    rendered = text(big)
    elapsed = time.perf_counter() - start
    lines = rendered.splitlines()
    assert lines[0] == "Tensor shape=(10000, 10000) dtype=float32 device=cpu:0"
    assert "..." in rendered and len(lines) < 40
    # Generous bound for a shared CI machine; benchmarks measure the real figure.
    assert elapsed < 0.5


def test_mimebundle_has_text_and_html():
    bundle = mimebundle(er.constant([1, 2, 3]))
    assert set(bundle) == {"text/plain", "text/html"}
    assert bundle["text/plain"] == text(er.constant([1, 2, 3]))


def test_tensor_exposes_mimebundle_and_rich():
    t = er.constant([1., 2.])
    assert t._repr_mimebundle_()["text/plain"] == text(t)
    assert "shape=(2,)" in render_rich(t)


def test_html_is_escaped_and_well_formed():
    v = er.Variable([1.], name="<b>&")
    rendered = html(v)
    assert "<b>&" not in rendered and "&lt;b&gt;&amp;" in rendered

    class Nesting(HTMLParser):
        def __init__(self):
            super().__init__()
            self.stack, self.ok = [], True

        def handle_starttag(self, tag, attrs):
            self.stack.append(tag)

        def handle_endtag(self, tag):
            self.ok = self.ok and bool(self.stack) and self.stack.pop() == tag

    parser = Nesting()
    parser.feed(rendered)
    assert parser.ok and parser.stack == []
    assert "<pre" in rendered and "[1.]" in rendered


def test_rich_wraps_at_console_width():
    t = er.constant(np.linspace(0, 1, 30, dtype=np.float32))
    for line in render_rich(t, width=50).splitlines():
        assert len(line) <= 50


def test_numpy_print_options_apply():
    t = er.constant(np.arange(20))
    with np.printoptions(threshold=5, edgeitems=2):
        assert text(t).splitlines()[1] == "[ 0  1 ... 18 19]"


def test_other_objects_fall_back_to_repr():
    assert mimebundle([1, 2]) == {"text/plain": "[1, 2]"}
    assert text("x") == "'x'"


def test_objects_with_their_own_mimebundle_keep_it():
    class Pic:
        def _repr_mimebundle_(self, include=None, exclude=None):
            return {"image/svg+xml": "<svg/>"}

        def __repr__(self):
            return "Pic()"

    assert mimebundle(Pic()) == {"image/svg+xml": "<svg/>", "text/plain": "Pic()"}


def test_registered_renderer_wins():
    from eagerrepl import display

    class Thing:
        pass

    class Renderer:
        text = staticmethod(lambda obj: "a thing")
        html = staticmethod(lambda obj: "<i>a thing</i>")
        rich = staticmethod(lambda obj: "a rich thing")

    display.register(Thing, Renderer)
    try:
        assert mimebundle(Thing()) == {"text/plain": "a thing", "text/html": "<i>a thing</i>"}
        assert rich_renderable(Thing()) == "a rich thing"
    finally:
        registered = display.renderers._renderers
        registered[:] = [(c, r) for c, r in registered if c is not Thing]


def test_registering_before_first_use_keeps_tensor_rendering():
    import subprocess
    import sys
    code = ("from eagerrepl import display\nimport eagerrepl as er\n"
            "display.register(int, display)\n"
            "print(display.text(er.constant(1.)).splitlines()[0])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "Tensor shape=() dtype=float32 device=cpu:0"

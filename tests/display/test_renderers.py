"""The one extension point: every displayable shows itself through the renderer registered for its class."""

import io

import numpy as np
import pytest
from rich.console import Console

import eagerrepl as er
from eagerrepl import display
from eagerrepl.display.plot import Plot


def _rich_text(renderable):
    console = Console(file=io.StringIO(), width=100, color_system=None)
    console.print(renderable)
    return console.file.getvalue()


def _displayables():
    x = er.constant([1.0, 2.0])
    with er.GradientTape(persistent=True) as tape:
        tape.watch(x)
        y = er.reduce_sum(x * x)
    xs = np.linspace(-1, 1, 5)
    return {"Tensor": x, "Variable": er.Variable([1.0], name="v"), "GradientTape": tape,
            "TapeView": tape.render(y), "Plot": Plot(xs, xs ** 2, 2 * xs, "x ** 2", "x")}


@pytest.mark.parametrize("kind", sorted(_displayables()))
def test_every_displayable_shows_itself_through_its_registered_renderer(kind):
    obj = _displayables()[kind]
    renderer = display.renderers.renderer_for(obj)
    assert renderer is not None
    # What IPython and Jupyter ask the object for is what display renders with the renderer
    # (a plot's SVG differs from one drawing to the next in its ids: compare its mimetypes).
    own, rendered = obj._repr_mimebundle_(), display.mimebundle(obj)
    assert set(own) == set(rendered) and own["text/plain"] == rendered["text/plain"]
    assert own.get("text/html") == rendered.get("text/html")
    assert display.mimebundle(obj)["text/plain"] == display.text(obj) == renderer.text(obj)
    assert _rich_text(obj) == _rich_text(display.rich_renderable(obj))


def test_a_new_kind_of_value_plugs_in_with_a_class_and_a_renderer():
    class Gauge(display.Shown):
        def __init__(self, level):
            self.level = level

    class GaugeRenderer:
        @staticmethod
        def text(gauge):
            return "#" * gauge.level

        @staticmethod
        def html(gauge):
            return f"<meter value={gauge.level}></meter>"

        @staticmethod
        def rich(gauge):
            return f"[bold]{'#' * gauge.level}[/bold]"

    display.register(Gauge, GaugeRenderer)
    try:
        gauge = Gauge(3)
        assert str(gauge) == repr(gauge) == "###"
        assert gauge._repr_mimebundle_() == {"text/plain": "###", "text/html": "<meter value=3></meter>"}
        assert _rich_text(gauge) == "###\n"
    finally:
        registered = display.renderers._renderers
        registered[:] = [(c, r) for c, r in registered if c is not Gauge]


def test_a_renderer_may_give_more_mimetypes_and_stand_in_a_named_value():
    class Pair:
        def __init__(self, a, b):
            self.a, self.b = a, b

    class PairRenderer:
        text = staticmethod(lambda pair: f"{pair.a}, {pair.b}")
        html = staticmethod(lambda pair: None)
        rich = staticmethod(lambda pair: f"{pair.a}, {pair.b}")
        bundle = staticmethod(lambda pair: {"text/plain": f"{pair.a}, {pair.b}", "text/latex": f"${pair.a}, {pair.b}$"})

        @staticmethod
        def named(pair, names):
            by_id = {id(value): name for name, value in names.items()}
            return Pair(by_id.get(id(pair.a), pair.a), by_id.get(id(pair.b), pair.b))

    display.register(Pair, PairRenderer)
    try:
        one, two = object(), object()
        pair = Pair(one, two)
        assert display.mimebundle(pair, names={"one": one, "two": two}) == {
            "text/plain": "one, two", "text/latex": "$one, two$"}
        assert display.text(pair, names={"one": one}).startswith("one, <object object at")
    finally:
        registered = display.renderers._renderers
        registered[:] = [(c, r) for c, r in registered if c is not Pair]


def test_a_plot_sends_svg_through_its_renderer():
    pytest.importorskip("matplotlib")
    xs = np.linspace(0, 1, 5)
    bundle = display.mimebundle(Plot(xs, xs, np.ones(5), "x", "x"))
    assert set(bundle) == {"text/plain", "image/svg+xml"} and "<svg" in bundle["image/svg+xml"]

"""IPython's display formatters with eagerrepl loaded: each value's mimetypes, names on tapes, bounds, display()."""

import pytest


def test_tensor_has_text_and_html(ip, ok):
    data = ok("er.constant([1., 2.])").data
    assert set(data) == {"text/plain", "text/html"}
    assert data["text/plain"] == "Tensor shape=(2,) dtype=float32 device=cpu:0\n[1. 2.]"
    assert "eagerrepl-tensor" in data["text/html"] and "[1. 2.]" in data["text/html"]


def test_variable_has_text_and_html_with_its_name(ip, ok):
    data = ok("er.Variable([[1., 2.]], name='w')").data
    assert data["text/plain"].startswith("Variable 'w' shape=(1, 2) dtype=float32")
    assert "&#x27;w&#x27;" in data["text/html"] or "'w'" in data["text/html"]


def test_gradient_tape_is_drawn_with_the_users_names(ip, ok):
    ok("x = er.constant(3.0)\nwith er.GradientTape() as tape:\n    tape.watch(x)\n    y = x * x")
    data = ok("tape").data
    assert set(data) == {"text/plain", "text/html"}
    assert data["text/plain"].splitlines() == ["y = multiply  float32[]  9.0", "├── x  float32[]  3.0",
                                               "└── x  float32[]  3.0"]
    assert "<details" in data["text/html"]


def test_grad_result_has_text_and_html(ip, ok):
    ok("x = er.constant(2.0)")
    data = ok("%grad x**3").data
    assert set(data) == {"text/plain", "text/html"}
    assert "eagerrepl-derivatives" in data["text/html"]


def test_plot_result_has_an_svg_and_text(ip, ok):
    pytest.importorskip("matplotlib")
    data = ok("%plot er.exp(t) wrt t from 0 to 1").data
    assert set(data) == {"text/plain", "image/svg+xml"}
    assert "<svg" in data["image/svg+xml"] and "</svg>" in data["image/svg+xml"]
    assert data["text/plain"].startswith("f(t) = er.exp(t)")


def test_tape_magic_result_has_text_and_html(ip, ok):
    ok("x = er.constant(2.0)")
    data = ok("%tape x * x").data
    assert set(data) == {"text/plain", "text/html"} and "<details" in data["text/html"]


def test_display_shows_a_tensor_with_every_rendering(ip, ok):
    outputs = ok("display(er.constant([1., 2.]))").outputs
    assert len(outputs) == 1 and set(outputs[0].data) == {"text/plain", "text/html"}


def test_shown_values_are_bounded_by_the_settings(ip, ok):
    ok("%config Eagerrepl.max_lines = 4")
    ok("y = er.reshape(er.linspace(0., 1., 50), [50, 1])")
    for source in ("y", "%grad y * y", "%jacobian y wrt y"):
        lines = ok(source).plain.splitlines()
        assert len(lines) == 5 and lines[-1].startswith("… output cut to 4 lines"), source


def test_a_huge_tensor_shows_summarised(ip, ok):
    text = ok("er.broadcast_to(er.constant(1.5), [10] * 8)").data["text/plain"]
    assert text.startswith("Tensor shape=(10, 10, 10, 10, 10, 10, 10, 10)") and len(text) < 20_000


def test_magic_results_print_as_text_for_batch_modes(ip, ok):
    ok("x = er.constant(2.0)")
    assert repr(ok("%grad x**3").value) == "x**3 = 8.0\nd/dx = 12.0"
    assert repr(ok("%tape x * x").value).startswith("multiply  float32[]  4.0  grad 1.0")


def test_magic_results_render_in_a_terminal_with_rich(ip, ok):
    from rich.console import Console

    from eagerrepl.display import rich_renderable
    ok("x = er.constant(2.0)\ny = er.constant([1., 2.])")
    for source, shown in [("%grad x**3", "d/dx = 12.0"), ("%grad y * y", "[2. 4.]"),
                          ("%tape x * x", "multiply"), ("%plot t * t wrt t", "f'(t) = d/dt t * t")]:
        console = Console(width=100, record=True, color_system=None)
        console.print(rich_renderable(ok(source).value))
        assert shown in console.export_text(), source

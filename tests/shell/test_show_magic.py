"""%show and the pictures of tensors in a real IPython shell with eagerrepl loaded: what each
mimetype carries, bad input, the Eagerrepl.pictures setting, and gradients drawn as pictures."""

import xml.etree.ElementTree as ET

import pytest

SVG = "{http://www.w3.org/2000/svg}"


def svg_in(html):
    return ET.fromstring(html[html.index("<svg"):html.rindex("</svg>") + len("</svg>")])


def test_show_gives_the_picture_as_svg_and_ascii_text(ip, ok):
    ok("x = er.reshape(er.range(-12., 12.), [4, 6])")
    data = ok("%show x").data
    assert set(data) == {"text/plain", "text/html"}
    plain = data["text/plain"]
    assert plain.isascii() and plain.startswith("Tensor shape=(4, 6) dtype=float32")
    assert "min -12  max 11" in plain
    root = svg_in(data["text/html"])
    titles = [t.text for t in root.iter(f"{SVG}title")]
    assert "[3, 5] = 11" in titles and "[0, 0] = -12" in titles
    assert "[[" not in data["text/html"]  # the picture alone, not the values


def test_show_takes_any_expression_and_arrays_and_lists(ip, ok):
    ok("import numpy as np")
    assert "shape=(2, 3)" in ok("%show np.arange(6.).reshape(2, 3) * 2").data["text/plain"]
    assert ok("%show [[1, 2], [3, 4]]").data["text/plain"].startswith("list shape=(2, 2) dtype=int64")
    ok("v = er.Variable([1., 2., 3.], name='v')")
    assert ok("%show v").data["text/plain"].startswith("Variable 'v' shape=(3,)")


@pytest.mark.parametrize(("line", "says"), [
    ("%show", "%show needs an expression"),
    ("%show nothing_here", "nothing_here"),
    ("%show 'text'", "cannot draw a picture of str"),
    ("%show [[1, 2], [3]]", "cannot draw a picture"),
    ("%show (", "syntax error"),
])
def test_bad_input_is_one_line_and_the_usage(ip, run, line, says):
    ran = run(line)
    assert type(ran.error).__name__ == "UsageError"
    assert says in str(ran.error) and str(ran.error).endswith("Usage: %show EXPR")


def test_a_failing_expression_shows_its_own_error(ip, run):
    ran = run("%show 1 / 0")
    assert isinstance(ran.error, ZeroDivisionError)


def test_the_setting_turns_pictures_beside_tensors_off_and_on(ip, ok):
    ok("big = er.reshape(er.range(0., 100.), [10, 10])")
    assert "<svg" in ok("big").data["text/html"]
    ok("%config Eagerrepl.pictures = False")
    assert "<svg" not in ok("big").data["text/html"]
    assert "<svg" in ok("%show big").data["text/html"]  # asked for by name
    ok("%config Eagerrepl.pictures = True")
    assert "<svg" in ok("big").data["text/html"]


def test_unloading_puts_the_setting_back(bare, ok):
    from eagerrepl import display
    bare.extension_manager.load_extension("eagerrepl")
    ok("%config Eagerrepl.pictures = False")
    assert display.pictures_on() is False
    bare.extension_manager.unload_extension("eagerrepl")
    assert display.pictures_on() is True


def test_grad_of_an_image_sized_input_is_a_picture_beside_its_values(ip, ok):
    ok("import numpy as np\nimg = er.constant(np.random.default_rng(0).standard_normal((28, 28)), dtype=er.float32)")
    html = ok("%grad er.reduce_sum(er.tanh(img) * img)").data["text/html"]
    root = svg_in(html)
    assert "[27, 27] = " in " ".join(t.text for t in root.iter(f"{SVG}title"))
    assert "d/dimg" in html


def test_jacobian_blocks_are_facets(ip, ok):
    ok("u = er.constant([1., 2., 3.])")
    html = ok("%jacobian er.stack([u * u, er.sin(u)]) wrt u").data["text/html"]
    root = svg_in(html)
    assert {"[0]", "[1]"} <= {t.text for t in root.iter(f"{SVG}text")}


def test_tape_draws_a_big_gradient_as_a_picture(ip, ok):
    ok("import numpy as np\nm = er.constant(np.linspace(-1, 1, 64).reshape(8, 8), dtype=er.float32)")
    html = ok("%tape er.reduce_sum(m * m * m)").data["text/html"]
    assert 'class="eagerrepl-svg"' in html

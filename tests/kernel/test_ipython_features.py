"""What a Jupyter user expects of a Python kernel, through a real eagerrepl kernel over ZeroMQ:
plots, shell commands, await, display objects, directory magics, widgets, %debug, completion, and
eagerrepl's magics."""

import pytest

from kernel_messages import TIMEOUT, collect, execute, plain, result, shell_reply, stream_text

PNG = "iVBORw0KGgo"  # base64 of a PNG file's signature


def displayed(outputs):
    """The data of each display_data among a cell's outputs."""
    return [content["data"] for kind, content in outputs if kind == "display_data"]


def test_a_matplotlib_figure_arrives_as_png(kernel):
    pytest.importorskip("matplotlib")
    _, kc = kernel
    reply, outputs = execute(kc, "import matplotlib.pyplot as plt\nplt.plot([1, 2, 3])\nplt.show()")
    assert reply["status"] == "ok"
    figure, = displayed(outputs)
    assert figure["image/png"].startswith(PNG) and "Figure" in figure["text/plain"]


def test_matplotlib_inline_draws_figures_left_open_at_the_end_of_a_cell(kernel):
    pytest.importorskip("matplotlib")
    _, kc = kernel
    reply, outputs = execute(kc, "%matplotlib inline")
    assert reply["status"] == "ok" and outputs == []
    reply, outputs = execute(kc, "import matplotlib.pyplot as plt\nfigure = plt.figure()\n"
                                 "_ = plt.plot(er.sin(er.range(0., 6., 0.1)).numpy())")
    assert reply["status"] == "ok"
    figure, = displayed(outputs)
    assert figure["image/png"].startswith(PNG)


def test_shell_command_output_streams(kernel):
    _, kc = kernel
    reply, outputs = execute(kc, "!echo from the shell")
    assert reply["status"] == "ok"
    assert stream_text(outputs).strip() == "from the shell"


def test_shell_command_output_can_be_assigned(kernel):
    _, kc = kernel
    execute(kc, "lines = !printf 'one\\ntwo\\n'")
    reply, outputs = execute(kc, "lines, lines.n")
    assert reply["status"] == "ok"
    assert result(outputs)["text/plain"] == "(['one', 'two'], 'one\\ntwo')"


def test_top_level_await(kernel):
    _, kc = kernel
    reply, outputs = execute(kc, "import asyncio\nawait asyncio.sleep(0.05)\nawait asyncio.gather("
                                 "asyncio.sleep(0, 'a'), asyncio.sleep(0, 'b'))")
    assert reply["status"] == "ok"
    assert result(outputs)["text/plain"] == "['a', 'b']"


@pytest.mark.parametrize("kind, mime, content", [("Markdown", "text/markdown", "**bold**"),
                                                 ("HTML", "text/html", "<b>bold</b>")])
def test_display_objects_send_their_mime_type(kernel, kind, mime, content):
    _, kc = kernel
    reply, outputs = execute(kc, f"from IPython.display import {kind}\ndisplay({kind}({content!r}))")
    assert reply["status"] == "ok"
    data, = displayed(outputs)
    assert data[mime] == content


def test_directory_and_environment_magics(kernel, tmp_path):
    _, kc = kernel
    start = result(execute(kc, "%pwd")[1])["text/plain"]
    try:
        reply, outputs = execute(kc, f"%cd {tmp_path}")
        assert reply["status"] == "ok" and str(tmp_path) in stream_text(outputs)
        assert result(execute(kc, "%pwd")[1])["text/plain"] == repr(str(tmp_path))
        assert result(execute(kc, "import os; os.getcwd()")[1])["text/plain"] == repr(str(tmp_path))
        execute(kc, "%env EAGERREPL_TEST_VALUE=42")
        assert result(execute(kc, "%env EAGERREPL_TEST_VALUE")[1])["text/plain"] == "'42'"
        assert result(execute(kc, "os.environ['EAGERREPL_TEST_VALUE']")[1])["text/plain"] == "'42'"
    finally:
        execute(kc, f"%cd {start}")


def test_comms_and_an_ipywidgets_slider(kernel):
    pytest.importorskip("ipywidgets")
    _, kc = kernel
    reply, outputs = execute(kc, "import ipywidgets\nslider = ipywidgets.IntSlider(value=3, max=10)\nslider")
    assert reply["status"] == "ok"
    opened = {content["comm_id"]: content for kind, content in outputs if kind == "comm_open"}
    slider_id, = [comm_id for comm_id, content in opened.items()
                  if content["data"]["state"]["_model_name"] == "IntSliderModel"]
    assert opened[slider_id]["target_name"] == "jupyter.widget"
    assert opened[slider_id]["data"]["state"]["value"] == 3
    view = result(outputs)["application/vnd.jupyter.widget-view+json"]
    assert view["model_id"] == slider_id

    comms = shell_reply(kc, kc.comm_info(target_name="jupyter.widget"))
    assert comms["status"] == "ok" and comms["comms"][slider_id] == {"target_name": "jupyter.widget"}

    # The front end moves the slider: a comm_msg updates the kernel's widget.
    update = kc.session.msg("comm_msg", {"comm_id": slider_id,
                                         "data": {"method": "update", "state": {"value": 7}, "buffer_paths": []}})
    kc.shell_channel.send(update)
    assert result(execute(kc, "slider.value")[1])["text/plain"] == "7"


def test_debug_after_an_error_asks_the_front_end(kernel):
    _, kc = kernel
    execute(kc, "def halve(a):\n    return a / (a - a)\n\nhalve(3)")
    msg_id = kc.execute("%debug", allow_stdin=True)
    for answer in ("p a", "q"):
        request = kc.get_stdin_msg(timeout=TIMEOUT)
        assert request["content"]["prompt"].strip() == "ipdb>"
        kc.input(answer)
    assert shell_reply(kc, msg_id)["status"] == "ok"
    printed = plain(stream_text(collect(kc, msg_id)))
    assert "return a / (a - a)" in printed  # where it stopped
    assert "\n3\n" in printed  # `p a`


def test_completion_after_a_dot_hides_private_names(kernel):
    _, kc = kernel
    execute(kc, "x = er.constant([1., 2.])")
    reply = shell_reply(kc, kc.complete("x.", cursor_pos=2))
    assert {"numpy", "shape", "dtype"} <= set(reply["matches"])
    assert not [match for match in reply["matches"] if match.startswith("_")]
    reply = shell_reply(kc, kc.complete("x._", cursor_pos=3))
    assert reply["matches"] and all(match.startswith("_") for match in reply["matches"])


def test_completion_after_er_hides_internal_modules(kernel):
    _, kc = kernel
    reply = shell_reply(kc, kc.complete("er.", cursor_pos=3))
    assert {"constant", "GradientTape", "reduce_sum"} <= set(reply["matches"])
    assert not {"api", "backend", "cli", "kernel", "shell"} & set(reply["matches"])


def test_grad_magic(kernel):
    _, kc = kernel
    execute(kc, "w = er.constant(3.)")
    reply, outputs = execute(kc, "%grad w ** 2 wrt w")
    assert reply["status"] == "ok"
    data = result(outputs)
    assert data["text/plain"] == "w ** 2 = 9.0\nd/dw = 6.0"
    assert data["text/html"].startswith('<div class="eagerrepl-derivatives">')
    assert result(execute(kc, "float(_grad['w'])")[1])["text/plain"] == "6.0"


def test_history_is_ipythons(kernel):
    _, kc = kernel
    execute(kc, "history_marker = 6 * 7")
    reply = shell_reply(kc, kc.history(hist_access_type="search", pattern="history_marker*", output=False))
    assert [source for _, _, source in reply["history"]] == ["history_marker = 6 * 7"]

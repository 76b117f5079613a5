"""The eagerrepl kernel in JupyterLab, in headless Chromium: cells typed and run with Shift+Enter,
then what the page shows. Each test saves a screenshot of its cell in its tmp_path."""

import time

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from notebook_page import Notebook, wait_for


@pytest.fixture(scope="module")
def notebook(lab, browser):
    """One notebook on the eagerrepl kernel, shared by this module's tests (each defines its own names)."""
    return Notebook(browser, lab, "eagerrepl.ipynb", "eagerrepl")


def find(cell, selector):
    return cell.find_element(By.CSS_SELECTOR, selector)


def output_text(notebook, cell):
    return notebook.outputs(cell).text


def test_a_tensor_renders_as_html(notebook, tmp_path):
    cell = notebook.run("er.constant([[1., 2.], [3., 4.]])")
    tensor = find(cell, ".jp-OutputArea-executeResult .eagerrepl-tensor")
    assert "Tensor shape=(2, 2) dtype=float32 device=cpu:0" in tensor.text
    assert "[[1. 2.]\n [3. 4.]]" in tensor.text
    assert notebook.screenshot(tmp_path / "tensor.png", cell).stat().st_size > 0


def test_grad_shows_value_and_derivative(notebook, tmp_path):
    notebook.run("w = er.constant(3.)")
    cell = notebook.run("%grad w ** 2 wrt w")
    derivatives = find(cell, ".eagerrepl-derivatives")
    notebook.screenshot(tmp_path / "grad.png", cell)
    assert "9.0" in derivatives.text and "d/dw" in derivatives.text and "6.0" in derivatives.text


def test_tape_tree_folds_and_unfolds_on_click(notebook, tmp_path):
    notebook.run("x = er.constant(2.)")
    cell = notebook.run("%tape er.sin(x) * x")
    root = find(cell, ".eagerrepl-tape details")
    inner = root.find_element(By.XPATH, "./div/details/summary")  # the sin node, a child of the root
    assert root.get_attribute("open") is not None and inner.is_displayed()
    assert "multiply" in find(root, "summary").text and "sin" in inner.text
    notebook.screenshot(tmp_path / "tape-open.png", cell)
    find(root, "summary").click()
    wait_for(lambda: root.get_attribute("open") is None and not inner.is_displayed(), 5, what="the tree to fold")
    notebook.screenshot(tmp_path / "tape-folded.png", cell)
    find(root, "summary").click()
    wait_for(lambda: root.get_attribute("open") is not None and inner.is_displayed(), 5, what="the tree to unfold")


def test_plot_draws_an_svg(notebook, tmp_path):
    pytest.importorskip("matplotlib")
    cell = notebook.run("%plot er.tanh(t) wrt t from -3 to 3")
    picture = find(cell, ".jp-RenderedSVG img, .jp-RenderedSVG svg")
    wait_for(lambda: picture.size["width"] > 100 and picture.size["height"] > 100, 5, what="the SVG to be drawn")
    notebook.screenshot(tmp_path / "plot.png", cell)


def test_a_matplotlib_figure_is_shown(notebook, tmp_path):
    pytest.importorskip("matplotlib")
    cell = notebook.run("import matplotlib.pyplot as plt\nplt.plot(er.sin(er.range(0., 6.3, 0.1)).numpy())\nplt.show()")
    image = find(cell, ".jp-RenderedImage img")
    wait_for(lambda: notebook.driver.execute_script("return arguments[0].naturalWidth", image) > 100, 5,
             what="the PNG to be decoded")
    notebook.screenshot(tmp_path / "matplotlib.png", cell)


def test_an_ipywidgets_slider_renders_and_talks_to_the_kernel(notebook, tmp_path):
    pytest.importorskip("ipywidgets")
    cell = notebook.run("import ipywidgets\nslider = ipywidgets.IntSlider(value=7, max=10)\nslider")
    handle = wait_for(lambda: cell.find_elements(By.CSS_SELECTOR, ".widget-slider .noUi-handle"), 10,
                      what="the slider to render")[0]
    assert handle.get_attribute("aria-valuenow") == "7.0"
    assert find(cell, ".widget-readout").text == "7"
    notebook.screenshot(tmp_path / "slider.png", cell)
    handle.click()
    handle.send_keys(Keys.ARROW_RIGHT)  # the widget sends the new value to the kernel over its comm
    wait_for(lambda: find(cell, ".widget-readout").text == "8", 5, what="the slider to move")
    assert output_text(notebook, notebook.run("slider.value")).endswith("8")


def test_print_output_streams_while_the_cell_runs(notebook, tmp_path):
    cell = notebook.run("import time\nfor i in range(3):\n    print('tick', i)\n    time.sleep(1)", wait=False)
    wait_for(lambda: "tick 0" in output_text(notebook, cell), 5, what="the first line of output")
    assert notebook.prompt(cell) == "[*]:", "the first line appeared only after the cell finished"
    notebook.screenshot(tmp_path / "streaming.png", cell)
    wait_for(lambda: notebook.finished(cell), 10, what="the cell to finish")
    assert output_text(notebook, cell).split("\n") == ["tick 0", "tick 1", "tick 2"]


def test_a_traceback_is_readable(notebook, tmp_path):
    cell = notebook.run("def f(x):\n    return x / 0\n\nf(1)")
    error = find(cell, '[data-mime-type="application/vnd.jupyter.stderr"]')
    notebook.screenshot(tmp_path / "traceback.png", cell)
    text = error.text
    assert text.rstrip().endswith("ZeroDivisionError: division by zero")
    assert "line 2" in text and "return x / 0" in text
    assert "\x1b" not in text and "[0;3" not in text  # colours rendered, not shown as escape codes
    assert error.find_elements(By.CSS_SELECTOR, "[class^=ansi]")


def test_interrupt_button_stops_the_cell_and_keeps_the_namespace(notebook, tmp_path):
    notebook.run("kept = er.constant(41.)")
    cell = notebook.run("import time\nwhile True:\n    time.sleep(0.05)", wait=False)
    wait_for(lambda: notebook.kernel_status() == "busy", 5, what="the kernel to take the cell")
    time.sleep(0.5)  # let the loop start: an interrupt before the cell runs would hit nothing
    notebook.driver.find_element(
        By.CSS_SELECTOR, ".jp-NotebookPanel-toolbar [data-command='notebook:interrupt-kernel']").click()
    wait_for(lambda: notebook.finished(cell), 10, what="the interrupt to stop the cell")
    assert "KeyboardInterrupt" in output_text(notebook, cell)
    notebook.screenshot(tmp_path / "interrupted.png", cell)
    assert output_text(notebook, notebook.run("float(kept + 1)")).endswith("42.0")

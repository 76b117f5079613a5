"""The demo notebooks, run end to end by nbclient against the installed eagerrepl kernel."""

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

DEMOS = Path(__file__).resolve().parents[2] / "demos"
NOTEBOOKS = sorted(DEMOS.glob("*.ipynb"))


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    """Run each notebook once (in a scratch folder) and keep the results: {stem: notebook}."""
    cache = {}

    def run(path):
        if path.stem not in cache:
            notebook = nbformat.read(path, as_version=4)
            workdir = tmp_path_factory.mktemp(path.stem)
            NotebookClient(notebook, kernel_name="eagerrepl", timeout=60,
                           resources={"metadata": {"path": str(workdir)}}).execute()
            cache[path.stem] = notebook
        return cache[path.stem]
    return run


def code_cells(notebook):
    return [cell for cell in notebook.cells if cell.cell_type == "code"]


def text_of(cell):
    """Everything a cell printed, as one string."""
    return "".join(output.get("text", "") for output in cell.outputs if output.output_type == "stream")


def result_of(cell):
    """The execute_result's data of a cell."""
    results = [output for output in cell.outputs if output.output_type == "execute_result"]
    assert len(results) == 1, cell.outputs
    return results[0].data


def test_there_are_demo_notebooks():
    assert {path.stem for path in NOTEBOOKS} >= {"seed_eager_basics", "seed_gradients", "seed_linear_regression",
                                             "derivatives"}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[path.stem for path in NOTEBOOKS])
def test_notebook_runs_without_unexpected_errors(executed, path):
    notebook = executed(path)
    for cell in code_cells(notebook):
        errors = [output for output in cell.outputs if output.output_type == "error"]
        expected = "raises-exception" in cell.metadata.get("tags", [])
        assert bool(errors) == expected, (cell.source, errors)
        assert cell.execution_count is not None


def test_eager_basics_outputs(executed):
    cells = code_cells(executed(DEMOS / "seed_eager_basics.ipynb"))
    assert text_of(cells[0]) == "Tensor([[4.]], shape=(1, 1), dtype=float32)\n"
    result = result_of(cells[1])
    assert result["text/plain"] == "Tensor shape=(1, 1) dtype=float32 device=cpu:0\n[[4.]]"
    assert "<pre" in result["text/html"]
    assert text_of(cells[2]) == "[1. 4. 9.]\n"
    assert text_of(cells[3]).splitlines() == [f"Tensor({v}, shape=(), dtype=float32)" for v in ("1.0", "2.0", "3.0")]
    assert len(text_of(cells[4]).splitlines()) == 4
    display, printed = cells[5].outputs
    assert display.output_type == "display_data" and "text/html" in display.data
    assert printed.text == "shape: (2, 2)\n"


def test_gradients_outputs(executed):
    cells = code_cells(executed(DEMOS / "seed_gradients.ipynb"))
    assert "numpy=4.0" in result_of(cells[0])["text/plain"] and "numpy=6.0" in result_of(cells[0])["text/plain"]
    assert [part.split("numpy=")[1][:3] for part in text_of(cells[1]).split("<Tensor")[1:]] == ["6.0", "2.0", "0.0"]
    assert "numpy=4.0" in text_of(cells[2]) and "'vx'" in text_of(cells[2]) and "'vy'" not in text_of(cells[2])
    error, = cells[3].outputs
    assert error.ename == "InvalidArgumentError" and "matmul" in error.evalue
    assert all("eagerrepl/" not in line for line in error.traceback)
    assert result_of(cells[4]) == {"text/plain": "10.0"}  # the namespace survived the error


def test_linear_regression_fits(executed):
    cells = code_cells(executed(DEMOS / "seed_linear_regression.ipynb"))
    lines = text_of(cells[4]).splitlines()
    assert lines[0].startswith("Initial loss: ") and lines[-1].startswith("Final loss: ")
    assert float(lines[-1].split(": ")[1]) < 1.2 < 60 < float(lines[0].split(": ")[1])
    weight, bias = result_of(cells[5]), result_of(cells[6])
    assert weight["text/plain"].startswith("Variable 'weight' shape=() dtype=float32")
    assert abs(float(weight["text/plain"].splitlines()[1]) - 3) < 0.3
    assert abs(float(bias["text/plain"].splitlines()[1]) - 2) < 0.3


def test_derivative_magics_and_tape_trees(executed):
    cells = code_cells(executed(DEMOS / "derivatives.ipynb"))
    grad = result_of(cells[1])
    assert grad["text/plain"] == "w ** 3 + tf.sin(w) = 8.909297\nd/dw = 11.583853"
    assert grad["text/html"].startswith('<div class="eagerrepl-derivatives">')
    assert result_of(cells[2])["text/plain"].endswith("d^3/dw^3 = 6.0")
    assert "numpy=9.0" in result_of(cells[3])["text/plain"]  # dy/dw = x**2
    tree = result_of(cells[4])
    assert tree["text/plain"].startswith("y = add  float32[]  18.14\n├── multiply")
    assert "x  Variable float32[]  3.0" in tree["text/plain"]
    assert tree["text/html"].startswith('<div class="eagerrepl-tape"') and "<details" in tree["text/html"]
    drawn = result_of(cells[5])
    assert "grad 3.584" in drawn["text/plain"] and "text/html" in drawn


def test_plot_sends_svg(executed):
    pytest.importorskip("matplotlib")
    plot = result_of(code_cells(executed(DEMOS / "derivatives.ipynb"))[6])
    assert plot["text/plain"].startswith("f(t) = tf.tanh(t)")
    assert "<svg" in plot["image/svg+xml"]

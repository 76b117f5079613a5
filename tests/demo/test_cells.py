"""Splitting demo files into cells: blank lines between finished statements, or `# %%` markers."""

from eagerrepl.demo import parse_cells


def sources(text):
    return [cell.source for cell in parse_cells(text)]


def test_blank_lines_separate_cells():
    assert sources("x = 1\n\ny = 2\nx + y\n") == ["x = 1", "y = 2\nx + y"]


def test_blank_lines_inside_a_function_keep_it_one_cell():
    text = "def f(x):\n    y = x\n\n    return y\n\n\nf(2)\n"
    assert sources(text) == ["def f(x):\n    y = x\n\n    return y", "f(2)"]


def test_a_blank_line_before_else_keeps_the_statement_whole():
    text = "if x:\n    a = 1\n\nelse:\n    a = 2\n\na\n"
    assert sources(text) == ["if x:\n    a = 1\n\nelse:\n    a = 2", "a"]


def test_a_blank_line_inside_brackets_does_not_split():
    text = "values = [\n    1,\n\n    2,\n]\n\nvalues\n"
    assert sources(text) == ["values = [\n    1,\n\n    2,\n]", "values"]


def test_comments_alone_introduce_the_next_cell():
    text = "# Title of the demo\n\n# What comes next\nx = 1\n\n# trailing note\n"
    assert sources(text) == ["# Title of the demo\n# What comes next\nx = 1\n\n# trailing note"]


def test_markers_split_and_blank_lines_then_do_not():
    text = "import numpy\n\nx = 1\n# %% second\ny = 2\n\nz = 3\n# %%\n\n# %%\nz\n"
    assert sources(text) == ["import numpy\n\nx = 1", "y = 2\n\nz = 3", "z"]


def test_magics_are_cells_like_any_other():
    assert sources("%whos\n\n%%timeit -n1\nx = 1\n\ny\n") == ["%whos", "%%timeit -n1\nx = 1", "y"]


def test_cells_know_the_line_they_start_on():
    assert [cell.line for cell in parse_cells("\n\nx = 1\n\n\ny = 2\n")] == [3, 6]

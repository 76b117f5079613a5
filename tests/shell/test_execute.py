"""Session.execute: cells, results, streams, errors, history names."""

import numpy as np

import eagerrepl as er
from eagerrepl.shell import Session



def stdout_of(result):
    return "".join(o.text for o in result.outputs if getattr(o, "name", None) == "stdout")


def test_namespace_has_er_and_np(session):
    result = session.execute("er.__name__, np.__name__")
    assert result.result.value == ("eagerrepl", "numpy")


def test_final_expression_is_the_result(session):
    result = session.execute("a = 2\nb = 3\na * b")
    assert result.success
    assert result.result.value == 6
    assert result.result.data["text/plain"] == "6"


def test_statement_cell_has_no_result(session):
    assert session.execute("a = 1").result is None


def test_trailing_semicolon_hides_result(session):
    result = session.execute("1 + 1;")
    assert result.result is None
    assert 2 not in session.Out.values()


def test_tensor_result_has_text_and_html(session):
    result = session.execute("er.constant([[1., 2.], [3., 4.]])")
    data = result.result.data
    assert data["text/plain"].startswith("Tensor shape=(2, 2) dtype=float32 device=cpu:0\n")
    assert "[[1. 2.]" in data["text/plain"]
    assert "<pre" in data["text/html"]
    assert isinstance(result.result.value, er.Tensor)


def test_result_has_rich_renderable(session):
    from rich.console import Console
    result = session.execute("er.constant([1., 2.])")
    console = Console(width=80, record=True, color_system=None)
    console.print(result.result.rich())
    assert "shape=(2,)" in console.export_text()


def test_print_is_captured_not_printed(session, capsys):
    result = session.execute("print('hello')\nprint('world')")
    assert stdout_of(result) == "hello\nworld\n"
    assert capsys.readouterr().out == ""


def test_stderr_is_its_own_stream(session):
    result = session.execute("import sys\nsys.stderr.write('oops\\n')\nNone")
    assert [(o.name, o.text) for o in result.outputs] == [("stderr", "oops\n")]


def test_on_output_sees_streams_as_they_happen(session):
    seen = []
    session.execute("print(1)\nprint(2)", on_output=lambda o: seen.append(o.text))
    assert "".join(seen) == "1\n2\n"


def test_display_sends_display_data(session):
    result = session.execute("display(er.constant(3.))\n5")
    shown = [o for o in result.outputs if hasattr(o, "data")]
    assert len(shown) == 1 and "shape=()" in shown[0].data["text/plain"]
    assert result.result.value == 5


def test_error_is_data_and_session_goes_on(session):
    session.execute("x = er.constant(2.)")
    result = session.execute("y = 1\n1 / 0")
    assert not result.success
    assert result.error.ename == "ZeroDivisionError"
    assert result.error.traceback[-1] == "ZeroDivisionError: division by zero"
    assert session.execute("float(x) + y").result.value == 3.0


def test_traceback_is_trimmed_to_user_code(session):
    session.execute("def f(a):\n    return a.nope")
    error = session.execute("f(er.constant(1.))").error
    text = error.text()
    assert "In [2], line 1, in <module>" in text
    assert "In [1], line 2, in f" in text
    assert "    return a.nope" in text
    assert "session.py" not in text and "eagerrepl/" not in text
    assert [f.cell for f in error.frames] == [2, 1]


def test_engine_error_shows_user_line_not_engine_frames(session):
    error = session.execute("er.constant([1., 2.]) + er.constant([1., 2., 3.])").error
    assert error is not None
    assert all(f.cell == 1 for f in error.frames)
    assert "In [1], line 1" in error.text()


def test_full_tracebacks_setting_shows_internal_frames():
    session = Session(full_tracebacks=True)
    error = session.execute("1/0").error
    assert "session.py" in error.text()


def test_syntax_error_points_at_the_cell(session):
    error = session.execute("x = (1,\ny = 2 2").error
    assert error.ename == "SyntaxError"
    assert any("In [1], line" in line for line in error.traceback)
    assert "ast.py" not in error.text()


def test_keyboard_interrupt_is_an_error_not_a_crash(session):
    error = session.execute("raise KeyboardInterrupt").error
    assert error.ename == "KeyboardInterrupt"
    assert session.execute("1").result.value == 1


def test_chained_exception_shows_both(session):
    error = session.execute("try:\n    1/0\nexcept Exception as e:\n    raise ValueError('bad') from e").error
    text = error.text()
    assert "ZeroDivisionError" in text and "direct cause" in text and text.endswith("ValueError: bad")


def test_exit_is_reported_not_raised(session):
    result = session.execute("exit(3)")
    assert result.exit_requested and result.exit_status == 3


def test_broken_repr_is_an_error(session):
    result = session.execute("class B:\n    def __repr__(self):\n        raise RuntimeError('no repr')\nB()")
    assert result.error.ename == "RuntimeError"


def test_numbering_in_out_and_underscores(session):
    session.execute("10")
    session.execute("20")
    session.execute("x = 5")
    session.execute("30")
    ns = session.namespace
    assert session.In[1:] == ["10", "20", "x = 5", "30"]
    assert session.Out == {1: 10, 2: 20, 4: 30}
    assert (ns["_"], ns["__"], ns["___"]) == (30, 20, 10)
    assert ns["_2"] == 20 and ns["_i3"] == "x = 5"
    assert session.execute("Out[1] + _4").result.value == 40


def test_failed_cell_still_takes_a_number(session):
    session.execute("1/0")
    assert session.execute("2").execution_count == 2


def test_blank_cell_takes_no_number(session):
    assert session.execute("   \n").result is None
    assert session.execute("7").execution_count == 1


def test_store_history_false_keeps_numbering(session):
    session.execute("1", store_history=False)
    assert session.execution_count == 1 and session.In == [""]


def test_silent_hides_result(session):
    assert session.execute("1 + 1", silent=True).result is None


def test_functions_defined_in_cells_have_source(session):
    session.execute("def sq(v):\n    return v * v")
    result = session.execute("import inspect\ninspect.getsource(sq)")
    assert "return v * v" in result.result.value


def test_reset_keeps_er_and_np():
    session = Session()
    session.execute("w = er.Variable(1.0)\n5")
    session.reset()
    assert "w" not in session.namespace and session.Out == {}
    assert session.execute("np.float32(er.constant(2.))").result.value == np.float32(2.)


def test_execute_file_runs_as_main_with_argv(session, tmp_path):
    path = tmp_path / "script.py"
    path.write_text("import sys\nARGS = sys.argv[1:]\nprint(__name__)\n1 + 1\n")
    result = session.execute_file(str(path), ["a", "b"])
    assert result.success and result.result is None
    assert [o.text for o in result.outputs] == ["__main__\n"]
    assert session.namespace["ARGS"] == ["a", "b"]


def test_error_in_file_names_the_file(session, tmp_path):
    path = tmp_path / "bad.py"
    path.write_text("x = 1\nraise ValueError('in file')\n")
    error = session.execute_file(str(path)).error
    assert f'File "{path}", line 2' in error.text()


def test_text_the_tokenizer_chokes_on_is_an_error_not_a_crash(session):
    # Python 3.13's tokenizer raises UnicodeDecodeError on a lone "\r" before a non-ASCII character.
    result = session.execute("%grad \r\x80")
    assert result.error is not None
    assert session.execute("1 + 1").result.data["text/plain"] == "2"

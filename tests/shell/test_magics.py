"""Magics through Session.execute, as a person types them."""


import pytest

from eagerrepl.shell import Session
from eagerrepl.shell.magics import Magic


def out(result):
    return "".join(o.text for o in result.outputs if getattr(o, "name", None) == "stdout")


def test_time_shows_times_and_returns_the_value(session):
    result = session.execute("%time 6 * 7")
    assert "Wall time:" in out(result) and "CPU time:" in out(result)
    assert result.result.value == 42


def test_time_cell_magic_runs_the_body(session):
    result = session.execute("%%time\nq = 2\nq + 1")
    assert result.result.value == 3 and session.namespace["q"] == 2


def test_timeit_reports_mean_and_spread(session):
    result = session.execute("%timeit -n 5 -r 3 er.constant(1.) + 1")
    assert result.success
    assert "per loop (mean ± std. dev. of 3 runs, 5 loops each)" in out(result)


def test_timeit_cell_with_setup(session):
    result = session.execute("%%timeit -n 2 -r 2 z = 3\nz * z")
    assert "of 2 runs, 2 loops each" in out(result)


def test_timeit_without_statement_is_a_usage_error(session):
    error = session.execute("%timeit").error
    assert error.ename == "UsageError" and error.usage.startswith("%timeit")
    assert error.traceback == ["UsageError: %timeit needs a statement to time", f"Usage: {error.usage}"]


def test_magic_inside_a_block(session):
    result = session.execute("for i in range(2):\n    %time i")
    assert out(result).count("Wall time") == 2


def test_percent_in_strings_and_brackets_is_not_a_magic(session):
    result = session.execute('s = """\n%who\n"""\nn = (7\n%3)\ns, n')
    assert result.result.value == ("\n%who\n", 1)


def test_unknown_magic_says_how_to_list_them(session):
    error = session.execute("%nosuch").error
    assert error.ename == "UsageError" and "%magic" in error.evalue


def test_magic_lists_every_magic_with_help(session):
    text = out(session.execute("%magic"))
    for name in ["%time", "%timeit", "%who", "%reset", "%run", "%load", "%save", "%history",
                 "%device", "%magic", "%%time", "%%timeit"]:
        assert name in text
    assert "list your variables" in text


def test_who_lists_tensors_with_shape_dtype_device(session):
    session.execute("w = er.Variable([[1., 2.]], name='w')\nt = er.constant([1, 2, 3])\nn = 3")
    text = out(session.execute("%who"))
    lines = text.splitlines()
    assert lines[0].split() == ["Name", "Type", "Shape", "Dtype", "Device"]
    assert lines[1].split() == ["n", "int"]
    assert lines[2].split() == ["t", "Tensor", "(3,)", "int32", "cpu:0"]
    assert lines[3].split() == ["w", "Variable", "(1,", "2)", "float32", "cpu:0"]
    assert "er" not in [line.split()[0] for line in lines]


def test_who_t_only_tensors(session):
    session.execute("t = er.constant(1.)\nn = 3")
    text = out(session.execute("%who -t"))
    assert "t " in text and "\nn " not in text


def test_who_when_empty(session):
    assert out(session.execute("%who")) == "No variables defined.\n"


def test_reset_forgets_names_but_keeps_er(session):
    session.execute("a = 1\nb = 2")
    assert out(session.execute("%reset -f")) == "Forgot 2 names.\n"
    assert session.execute("a").error.ename == "NameError"
    assert session.execute("er.constant(1.).shape").result.value == ()


def test_run_file_defines_names(session, tmp_path):
    path = tmp_path / "prog.py"
    path.write_text("import sys\nloaded = sys.argv[1:]\n%time z = 1\n")
    result = session.execute(f"%run {path} one")
    assert result.success, result.error and result.error.text()
    assert session.namespace["loaded"] == ["one"] and session.namespace["z"] == 1


def test_run_missing_file(session):
    error = session.execute("%run /no/such/file.py").error
    assert error.ename == "UsageError" and "no such file" in error.evalue


def test_load_sets_next_input(session, tmp_path):
    path = tmp_path / "snippet.py"
    path.write_text("x = 41\nx + 1\n")
    result = session.execute(f"%load {path}")
    assert result.next_input == "x = 41\nx + 1"
    assert session.execute("1").next_input is None


def test_save_writes_chosen_cells(session, tmp_path):
    session.execute("a = 1")
    session.execute("b = 2")
    session.execute("c = a + b")
    path = tmp_path / "saved.py"
    assert "Saved 2 cells" in out(session.execute(f"%save {path} 1 3"))
    assert path.read_text() == "a = 1\nc = a + b\n"
    session.execute(f"%save -a {path} 2")
    assert path.read_text().endswith("b = 2\n")


def test_save_rejects_cells_that_do_not_exist(session, tmp_path):
    session.execute("a = 1")
    error = session.execute(f"%save {tmp_path / 'x.py'} 5").error
    assert error.ename == "UsageError" and "1-1" in error.evalue


def test_history_numbered_and_search(session):
    session.execute("alpha = 1")
    session.execute("beta = 2\nbeta")
    assert out(session.execute("%history -n")) == "   1: alpha = 1\n   2: beta = 2\n      beta\n"
    assert out(session.execute("%history -g alpha")) == "alpha = 1\n"
    assert out(session.execute("%history 2")) == "beta = 2\nbeta\n"


def test_device_lists_and_sets(session):
    text = out(session.execute("%device"))
    assert "* cpu:0" in text
    assert out(session.execute("%device cpu")) == "Default device: cpu:0\n"


def test_device_gpu_without_gpu_is_a_clear_usage_error(session):
    import eagerrepl as er
    if any(d.startswith("gpu") for d in er.list_devices()):
        pytest.skip("a GPU is present")
    error = session.execute("%device gpu").error
    assert error.ename == "UsageError" and error.evalue
    assert session.execute("er.get_default_device()").result.value == "cpu:0"


def test_help_suffix_and_prefix(session):
    session.execute("def f(a, b=2):\n    '''Add things.'''\n    return a + b")
    text = out(session.execute("f?"))
    assert "Signature: f(a, b=2)" in text and "Add things." in text
    assert out(session.execute("?f")) == text
    assert "return a + b" in out(session.execute("f??"))


def test_help_on_tensor_shows_header(session):
    session.execute("t = er.constant([1., 2.])")
    assert "Tensor shape=(2,) dtype=float32 device=cpu:0" in out(session.execute("t?"))


def test_help_unknown_name(session):
    assert "Object `nope` not found" in out(session.execute("nope?"))


def test_bare_question_mark_gives_a_guide(session):
    assert "%magic" in out(session.execute("?"))


def test_a_new_magic_registers_with_a_decorator_and_shows_in_magic():
    from eagerrepl.shell.magics import line_magic, registry
    try:
        @line_magic("twice_test", "double a number", usage="%twice_test N")
        def twice(session, args):
            return 2 * int(args)
        session = Session()
        assert session.execute("%twice_test 21").result.value == 42
        assert "double a number" in out(session.execute("%magic"))
    finally:
        registry.line.pop("twice_test", None)


def test_session_local_magic_does_not_leak():
    one, two = Session(), Session()
    one.register_magic(Magic("mine", "line", lambda s, a: "yes", "mine only", "%mine"))
    assert one.execute("%mine").result.value == "yes"
    assert two.execute("%mine").error.ename == "UsageError"

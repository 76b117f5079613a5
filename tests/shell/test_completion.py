"""is_complete, complete and inspect."""


import pytest


@pytest.mark.parametrize("source, expected", [
    ("x = 1", ("complete", "")),
    ("", ("complete", "")),
    ("def f():", ("incomplete", "    ")),
    ("def f():\n    return 1", ("incomplete", "")),
    ("def f():\n    x = 1", ("incomplete", "    ")),
    ("def f():\n    return 1\n", ("complete", "")),
    ("x = (1,", ("incomplete", "")),
    ("x = 1 + \\", ("incomplete", "")),
    ("1 +", ("invalid", "")),
    (")", ("invalid", "")),
    ("%time x", ("complete", "")),
    ("x?", ("complete", "")),
    ("%%timeit\nx", ("incomplete", "")),
    ("%%timeit\nx\n", ("complete", "")),
])
def test_is_complete(session, source, expected):
    assert session.is_complete(source) == expected


def test_complete_tensor_attributes(session):
    session.execute("t = er.constant([1., 2.])")
    found = session.complete("t.sh")
    assert "t.shape"[2:] in found.matches
    assert found.cursor_start == 2 and found.cursor_end == 4


def test_complete_er_members(session):
    found = session.complete("er.Vari")
    assert "Variable" in found.matches


def test_complete_dict_keys(session):
    session.execute("d = {'alpha': 1, 'beta': 2}")
    found = session.complete('d["al')
    assert any(m.startswith('"alpha') for m in found.matches)
    assert found.cursor_start == 2


def test_complete_in_the_middle(session):
    found = session.complete("er.Vari + 1", cursor=7)
    assert "Variable" in found.matches and found.cursor_end == 7


def test_complete_magic_names(session):
    found = session.complete("%ti")
    assert found.matches == ["%time", "%timeit"] and found.cursor_start == 0
    assert session.complete("%%ti").matches == ["%%time", "%%timeit"]


def test_complete_magic_options(session):
    found = session.complete("%device g")
    assert found.matches == ["gpu"] and found.cursor_start == 8


def test_complete_paths_for_file_magics(session, tmp_path):
    (tmp_path / "script_one.py").write_text("")
    (tmp_path / "subdir").mkdir()
    found = session.complete(f"%run {tmp_path}/s")
    assert f"{tmp_path}/script_one.py" in found.matches
    assert f"{tmp_path}/subdir/" in found.matches


def test_complete_paths_in_strings(session, tmp_path):
    (tmp_path / "data_file.txt").write_text("")
    found = session.complete(f"open('{tmp_path}/data_f")
    assert "data_file.txt'" in found.matches  # jedi closes the string too



def test_inspect_signature_and_docstring(session):
    found = session.inspect("er.Variable(", 12)
    assert found.found
    text = found.data["text/plain"]
    assert "Signature: er.Variable(initial_value" in text and "mutable" in text


def test_inspect_name_under_cursor(session):
    session.execute("t = er.constant(1.)")
    found = session.inspect("t + 1", 1)
    assert "Tensor shape=() dtype=float32" in found.data["text/plain"]


def test_inspect_nothing(session):
    assert not session.inspect("1 + ", 4).found
    assert not session.inspect("undefined_name", 5).found

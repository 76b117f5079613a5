"""Tab completion by IPython's completer (jedi, as IPython configures it by default) with eagerrepl loaded."""

import pytest
from IPython.core.completer import provisionalcompleter

INTERNAL = {"api", "backend", "cli", "demo", "display", "engine", "kernel", "repl", "shell",
            "load_ipython_extension", "unload_ipython_extension"}


def complete(shell, text):
    """The completions IPython offers at the end of `text`, as the text each would put there."""
    with provisionalcompleter():
        return [c.text for c in shell.Completer.completions(text, len(text))]


@pytest.fixture
def t(ip, ok):
    ok("t = er.constant([1., 2.])")
    return ip


def test_jedi_does_the_completing(ip):
    assert ip.Completer.use_jedi


def test_tensor_attributes_without_private_names(t):
    found = complete(t, "t.")
    assert {"shape", "dtype", "numpy", "device"} <= set(found)
    assert [name for name in found if name.startswith("_")] == []


def test_private_names_once_an_underscore_is_typed(t):
    found = complete(t, "t._")
    assert {"_value", "_repr_mimebundle_"} <= set(found)


def test_er_members_without_eagerrepls_internal_modules(ip, ok):
    ok("import eagerrepl.shell, eagerrepl.display, eagerrepl.api, eagerrepl.engine, eagerrepl.backend")
    found = set(complete(ip, "er."))
    assert {"constant", "Variable", "GradientTape", "reduce_sum", "nn", "train"} <= found
    assert found & INTERNAL == set()


def test_dir_of_er_is_the_api(ip):
    import eagerrepl
    assert "constant" in dir(eagerrepl) and set(dir(eagerrepl)) & INTERNAL == set()


def test_internal_modules_stay_importable_by_name(ip, ok):
    ok("import eagerrepl.display")
    assert ok("er.display").value.__name__ == "eagerrepl.display"


def test_er_prefix(ip):
    assert complete(ip, "er.Vari") == ["Variable"]


def test_dict_keys(ip, ok):
    ok("d = {'alpha': 1, 'beta': 2}")
    assert complete(ip, "d['al") == ["alpha"]


def test_magic_names(ip):
    found = complete(ip, "%gra")
    assert "%grad" in found and "%gradcheck" in found
    assert "%%tape" in complete(ip, "%%ta")


def test_words_a_magic_takes(ip):
    assert complete(ip, "%device g") == ["gpu"]
    assert {"on", "off"} <= set(complete(ip, "%debug_nan o"))  # and Python words: it also takes an EXPR

"""The kernel reads the `eagerrepl` IPython profile, as the REPL does; the stock python3 kernel, with
`%load_ext eagerrepl`, keeps reading its own (profile_default)."""

import pytest

from kernel_messages import execute, result, start, stop


@pytest.fixture
def ipython_dir(tmp_path):
    """An IPYTHONDIR whose eagerrepl and default profiles each say which they are."""
    eagerrepl = tmp_path / "profile_eagerrepl"
    (eagerrepl / "startup").mkdir(parents=True)
    (eagerrepl / "ipython_config.py").write_text(
        "c.InteractiveShellApp.exec_lines = ['where = \"eagerrepl profile\"']\n"
        "c.Eagerrepl.max_lines = 3\n")
    (eagerrepl / "ipython_kernel_config.py").write_text("c.InteractiveShell.ast_node_interactivity = 'all'\n")
    (eagerrepl / "startup" / "00-names.py").write_text("from_startup = 'eagerrepl startup'\n")
    default = tmp_path / "profile_default"
    (default / "startup").mkdir(parents=True)
    (default / "ipython_config.py").write_text("c.InteractiveShellApp.exec_lines = ['where = \"default profile\"']\n")
    (default / "startup" / "00-names.py").write_text("from_startup = 'default startup'\n")
    return tmp_path


def test_the_kernel_is_configured_by_the_eagerrepl_profile(ipython_dir):
    km, kc = start(IPYTHONDIR=str(ipython_dir))
    try:
        reply, outputs = execute(kc, "where, from_startup, get_ipython().profile")
        assert reply["status"] == "ok", reply
        assert result(outputs)["text/plain"] == "('eagerrepl profile', 'eagerrepl startup', 'eagerrepl')"
        _, outputs = execute(kc, "'\\n'.join(map(str, range(50)))\nlist(range(50))")
        shown = [content["data"]["text/plain"] for kind, content in outputs if kind == "execute_result"]
        assert len(shown) == 2  # ipython_kernel_config.py: every expression of a cell shows
        assert shown[1].startswith("[0,\n 1,\n 2,\n") and "cut to 3 lines" in shown[1]  # c.Eagerrepl
    finally:
        stop(km, kc)


def test_the_python3_kernel_with_the_extension_keeps_its_own_profile(ipython_dir):
    km, kc = start("python3", IPYTHONDIR=str(ipython_dir))
    try:
        assert execute(kc, "%load_ext eagerrepl")[0]["status"] == "ok"
        _, outputs = execute(kc, "where, from_startup, get_ipython().profile")
        assert result(outputs)["text/plain"] == "('default profile', 'default startup', 'default')"
    finally:
        stop(km, kc)


def test_a_first_start_makes_the_eagerrepl_profile(tmp_path):
    km, kc = start(IPYTHONDIR=str(tmp_path))
    try:
        assert result(execute(kc, "get_ipython().profile")[1])["text/plain"] == "'eagerrepl'"
        assert (tmp_path / "profile_eagerrepl").is_dir()
    finally:
        stop(km, kc)

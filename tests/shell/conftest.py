"""A real IPython InteractiveShell in this process, fresh for each test, with or without eagerrepl loaded."""

import sys
from dataclasses import dataclass

import pytest
from IPython.core.interactiveshell import InteractiveShell
from IPython.utils.capture import capture_output
from traitlets.config import Config


@pytest.fixture(scope="session", autouse=True)
def ipython_dir(tmp_path_factory):
    """IPython's profile folder for these tests: never the user's own ~/.ipython."""
    path = tmp_path_factory.mktemp("ipython")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("IPYTHONDIR", str(path))
        yield path


@pytest.fixture
def new_shell():
    """new_shell(config=None): a new InteractiveShell, made IPython's current one; colourless, history in memory."""
    main = sys.modules["__main__"]  # a shell puts its own namespace there

    def make(config=None):
        config = config or Config()
        config.HistoryManager.hist_file = ":memory:"
        config.InteractiveShell.colors = "nocolor"
        InteractiveShell.clear_instance()
        return InteractiveShell.instance(config=config)
    yield make
    InteractiveShell.clear_instance()
    sys.modules["__main__"] = main
    import eagerrepl as er
    er.seterr(all="ignore")  # %debug_nan on is for the whole process


@pytest.fixture
def bare(new_shell):
    """A shell without eagerrepl."""
    return new_shell()


@pytest.fixture
def ip(bare):
    """A shell with `%load_ext eagerrepl` done."""
    bare.extension_manager.load_extension("eagerrepl")
    return bare


@dataclass
class Ran:
    """What one cell did: IPython's ExecutionResult, and what it printed."""

    result: object
    stdout: str
    stderr: str
    outputs: list  # what the cell display()ed, as IPython.utils.capture.RichOutput
    shell: object

    @property
    def value(self):
        """The cell's result (what Out[n] holds)."""
        return self.result.result

    @property
    def error(self):
        """The exception the cell raised, or None."""
        return self.result.error_before_exec or self.result.error_in_exec

    @property
    def data(self):
        """The result's renderings by mimetype, as the shell's display formatter makes them."""
        return self.shell.display_formatter.format(self.value)[0]

    @property
    def plain(self):
        """The result's text/plain ("" when the cell has no result)."""
        return "" if self.value is None else self.data["text/plain"]


@pytest.fixture
def run(new_shell):
    """run(source) -> Ran: runs one cell in the current shell, stored in its history as a person's cell is."""
    def run_cell(source):
        shell = InteractiveShell.instance()
        with capture_output() as captured:
            result = shell.run_cell(source, store_history=True)
        return Ran(result, captured.stdout, captured.stderr, captured.outputs, shell)
    return run_cell


@pytest.fixture
def ok(run):
    """ok(source) -> Ran, asserting the cell ran without an error."""
    def run_ok(source):
        ran = run(source)
        assert ran.error is None, ran.stdout + ran.stderr
        return ran
    return run_ok


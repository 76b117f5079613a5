"""Errors in a shell with eagerrepl loaded: IPython's tracebacks, with the user's frames and not eagerrepl's."""

import os
import re
import sys

import pytest

import eagerrepl

PACKAGE = os.path.dirname(os.path.abspath(eagerrepl.__file__)) + os.sep
RESHAPE = "def f(a):\n    return er.reshape(a, [3])\nf(er.constant([1., 2.]))"


def eagerrepl_frames(shown):
    """The frames in eagerrepl's own files a shown traceback has (`File /x.py:3` or `File "/x.py", line 3`)."""
    return re.findall(rf'File "?{re.escape(PACKAGE)}[^\s"]*', shown)
def test_an_engine_error_shows_the_users_frames_only(ip, run):
    ran = run(RESHAPE)
    assert type(ran.error).__name__ == "InvalidArgumentError"
    shown = ran.stdout
    assert "Cell In[1], line 3" in shown and "Cell In[1], line 2, in f(a)" in shown
    assert "----> 2     return er.reshape(a, [3])" in shown
    assert shown.rstrip().endswith("InvalidArgumentError: reshape: cannot reshape a tensor of shape (2,) "
                                   "(2 elements) into shape (3,)")
    assert eagerrepl_frames(shown) == [] and "eagerrepl/engine" not in shown


def test_without_eagerrepl_the_same_error_shows_its_frames(bare, run):
    run("import eagerrepl as er")
    assert eagerrepl_frames(run(RESHAPE).stdout)  # what the extension takes away


def test_full_tracebacks_setting_shows_eagerrepls_frames(ip, run):
    run("%config Eagerrepl.full_tracebacks = True")
    assert eagerrepl_frames(run(RESHAPE).stdout)


def test_a_users_own_error_is_shown_as_ipython_shows_it(ip, run):
    shown = run("def g():\n    return 1 / 0\ng()").stdout
    assert "Cell In[1], line 3" in shown and "Cell In[1], line 2, in g()" in shown
    assert shown.rstrip().endswith("ZeroDivisionError: division by zero")


def test_a_chained_error_shows_both_without_eagerrepls_frames(ip, run):
    shown = run("try:\n    er.reshape(er.constant([1., 2.]), [3])\n"
                "except Exception as exc:\n    raise ValueError('wrapped') from exc").stdout
    assert "InvalidArgumentError: reshape" in shown and "ValueError: wrapped" in shown
    assert "The above exception was the direct cause of the following exception" in shown
    assert eagerrepl_frames(shown) == []


def test_a_cell_that_does_not_parse_is_a_syntax_error_as_in_ipython(ip, run):
    ran = run("1 +")
    assert type(ran.error) is SyntaxError
    assert "Cell In[1], line 1" in ran.stdout and "SyntaxError: invalid syntax" in ran.stdout
    assert "interactiveshell" not in ran.stdout


def test_a_syntax_error_raised_by_running_code_shows_where(ip, run):
    shown = run("def h():\n    return eval('1 +')\nh()").stdout
    assert "Cell In[1], line 2 in h" in shown and "SyntaxError: invalid syntax" in shown


@pytest.mark.parametrize("mode", ["Plain", "Minimal", "Verbose"])
def test_every_xmode_leaves_eagerrepls_frames_out(ip, run, mode):
    run(f"%xmode {mode}")
    shown = run(RESHAPE).stdout
    assert "InvalidArgumentError: reshape" in shown and eagerrepl_frames(shown) == []


def test_tb_and_the_debugger_see_the_users_frames(ip, run):
    run(RESHAPE)
    assert eagerrepl_frames(run("%tb").stdout) == []
    innermost = sys.last_traceback
    while innermost.tb_next is not None:
        innermost = innermost.tb_next
    assert innermost.tb_frame.f_code.co_name == "f"  # where %debug opens: the user's line


def test_an_error_in_a_magics_expression_shows_no_eagerrepl_frames(ip, run):
    run("x = er.constant([1., 2.])")
    ran = run("%grad er.reduce_sum(er.reshape(x, [3]))")
    assert type(ran.error).__name__ == "InvalidArgumentError"
    assert eagerrepl_frames(ran.stdout) == []


def test_keyboard_interrupt_is_shown_and_the_session_goes_on(ip, run, ok):
    ran = run("x = 1\nraise KeyboardInterrupt")
    assert "KeyboardInterrupt" in ran.stdout
    assert ok("x + 1").value == 2


def test_a_users_own_handler_is_left_alone(bare, run):
    def handler(shell, etype, value, tb, tb_offset=None):
        print("my handler")
    bare.set_custom_exc((ValueError,), handler)
    bare.extension_manager.load_extension("eagerrepl")
    assert run("raise ValueError").stdout == "my handler\n"
    bare.extension_manager.unload_extension("eagerrepl")
    assert run("raise ValueError").stdout == "my handler\n"

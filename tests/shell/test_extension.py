"""`%load_ext eagerrepl` in a real IPython shell: what it adds, loading twice, unloading, a failing load, settings."""

import numpy
import pytest
from traitlets.config import Config

import eagerrepl
from eagerrepl.shell.extension import loaded_in

MAGICS = {"line": ["grad", "jacobian", "hessian", "tape", "gradcheck", "plot", "debug_nan", "device"],
          "cell": ["tape"]}


def snapshot(shell):
    """What loading may change: names, magics, formatters, traceback handler, event callbacks, configurables."""
    formatter = shell.display_formatter.mimebundle_formatter
    return {
        "names": {k: id(v) for k, v in shell.user_ns.items()},
        "hidden": set(shell.user_ns_hidden),
        "magics": {kind: dict(table) for kind, table in shell.magics_manager.magics.items()},
        "registry": set(shell.magics_manager.registry),
        "formatters": (dict(formatter.type_printers), dict(formatter.deferred_printers),
                       {mimetype: (f, type(f)) for mimetype, f in shell.display_formatter.formatters.items()}),
        "custom_exceptions": (shell.custom_exceptions, shell.CustomTB),
        "events": {name: list(callbacks) for name, callbacks in shell.events.callbacks.items()},
        "completers": {command: list(chain.chain) for command, chain in
                       shell.strdispatchers.get("complete_command").strs.items()},
        "configurables": list(shell.configurables),
    }


def test_load_preloads_er_and_np_hidden_from_who(ip, ok):
    assert ip.user_ns["er"] is eagerrepl and ip.user_ns["np"] is numpy
    ok("t = er.constant(1.)")
    assert ok("%who_ls").value == ["t"]


def test_load_keeps_names_the_user_bound(bare, ok):
    ok("np = 'mine'")
    bare.extension_manager.load_extension("eagerrepl")
    assert bare.user_ns["np"] == "mine" and bare.user_ns["er"] is eagerrepl


def test_load_registers_every_magic(ip):
    for kind, names in MAGICS.items():
        for name in names:
            assert ip.find_magic(name, kind) is not None, (kind, name)


def test_magics_work_in_a_shell_that_only_loaded_the_extension(ip, ok):
    ok("x = er.constant(3.0)")
    assert ok("%grad x**2").plain == "x**2 = 9.0\nd/dx = 6.0"


def test_load_ext_twice_is_harmless(ip, ok, run):
    assert "already loaded" in run("%load_ext eagerrepl").stdout
    before = snapshot(ip)
    eagerrepl.load_ipython_extension(ip)  # a front end calling the hook itself
    assert snapshot(ip) == before
    ok("x = er.constant(3.0)")
    assert ok("%grad x**2").plain.endswith("d/dx = 6.0")


def test_unload_removes_exactly_what_load_added(bare, ok):
    ok("import math")  # the user's own names stay
    ok("%load_ext eagerrepl")  # once before, so that IPython has loaded its own %load_ext (lazily)
    ok("%unload_ext eagerrepl")
    before = snapshot(bare)
    bare.extension_manager.load_extension("eagerrepl")  # as %load_ext does, without a cell's own names
    bare.extension_manager.unload_extension("eagerrepl")
    assert snapshot(bare) == before


def test_unload_after_use_removes_magics_names_and_formatters(bare, ok, run):
    ok("%load_ext eagerrepl")
    ok("x = er.constant([1., 2.])\nx")  # the formatter was used: IPython moved it to its type table
    ok("%tape er.reduce_sum(x * x)")
    ok("%unload_ext eagerrepl")
    assert "er" not in bare.user_ns and "np" not in bare.user_ns
    assert bare.find_line_magic("grad") is None and bare.find_cell_magic("tape") is None
    with pytest.raises(KeyError):
        bare.display_formatter.mimebundle_formatter.lookup(bare.user_ns["x"])
    assert bare.custom_exceptions == () and loaded_in(bare) is None
    assert "not found" in run("%grad x").stderr


def test_ipythons_text_settings_and_printers_still_apply(ip, ok):
    ok("%precision 3")
    assert ok("3.14159265").plain == "3.142" and ok("np.float64(2.71828)").plain == "2.718"
    ok("%pprint")  # off: repr, not IPython's pretty-printer
    assert ok("list(range(40))").plain == repr(list(range(40)))
    ok("%pprint")
    text = ip.display_formatter.formatters["text/plain"]
    text.for_type(complex, lambda value, printer, cycle: printer.text("a complex"))  # as a library would
    assert ok("1j").plain == "a complex"
    ok("%unload_ext eagerrepl")
    assert ok("1j").plain == "a complex" and ok("3.14159265").plain == "3.142"  # the user's, not eagerrepl's


def test_unload_gives_back_a_magic_it_replaced(bare, ok):
    bare.register_magic_function(lambda line: f"my plot of {line}", "line", "plot")
    ok("%load_ext eagerrepl")
    ok("%unload_ext eagerrepl")
    assert ok("%plot sin").value == "my plot of sin"


def test_reload_ext_loads_again(ip, ok):
    ok("%reload_ext eagerrepl")
    ok("x = er.constant(3.0)")
    assert ok("%grad x**2").plain.endswith("d/dx = 6.0")
    assert len([c for c in ip.configurables if type(c).__name__ == "Eagerrepl"]) == 1


def test_a_failing_load_leaves_the_shell_as_it_was(new_shell):
    config = Config()
    config.Eagerrepl.cache_bytes = "lots"  # a mistake in ipython_config.py
    shell = new_shell(config)
    before = snapshot(shell)
    with pytest.raises(RuntimeError, match="eagerrepl could not load into this IPython shell"):
        shell.extension_manager.load_extension("eagerrepl")
    assert snapshot(shell) == before


def test_a_failing_load_says_why_and_the_session_goes_on(new_shell, ok, run):
    config = Config()
    config.Eagerrepl.cache_bytes = "lots"
    new_shell(config)
    ran = run("%load_ext eagerrepl")
    message = ran.stdout.strip().splitlines()[-1]
    assert message.startswith("RuntimeError: eagerrepl could not load into this IPython shell, which is left as it was")
    assert "'cache_bytes' trait" in message and "'lots'" in message
    assert "site-packages/traitlets" not in ran.stdout  # one reason, not a traceback through traitlets
    assert ok("1 + 1").value == 2
    assert "not found" in run("%grad 1.0").stderr


def test_an_unknown_magic_says_so_as_ipython_does(ip, run):
    ran = run("%gradd x")
    assert type(ran.error).__name__ == "UsageError"
    assert ran.stderr.strip() == "UsageError: Line magic function `%gradd` not found."


# ---- settings -------------------------------------------------------------------------------------

def test_settings_come_from_the_ipython_config(new_shell, run):
    config = Config()
    config.Eagerrepl.max_lines = 3
    shell = new_shell(config)
    shell.extension_manager.load_extension("eagerrepl")
    assert loaded_in(shell).limits.max_lines == 3
    assert len(run("er.reshape(er.range(50), [50, 1])").plain.splitlines()) == 4  # 3 lines and the note


def test_config_magic_lists_and_sets_the_settings(ip, ok):
    listing = ok("%config Eagerrepl").stdout
    for name in ("full_tracebacks", "cache_bytes", "max_lines", "max_chars"):
        assert f"Eagerrepl.{name}" in listing
    ok("%config Eagerrepl.max_lines = 5")
    text = ok("er.reshape(er.range(50), [50, 1])").plain
    assert len(text.splitlines()) == 6 and "cut to 5 lines" in text
    ok("%config Eagerrepl.max_lines = None")
    assert len(ok("er.reshape(er.range(500), [500, 1])").plain.splitlines()) > 200


# ---- %device --------------------------------------------------------------------------------------

def test_device_lists_devices_with_the_default_starred(ip, ok):
    assert "* cpu:0" in ok("%device").stdout.splitlines()


def test_device_sets_the_default(ip, ok):
    assert ok("%device cpu").stdout == "Default device: cpu:0\n"


@pytest.mark.parametrize("args, message", [("cpu gpu", "takes one device name"), ("tpu", "tpu")])
def test_device_bad_input_is_a_usage_error(ip, run, args, message):
    ran = run(f"%device {args}")
    assert type(ran.error).__name__ == "UsageError"
    first, usage = ran.stderr.rstrip("\n").split("\n")
    assert message in first and usage == "Usage: %device [cpu|gpu|NAME]"

"""The deferred import behind a quick first prompt (repl/startup.py), in fresh interpreters: an
`import` statement binds the module without running it, any use runs it once, in any thread."""

import subprocess
import sys
import textwrap


def run_python(code, tmp_path):
    """Run `code` in a fresh interpreter with tmp_path importable; returns its stdout."""
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], cwd=tmp_path, capture_output=True,
                          text=True, timeout=60, env={"PYTHONPATH": str(tmp_path), "PATH": ""})
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_numpy_is_imported_on_first_use_and_is_numpy_itself(tmp_path):
    out = run_python("""
        import sys, types
        from eagerrepl.repl.startup import defer_import
        deferred = defer_import("numpy")
        import numpy as np                          # binds it: numpy's code has not run
        print(np is deferred, "numpy._core" in sys.modules)
        print(np.arange(3).sum())                   # using it runs numpy's import
        print(type(np) is types.ModuleType, np is sys.modules["numpy"], "numpy._core" in sys.modules)
        from numpy.linalg import norm
        print(norm([3.0, 4.0]))
        print(defer_import("numpy"))                # imported already: nothing to defer
        """, tmp_path)
    assert out.split("\n") == ["True False", "3", "True True True", "5.0", "None", ""]


def test_threads_that_touch_it_at_once_all_wait_for_one_import(tmp_path):
    (tmp_path / "slow.py").write_text(
        "import time\nwith open('runs', 'a') as f:\n    f.write('x')\ntime.sleep(0.3)\nvalue = 42\n")
    out = run_python("""
        import threading
        from eagerrepl.repl.startup import defer_import
        slow = defer_import("slow")
        seen = []
        threads = [threading.Thread(target=lambda: seen.append(slow.value)) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        print(seen, open("runs").read())
        """, tmp_path)
    assert out == "[42, 42, 42, 42, 42, 42, 42, 42] x\n"


def test_a_failing_import_says_why_and_can_be_tried_again(tmp_path):
    (tmp_path / "broken.py").write_text("raise ImportError('broken on purpose')\n")
    out = run_python("""
        import sys
        from eagerrepl.repl.startup import defer_import, finish_import
        module = defer_import("broken")
        try:
            finish_import(module)
        except ImportError as exc:
            print(exc, "broken" in sys.modules)
        try:
            import broken
        except ImportError as exc:
            print("again:", exc)
        """, tmp_path)
    assert out == "broken on purpose False\nagain: broken on purpose\n"


def test_the_banner_and_the_extension_leave_numpy_deferred(tmp_path):
    # What the REPL does before its first prompt; numpy is imported once the prompt waits for keys.
    out = run_python(f"""
        import sys
        from eagerrepl.repl.startup import defer_import
        numpy = defer_import("numpy")
        from IPython.core.interactiveshell import InteractiveShell
        shell = InteractiveShell.instance(ipython_dir={str(tmp_path)!r})
        shell.extension_manager.load_extension("eagerrepl")
        from eagerrepl.shell.banner import banner
        banner()
        print(type(sys.modules["numpy"]).__name__, shell.user_ns["np"] is numpy)
        """, tmp_path)
    assert out == "_Deferred True\n"

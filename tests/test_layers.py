"""The package's layers, as DESIGN.md draws them: data flows down, never up.

backend < engine < display < the public API < shell < front ends (repl, kernel, demo, cli), and the
front ends repl, kernel and demo do not import each other (cli, the command, dispatches to them).
Read from the source with `ast`, so an import inside a function counts as much as one at the top.
"""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import eagerrepl

PACKAGE = Path(eagerrepl.__file__).parent
LAYERS = {"backend": 0, "engine": 1, "display": 2, "api": 3, "shell": 4,
          "repl": 5, "kernel": 5, "demo": 5, "cli": 5}
API = LAYERS["api"]  # `import eagerrepl` reaches the public API (eagerrepl.NAME)
FRONT_ENDS = ("repl", "kernel", "demo", "cli")


def _modules():
    """{dotted name: path} of every module of the package."""
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = ("eagerrepl",) + path.relative_to(PACKAGE).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


MODULES = _modules()


def _imports(name, path):
    """[(line, dotted name imported)] for every import of an eagerrepl module in module `name`."""
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = ".".join(package.split(".")[:len(package.split(".")) - node.level + 1])
                base = f"{base}.{node.module}" if node.module else base
            else:
                base = node.module
            for alias in node.names:  # `from . import tape` imports a module; `from .tape import x`, one of its names
                found.append((node.lineno, f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base))
    return [(line, target) for line, target in found if target.split(".")[0] == "eagerrepl"]


def _layer(name):
    parts = name.split(".")
    if len(parts) == 1:
        return API
    return LAYERS[parts[1]]


def test_every_module_has_a_layer():
    assert all(name == "eagerrepl" or name.split(".")[1] in LAYERS for name in MODULES)


def test_no_module_imports_from_a_layer_above_its_own():
    upward = []
    for name, path in MODULES.items():
        if name == "eagerrepl":  # the package's door: it loads the API and the IPython extension on demand
            continue
        for line, target in _imports(name, path):
            if _layer(target) > _layer(name):
                upward.append(f"{path.relative_to(PACKAGE.parent)}:{line} ({name.split('.')[1]}) imports {target}")
    assert upward == []


def test_front_ends_do_not_import_each_other():
    # The REPL, the kernel and the demo player share what lies below them (the shell layer:
    # printer, style, banner, profile). Only cli, the `eagerrepl` command, imports front ends: it
    # dispatches to each of them.
    crossing = []
    for name, path in MODULES.items():
        parts = name.split(".")
        if len(parts) < 2 or parts[1] not in FRONT_ENDS or parts[1] == "cli":
            continue
        for line, target in _imports(name, path):
            other = target.split(".")[1] if target.count(".") else None
            if other in FRONT_ENDS and other != parts[1]:
                crossing.append(f"{path.relative_to(PACKAGE.parent)}:{line} ({parts[1]}) imports {target}")
    assert crossing == []


def test_modules_import_each_other_without_cycles():
    # The package's door (eagerrepl/__init__.py) is left out: it loads any layer on demand.
    graph = {name: {target for _, target in _imports(name, path) if target in MODULES and target != "eagerrepl"}
             for name, path in MODULES.items() if name != "eagerrepl"}
    # Peel off modules that import nothing left; whatever remains is in a cycle (or behind one).
    remaining = dict(graph)
    while True:
        free = [name for name, targets in remaining.items() if not targets & remaining.keys()]
        if not free:
            break
        for name in free:
            del remaining[name]
    assert sorted(remaining) == []


def test_the_engine_imports_at_module_top():
    # An import inside a function hides an edge of the graph above; the engine needs none.
    hidden = []
    for name, path in MODULES.items():
        if name.startswith("eagerrepl.engine"):
            for node in ast.walk(ast.parse(path.read_text())):
                if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    hidden += [f"{name}:{sub.lineno}" for sub in ast.walk(node)
                               if isinstance(sub, (ast.Import, ast.ImportFrom))]
    assert hidden == []


def _engine_private_names():
    """Underscore attributes the engine's objects have (`self._x = ...`, `__slots__`)."""
    names = set()
    for name, path in MODULES.items():
        if name.startswith("eagerrepl.engine"):
            for node in ast.walk(ast.parse(path.read_text())):
                if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "self"
                        and node.attr.startswith("_") and not node.attr.startswith("__")):
                    names.add(node.attr)
    return names


def test_no_module_outside_the_engine_reads_its_objects_private_attributes():
    private = _engine_private_names()
    assert {"_value", "_entries", "_ids", "_watched", "_node_grads", "_used"} <= private
    reads = []
    for name, path in MODULES.items():
        if name.startswith("eagerrepl.engine"):
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if (isinstance(node, ast.Attribute) and node.attr in private
                    and not (isinstance(node.value, ast.Name) and node.value.id == "self")):
                reads.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno} .{node.attr}")
    assert reads == []


def _imported_after(code):
    out = subprocess.run([sys.executable, "-c", f"{code}\nimport sys\nprint(' '.join(sorted(sys.modules)))"],
                         capture_output=True, text=True, check=True).stdout
    return set(out.split())


@pytest.mark.parametrize("code", ["import eagerrepl.engine", "import eagerrepl.backend"])
def test_importing_a_lower_layer_leaves_the_layers_above_unimported(code):
    loaded = _imported_after(code)
    above = [f"eagerrepl.{name}" for name in ("api", "display", "shell", *FRONT_ENDS)]
    assert [name for name in above if name in loaded] == []
    assert "IPython" not in loaded and "rich" not in loaded


def test_importing_display_does_not_load_the_engine():
    # The REPL imports display at startup; the engine loads with the first er.NAME (display/attach.py).
    loaded = _imported_after("import eagerrepl.display")
    assert "eagerrepl.engine" not in loaded and "eagerrepl.display.attach" not in loaded


def test_the_engine_alone_shows_plain_reprs_and_says_what_drawing_a_tape_needs():
    code = ("import eagerrepl.engine\n"
            "from eagerrepl.engine.creation import constant\n"
            "from eagerrepl.engine.gradient_tape import GradientTape\n"
            "x = constant(2.0)\n"
            "with GradientTape() as tape:\n"
            "    tape.watch(x)\n"
            "    y = x * x\n"
            "print(str(tape).startswith('<eagerrepl.engine.gradient_tape.GradientTape object'))\n"
            "print(x._repr_mimebundle_())\n"
            "try:\n"
            "    tape.render()\n"
            "except RuntimeError as error:\n"
            "    print(error)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.splitlines() == [
        "True", "None",
        "GradientTape.render draws with eagerrepl.display, which is not attached: "
        "import eagerrepl.display.attach (the public API, eagerrepl.NAME, imports it)"]

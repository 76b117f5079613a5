"""The public API is what the engine's modules list: an op is public by being in its module's `__all__`."""

import ast
import importlib
import inspect
import pkgutil

import pytest

import eagerrepl as er
from eagerrepl import engine

MODULES = {info.name: importlib.import_module(f"eagerrepl.engine.{info.name}")
           for info in pkgutil.iter_modules(engine.__path__)}
LISTING = {name: module for name, module in MODULES.items() if hasattr(module, "__all__")}

# Functions the modules define that are not API: what the engine uses inside, and Tensor's methods.
INTERNAL = {
    "broadcasting": {"broadcast_array", "sum_to", "unbroadcast"},
    "dtypes": {"array_from_python", "python_scalar_dtype"},
    "errors": {"describe", "device_mismatch", "op_error"},
    "errstate": {"check"},
    "elementwise": {"relu_grad", "square_grad"},
    "linalg": {"product"},
    "reduction": {"expand_to", "mean_grad"},
    "shape": {"getitem", "matrix_transpose", "scatter"},
    "placement": {"to", "gpu", "cpu", "dlpack", "dlpack_device"},
}


def _defined_here(module):
    """Public functions a module defines (not those it imports)."""
    tree = ast.parse(inspect.getsource(module))
    imported = {alias.asname or alias.name for node in tree.body if isinstance(node, (ast.Import, ast.ImportFrom))
                for alias in node.names}
    return {name for name, value in vars(module).items()
            if not name.startswith("_") and name not in imported and callable(value)
            and not inspect.isclass(value) and not inspect.ismodule(value)}


@pytest.mark.cpu_only
@pytest.mark.parametrize("name", sorted(LISTING))
def test_every_name_a_module_lists_is_public(name):
    module = LISTING[name]
    public = er.nn if name == "nn" else er
    assert [n for n in module.__all__ if getattr(public, n, None) is not getattr(module, n)] == []


@pytest.mark.cpu_only
@pytest.mark.parametrize("name", sorted(LISTING))
def test_every_function_a_module_defines_is_listed_or_known_internal(name):
    module = LISTING[name]
    unlisted = _defined_here(module) - set(module.__all__)
    assert unlisted == INTERNAL.get(name, set())


@pytest.mark.cpu_only
def test_every_op_is_in_a_module_that_lists_its_names():
    # A new op module must list its names too, or its ops would be missing from er.
    with_ops = {name for name, module in MODULES.items()
                if any(hasattr(value, "op") for value in vars(module).values() if callable(value))}
    assert with_ops - set(LISTING) <= {"primitive"}  # primitive.py builds ops; it defines none

"""The kernelspec: what `eagerrepl kernel install` writes, and what the wheel carries as shared data."""

import json
import shutil
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from jupyter_client.kernelspec import KernelSpecManager


def eagerrepl(*args):
    """Run the eagerrepl command line in a fresh process."""
    return subprocess.run([sys.executable, "-m", "eagerrepl.cli", *args], capture_output=True, text=True, timeout=60)


def png_size(path):
    """(width, height) from a PNG's IHDR chunk."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_install_into_a_prefix_runs_this_python(tmp_path, monkeypatch):
    done = eagerrepl("kernel", "install", "--prefix", str(tmp_path), "--name", "eager-test",
                     "--display-name", "eager test")
    assert done.returncode == 0, done.stderr
    folder = tmp_path / "share" / "jupyter" / "kernels" / "eager-test"
    assert str(folder) in done.stdout
    spec = json.loads((folder / "kernel.json").read_text())
    assert spec["argv"] == [sys.executable, "-Xfrozen_modules=off", "-m", "eagerrepl.kernel", "-f", "{connection_file}"]
    assert spec["display_name"] == "eager test" and spec["language"] == "python"
    assert png_size(folder / "logo-32x32.png") == (32, 32)
    assert png_size(folder / "logo-64x64.png") == (64, 64)
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "share" / "jupyter"))
    assert KernelSpecManager().get_kernel_spec("eager-test").display_name == "eager test"


def test_install_takes_one_place_only(tmp_path):
    done = eagerrepl("kernel", "install", "--user", "--prefix", str(tmp_path))
    assert done.returncode == 2 and "not allowed with argument" in done.stderr


def test_kernel_without_a_command_says_what_it_takes():
    done = eagerrepl("kernel")
    assert done.returncode == 2 and "install" in done.stderr


def test_the_source_kernelspec_names_the_module_and_display_name():
    from eagerrepl.kernel.install import spec_source
    spec = json.loads(open(f"{spec_source()}/kernel.json").read())
    # As ipykernel's python3 spec: frozen stdlib modules off so the debugger can step into them.
    assert spec["argv"] == ["python", "-Xfrozen_modules=off", "-m", "eagerrepl.kernel", "-f", "{connection_file}"]
    assert spec["display_name"] == "eagerrepl (Python)"
    assert spec["metadata"]["debugger"] is True


def test_the_wheel_installs_the_kernelspec_as_shared_data(tmp_path):
    pytest.importorskip("setuptools")
    # Built from a copy, so setuptools' build/ and egg-info folders land outside the checkout.
    root = Path(__file__).resolve().parents[2]
    source = tmp_path / "source"
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info")
    for name in ("eagerrepl", "kernel"):
        shutil.copytree(root / name, source / name, ignore=ignore)
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(root / name, source / name)
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                            "--quiet", "-w", str(tmp_path), str(source)], capture_output=True, text=True, timeout=120)
    assert built.returncode == 0, built.stderr
    wheel, = tmp_path.glob("eagerrepl-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    data = "eagerrepl-{}.data/data/share/jupyter/kernels/eagerrepl/".format(wheel.name.split("-")[1])
    for filename in ("kernel.json", "logo-32x32.png", "logo-64x64.png"):
        assert data + filename in names

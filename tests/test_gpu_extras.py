"""The GPU extras, read from the installed distribution's metadata: one per CUDA generation, and `gpu` choosing one.

(Resolved by hand with `pip install --dry-run '.[gpu]'` and `'.[gpu-cuda13]'`: cupy-cuda12x and cupy-cuda13x
14.2 with CUDA's libraries; too slow for every test run.)
"""

import re
from importlib.metadata import metadata

import pytest

REQUIRES = metadata("eagerrepl").get_all("Requires-Dist")


def requirements(extra):
    """The requirements the extra adds, without their markers."""
    return [r.split(";")[0].strip() for r in REQUIRES if re.search(rf"extra == ['\"]{re.escape(extra)}['\"]", r)]


def test_the_extras_are_published():
    assert {"gpu", "gpu-cuda12", "gpu-cuda13"} <= set(metadata("eagerrepl").get_all("Provides-Extra"))


@pytest.mark.parametrize("cuda", ["12", "13"])
def test_each_cuda_generation_installs_cupys_wheel_for_it_with_cudas_libraries(cuda):
    (requirement,) = requirements(f"gpu-cuda{cuda}")
    assert re.fullmatch(rf"cupy-cuda{cuda}x\[ctk\]\s*>=\s*\d+", requirement), requirement


def test_gpu_is_one_of_them():
    assert requirements("gpu") == ["eagerrepl[gpu-cuda12]"]

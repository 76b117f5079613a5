# `make run` and `make test` work from a fresh clone with only Python 3.10+ and make:
# they create .venv, install the project with its dev extra, then start the REPL or the tests.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test test-gpu bench bench-gpu gpu-check bench-startup bench-kernel clean

# The GPU targets use a CuPy that is already importable, as it is: that of .venv, else python3's (from the
# source tree), so that no second CuPy package is installed beside a machine's own (two break each other).
# Only where neither has one do test-gpu and bench-gpu install the extra for the driver's CUDA (nvidia-smi).
GPU_PYTHON = $(shell for py in $(PY) $(PYTHON); do $$py -c 'import cupy' 2>/dev/null && echo $$py && break; done)
CUDA_MAJOR = $(shell nvidia-smi 2>/dev/null | sed -n 's/.*CUDA Version: *\([0-9]*\).*/\1/p')
GPU_EXTRA ?= $(if $(filter 13,$(CUDA_MAJOR)),gpu-cuda13,gpu-cuda12)
LOGS ?= gpu-check-logs

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	$(VENV)/bin/eagerrepl kernel install --sys-prefix > /dev/null  # editable installs skip the kernelspec
	$(PY) -m ipykernel install --sys-prefix > /dev/null  # the stock python3 kernel, for %load_ext eagerrepl tests
	touch $(STAMP)

run: $(STAMP)
	$(VENV)/bin/eagerrepl

test: $(STAMP)
	$(VENV)/bin/ruff check .  # lint first (rules in pyproject.toml), so CI enforces them
	$(PY) -m pytest

# On a machine with an NVIDIA GPU: the engine suite, whose every test runs on cpu:0 and on gpu:0.
# (.venv and CuPy's wheel are made only where no Python here can import CuPy: second expansion.)
.SECONDEXPANSION:
test-gpu: $$(if $$(GPU_PYTHON),,$$(STAMP))
	@py="$(GPU_PYTHON)"; \
	if [ -z "$$py" ]; then $(PY) -m pip install --quiet -e '.[dev,$(GPU_EXTRA)]' && py=$(PY); fi; \
	PYTHONPATH=$(CURDIR) $$py -c 'import eagerrepl as er; er.ones([1]).gpu(); print(er.list_devices())' && \
	PYTHONPATH=$(CURDIR) $$py -m pytest tests/engine  # the line above stops here, saying why, without a GPU

bench: $(STAMP)
	$(PY) benchmarks/engine.py

bench-gpu: $$(if $$(GPU_PYTHON),,$$(STAMP))
	@py="$(GPU_PYTHON)"; \
	if [ -z "$$py" ]; then $(PY) -m pip install --quiet -e '.[$(GPU_EXTRA)]' && py=$(PY); fi; \
	PYTHONPATH=$(CURDIR) $$py benchmarks/gpu.py

# One command on a GPU machine: the engine suite on gpu:0, the GPU demo and benchmark, logs and summary in
# $(LOGS). It installs nothing (such machines may have no network): it needs a Python with numpy, CuPy,
# pytest and hypothesis; without a GPU its summary says so.
gpu-check:
	@py="$(GPU_PYTHON)"; PYTHONPATH=$(CURDIR) $${py:-$(PYTHON)} tools/gpu_check.py --logs '$(LOGS)'

bench-startup: $(STAMP)
	$(PY) benchmarks/startup.py

bench-kernel: $(STAMP)
	$(PY) benchmarks/kernel.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache

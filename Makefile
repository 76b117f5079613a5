# `make run` and `make test` work from a fresh clone with only Python 3.10+ and make:
# they create .venv, install the project with its dev extra, then start the REPL or the tests.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test test-gpu bench bench-gpu bench-startup bench-kernel clean

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

# On a machine with an NVIDIA GPU: add CuPy (with CUDA's libraries), then run the engine suite,
# whose every test runs on cpu:0 and on gpu:0.
test-gpu: $(STAMP)
	$(PY) -m pip install --quiet -e '.[dev,gpu]'
	$(PY) -c 'import eagerrepl as er; er.ones([1]).gpu(); print(er.list_devices())'  # stops here, saying why, without a GPU
	$(PY) -m pytest tests/engine

bench: $(STAMP)
	$(PY) benchmarks/engine.py

bench-gpu: $(STAMP)
	$(PY) benchmarks/gpu.py

bench-startup: $(STAMP)
	$(PY) benchmarks/startup.py

bench-kernel: $(STAMP)
	$(PY) benchmarks/kernel.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache

# Every target creates .venv and installs what it needs: nothing is installed by hand.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test test-fast bench lint format format-check clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/python experiments/demo.py

# The whole suite, one test process per core (pytest-xdist). Each worker takes whole files, the
# slowest first (their order is in tests/conftest.py), so a file's shared runs are made once.
test: $(STAMP)
	$(BIN)/python -m pytest -q -n auto --dist loadfile --no-loadscope-reorder

# The unit tier only: fast, no subprocess, pool or cluster.
test-fast: $(STAMP)
	$(BIN)/python -m pytest -q tests/unit

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_startup.py --repeats 15 --run-repeats 5
	$(BIN)/python benchmarks/bench_audience.py --users 20000,100000,1000000 --repeats 5
	$(BIN)/python benchmarks/bench_scenario.py --users 100000,1000000 --repeats 3
	$(BIN)/python benchmarks/bench_scenario.py --users 10000000 --repeats 1
	$(BIN)/python benchmarks/peers.py --sizes 100000,1000000 --repeats 5
	$(BIN)/python benchmarks/bench_sweep.py --users 20000 --days 365 --runs 16 --repeats 3
	$(BIN)/python benchmarks/bench_sweep.py --users 20000 --days 180 --runs 32 --repeats 3 --no-dask
	$(BIN)/python benchmarks/bench_dask_cluster.py --users 200000 --days 900 --runs 16 --repeats 3

# ruff check, ruff's format check and mypy (its files are listed in pyproject.toml); CI runs
# all three before the suite. `make format` brings the tree to the format.
lint: $(STAMP)
	$(BIN)/ruff check sim tests experiments benchmarks
	$(BIN)/ruff format --check sim tests experiments benchmarks
	$(BIN)/mypy

format: $(STAMP)
	$(BIN)/ruff format sim tests experiments benchmarks

format-check: $(STAMP)
	$(BIN)/ruff format --check sim tests experiments benchmarks

clean:
	rm -rf $(VENV) build *.egg-info

# Two commands for a newcomer: `make demo` and `make test`. Both bootstrap .venv themselves.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip --disable-pip-version-check -qq

.PHONY: demo test test-fast run serve bench bench-scaling lint clean help browser

help:
	@echo "make demo   - install into .venv and run the pipeline on the offline demo newsroom"
	@echo "make test   - install into .venv with dev extras and run the whole suite"
	@echo "make test-fast - the suite without slow tests"
	@echo "make run    - the schedules: a local Prefect server and every deployment (UI on 127.0.0.1:4200)"
	@echo "make bench  - benchmarks (bench/)"
	@echo "make bench-scaling - parse+tag throughput on 1, 2 and 4 Dask workers (bench/scaling.py)"
	@echo "make serve  - the dashboard and trend API on http://127.0.0.1:8000 (after make demo)"
	@echo "make lint   - ruff"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(PIP) install -e .
	@touch $@

$(VENV)/.installed-dev: pyproject.toml $(VENV)/.installed
	$(PIP) install -e '.[dev]'
	@touch $@

demo: $(VENV)/.installed
	$(BIN)/mediamon demo run

test: $(VENV)/.installed-dev browser
	$(BIN)/python -m pytest

# The dashboard test drives Debian's Chromium (never a downloaded browser). Installed here when we
# can (root with apt-get); elsewhere that one test skips and says why.
browser:
	@if [ ! -x /usr/bin/chromium ] && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "installing Debian's chromium for the dashboard test"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null; \
	fi

test-fast: $(VENV)/.installed-dev
	$(BIN)/python -m pytest -m "not slow"

bench: $(VENV)/.installed-dev
	$(BIN)/python -m bench.ingest
	$(BIN)/python -m bench.fetch

serve: $(VENV)/.installed
	$(BIN)/mediamon serve

bench-scaling: $(VENV)/.installed-dev
	$(BIN)/python -m bench.scaling

run: $(VENV)/.installed
	$(BIN)/mediamon run

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .

clean:
	rm -rf $(VENV) data/mediamon.duckdb data/prefect .pytest_cache

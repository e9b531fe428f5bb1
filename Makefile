# perfnb — every target bootstraps .venv from the pinned locks first: `make reports` / `make validate` only what a
# run needs (requirements-run.lock), the other targets everything (requirements.lock: tests, JupyterLab, Dask, lint).
PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
RUN_STAMP := $(VENV)/.run-stamp
# JupyterLab refuses to start as root (the usual user in a container) unless told it may.
LAB_ROOT := $(shell [ "$$(id -u 2>/dev/null)" = 0 ] && echo --allow-root)

.DEFAULT_GOAL := help
JOBS   ?= $(shell nproc 2>/dev/null || echo 1)

.PHONY: help reports lab validate test bench lint lock docs conda-env clean

help: ## List the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-9s %s\n", $$1, $$2}'

$(RUN_STAMP): pyproject.toml requirements-run.lock
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' || \
	  { echo "perfnb needs Python 3.11 or newer; set PYTHON=/path/to/python3.11"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-run.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e . 2>/dev/null \
	  || $(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $(RUN_STAMP)

$(STAMP): $(RUN_STAMP) requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	@touch $(STAMP)

reports: $(RUN_STAMP) ## Check every department in data/raw and write reports/ (one HTML report each, and an index)
	$(BIN)/perfnb run --all --jobs $(JOBS)

lab: $(STAMP) ## Open the audit notebook in JupyterLab (the interactive path)
	$(BIN)/jupyter lab $(LAB_ROOT) notebooks/department_audit.ipynb

validate: $(RUN_STAMP) ## Validate every department in data/raw (no outputs)
	$(BIN)/perfnb validate

test: $(STAMP) ## Run the whole test suite
	@{ command -v chromium || command -v chromium-browser || command -v google-chrome || command -v chrome; } >/dev/null 2>&1 \
	  || echo "make test: Chromium not found — the browser test will be skipped; install with: apt-get install chromium fonts-noto-cjk"
	@[ -n "$$(fc-list :lang=zh 2>/dev/null)" ] \
	  || echo "make test: no CJK font (fc-list :lang=zh is empty) — the browser test will be skipped; install with: apt-get install chromium fonts-noto-cjk"
	$(BIN)/python -m pytest

bench: $(STAMP) ## Time perfnb against papermill CLI + nbconvert CLI on synthetic departments (writes bench/results.json)
	$(BIN)/python bench/bench.py $(BENCH_ARGS)

lint: $(STAMP) ## Lint, check the formatting, type-check the package and check its layers
	$(BIN)/ruff check perfnb tests bench scripts
	$(BIN)/ruff format --check perfnb tests bench scripts
	$(BIN)/mypy
	$(BIN)/lint-imports

docs: $(STAMP) ## Regenerate data/raw/README.md from the schema
	$(BIN)/python -m perfnb.format.schemadoc > data/raw/README.md.tmp && mv data/raw/README.md.tmp data/raw/README.md

conda-env: ## Regenerate environment.yml (conda) from pyproject.toml and requirements.lock
	$(PYTHON) scripts/condaenv.py > environment.yml.tmp && mv environment.yml.tmp environment.yml

lock: ## Re-pin requirements.lock from pyproject.toml (needs network)
	$(PYTHON) -m pip install --quiet uv
	$(PYTHON) -m uv pip compile pyproject.toml --extra test --extra dev --extra lab --extra dask --python-version 3.11 \
	  --no-header --no-annotate -o requirements.lock
	$(MAKE) $(STAMP)
	$(BIN)/python scripts/runlock.py > requirements-run.lock
	$(MAKE) conda-env

clean: ## Remove .venv, caches and build leftovers (never data/raw)
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis build perfnb.egg-info

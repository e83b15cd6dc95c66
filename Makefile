# edueval — `make` builds every report, `make test` runs the tests.
# Both create the virtual environment from the pinned lock when it is missing or older
# than the lock. `make help` lists every target.
#
# Every recipe calls the `edueval` command (src/edueval/cli.py) and nothing else. No file
# name from data/raw ever appears in this file: `edueval inputs` fingerprints the inputs by
# content into build/inputs/*.sha256 (rewritten only when they change), and each stage's
# target is the manifest it publishes last (src/edueval/store.py), so an interrupted build
# is finished by the next `make`. Values given on the command line (DOCS, REGION, …) reach
# the program as environment variables, never as shell text.

SHELL := /bin/bash
.DEFAULT_GOAL := all
.SUFFIXES:
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
EDUEVAL := $(VENV)/bin/edueval
STAMP := $(VENV)/.edueval-installed
KERNEL := edueval
WORKERS ?= 2
export PYTHONHASHSEED := 0
# command-line values, passed unexpanded ($(value …)) and as environment variables
export EDUEVAL_DOCS := $(value DOCS)
export EDUEVAL_REGION := $(value REGION)
export EDUEVAL_LANG := $(value REPORT_LANG)
export EDUEVAL_WORKERS := $(value WORKERS)
export EDUEVAL_LAB_ARGS := $(value LAB_ARGS)
export EDUEVAL_SCHEDULER := $(value SCHEDULER)
export EDUEVAL_BENCH_N := $(value N)
# make exports command-line and environment variables to every recipe, expanding them first:
# `make DOCS='$(shell …)'` would run the shell. Only the unexpanded copies above go out.
unexport DOCS REGION REPORT_LANG WORKERS LAB_ARGS SCHEDULER N

INPUTS := build/inputs
EXTRACT := data/interim/extract/manifest.json
BALANCE := data/processed/balance/manifest.json
CLEAN := data/processed/clean/manifest.json
EVALUATE := data/processed/evaluate/manifest.json
REPORTS := build/reports.stamp
# each stage depends on the code it runs (our own file names only)
CORE_SRC := $(wildcard src/edueval/*.py src/edueval/regions/*.py src/edueval/reference/*.csv)
EXTRACT_SRC := $(CORE_SRC) $(wildcard src/edueval/extract/*.py)
BALANCE_SRC := $(CORE_SRC) $(wildcard src/edueval/balance/*.py)
CLEAN_SRC := $(CORE_SRC) $(wildcard src/edueval/clean/*.py)
MODEL_SRC := $(CORE_SRC) $(wildcard src/edueval/models/*.py)
REPORT_SRC := $(CORE_SRC) notebooks/report.py $(wildcard src/edueval/report/*.py src/edueval/report/*.css \
	src/edueval/report/catalogue/* src/edueval/templates/*/* src/edueval/balance/*.py)

.PHONY: all help venv inputs data evaluate reports report bench-reports test test-browser lint lab clean lock score robustness FORCE

all: $(REPORTS) ## Build every output: processed data, evaluations and every HTML report (both languages)

help: ## List the targets
	@grep -E '^[a-zA-Z_.-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | awk -F'\t' '{printf "  %-14s %s\n", $$1, $$2}'

$(STAMP): requirements.txt pyproject.toml
	@test -x $(PY) || { echo "creating $(VENV) (first run: about two minutes)"; $(PYTHON) -m venv $(VENV); }
	$(PY) -m pip install --disable-pip-version-check --progress-bar on -r requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	$(PY) -m ipykernel install --sys-prefix --name $(KERNEL) --display-name "Python (edueval)" >/dev/null
	@touch $@

venv: $(STAMP) ## Create or update .venv from requirements.txt and register the Jupyter kernel

# fingerprints by content; each file is rewritten only when its group of inputs changed
$(INPUTS)/.done: FORCE | $(STAMP)
	@if [ -n "$$EDUEVAL_DOCS" ]; then $(EDUEVAL) -q inputs --documents "$$EDUEVAL_DOCS"; else $(EDUEVAL) -q inputs; fi
	@touch $@
$(INPUTS)/raw.sha256 $(INPUTS)/documents.sha256 $(INPUTS)/schools.sha256: $(INPUTS)/.done ;

inputs: $(INPUTS)/.done ## Fingerprint the raw inputs (build/inputs/*.sha256)

# the curated tables too: a figure reviewed into data/raw/observations/reviewed.csv is not proposed again
$(EXTRACT): $(INPUTS)/documents.sha256 $(INPUTS)/raw.sha256 $(EXTRACT_SRC)
	@exec $(EDUEVAL) extract $${EDUEVAL_DOCS:+--documents "$$EDUEVAL_DOCS"}

$(BALANCE): $(INPUTS)/schools.sha256 $(BALANCE_SRC)
	@$(EDUEVAL) balance

$(CLEAN): $(INPUTS)/raw.sha256 $(EXTRACT) $(BALANCE) $(CLEAN_SRC)
	@$(EDUEVAL) clean

data: $(CLEAN) ## Validate the raw tables and publish data/processed/clean/ (observations, sources, quality log)

$(EVALUATE): $(CLEAN) $(MODEL_SRC)
	@$(EDUEVAL) evaluate

evaluate: $(EVALUATE) ## Model every series and evaluate it against its targets

# the stamp moves only when every page rendered: a failed page is tried again next time;
# `exec` makes the program make's own child, so it ends with make (src/edueval/cli.py asks
# the kernel for SIGTERM when its parent dies; a shell in between would outlive make)
$(REPORTS): $(EVALUATE) $(CLEAN) $(BALANCE) $(REPORT_SRC)
	@exec $(EDUEVAL) report --workers "$$EDUEVAL_WORKERS" $${EDUEVAL_SCHEDULER:+--scheduler "$$EDUEVAL_SCHEDULER"}
	@touch $@

reports: $(REPORTS) ## Render every page whose inputs changed, and the index (same as `make`; SCHEDULER=tcp://host:8786 renders on dask)

report: $(EVALUATE) ## One report: make report REGION=<code or name> [REPORT_LANG=zh|en]
	@test -n "$$EDUEVAL_REGION" || { echo "usage: make report REGION=<code or name> [REPORT_LANG=zh|en]"; exit 2; }
	@$(EDUEVAL) report "$$EDUEVAL_REGION" --lang "$${EDUEVAL_LANG:-both}"

bench-reports: $(STAMP) ## Benchmark the page batch on N synthetic regions in a scratch folder (make bench-reports N=50)
	@$(PY) benchmarks/bench_reports.py --regions "$${EDUEVAL_BENCH_N:-50}" --workers "$$EDUEVAL_WORKERS"

score: $(STAMP) ## Score the extractor against the gold files (seeds and the document corpus)
	@$(EDUEVAL) score

robustness: $(STAMP) ## How much of the extraction survives noisy copies (Traditional, PDF line breaks, spaces, spam) of the dev documents
	@$(PY) benchmarks/bench_robustness.py

test: $(STAMP) ## Run the test suite (the browser tests run in `make test-browser`)
	@# pytest exits 5 when it collects nothing: a broken suite, never a pass
	@$(PY) -m pytest -q -m "not browser"; rc=$$?; \
	 if [ $$rc -eq 5 ]; then echo "make test: pytest collected no tests" >&2; fi; exit $$rc

test-browser: all ## Open every built report in headless Chromium (layout, links, network, screenshots)
	$(PY) -m pytest -q -m browser tests/report/test_browser.py

lint: $(STAMP) ## Check the code with ruff
	$(VENV)/bin/ruff check src tests benchmarks tools notebooks

lab: $(STAMP) ## Open JupyterLab on the project kernel (LAB_ARGS="--port 9999 …"; root gets --allow-root)
	@extra=""; [ "$$(id -u)" = 0 ] && extra="--allow-root"; \
	 $(VENV)/bin/jupyter lab --notebook-dir=notebooks $$extra $$EDUEVAL_LAB_ARGS

lock: ## Re-resolve the dependencies and rewrite requirements.txt and environment.yml
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet . '.[test,dev]'
	{ echo "# Exact pins for edueval (pip freeze of a fresh install of pyproject.toml [test,dev])."; \
	  echo "# Regenerate with \`make lock\`; environment.yml mirrors this file."; \
	  .lock-venv/bin/pip freeze --exclude edueval; } > requirements.txt
	rm -rf .lock-venv
	$(PYTHON) tools/write_environment_yml.py requirements.txt environment.yml 3.11

environment.yml: requirements.txt tools/write_environment_yml.py
	$(PYTHON) tools/write_environment_yml.py requirements.txt $@ 3.11

clean: ## Remove build outputs (never touches data/raw)
	rm -rf build reports/*.html reports/manifest.json reports/.*.tmp.*
	find data/processed data/interim -mindepth 1 -maxdepth 1 ! -name .gitkeep -exec rm -rf {} +

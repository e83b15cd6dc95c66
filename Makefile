# edueval — `make` builds every report, `make test` runs the tests.
# Both create the virtual environment from the pinned lock when it is missing
# or older than the lock. `make help` lists every target.

SHELL := /bin/bash
.DEFAULT_GOAL := all
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.edueval-installed
KERNEL := edueval

PROCESSED := data/processed
OBS := $(PROCESSED)/observations.parquet
EVAL := $(PROCESSED)/evaluation_targets.parquet
# the folders too: removing a file changes only its folder's time
RAW_TABLES := data/raw/observations data/raw/sources $(wildcard data/raw/observations/*.csv data/raw/observations/*.xlsx data/raw/sources/*.csv)
DOCS ?= data/raw/documents
DOC_FILES := $(shell find $(DOCS) -type f 2>/dev/null | sort)
EXTRACTED := data/interim/extracted.parquet
PKG_FILES := $(shell find src/edueval -type f \( -name '*.py' -o -name '*.csv' -o -name '*.j2' -o -name '*.json' -o -name '*.css' \) | sort)
# each stage depends on the code it runs, so a change to the report code re-renders without re-cleaning
CORE_SRC := $(wildcard src/edueval/*.py src/edueval/reference/*.csv)
EXTRACT_SRC := $(CORE_SRC) $(wildcard src/edueval/extract/*.py)
MODEL_SRC := $(CORE_SRC) $(wildcard src/edueval/models/*.py)
NB := build/notebooks
REPORT_DEPS := $(NB)/report.ipynb $(PKG_FILES) $(wildcard data/raw/schools/*)
export PYTHONHASHSEED := 0

.PHONY: all help venv data evaluate reports reports-batch report test test-browser lab clean lock score FORCE

all: reports/index.html ## Build every output: processed data, evaluations and every HTML report

help: ## List the targets
	@grep -E '^[a-zA-Z_.-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | awk -F'\t' '{printf "  %-18s %s\n", $$1, $$2}'

$(STAMP): requirements.txt pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	$(PY) -m ipykernel install --sys-prefix --name $(KERNEL) --display-name "Python (edueval)" >/dev/null
	@touch $@

venv: $(STAMP) ## Create or update .venv from requirements.txt and register the Jupyter kernel

test: $(STAMP) ## Run the test suite (the browser tests run in `make test-browser`)
	@# pytest exits 5 when it collects nothing: a broken suite, never a pass
	@$(PY) -m pytest -q -m "not browser"; rc=$$?; \
	 if [ $$rc -eq 5 ]; then echo "make test: pytest collected no tests" >&2; fi; exit $$rc

lab: $(STAMP) ## Open JupyterLab on the project kernel
	$(VENV)/bin/jupyter lab --notebook-dir=notebooks

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

$(NB)/%.ipynb: notebooks/%.py $(STAMP)
	@mkdir -p $(NB)
	@$(PY) -c "import sys, nbformat; from edueval.report.render import notebook_from_jupytext; nbformat.write(notebook_from_jupytext(sys.argv[1]), sys.argv[2])" $< $@.tmp && mv $@.tmp $@

# documents are extracted only when there are some; the cleaning notebook merges them
ifneq ($(DOC_FILES),)
OBS_EXTRA := $(EXTRACTED)
endif

$(EXTRACTED): $(DOC_FILES) $(EXTRACT_SRC) | $(STAMP)
	@mkdir -p data/interim
	@$(PY) -m edueval.cli extract $(DOCS) -o $@

# rewritten only when the set of documents changes (make compares times after the recipe)
build/documents.list: FORCE
	@mkdir -p build
	@printf '%s\n' "$(DOCS)" $(DOC_FILES) > $@.new
	@if cmp -s $@.new $@; then rm $@.new; else mv $@.new $@; fi

$(OBS): $(RAW_TABLES) $(OBS_EXTRA) build/documents.list $(NB)/01_clean.ipynb $(CORE_SRC)
	@mkdir -p build/executed
	@echo "cleaning raw tables → $(OBS)"
	@$(VENV)/bin/papermill $(NB)/01_clean.ipynb build/executed/01_clean.ipynb -k $(KERNEL) --cwd . \
	  -p extracted_path "$(OBS_EXTRA)" --no-progress-bar --log-level WARNING

data: $(OBS) ## Validate and clean the raw tables into data/processed/observations.parquet

$(EVAL): $(OBS) $(MODEL_SRC)
	@$(PY) -m edueval.cli evaluate

evaluate: $(EVAL) ## Model every series and evaluate it against its targets

build/regions.mk: $(OBS) $(CORE_SRC) src/edueval/report/build.py
	@mkdir -p build
	@$(PY) -m edueval.report.build regions-mk --out $@

build/slices.stamp: $(EVAL) $(OBS)
	@$(PY) -m edueval.report.build slices && touch $@

build/slices/%.sha256: build/slices.stamp ;

# the per-region rules exist only once the data does: include them only for goals that render
ifneq ($(filter all reports reports/index.html test-browser,$(or $(MAKECMDGOALS),all)),)
-include build/regions.mk
endif

# a failed region leaves its old report (or none) but touches build/failures.stamp, so the
# index still runs, lists the failure and fails the build
build/failures.stamp: $(REPORT_HTML)
	@test -f $@ || touch $@

reports/index.html: $(REPORT_HTML) build/regions.mk build/failures.stamp
	@$(PY) -m edueval.report.build index

reports: reports/index.html ## Render every report (same as `make`)

reports-batch: $(EVAL) $(NB)/report.ipynb build/slices.stamp ## Re-render every report with one warm kernel per worker (WORKERS=2)
	@$(PY) -m edueval.report.build batch --workers $(or $(WORKERS),2)
	@$(PY) -m edueval.report.build index

report: $(EVAL) $(NB)/report.ipynb ## One report: make report REGION=<code or name> [REPORT_LANG=en]
	@test -n "$(REGION)" || { echo "usage: make report REGION=<code or name> [REPORT_LANG=en]"; exit 2; }
	@$(PY) -m edueval.report.build region "$(REGION)" --lang $(or $(REPORT_LANG),zh) --strict

score: $(STAMP) ## Score the extractor against the hand-made gold file for the seed documents
	@$(PY) -c "import sys; from edueval.extract.scoring import main; sys.exit(main())"

test-browser: all ## Open every built report in headless Chromium (console, network, screenshots)
	$(PY) -m pytest -q -m browser tests/report/test_browser.py

clean: ## Remove build outputs (never touches data/raw)
	rm -rf build reports/*.html reports/manifest.json data/processed/* data/interim/*
	@touch data/processed/.gitkeep data/interim/.gitkeep

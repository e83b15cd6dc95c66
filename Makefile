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

.PHONY: all help venv test lab clean lock

all: venv ## Build every output: processed data, evaluations and HTML reports

help: ## List the targets
	@grep -E '^[a-zA-Z_.-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | awk -F'\t' '{printf "  %-18s %s\n", $$1, $$2}'

$(STAMP): requirements.txt pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	$(PY) -m ipykernel install --sys-prefix --name $(KERNEL) --display-name "Python (edueval)" >/dev/null
	@touch $@

venv: $(STAMP) ## Create or update .venv from requirements.txt and register the Jupyter kernel

test: $(STAMP) ## Run the test suite
	$(PY) -m pytest -q

lab: $(STAMP) ## Open JupyterLab on the project kernel
	$(VENV)/bin/jupyter lab --notebook-dir=notebooks

lock: ## Re-resolve the dependencies and rewrite requirements.txt and environment.yml
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet . '.[test]'
	{ echo "# Exact pins for edueval (pip freeze of a fresh install of pyproject.toml [test])."; \
	  echo "# Regenerate with \`make lock\`; environment.yml mirrors this file."; \
	  .lock-venv/bin/pip freeze --exclude edueval; } > requirements.txt
	rm -rf .lock-venv
	$(PYTHON) tools/write_environment_yml.py requirements.txt environment.yml 3.11

environment.yml: requirements.txt tools/write_environment_yml.py
	$(PYTHON) tools/write_environment_yml.py requirements.txt $@ 3.11

clean: ## Remove build outputs (never touches data/raw)
	rm -rf build reports/*.html reports/manifest.json data/processed/* data/interim/*
	@touch data/processed/.gitkeep data/interim/.gitkeep

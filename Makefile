# Every target bootstraps what it needs: a fresh machine with Python 3.11+ is enough.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: site serve test check bench browser clean

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	touch $(STAMP)

## site: validate the knowledge base and build the site into site/ (swapped in only on success)
site: $(STAMP)
	$(BIN)/python -m generator build --site-dir site

## serve: live-reloading preview on http://127.0.0.1:8000/
serve: $(STAMP)
	$(BIN)/mkdocs serve

## check: validate the knowledge base only
check: $(STAMP)
	$(BIN)/python -m generator check

## browser: system Chromium and the npm test tools (axe-core)
browser:
	bash scripts/ensure-browser.sh

## test: every test, browser tests included
test: $(STAMP) browser
	$(BIN)/python -m pytest

## bench: build-time and weight benchmark (writes bench/results/)
bench: $(STAMP) browser
	$(BIN)/python scripts/bench.py

clean:
	rm -rf site .site-build-* $(VENV) node_modules .cache

# Every target bootstraps what it needs: a fresh machine with Python 3.11+ is enough.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# ENGINE=zensical builds/serves the same site with Zensical instead of MkDocs + Material
ENGINE ?= mkdocs

# WORKERS: pytest-xdist workers for `make test` (auto: one per core); ARGS: more pytest options,
# e.g. make test ARGS="-k quiz -x"  or  make test-fast ARGS=tests/test_bank.py
WORKERS ?= auto
ARGS ?=
PYTEST := PARTNER_NO_SKIPS=1 $(BIN)/python -m pytest

.PHONY: site serve test test-fast lint format check lock bench browser clean

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	touch $(STAMP)

## site: validate the knowledge base and build the site into site/ (swapped in only on success)
site: $(STAMP)
	$(BIN)/python -m assemble build --site-dir site --engine $(ENGINE)

## serve: live-reloading preview on http://127.0.0.1:8000/, rebuilt when a knowledge file or an article changes;
## a broken knowledge base shows its problems on the pages (MkDocs) or keeps the last good site (Zensical)
serve: $(STAMP)
ifeq ($(ENGINE),zensical)
	$(BIN)/python -m assemble serve
else
	$(BIN)/mkdocs serve
endif

## check: validate the knowledge base only; quotations are verified against the articles (and the
## lock is brought up to date) or, where the articles are absent, against knowledge/quotations.lock
check: $(STAMP)
	$(BIN)/python -m assemble check --require-articles

## lock: re-verify every citation and quotation against the articles and rewrite knowledge/quotations.lock
## (after an article changed; `make check` keeps it current otherwise). Needs the articles.
lock: $(STAMP)
	$(BIN)/python -m assemble lock

## browser: system Chromium and the npm test tools (axe-core)
browser:
	bash scripts/ensure-browser.sh

## lint: ruff (style, imports, docstrings; `ruff format --check`) and mypy (strict), both configured in pyproject.toml, and
## ESLint over the browser code and its Node tests (eslint.config.js; installed by `make browser`)
lint: $(STAMP) browser
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	node_modules/.bin/eslint quiz/assets docs/assets tests/js eslint.config.js

## format: format the Python code with ruff (configured in pyproject.toml)
format: $(STAMP)
	$(BIN)/ruff format .

## test: lint, then every test (every tier, browser tests included), in parallel
# --dist loadfile keeps a file's tests on one worker, so a module's built site is built once;
# a session's built site is built at most once per worker.
test: $(STAMP) browser lint
	$(PYTEST) -n $(WORKERS) --dist loadfile $(ARGS)

## test-fast: the unit tier only (no site build, no browser), in parallel: seconds, not minutes
test-fast: $(STAMP)
	$(PYTEST) -m unit -n auto -q $(ARGS)

## bench: build-time and weight benchmark (writes bench/results/)
bench: $(STAMP) browser
	$(BIN)/python -m bench

clean:
	rm -rf site .site-build-* .zensical-serve $(VENV) node_modules .cache

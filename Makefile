# The README's commands. Everything a fresh machine with Python 3.11 needs is installed here.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run demo test test-postgres lint format messages messages-check ci bench bench-results clean bench-install bench-load bench-load-balanced bench-faults

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)
	@# axe-core for the accessibility checks of the browser tests (package.json, package-lock.json).
	@if [ -f package.json ] && [ ! -d node_modules/axe-core ]; then \
	  if command -v npm >/dev/null; then npm ci --no-audit --no-fund; \
	  else echo "npm not found: the axe-core checks will be skipped (apt-get install -y npm)"; fi; \
	fi

## run: set up, migrate, load the IGF 2015 demo and serve on http://$(HOST):$(PORT) (SQLite)
run: install
	DEBUG=1 $(BIN)/python manage.py migrate --noinput
	DEBUG=1 $(BIN)/python manage.py load_demo
	DEBUG=1 $(BIN)/python manage.py runserver $(HOST):$(PORT)

demo: install
	DEBUG=1 $(BIN)/python manage.py migrate --noinput
	DEBUG=1 $(BIN)/python manage.py load_demo

## test: set up and run the whole suite (SQLite unless DATABASE_URL is set)
test: install
	$(BIN)/pytest

## lint: ruff (lint and format), the layers' contract (import-linter) and missing migrations
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache
	DEBUG=1 $(BIN)/python manage.py makemigrations --check --dry-run

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## messages: update locale/*/django.po from the code and compile the .mo files (needs gettext)
messages: install
	$(BIN)/python .ci/check_translations.py --update

## messages-check: fail on an untranslated or fuzzy string, a stale .po or .mo (needs gettext)
messages-check: install
	$(BIN)/python .ci/check_translations.py

ci:
	bash .ci/run

bench: install
	@for script in bench/*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

## bench-results: 2,000,000 marks in PostgreSQL; the results pages and CSV against the raw aggregate
bench-results: install
	$(BIN)/python bench/results/run.py

# The bench extra (locust), installed once: skipped when locust is importable already.
bench-install: install
	@$(BIN)/python -c "import locust" 2>/dev/null || $(BIN)/python -m pip install --quiet -e '.[dev,bench]'

MODE ?= single
## bench-load: the load benchmark on PostgreSQL and Redis (MODE=balanced: two servers behind HAProxy)
bench-load: bench-install
	$(BIN)/python bench/load/run.py --mode $(MODE)

## bench-load-balanced: two app servers behind HAProxy; then one is killed during the hall's load
bench-load-balanced: bench-install
	$(BIN)/python bench/load/run.py --mode balanced --kill-one

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache

## bench-faults: its own PostgreSQL, Redis, gunicorn and HAProxy; PostgreSQL restarted, Redis
## stopped, slow clients (bench/faults/run.py, PASS/FAIL with figures, non-zero on a FAIL); then
## one of two app servers killed during the hall's load (bench/load/run.py --kill-one)
bench-faults: bench-install
	$(BIN)/python bench/faults/run.py
	$(BIN)/python bench/load/run.py --mode balanced --kill-one

# Two commands for a newcomer: `make run` and `make test`. Only Python 3.11+ and make needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# Links in the emails the demo prints point at the server make run starts.
export SITE_URL ?= http://$(HOST):$(PORT)

.PHONY: run test test-sqlite test-postgres lint format demo benchmark clean

$(BIN)/python:
	$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed.")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed-run: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[test]"
	touch $@ $(VENV)/.installed-run

## make run: install, migrate, load the demo program and serve it at http://127.0.0.1:8000
run: $(VENV)/.installed-run
	$(BIN)/python manage.py migrate --noinput -v 0
	$(BIN)/python manage.py load_demo --url http://$(HOST):$(PORT)
	@# The email worker runs beside the web server and stops with it.
	$(BIN)/python manage.py db_worker --no-reload -v 0 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

## make test: install what the tests need and run lint and the whole suite
## (SQLite by default; set DATABASE_URL=postgres://... to run it on PostgreSQL)
test: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/python -m pytest -n 2 -rs $(PYTEST_ARGS)

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: $(VENV)/.installed-test
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

demo: $(VENV)/.installed-run
	$(BIN)/python manage.py migrate --noinput -v 0
	$(BIN)/python manage.py load_demo --url http://$(HOST):$(PORT)

## make benchmark: time the main pages on generated data (IDEAS=200 RUNS=20)
benchmark: $(VENV)/.installed-run
	$(BIN)/python manage.py benchmark --ideas $(or $(IDEAS),200) --runs $(or $(RUNS),20)

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache

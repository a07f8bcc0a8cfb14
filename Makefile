# The two commands a newcomer needs: `make run` and `make test`. Both create .venv on first use.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
DATA   ?= ../shared/data

.PHONY: run test lint fmt clean help

help:
	@echo "make run    - set up .venv and run the daily-digest flow on seeds/ into outbox/"
	@echo "make test   - set up .venv and run the test suite"
	@echo "make lint   - ruff and mypy"

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $(STAMP)

run: $(STAMP)
	$(VENV)/bin/digest run

test: $(STAMP)
	$(PY) -m pytest

lint: $(STAMP)
	$(VENV)/bin/ruff check digest flows tests
	$(VENV)/bin/ruff format --check digest flows tests
	$(VENV)/bin/mypy

fmt: $(STAMP)
	$(VENV)/bin/ruff format digest flows tests
	$(VENV)/bin/ruff check --fix digest flows tests

clean:
	rm -rf $(VENV) outbox .digest-state .pytest_cache .mypy_cache .ruff_cache

# Two commands matter: `make run` (the whole stack, demo salon seeded) and `make test` (the whole suite).
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test lint test-only clean-data

# The venv is rebuilt whenever the pinned lock changes, so a fresh install is the install we tested.
$(BIN)/.installed: requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	touch $@

run: $(BIN)/.installed
	$(BIN)/python -m deploy.local.stack

lint: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

test-only: $(BIN)/.installed
	$(BIN)/python -m pytest -q

test: lint test-only

clean-data:
	rm -rf .data

# Two commands matter: `make run` (the whole stack, demo salon seeded) and `make test` (the whole suite).
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test lint test-only faults browser screenshots clean-data bench eval

# The venv is rebuilt whenever the pinned lock changes, so a fresh install is the install we tested; every file
# is checked against its hash in the lock (requirements-dev.lock: the runtime's requirements.lock plus test tools).
$(BIN)/.installed: requirements-dev.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-dev.lock
	touch $@

run: $(BIN)/.installed
	$(BIN)/python -m deploy.local.stack

lint: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/vulture

test-only: $(BIN)/.installed
	$(BIN)/python -m pytest -q

# The fault suite alone (it also runs in `make test`): the real stack killed, restarted and flooded.
faults: $(BIN)/.installed
	$(BIN)/python -m pytest -q -m faults

# The browser tests drive Debian's chromium; it is installed when missing and possible (root, apt reachable).
# Otherwise those tests are skipped, each saying why.
browser:
	@command -v chromium >/dev/null 2>&1 || \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-color-emoji) \
	  >/dev/null 2>&1 || echo "Chromium could not be installed: the browser tests will be skipped"

test: lint browser test-only

# The README's pictures: the browser tests and the real stack's Web UI check, saving under docs/screenshots.
screenshots: $(BIN)/.installed browser
	CITAFLOW_SCREENSHOTS=docs/screenshots $(BIN)/python -m pytest -q -m "browser or e2e"

# Not part of `make test`: the real stack on temporary data, measured (tests/bench); prints one table and writes
# test-output/bench.json. Sizes are flags, e.g. `make bench BENCH_ARGS=--quick`.
bench: $(BIN)/.installed
	$(BIN)/python -m tests.bench $(BENCH_ARGS)

# How well customers are understood: the corpus in tests/eval/corpus through the rules (and Claude with
# ANTHROPIC_API_KEY set), accuracy per intent and per field; `make eval EVAL_ARGS=--misses` lists the misses.
eval: $(BIN)/.installed
	$(BIN)/python -m tests.eval $(EVAL_ARGS)

clean-data:
	rm -rf .data

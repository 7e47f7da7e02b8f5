# Two commands for a fresh machine:
#   make run    set up .venv from the hash-pinned lock, then ingest seeds/ into warehouse/newsclaims.duckdb
#   make test   set up .venv, then run the test suite (what CI runs)
PYTHON ?= python3.11
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: setup run test lock clean

setup: $(STAMP)

$(STAMP): requirements-bootstrap.txt requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-bootstrap.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

run: setup
	$(BIN)/newsclaims run

test: setup
	# the report test drives Debian's chromium headless (no browser download); installed once
	command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y --no-install-recommends chromium)
	$(BIN)/python -m pytest

# Regenerate the hash-pinned lock after changing dependencies in pyproject.toml.
lock:
	$(BIN)/python -m pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --generate-hashes --extra test --strip-extras --allow-unsafe \
	  --no-emit-index-url --no-emit-find-links -o requirements.lock pyproject.toml

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache

# Two commands for a fresh machine:
#   make run        set up .venv from the hash-pinned lock, then ingest seeds/ into warehouse/newsclaims.duckdb
#   make test       set up .venv (and Debian's chromium, see below), then the whole test suite (what CI runs)
#   make test-fast  the tests not marked slow (no Prefect flow runs, no browser): about a minute
PYTHON ?= python3.11
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: setup run test test-fast chromium lock clean

setup: $(STAMP)

$(STAMP): requirements-bootstrap.txt requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-bootstrap.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

run: setup
	$(BIN)/newsclaims run

test: setup chromium
	$(BIN)/python -m pytest

test-fast: setup
	$(BIN)/python -m pytest -m "not slow" -q

# The report and Data Docs tests drive Debian's chromium headless (no browser download).
# Installed with apt-get when missing, as root (CI runs as root); otherwise the browser
# tests are skipped with a message (in CI, CI=true, they fail instead).
chromium:
	@if command -v chromium >/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ]; then \
	  echo "installing Debian's chromium for the browser tests: apt-get install --no-install-recommends chromium"; \
	  apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium; \
	else \
	  echo "chromium is not installed and this is not root: the browser tests will be skipped."; \
	  echo "  install it with: sudo apt-get install --no-install-recommends chromium"; \
	fi

# Regenerate the hash-pinned lock after changing dependencies in pyproject.toml.
lock:
	$(BIN)/python -m pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --generate-hashes --extra test --strip-extras --allow-unsafe \
	  --no-emit-index-url --no-emit-find-links -o requirements.lock pyproject.toml

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache

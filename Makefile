# ConsultAid: `make run` sets up and starts the app; `make test` sets up and runs every test.
# Needs only Python 3.11+ and make: the virtual environment and everything else are set up here.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip --disable-pip-version-check
# The app alone (make run), then the test and style tools on top (make test, make check).
APP_STAMP   := $(VENV)/.installed-app
TEST_STAMP  := $(VENV)/.installed-test
BENCH_STAMP := $(VENV)/.installed-bench

.PHONY: run web test check bench prebuilt clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "ConsultAid needs Python 3.11 or newer (found $$($(PYTHON) --version))"; exit 1; }
	@echo "ConsultAid, first start: making a virtual environment in $(VENV) and putting pip in it (about 10 s)..."
	$(PYTHON) -m venv $(VENV)

# The app's own libraries only (no test tools), with pip's progress shown as it downloads.
$(APP_STAMP): pyproject.toml | $(BIN)/python
	@echo "Installing ConsultAid and what it needs (Textual, pydantic, YAML); pip shows its progress:"
	$(PIP) install --progress-bar on -e .
	touch $(APP_STAMP)
	@echo "Installed. Starting ConsultAid (from now on, make run or $(BIN)/consultaid starts it at once)."

$(TEST_STAMP): pyproject.toml | $(BIN)/python
	$(PIP) install --quiet -e '.[test]'
	touch $(TEST_STAMP) $(APP_STAMP) $(WEB_STAMP)

run: $(APP_STAMP)
	$(BIN)/consultaid $(ARGS)

# The web wizard (consultaid web): HOST and PORT as make variables, e.g. make web PORT=8080.
WEB_STAMP := $(VENV)/.installed-web
HOST ?= 127.0.0.1
PORT ?= 8000

$(WEB_STAMP): pyproject.toml | $(BIN)/python
	$(PIP) install --quiet -e '.[web]'
	touch $(WEB_STAMP) $(APP_STAMP)

web: $(WEB_STAMP)
	$(BIN)/consultaid web --host $(HOST) --port $(PORT) $(ARGS)

check: $(TEST_STAMP)
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/mypy

test: $(TEST_STAMP)
	sh scripts/ensure-tmux
	sh scripts/ensure-chromium
	$(BIN)/consultaid rules check --strict
	$(BIN)/consultaid rules test --strict
	TEXTUAL_ANIMATIONS=none $(BIN)/python -m pytest -q -p no:cacheprovider

$(BENCH_STAMP): $(TEST_STAMP)
	$(PIP) install --quiet -e '.[test,bench]'
	touch $(BENCH_STAMP)

bench: $(BENCH_STAMP) prebuilt
	sh scripts/ensure-tmux
	$(BIN)/python benchmarks/run.py $(ARGS)

# The default rulebook prebuilt as the package build makes it (hatch_build.py): an editable install's copy goes
# stale when rules/ or the code changes (then the YAML is read at run time, as before), and this refreshes it.
prebuilt: $(APP_STAMP)
	$(BIN)/python -m consultaid.rulebook.prebuilt

clean:
	rm -rf $(VENV) build dist .pytest_cache

# ConsultAid: `make run` sets up and starts the app; `make test` sets up and runs every test.
# Needs only Python 3.11+ and make: the virtual environment and everything else are set up here.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
BENCH_STAMP := $(VENV)/.installed-bench

.PHONY: run test check bench clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "ConsultAid needs Python 3.11 or newer (found $$($(PYTHON) --version))"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/consultaid $(ARGS)

test: $(STAMP)
	sh scripts/ensure-tmux
	$(BIN)/consultaid rules check --strict
	$(BIN)/consultaid rules test --strict
	TEXTUAL_ANIMATIONS=none $(BIN)/python -m pytest -q -p no:cacheprovider

$(BENCH_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test,bench]'
	touch $(BENCH_STAMP)

bench: $(BENCH_STAMP)
	sh scripts/ensure-tmux
	$(BIN)/python benchmarks/run.py $(ARGS)

clean:
	rm -rf $(VENV) build dist .pytest_cache

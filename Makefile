# Colloquy — the editors' interface. `make` publishes, `make test` runs the whole suite.
# Each target does its own set-up, stamped so that it is skipped in a few milliseconds when
# done: the Debian packages (tools/system-deps.sh, again whenever a package is installed or
# removed), a .venv with Colloquy installed, its code compiled to bytecode. The test targets
# also install the test-only packages; the editors' `make` never does.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
COLLOQUY := $(BIN)/colloquy
ARGS   ?=
# test processes (pytest-xdist): one per core; TEST_JOBS=0 runs the tests in this process
TEST_JOBS ?= auto
# the stamps
DEPS_STAMP  := $(VENV)/.system-deps
STAMP       := $(VENV)/.colloquy-installed
TEST_STAMP  := $(VENV)/.colloquy-test-installed
PYC_STAMP   := $(VENV)/.colloquy-compiled
CLIENTS_STAMP := $(VENV)/.system-deps-clients
BENCH_STAMP := $(VENV)/.system-deps-bench
CLIENTS_PY_STAMP := $(VENV)/.colloquy-clients-installed
SOURCES     := $(shell find src -name '*.py' 2>/dev/null)
DPKG_STATUS := $(wildcard /var/lib/dpkg/status)

.DEFAULT_GOAL := publish
.PHONY: publish build check extract update stats import align fix serve test test-clients lint typecheck bench clean help setup

help: ## show this help
	@echo "Colloquy — bilingual publishing of expert interviews"
	@echo ""
	@echo "Usage: make [target] [ARGS='…']"
	@echo ""
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/^([a-z-]+):.*## (.*)/  \1\t\2/' | expand -t 15
	@echo ""
	@echo "ARGS is passed to the colloquy command, e.g. make check ARGS=--strict"

publish: setup ## (default) publish every edition into dist/ — HTML, PDF, DOCX
	@$(COLLOQUY) build $(ARGS) $(EXPLAIN)

build: publish ## same as publish

# When colloquy fails, say in plain words what its status means before make adds its own
# "make: *** [Makefile:…] Error N" line (N is colloquy's status; make itself then exits with 2).
EXPLAIN = || { s=$$?; case $$s in 1) echo "make: colloquy found problems (status 1): fix the lines marked 'error' above, then run the same make command again" >&2;; 2) echo "make: colloquy stopped on bad input (status 2): fix the lines marked 'error' above (file:line), then run the same make command again" >&2;; esac; exit $$s; }

check: setup ## validate the sources and check the translations (numbers, terms, typography)
	@$(COLLOQUY) check $(ARGS) $(EXPLAIN)

import: setup ## a Word manuscript → articles/<slug>/article.md: make import FILE=manuscript.docx [ARGS='--slug S']
	@test -n "$(FILE)" || { echo "make import: name the manuscript: make import FILE=path/to/manuscript.docx" >&2; exit 2; }
	@$(COLLOQUY) import "$(FILE)" $(ARGS) $(EXPLAIN)

align: setup ## an existing translation → the catalog, fuzzy: make align SLUG=s FILE=translation.docx
	@test -n "$(SLUG)" -a -n "$(FILE)" || { echo "make align: name the article and the file: make align SLUG=csco-2025-ma-jun FILE=translation.docx" >&2; exit 2; }
	@$(COLLOQUY) align "$(SLUG)" "$(FILE)" $(ARGS) $(EXPLAIN)

fix: setup ## show the normalisations of Word artefacts in the sources (ARGS=--write saves them)
	@$(COLLOQUY) fix $(ARGS) $(EXPLAIN)

serve: setup ## a live preview on http://127.0.0.1:8000/, reloaded on every save (Ctrl-C stops it)
	@$(COLLOQUY) serve $(ARGS)

extract: setup ## write the translation templates locales/templates/*.pot
	@$(COLLOQUY) extract $(ARGS)

update: setup ## merge the templates into every catalog (never loses a translation)
	@$(COLLOQUY) update $(ARGS)

stats: setup ## translation progress per article and locale
	@$(COLLOQUY) stats $(ARGS)

test: setup $(TEST_STAMP) ## run the whole test suite, the linter and the type checker
	@$(BIN)/python -m pytest -n $(TEST_JOBS) $(ARGS)
	@$(BIN)/ruff check src tests tools
	@$(BIN)/mypy

test-clients: setup $(TEST_STAMP) $(CLIENTS_STAMP) $(CLIENTS_PY_STAMP) ## check the outputs in Chromium and LibreOffice
	@$(BIN)/python -m pytest tests/clients -p no:cacheprovider $(ARGS)

lint: setup $(TEST_STAMP) ## ruff on the code
	@$(BIN)/ruff check src tests tools

typecheck: setup $(TEST_STAMP) ## mypy --strict on the code
	@$(BIN)/mypy

bench: setup $(TEST_STAMP) $(BENCH_STAMP) ## measure build speed against raw WeasyPrint and pandoc (writes build/bench.json)
	@$(BIN)/python tools/bench.py $(ARGS)

clean: ## remove dist/, build/ and caches (keeps .venv)
	rm -rf dist build .pytest_cache .ruff_cache .mypy_cache
	find . -name __pycache__ -type d -not -path './$(VENV)/*' -prune -exec rm -rf {} +
	rm -f $(PYC_STAMP)

setup: $(DEPS_STAMP) $(STAMP) $(PYC_STAMP)

$(DEPS_STAMP): tools/system-deps.sh $(DPKG_STATUS)
	@tools/system-deps.sh
	@mkdir -p $(VENV) && touch $@

$(CLIENTS_STAMP): tools/system-deps.sh $(DPKG_STATUS)
	@tools/system-deps.sh --clients
	@touch $@

$(BENCH_STAMP): tools/system-deps.sh $(DPKG_STATUS)
	@tools/system-deps.sh --bench
	@touch $@

$(STAMP): pyproject.toml $(DEPS_STAMP)
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@echo "Installing Colloquy and its Python dependencies into $(VENV) …"
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check -e .
	@touch $@

$(TEST_STAMP): pyproject.toml $(STAMP)
	@echo "Installing the test tools into $(VENV) …"
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	@touch $@

$(CLIENTS_PY_STAMP): pyproject.toml $(TEST_STAMP)
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test,clients]'
	@touch $@

# Colloquy's own modules compiled once (Python does not write bytecode where
# PYTHONDONTWRITEBYTECODE is set, and would compile every module on every run)
$(PYC_STAMP): $(SOURCES) $(STAMP)
	@$(BIN)/python -m compileall -q src
	@touch $@

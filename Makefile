# Colloquy — the editors' interface. `make` publishes, `make test` runs the whole suite.
# Each target does its own set-up: Debian packages (tools/system-deps.sh) and a .venv
# with Colloquy installed. Set-up is skipped in well under a second when already done.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.colloquy-installed
COLLOQUY := $(BIN)/colloquy
ARGS   ?=

.DEFAULT_GOAL := publish
.PHONY: publish build check extract update stats test lint bench clean help setup system-deps

help: ## show this help
	@echo "Colloquy — bilingual publishing of expert interviews"
	@echo ""
	@echo "Usage: make [target] [ARGS='…']"
	@echo ""
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/^([a-z-]+):.*## (.*)/  \1\t\2/' | expand -t 14
	@echo ""
	@echo "ARGS is passed to the colloquy command, e.g. make check ARGS=--strict"

publish: setup ## (default) publish every edition into dist/ — HTML, PDF, DOCX
	@$(COLLOQUY) build $(ARGS)

build: publish ## same as publish

check: setup ## validate the sources and check the translations (numbers, terms, typography)
	@$(COLLOQUY) check $(ARGS)

extract: setup ## write the translation templates locales/templates/*.pot
	@$(COLLOQUY) extract $(ARGS)

update: setup ## merge the templates into every catalog (never loses a translation)
	@$(COLLOQUY) update $(ARGS)

stats: setup ## translation progress per article and locale
	@$(COLLOQUY) stats $(ARGS)

test: setup ## run the whole test suite and the linter
	@$(BIN)/python -m pytest $(ARGS)
	@$(BIN)/ruff check src tests tools

lint: setup ## ruff on the code
	@$(BIN)/ruff check src tests tools

bench: setup ## measure build speed against raw WeasyPrint and pandoc (writes build/bench.json)
	@$(BIN)/python tools/bench.py $(ARGS)

clean: ## remove dist/, build/ and caches (keeps .venv)
	rm -rf dist build .pytest_cache .ruff_cache
	find . -name __pycache__ -type d -not -path './$(VENV)/*' -prune -exec rm -rf {} +

setup: system-deps $(STAMP)

system-deps:
	@tools/system-deps.sh

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@echo "Installing Colloquy and its Python dependencies into $(VENV) …"
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	@touch $@

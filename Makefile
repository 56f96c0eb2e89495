# Two commands set everything up on a fresh machine with Python 3.11+ and make:
#   make chat   — the conversation in the terminal
#   make test   — lint, type check, knowledge-base check and the whole test suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: chat test bench run webhook lint typecheck format kb-check clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (set PYTHON=python3.11)")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

chat: $(STAMP)
	$(BIN)/optout-bot chat

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy bot
	$(BIN)/optout-bot kb check
	$(BIN)/pytest -n 2

bench: $(STAMP)
	$(BIN)/python -m bench

run: $(STAMP)
	$(BIN)/optout-bot run

webhook: $(STAMP)
	$(BIN)/optout-bot webhook

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy bot

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

kb-check: $(STAMP)
	$(BIN)/optout-bot kb check

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache .hypothesis

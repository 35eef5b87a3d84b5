# Two commands for a fresh machine with python3 and make:
#   make play   installs into .venv (created if missing) and plays
#   make test   installs into .venv and runs the whole test suite (pytest on every core)
# The install is pure Python (nothing is compiled) and editable: source edits need no
# reinstall; an edit to pyproject.toml (dependencies, entry points) reinstalls. The venv's own
# pip is used as it comes (Python 3.11 ships pip 22.3 or later, which installs editable
# projects from pyproject.toml): upgrading it first cost a download on every fresh clone.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: play test lint bench balance balance-quick clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Extension modules left in game/ by an earlier build (this game's engine was once compiled
# by mypyc) are removed first: Python would import them instead of the sources.
$(STAMP): pyproject.toml | $(BIN)/python
	rm -f $(VENV)/.installed*
	find game -name '*.so' -delete
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

play: $(STAMP)
	$(BIN)/resilience

test: $(STAMP)
	$(BIN)/ruff check game tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/python -m pytest -n auto --dist worksteal

bench: $(STAMP)
	$(BIN)/python bench/bench_engine.py

# docs/balance.md, every table measured again (about half an hour on 2 idle cores; JOBS=N workers).
# balance-quick: small samples in minutes, to iterate (do not commit its figures).
JOBS ?= $(shell nproc)
balance: $(STAMP)
	$(BIN)/python -m game.lab.balance_doc --jobs $(JOBS)

balance-quick: $(STAMP)
	$(BIN)/python -m game.lab.balance_doc --quick --jobs $(JOBS)

clean:
	rm -rf $(VENV) build *.egg-info .mypy_cache
	find game \( -name '*.so' -o -name '*.c' \) -delete

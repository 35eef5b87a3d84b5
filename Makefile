# Two commands for a fresh machine with python3 and make:
#   make play   installs into .venv (created if missing) and plays
#   make test   installs into .venv and runs the whole test suite
# The install compiles the engine's hot modules with mypyc when a C compiler and Python's
# headers are there (setup.py), else it is pure Python; RESILIENCE_PURE=1 forces pure Python.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
BUILD := $(if $(filter 1,$(RESILIENCE_PURE)),pure,compiled)
STAMP := $(VENV)/.installed-$(BUILD)

# The modules mypyc compiles, read from setup.py's COMPILED list (the one place to edit it):
# an edit to one of them reinstalls, so the tests never run an old compiled module.
COMPILED := $(shell $(PYTHON) -c 'import ast; print(*next(ast.literal_eval(n.value) for n in ast.parse(open("setup.py").read()).body if isinstance(n, ast.Assign) and getattr(n.targets[0], "id", "") == "COMPILED"))')
ifeq ($(strip $(COMPILED)),)
$(error cannot read the COMPILED list from setup.py)
endif

.PHONY: play test lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Built modules in game/ are removed first: a pure install must not leave old compiled ones
# to shadow the sources (Python imports work.*.so before work.py).
$(STAMP): setup.py pyproject.toml $(COMPILED) | $(BIN)/python
	rm -f $(VENV)/.installed-*
	find game -name '*.so' -delete
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	@$(BIN)/python -c "from game.compiled import engine_build; print('engine:', engine_build())"
	touch $(STAMP)

play: $(STAMP)
	$(BIN)/resilience

test: $(STAMP)
	$(BIN)/ruff check game tests bench setup.py
	$(BIN)/mypy
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python bench/bench_engine.py

clean:
	rm -rf $(VENV) build *.egg-info .mypy_cache
	find game \( -name '*.so' -o -name '*.c' \) -delete

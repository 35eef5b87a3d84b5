# Two commands for a fresh machine with python3 and make:
#   make play   installs into .venv (created if missing) and plays
#   make test   installs into .venv and runs the whole test suite (pytest on every core, +1)
# The install is pure Python (nothing is compiled) and editable: source edits need no
# reinstall; an edit to pyproject.toml (dependencies, entry points) reinstalls. The venv's own
# pip is used as it comes (Python 3.11 ships pip 22.3 or later, which installs editable
# projects from pyproject.toml): upgrading it first cost a download on every fresh clone.
#
# Time (make test on a fresh clone must stay well under 4 minutes on 2 cores):
# - pip installs with --no-compile: compiling every module of every package to bytecode took
#   about 12 s of CPU, 40 % of the install's, mostly for modules nothing here imports (dask,
#   pygments, pip's own, mypy's pure-Python twins of its compiled modules). The modules the
#   game and the tests import are compiled on their first import instead, and kept: Python's
#   bytecode cache is left on for these commands even where the environment turns it off
#   (PYTHONDONTWRITEBYTECODE), else every pytest worker would compile them all again.
# - mypy and lint-imports (one core, about 10 s on a fresh clone, mypy having no cache yet)
#   run beside pytest, in the time pytest's workers wait for the interface to settle; their
#   output is shown after pytest's, and either failing fails `make test`.
# - pytest runs one worker more than there are cores: the Pilot tests sleep about a quarter as
#   long as they compute (waiting for the app to settle after each key: the monkey test
#   almost half), and a third worker on two cores fills that time. Modelled from each test's
#   measured CPU and sleep: about 145 s of pytest with two workers, 117 s with three.
PYTHON ?= python3
unexport PYTHONDONTWRITEBYTECODE
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
	$(BIN)/python -m pip install --quiet --no-compile -e ".[test]"
	touch $(STAMP)

play: $(STAMP)
	$(BIN)/resilience

CHECKS_LOG := $(VENV)/.checks.log
WORKERS ?= $(shell echo $$(( $$(nproc) + 1 )))

test: $(STAMP)
	$(BIN)/ruff check game tests bench
	@echo "$(BIN)/mypy; $(BIN)/lint-imports  (beside pytest: output after pytest's)"
	@( $(BIN)/mypy; m=$$?; $(BIN)/lint-imports; exit $$(( m || $$? )) ) > $(CHECKS_LOG) 2>&1 & \
	checks=$$!; \
	echo "$(BIN)/python -m pytest -n $(WORKERS) --dist worksteal"; \
	$(BIN)/python -m pytest -n $(WORKERS) --dist worksteal; tests=$$?; \
	wait $$checks; checks_rc=$$?; \
	echo "-- mypy and lint-imports:"; cat $(CHECKS_LOG); \
	[ $$tests -eq 0 ] && [ $$checks_rc -eq 0 ]

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

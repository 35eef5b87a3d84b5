"""The engine's documentation runs: every example in docs/engine.md and in the public API's
docstrings is executed and must print what the page says."""

from __future__ import annotations

import doctest
from pathlib import Path

import game.engine
import game.engine.view
import game.safe_text

DOCS = Path(__file__).resolve().parent.parent / "docs"


def test_the_engine_guide_runs() -> None:
    result = doctest.testfile(str(DOCS / "engine.md"), module_relative=False)
    assert result.attempted > 10 and result.failed == 0


def test_the_api_docstrings_run() -> None:
    for module in (game.engine, game.engine.view, game.safe_text):
        result = doctest.testmod(module)
        assert result.attempted > 0 and result.failed == 0, module.__name__

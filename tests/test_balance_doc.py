"""docs/balance.md's generator: its template places every generated section, and a broken
template is one clear error before an hour of games is wasted on it."""

from __future__ import annotations

import re

import pytest

from game.lab import balance_doc
from game.lab.balance_doc import SECTIONS, TEMPLATE, Results, fill, targets_section
from game.lab.runner import GameRow
from game.lab.tally import Tally


def test_the_template_places_every_generated_section_once() -> None:
    names = re.findall(r"\{\{(\w+)\}\}", TEMPLATE.read_text(encoding="utf-8"))
    assert sorted(names) == sorted(SECTIONS)


def test_an_unknown_or_unplaced_section_is_named() -> None:
    with pytest.raises(SystemExit, match="no section named nope"):
        fill("{{nope}}", {})
    with pytest.raises(SystemExit, match="never placed: extra"):
        fill("text", {"extra": "x"})
    assert fill("a {{x}} b", {"x": "X"}) == "a X b"


def _tally(wins: int, games: int) -> Tally:
    t = Tally()
    for k in range(games):
        won = k < wins
        t.add(
            GameRow(
                k,
                "v",
                "p",
                "d",
                "marginal" if won else "stalemate",
                won,
                80.0 if won else 70.0,
                (),
                12,
                0,
                0.0,
                50.0,
                False,
                (),
            )
        )
    return t


def test_the_targets_table_says_which_targets_hold() -> None:
    results = Results()
    name = balance_doc.DEFAULT_SCENARIO
    results.tally[(name, "normal", "coordinated")] = _tally(50, 100)  # 35-65%: holds
    results.tally[(name, "normal", "passive")] = _tally(10, 100)  # under 5%: fails
    table = targets_section(results, name, [name])
    assert "| normal | coordinated | 35%–65% | 50.0% (40–60) | 100 | yes |" in table
    assert "| normal | passive | under 5% | 10.0% (6–17) | 100 | **no** |" in table
    assert "1 of 9 targets hold" in table

"""The blanket visa ban against the scalpel (issue 15, point 2): a blunt ban denies China only
the banning ally's share of what the allies teach it, and costs the ally research, boardrooms'
and universities' goodwill and its partners' trust, so it is no dominant trick. Assertions
compare two runs, never tuned numbers."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run, start

from game.cli import main
from game.engine import GameState, Order, Scenario
from game.scenarios import builtin_dir

BAN = "blanket-visa-ban"
# The ban's effects before issue 15's fix: China's tech in every domain, whoever bans.
OLD_BAN = """effects = [
  { who = "china", var = "fusion", amount = -3 },
  { who = "china", var = "tech", amount = -0.8 },
  { who = "self", var = "talent", amount = -8 },
  { who = "self", var = "gdp", amount = -0.15, turns = 4 },
  { who = "coalition", var = "cohesion", amount = -3 },
]
"""


def _china_tech(state: GameState) -> float:
    return sum(state.china.tech)


def _after_ban(scenario: Scenario, ally: str | None, turns: int = 1) -> GameState:
    orders = {1: [Order(ally, BAN)]} if ally else {}
    return run(scenario, start(scenario), turns, orders)[-1]


def test_a_small_allys_blanket_ban_denies_china_less_than_the_largest_allys(
    quiet_scenario: Scenario,
) -> None:
    """The ban turns away the students and researchers who would have come to the banning
    ally: Australia's denies China far less than the United States'."""
    none = _china_tech(_after_ban(quiet_scenario, None))
    by_us = none - _china_tech(_after_ban(quiet_scenario, "us"))
    by_australia = none - _china_tech(_after_ban(quiet_scenario, "australia"))
    assert by_us > 0 and by_australia > 0
    assert by_us > 5 * by_australia


def test_a_blanket_ban_costs_the_banning_ally_research_goodwill_and_partners_trust(
    quiet_scenario: Scenario,
) -> None:
    """Over the following quarters the banning ally's own research falls behind (its labs lose
    people), its boardrooms and universities turn against the government and the coalition
    frays."""
    none = _after_ban(quiet_scenario, None, turns=4)
    banned = _after_ban(quiet_scenario, "us", turns=4)
    assert all(b < n for b, n in zip(banned.ally("us").tech, none.ally("us").tech, strict=True))
    assert banned.ally("us").talent < none.ally("us").talent
    assert banned.ally("us").alignment < none.ally("us").alignment
    assert banned.coalition.cohesion < none.coalition.cohesion


def test_the_scalpel_denies_more_in_its_domain_than_a_small_allys_blanket_ban(
    quiet_scenario: Scenario,
) -> None:
    """Targeted screening aimed at one technology denies China more there than a blanket ban
    by a mid-sized ally, at a fraction of the cost in talent."""
    s = quiet_scenario
    d = s.domain_index("semiconductors")
    none = run(s, start(s), 1)[-1]
    scalpel = run(
        s, start(s), 1, {1: [Order("japan", "targeted-visa-screening", "semiconductors")]}
    )
    blanket = run(s, start(s), 1, {1: [Order("japan", BAN)]})
    denied_scalpel = none.china.tech[d] - scalpel[-1].china.tech[d]
    denied_blanket = none.china.tech[d] - blanket[-1].china.tech[d]
    assert denied_scalpel > denied_blanket
    assert scalpel[-1].ally("japan").talent > blanket[-1].ally("japan").talent


def test_stress_flags_the_old_blanket_ban_and_not_the_costed_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Before, a blanket ban cut China's tech in every domain by the same amount whoever
    banned, at little cost: on the chip-controls scenario at hard, ordering it whenever legal
    beat the coordinated reference, and stress says so. With its scope and costs it no longer
    does."""
    shipped = builtin_dir() / "collective-resilience.toml"
    text = shipped.read_text(encoding="utf-8")
    start_at = text.index("effects = [", text.index(f'id = "{BAN}"'))
    end_at = text.index("]\n", start_at) + 2
    old_parent = tmp_path / "old-ban.toml"
    old_parent.write_text(text[:start_at] + OLD_BAN + text[end_at:], encoding="utf-8")
    chips = (builtin_dir() / "chip-controls.toml").read_text(encoding="utf-8")
    parent = 'extends = "collective-resilience"'
    assert parent in chips
    old = tmp_path / "old-chips.toml"
    old.write_text(chips.replace(parent, f'extends = "{old_parent}"'), encoding="utf-8")
    args = ["stress", "--difficulty", "hard", "--games", "20", "--jobs", "1"]
    args += ["--only", f"{BAN} spammed"]
    assert main([*args, "--scenario", str(old)]) == 0
    out = capsys.readouterr().out
    assert "EXPLOITS" in out and f"{BAN} spammed" in out.split("EXPLOITS", 1)[1]
    assert main([*args, "--scenario", "chip-controls"]) == 0
    assert "EXPLOITS" not in capsys.readouterr().out

"""Warnings for victory tiers inherited by a scenario that changes what they were set for.

The tiers (``victory.decisive``, ``marginal``, ``stalemate``) are fixed scores, set for the
parent's number of turns, allies and scoring spans: they do not scale. A scenario that
changes turns, adds or removes allies, or changes a span or weight of the score while
inheriting all three tiers gets a warning naming the line of each change.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from game.engine import Scenario, ScenarioError, line_of

TIER_KEYS = ("decisive", "marginal", "stalemate")
# Keys of [victory] (and [tuning]) that move every score: tiers set before no longer fit.
SCORE_KEYS = (
    "gdp_floor",
    "tech_span",
    "gdp_weight",
    "tech_weight",
    "leverage_weight",
    "cohesion_weight",
    "accommodation_weight",
)


def _table(data: dict[str, Any], key: str) -> dict[str, Any]:
    value = data.get(key)
    return value if isinstance(value, dict) else {}


def _line(text: str, key: str, section: str) -> int | None:
    """The line of ``key = ...`` in ``[section]`` of a TOML text (a locator for messages)."""
    return line_of(text, f"{section}.{key}" if section else key)


def inherited_tier_warnings(path: Path) -> list[str]:
    """``FILE:LINE: warning: ...`` for each change the inherited tiers were not set for; no
    warning for a file that does not extend another or sets its own tiers."""
    from game.scenarios import RESOLVER, load

    try:
        text = path.read_bytes().decode("utf-8-sig")
        own: dict[str, Any] = tomllib.loads(text)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return []  # validation reports it
    parent_name = own.get("extends")
    victory = _table(own, "victory")
    if not isinstance(parent_name, str) or all(k in victory for k in TIER_KEYS):
        return []
    parent_path = RESOLVER.find(parent_name, path.resolve().parent)
    if parent_path is None:
        return []
    try:
        child, parent = load(path), load(parent_path)
    except ScenarioError:
        return []
    changes = _changes(own, text, child, parent)
    if not changes:
        return []
    pv = parent.victory
    tiers = f"decisive {pv.decisive:g}, marginal {pv.marginal:g}, stalemate {pv.stalemate:g}"
    missing = ", ".join(k for k in TIER_KEYS if k not in victory)
    out = []
    for line, what in changes:
        where = f"{path}:{line}" if line else str(path)
        out.append(
            f"{where}: warning: {what}, but the victory tiers ({missing}) are inherited from "
            f"{parent_path.stem} ({tiers}), set for {parent.turns} {parent.turn_label}s and "
            f"{len(parent.allies)} allies; tiers do not scale: set [victory] {missing} (run "
            f"`resilience validate --check-balance {path}` for figures)"
        )
    return out


def _changes(
    own: dict[str, Any], text: str, child: Scenario, parent: Scenario
) -> list[tuple[int | None, str]]:
    out: list[tuple[int | None, str]] = []
    if child.turns != parent.turns:
        out.append(
            (_line(text, "turns", "scenario"), f"turns is {child.turns}, not {parent.turns}")
        )
    ids, parent_ids = {a.id for a in child.allies}, {a.id for a in parent.allies}
    if ids != parent_ids:
        added, removed = sorted(ids - parent_ids), sorted(parent_ids - ids)
        what = "; ".join(
            part
            for part in (
                f"adds allies {', '.join(added)}" if added else "",
                f"removes allies {', '.join(removed)}" if removed else "",
            )
            if part
        )
        line = _line(text, "allies", "remove") if removed else _line(text, "allies[0]", "")
        out.append((line, f"the scenario {what}"))
    victory = _table(own, "victory")
    for key in SCORE_KEYS:
        if key in victory and getattr(child.victory, key) != getattr(parent.victory, key):
            old, new = getattr(parent.victory, key), getattr(child.victory, key)
            out.append((_line(text, key, "victory"), f"victory.{key} is {new:g}, not {old:g}"))
    if child.tuning.leverage_span != parent.tuning.leverage_span:
        out.append(
            (
                _line(text, "leverage_span", "tuning"),
                f"tuning.leverage_span is {child.tuning.leverage_span:g}, not "
                f"{parent.tuning.leverage_span:g}",
            )
        )
    return out

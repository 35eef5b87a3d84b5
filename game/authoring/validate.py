"""``resilience validate``: every problem of every file, or a one-line summary of each."""

from __future__ import annotations

from pathlib import Path

from game.engine import Scenario, ScenarioError
from game.scenarios import load


def summary(scenario: Scenario) -> str:
    """One line describing a valid scenario."""
    defensive = sum(m.line == "defensive" for m in scenario.moves)
    offensive = len(scenario.moves) - defensive
    rules = len(scenario.china.doctrine)
    levels = ", ".join(d.id for d in scenario.difficulties)
    return (
        f"'{scenario.title}' ({scenario.id}): {scenario.turns} {scenario.turn_label}s, "
        f"{len(scenario.allies)} allies, {len(scenario.sectors)} sectors, "
        f"{len(scenario.moves)} moves ({defensive} defensive, {offensive} offensive), "
        f"{len(scenario.tools)} tools, {rules} doctrine rules, {len(scenario.events)} events; "
        f"difficulties: {levels}"
    )


def validate_file(path: Path, check_balance: bool = False) -> tuple[bool, list[str]]:
    """Check one file: (valid, the lines to print). Warnings (inherited victory tiers that no
    longer fit; with ``check_balance``, what a quick simulation found) do not make it
    invalid."""
    try:
        scenario = load(path)
    except ScenarioError as exc:
        return False, [p.format(exc.file) for p in exc.problems]
    from game.authoring.tiers import inherited_tier_warnings

    lines = [f"{path}: ok: {summary(scenario)}", *inherited_tier_warnings(path)]
    if check_balance:
        from game.authoring.balance import balance_lines, measure

        lines += balance_lines(scenario, str(path), measure(scenario))[0]
    return True, lines


def validate_files(paths: list[Path], check_balance: bool = False) -> tuple[int, list[str]]:
    """Check every file; return the exit code (0 all valid, 1 otherwise) and the lines."""
    code, out = 0, []
    for path in paths:
        ok, lines = validate_file(path, check_balance)
        out.extend(lines)
        if not ok:
            code = 1
    return code, out

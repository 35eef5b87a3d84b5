"""What a save must satisfy beyond its types, checked before anything uses it.

``from_document`` checks the structure and types of every field (and names the key path of
the first that does not fit); this module checks the embedded scenario (with the loader's
checks and limits) and the ranges that only the scenario gives: the turn, the teams'
governments, the difficulty, the length of the log, the date. A listing, a load, a report
and a replay all read a save through :func:`checked_scenario`, so none of them meets a value
it cannot handle.
"""

from __future__ import annotations

import re

from game.engine import Scenario, ScenarioError, build_scenario
from game.safe_text import clean
from game.saves.errors import DamagedSaveError
from game.saves.format import Save

_DATE = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")


def build_embedded(save: Save) -> Scenario:
    """The scenario embedded in a save, built and checked; DamagedSaveError naming its
    first problem's key path (under ``game.scenario.data``) if it is invalid."""
    try:
        return build_scenario(save.game.scenario_data, "the scenario in the save")
    except ScenarioError as exc:
        first = exc.problems[0] if exc.problems else None
        if first is None:
            raise DamagedSaveError("game.scenario.data: the embedded scenario is invalid") from None
        where = f"game.scenario.data.{first.path}" if first.path else "game.scenario.data"
        raise DamagedSaveError(
            f"{where}: the embedded scenario is invalid ({clean(first.message)})"
        ) from None


def checked_scenario(save: Save) -> Scenario:
    """The save's scenario, after checking every range the save must respect in it;
    DamagedSaveError naming the field otherwise."""
    scenario = build_embedded(save)
    game, state = save.game, save.state
    if not _DATE.match(save.saved_at):
        raise DamagedSaveError(
            f"saved_at: expected a date like 2025-01-31T12:00:00Z, found "
            f"'{clean(save.saved_at[:40], newlines=False)}'"
        )
    levels = {d.id for d in scenario.difficulties}
    if game.difficulty not in levels:
        raise DamagedSaveError(
            f"game.difficulty: '{clean(game.difficulty[:40], newlines=False)}' is not a "
            "difficulty of the embedded scenario"
        )
    allies = {a.id for a in scenario.allies}
    seen: set[str] = set()
    for i, team in enumerate(game.teams):
        if team.ally not in allies or team.ally in seen:
            what = "twice" if team.ally in seen else "not a government of the embedded scenario"
            raise DamagedSaveError(
                f"game.teams[{i}].ally: '{clean(team.ally[:40], newlines=False)}' is {what}"
            )
        seen.add(team.ally)
    if len(game.turns) > scenario.turns:
        raise DamagedSaveError(
            f"game.turns: {len(game.turns)} turns logged, more than the scenario's {scenario.turns}"
        )
    if not 1 <= state.turn <= scenario.turns + 1:
        raise DamagedSaveError(
            f"state.turn: {state.turn} is out of range [1, {scenario.turns + 1}]"
        )
    if [a.id for a in state.allies] != [a.id for a in scenario.allies]:
        raise DamagedSaveError("state.allies: not the governments of the embedded scenario")
    return scenario

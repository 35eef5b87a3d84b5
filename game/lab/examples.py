"""``--example best|worst|median FILE``: one of a batch's games written as a save that
``resilience replay FILE`` opens, so an analyst can watch why it went that way.

The batch keeps only the chosen game's seed and variant; the game is played again here (the
same seed and policies give the same game) with its orders recorded.
"""

from __future__ import annotations

from pathlib import Path

from game.engine import new_game, resolve_turn
from game.lab.keypath import apply_overrides
from game.lab.runner import Job, play, scenario_of
from game.saves.format import Team
from game.saves.replay import make_save, new_record, record_turn
from game.saves.store import safe_name, write_save


def write_example(job: Job, variant_index: int, seed: int, path: Path) -> Path:
    """Play the game of ``seed`` under the job's variant again and save it to ``path``."""
    variant = job.variants[variant_index]
    scenario = scenario_of(job, variant.overrides)
    data = apply_overrides(job.scenario_data, variant.overrides)
    log: list = []
    play(scenario, variant, seed, job.difficulty, job.timeout, log)
    teams = tuple(Team(a.id, "AI", variant.spec_for(a.id)) for a in scenario.allies)
    game = new_record(data, seed, job.difficulty, teams, safe_name(path.stem))
    state, _ = new_game(scenario, seed, job.difficulty, explain=False)
    for orders in log:
        state, _ = resolve_turn(scenario, state, orders, explain=False)
        game = record_turn(game, orders, state)
    return write_save(make_save(game, state), path)

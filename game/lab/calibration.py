"""The real coercion episodes the scenarios' tools are calibrated on, and the like-for-like
check of their magnitudes: the episode's measures alone, against the ally they hit.

A real episode struck a government that stood without a coalition's help and with no
hedge in place (South Korea over THAAD, Canada over the Huawei arrest, Australia after
2020). The game's matching case: China applies only the tools that model the episode's
measures, to that ally, at the scenario's default level, while every government stands by
(all play ``passive``). The output the ally loses per quarter under those measures is set
against the real figure (shared/data/calibration.md). How play changes the losses, a
coalition blunting them and a lone defier drawing more, is measured in play by
:mod:`game.lab.china_stats`.
"""

from __future__ import annotations

from collections.abc import Sequence

from attrs import evolve, frozen

from game.engine import Rule, Scenario, new_game, resolve_turn
from game.lab.backends import seed_slices
from game.scenarios import load, scenario_path


@frozen
class Calibrated:
    """A real coercion episode: the ally it hit, the scenario tools that model its measures,
    and its output lost per quarter under coercion, percent (from
    shared/data/calibration.md, with its source)."""

    episode: str
    ally: str
    tools: tuple[str, ...]
    per_quarter: float
    working: str
    source: str


CALIBRATED = (
    Calibrated(
        "Australia 2020-24 (barley, wine, coal, ...)",
        "australia",
        ("barley-duty", "wine-duties", "coal-ban"),
        0.35,
        "net loss about A$20bn over 2020-22 (12 quarters) on GDP about A$1.9tn a year",
        "calibration.md episodes table; moreeonlinenews.com.au/impact-of-china-sanctions-"
        "limited-study/ [39]",
    ),
    Calibrated(
        "South Korea 2016-17 (THAAD: tourism, Lotte)",
        "korea",
        ("tourism-ban",),
        0.42,
        "tourism loss about $6.8bn over about 4 quarters on GDP about $1.6tn a year",
        "calibration.md episodes table; koreaherald.com/view.php?ud=20180122000303 [18]",
    ),
    Calibrated(
        "Canada 2019-22 (canola licences)",
        "canada",
        ("detentions",),
        0.09,
        "canola seed exports C$2.8bn -> C$0.8bn a year on GDP about C$2.3tn a year",
        "calibration.md episodes table; thestar.com (canola ban lifted, 2022) [22]",
    ),
)

LOW, HIGH = 0.5, 2.0  # a factor of two either way


def measures_alone(scenario: Scenario, episode: Calibrated) -> Scenario | None:
    """``scenario`` with China's doctrine reduced to the episode's measures, each aimed at
    its ally every quarter it can; no difficulty level's own rules, no scripted events.
    None when the scenario lacks the ally or one of the tools (it does not model the
    episode's measures)."""
    tools = {t.id for t in scenario.tools}
    if episode.ally not in {a.id for a in scenario.allies} or not set(episode.tools) <= tools:
        return None
    rules = tuple(
        Rule(
            id=f"measure-{tool}",
            description=f"the measures of {episode.episode}",
            conditions=(),
            selector="most_exposed",
            tool=tool,
            intensity=1.0,
            cost=0,
            chance=1.0,
            target=episode.ally,
        )
        for tool in episode.tools
    )
    return evolve(
        scenario,
        china=evolve(scenario.china, doctrine=rules),
        difficulties=tuple(evolve(d, rules=()) for d in scenario.difficulties),
        events=(),
    )


@frozen
class AloneTask:
    """Seeds ``first`` to ``first + count - 1`` of one episode's measures on one scenario."""

    scenario: str
    episode: int  # index into CALIBRATED
    first: int
    count: int


def run_alone(task: AloneTask) -> tuple[float, int]:
    """A worker's task: the ally's output lost to coercion (percent, summed) and the number
    of quarters in which it lost some, over the task's seeds; (0, 0) when the scenario does
    not model the episode."""
    episode = CALIBRATED[task.episode]
    scenario = measures_alone(load(scenario_path(task.scenario)), episode)
    if scenario is None:
        return 0.0, 0
    lost, quarters = 0.0, 0
    for seed in range(task.first, task.first + task.count):
        state, _ = new_game(scenario, seed, scenario.default_difficulty, explain=False)
        while state.outcome is None:
            after, _ = resolve_turn(scenario, state, [], explain=False)
            before = next(a for a in state.allies if a.id == episode.ally)
            now = next(a for a in after.allies if a.id == episode.ally)
            if now.coercion_loss > before.coercion_loss:
                lost += now.coercion_loss - before.coercion_loss
                quarters += 1
            state = after
    return lost, quarters


def alone_tasks(names: Sequence[str], games: int) -> list[AloneTask]:
    """The tasks measuring every episode's measures on every scenario in ``names`` that
    models them, ``games`` seeds each (from 0), in slices of at most 25."""
    out = []
    for name in names:
        scenario = load(scenario_path(name))
        for i, episode in enumerate(CALIBRATED):
            if measures_alone(scenario, episode) is not None:
                out += [AloneTask(name, i, first, count) for first, count in seed_slices(games)]
    return out


def alone_rates(
    tasks: list[AloneTask], results: list[tuple[float, int]]
) -> dict[tuple[str, int], float]:
    """Output lost per coerced quarter (percent) for each (scenario, episode index)."""
    sums: dict[tuple[str, int], list[float]] = {}
    for task, (lost, quarters) in zip(tasks, results, strict=True):
        s = sums.setdefault((task.scenario, task.episode), [0.0, 0.0])
        s[0] += lost
        s[1] += quarters
    return {k: lost / quarters for k, (lost, quarters) in sums.items() if quarters}

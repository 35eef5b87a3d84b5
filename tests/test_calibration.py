"""Coercion magnitudes from the research: each real episode's measures, applied alone to the
ally they hit while every government stands by, cost that ally about what they cost it in
history (within a factor of two), in every shipped scenario that models them."""

from __future__ import annotations

import pytest

from game.lab.calibration import (
    CALIBRATED,
    HIGH,
    LOW,
    AloneTask,
    alone_rates,
    alone_tasks,
    measures_alone,
    run_alone,
)
from game.scenarios import builtin_names, load, scenario_path

MODELLED = [
    (name, i)
    for name in builtin_names()
    for i, episode in enumerate(CALIBRATED)
    if measures_alone(load(scenario_path(name)), episode) is not None
]


def test_every_calibrated_episode_is_modelled_by_a_shipped_scenario() -> None:
    assert {i for _, i in MODELLED} == set(range(len(CALIBRATED)))


@pytest.mark.parametrize(("name", "index"), MODELLED)
def test_an_episodes_measures_alone_cost_what_they_cost_in_history(name: str, index: int) -> None:
    episode = CALIBRATED[index]
    task = AloneTask(name, index, 0, 8)
    rate = alone_rates([task], [run_alone(task)])[(name, index)]
    assert LOW <= rate / episode.per_quarter <= HIGH, (name, episode.ally, rate)


def test_a_scenario_without_the_episodes_tools_does_not_model_it() -> None:
    """The default scenario has no barley, wine or coal duties: Australia's 2020 episode is
    not measured there, and no task is made for it."""
    australia = next(i for i, e in enumerate(CALIBRATED) if e.ally == "australia")
    assert ("collective-resilience", australia) not in MODELLED
    tasks = alone_tasks(["collective-resilience"], 3)
    assert tasks and all(t.episode != australia for t in tasks)

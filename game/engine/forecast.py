"""Forecasts the orders screen shows before a move is ordered."""

from __future__ import annotations

from attrs import frozen

from game.engine.index import scenario_index
from game.engine.measures import coverage
from game.engine.scenario import Scenario
from game.engine.state import GameState
from game.engine.work import Work


@frozen
class CoverageForecast:
    """Export-control coverage of one domain's world supply: now, and with one ally's share
    added alone (leaky) or jointly (harmonised)."""

    domain: str
    name: str
    now: float
    alone: float
    joint: float


def coverage_forecast(
    scenario: Scenario, state: GameState, ally_id: str
) -> tuple[CoverageForecast, ...]:
    """For each domain, coverage now and with this ally's share of supply added."""
    work = Work(scenario, state, explain=False)
    spec = scenario.allies[scenario_index(scenario).ally_index[ally_id]]
    out = []
    for d, dom in enumerate(scenario.domains):
        now = coverage(work, d)
        share = spec.supply_share[d]
        alone = min(1.0, now + scenario.tuning.unilateral_efficacy * share)
        out.append(CoverageForecast(dom.id, dom.name, now, alone, min(1.0, now + share)))
    return tuple(out)

"""Measures in force (export controls, investment screening, the pledge, institutions): how
much they cover, and establishing, renewing and lifting them."""

from __future__ import annotations

from attrs import evolve

from game.engine.doctrine import total_gdp
from game.engine.index import scenario_index
from game.engine.scenario import Move, Scenario
from game.engine.state import new_measure
from game.engine.work import Work, WorkingAlly


def target_phrase(scenario: Scenario, target: str | None) -> str:
    """`` on <name>`` for a domain or sector id (plain text), or nothing."""
    if not target:
        return ""
    index = scenario_index(scenario)
    if target in index.domain_index:
        return f" on {scenario.domains[index.domain_index[target]].name}"
    if target in index.sector_index:
        return f" on {scenario.sectors[index.sector_index[target]].name}"
    return f" on {target}"


def _weights(w: Work, kind: str, domain: str | None) -> dict[str, float]:
    """Each active member of a kind of measure (on one domain) and the weight its measure
    carries: full when harmonised (a joint move), ``unilateral_efficacy`` alone."""
    best: dict[str, float] = {}
    for m in w.measures:
        if m.kind != kind or (domain is not None and m.target != domain):
            continue
        weight = 1.0 if m.harmonised else w.tuning.unilateral_efficacy
        for member in m.members:
            if not w.by_id[member].accommodated:
                held = best.get(member, 0.0)
                best[member] = weight if weight > held else held  # max(held, weight)
    return best


def controllers(w: Work, domain: int) -> dict[str, float]:
    """The active allies controlling exports of a technology, each with the weight its
    control carries."""
    return _weights(w, "export_control", w.scenario.domains[domain].id)


def coverage(w: Work, domain: int, controls: dict[str, float] | None = None) -> float:
    """Effective share of world supply of a technology under export control (0..1).
    ``controls``: the domain's :func:`controllers`, if already worked out."""
    total = 0.0
    allies = w.scenario.allies
    for member, weight in (controllers(w, domain) if controls is None else controls).items():
        total += allies[w.by_id[member].index].supply_share[domain] * weight
    return min(1.0, total)


def screened_share(w: Work) -> float:
    """Share of allied GDP whose inward investment is screened (harmonised counts fully)."""
    allies = w.scenario.allies
    screened = 0.0  # added up in order, as sum() does (a loop: no generator to resume)
    for m, x in _weights(w, "investment_screening", None).items():
        screened += allies[w.by_id[m].index].gdp * x
    return screened / total_gdp(w.scenario)


def establish(w: Work, move: Move, target: str | None, ids: list[str], harmonised: bool) -> None:
    """Put a move's measure in force for its members (renewing theirs on the same target)."""
    kind = move.measure
    if kind == "none":
        return
    if kind == "pledge":
        pledge = w.coalition.pledge
        w.coalition.pledge = [a.id for a in w.allies if a.id in pledge or a.id in ids]
        return
    if kind == "institution":
        if move.id not in w.coalition.institutions:
            w.coalition.institutions.append(move.id)
        return
    renewed = []
    for m in w.measures:
        if m.kind == kind and m.target == target:
            rest = tuple(x for x in m.members if x not in ids)
            if rest:
                renewed.append(evolve(m, members=rest))
        else:
            renewed.append(m)
    expires = w.turn + move.duration - 1 if move.duration else 0
    renewed.append(new_measure(kind, move.id, tuple(ids), target, harmonised, w.turn, expires))
    w.measures = renewed


def lift_measures(w: Work, a: WorkingAlly, only_latest: bool) -> list[str]:
    """Remove an ally from its measures (all, or only its latest export control); return what."""
    lifted: list[str] = []
    mine = [m for m in w.measures if a.id in m.members]
    if only_latest:
        controls = [m for m in mine if m.kind == "export_control"]
        mine = controls[-1:] if controls else mine[-1:]
    out = []
    for m in w.measures:
        if m in mine:
            lifted.append(f"{m.kind.replace('_', ' ')}{target_phrase(w.scenario, m.target)}")
            rest = tuple(x for x in m.members if x != a.id)
            if rest:
                out.append(evolve(m, members=rest))
        else:
            out.append(m)
    w.measures = out
    if not only_latest and a.id in w.coalition.pledge:
        w.coalition.pledge = [x for x in w.coalition.pledge if x != a.id]
        lifted.append("solidarity pledge")
    return lifted


def expire_measures(w: Work) -> None:
    """Measures whose term ends this turn lapse."""
    keep = []
    for m in w.measures:
        if m.expires and m.expires <= w.turn:
            if not w.explain:
                continue
            names = ", ".join(w.by_id[x].name for x in m.members)
            on = target_phrase(w.scenario, m.target)
            w.emit(
                "world",
                "lapse",
                "move",
                m.move,
                m.members[0] if m.members else "",
                f"{m.kind.replace('_', ' ').capitalize()}{on} by {names} lapses; renew to keep it",
            )
        else:
            keep.append(m)
    w.measures = keep

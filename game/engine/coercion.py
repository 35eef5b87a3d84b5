"""China's coercion tools: applying a decision, running episodes, and targets' concessions."""

from __future__ import annotations

from typing import Final

from game.engine import tuning
from game.engine.builders import new_episode
from game.engine.doctrine import Decision
from game.engine.index import scenario_index
from game.engine.moves import lift_measures, screened_share
from game.engine.scenario import Tool
from game.engine.work import WAlly, Work

EPISODE_KINDS: Final = ("boycott", "tourism", "tariff", "input_cutoff")


def intensity_of(w: Work, decision: Decision, tool: Tool, bonus: float) -> float:
    """How hard a tool bites: its base, the rule's multiplier, difficulty, capacity, escalation."""
    return (
        tool.intensity
        * decision.rule.intensity
        * (1.0 + bonus)
        * (0.5 + w.capacity / 100.0)
        * (1.0 + 0.1 * w.escalation)
    )


def choose_sector(w: Work, a: WAlly, tool: Tool) -> int:
    """The sector a tool strikes: fixed, or where the target is most exposed or dependent."""
    s = w.scenario
    if tool.sector_choice == "fixed" and tool.sector:
        return scenario_index(s).sector_index[tool.sector]
    if tool.sector_choice == "none":
        return -1
    weights = scenario_index(s).weights[a.index]  # the sector profiles' weights
    values = a.import_dependence if tool.sector_choice == "most_dependent" else a.export_exposure
    best, best_i = -1.0, 0
    for i in range(len(weights)):
        v = weights[i] * values[i] * (1.0 - a.resilience[i])
        if v > best:
            best, best_i = v, i
    return best_i


def apply_decision(w: Work, decision: Decision, bonus: float, skipped: list[str]) -> None:
    """Carry out one doctrine decision and record it with its reasons."""
    s = w.scenario
    rule = decision.rule
    tool = scenario_index(s).tools[rule.tool]
    a = w.by_id[decision.target]
    a.coerced_by.append(rule.id)
    i = intensity_of(w, decision, tool, bonus)
    sector = choose_sector(w, a, tool)
    kind = tool.kind
    if kind in EPISODE_KINDS and sector >= 0:
        w.episodes.append(
            new_episode(tool.id, rule.id, a.id, sector, i, w.turn, w.turn + tool.duration - 1)
        )
        what = f"for {tool.duration} {s.turn_label}{'s' if tool.duration > 1 else ''}"
    elif kind == "warning":
        w.ally_change(a, "alignment", -4.0 * i)
        w.ally_change(a, "defiance", -8.0 * i)
        what = "a public warning of consequences"
    elif kind == "firm_threat":
        w.ally_change(a, "alignment", -20.0 * i)
        w.ally_change(a, "resolve", -4.0 * i)
        what = "firms warned to lobby against their government's measures"
    elif kind == "detention":
        w.ally_change(a, "resolve", -14.0 * i)
        for other in w.allies:
            if other is not a and not other.accommodated:
                w.ally_change(other, "resolve", 2.0 * i)
        what = "citizens detained"
    elif kind == "digital":
        w.ally_change(a, "gdp", -2.0 * i * a.digital_exposure / 100.0)
        w.ally_change(a, "alignment", -6.0 * i)
        a.turn_loss += 2.0 * i * a.digital_exposure / 100.0
        what = f"leverage through untrusted networks and apps ({a.digital_exposure:.0f}% exposure)"
    elif kind == "inducement":
        w.ally_change(a, "gdp", 0.5 * i)
        w.ally_change(a, "resolve", -12.0 * i)
        w.ally_change(a, "defiance", -20.0 * i)
        w.coalition_change("cohesion", -6.0 * i)
        what = "trade and investment offered to step away from the coalition"
    elif kind == "tech_acquisition":
        d = max(range(len(a.tech)), key=lambda k: a.tech[k])
        screened = screened_share(w)
        w.china_change("tech", 3.0 * i * (1.0 - screened), d)
        w.china_change("fusion", 1.5 * i * (1.0 - screened))
        what = f"acquisitions in {s.domains[d].name} (screened share {screened:.0%})"
    else:
        what = ""
    w.ally_change(a, "defiance", -a.defiance * 0.3)
    w.china_change("escalation", tool.escalation)
    w.china_change("backlash", tool.backlash * i)
    if not w.explain:
        return
    where = f" ({s.sectors[sector].name})" if sector >= 0 else ""
    details: tuple[str, ...] = ("Why: " + "; ".join(decision.reasons),)
    if decision.passed_over:
        details += ("Passed over: " + ", ".join(decision.passed_over),)
    if skipped:
        details += ("Rules not fired: " + "; ".join(skipped[:4]),)
    details += (f"Tool source: {tool.source}",)
    w.emit(
        "china",
        "coercion",
        "rule",
        rule.id,
        "china",
        f"China applies {tool.name} to {a.name}{where}: {what} (intensity {i:.2f})",
        details,
    )


def concessions(w: Work) -> None:
    """Targets under coercion may concede: lift a measure and lose standing with allies."""
    s = w.scenario
    targets: list[str] = []
    for e in w.episodes:
        if e.started < w.turn and e.ally not in targets:
            targets.append(e.ally)
    n = len(w.allies)
    for ally_id in targets:
        a = w.by_id[ally_id]
        if a.accommodated:
            continue
        support = 0.0
        if a.id in w.pledge and n > 1:
            support = tuning.CONCESSION_SUPPORT * (len(w.pledge) - 1) / (n - 1)
        p = s.china.concession_base * (1.0 - support) * (1.6 - a.resolve / 100.0)
        if not w.rng.chance(p):
            continue
        lifted = lift_measures(w, a, only_latest=True)
        w.ally_change(a, "defiance", -a.defiance)
        w.ally_change(a, "resolve", -6.0)
        w.coalition_change("cohesion", -tuning.ACCOMMODATION_COHESION / 2)
        w.china_change("escalation", -0.5)
        a.concessions += 1
        w.episodes = [e for e in w.episodes if e.ally != a.id]
        if not w.explain:
            continue
        w.emit(
            "china",
            "concession",
            "world",
            "concession",
            a.id,
            f"{a.name} concedes under pressure"
            + (f" and lifts its {lifted[0]}" if lifted else "")
            + "; China ends its measures against it",
            (
                f"chance of conceding was {p:.0%} "
                f"(resolve {a.resolve:.0f}, pledge support {support:.0%})",
            ),
        )


def episode_losses(w: Work) -> None:
    """Output lost this turn to each coercion episode, after diversion and the pledge."""
    s = w.scenario
    n = len(w.allies)
    pledge = [x for x in w.pledge if not w.by_id[x].accommodated]
    for e in w.episodes:
        a = w.by_id[e.ally]
        tool = scenario_index(s).tools[e.tool]
        sector = s.sectors[e.sector]
        weight = scenario_index(s).weights[a.index][e.sector]  # the sector profile's weight
        res = a.resilience[e.sector]
        if tool.kind == "input_cutoff":
            base = 100.0 * weight * a.import_dependence[e.sector] * e.intensity * (1.0 - res)
            base *= tuning.INPUT_AMPLIFIER
            diverted = 0.0
        else:
            base = 100.0 * weight * a.export_exposure[e.sector] * e.intensity * (1.0 - res)
            diverted = base * sector.diversion
        absorbed = 0.0
        helpers = [w.by_id[x] for x in pledge if x != a.id]
        if a.id in pledge and helpers and n > 1:
            absorbed = (base - diverted) * tuning.PLEDGE_ABSORB * len(helpers) / (n - 1)
        loss = base - diverted - absorbed
        w.ally_change(a, "gdp", -loss)
        w.ally_change(a, "scar", -loss * tuning.SCAR_FROM_COERCION)
        if sector.legacy:
            w.ally_change(a, "strain", 3.0 * loss)
        if tool.kind == "input_cutoff" and sector.domain:
            w.ally_change(
                a, "tech", -1.5 * e.intensity, scenario_index(s).domain_index[sector.domain]
            )
        a.coercion_loss += loss
        a.turn_loss += loss
        for h in helpers if absorbed else []:
            w.ally_change(h, "gdp", -tuning.PLEDGE_COST * absorbed / len(helpers))
        if not w.explain:
            continue
        parts = [f"{loss:.2f}% of output lost"]
        if diverted:
            parts.append(f"{diverted:.2f} sold elsewhere")
        if absorbed:
            parts.append(f"{absorbed:.2f} absorbed by the pledge")
        if res:
            parts.append(f"resilience {res:.0%}")
        w.emit(
            "world",
            "coercion_cost",
            "rule",
            e.rule,
            "china",
            f"{tool.name} against {a.name} ({sector.name}): " + ", ".join(parts),
        )
    w.episodes = [e for e in w.episodes if e.ends > w.turn]

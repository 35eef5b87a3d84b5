"""China's coercion: applying a doctrine decision with its tool, running episodes (lost
sales or inputs, every turn they last), and targets' concessions."""

from __future__ import annotations

from game.engine.doctrine import Decision, raw_rule
from game.engine.effects import NO_INDEX, apply_tool_effects
from game.engine.measures import lift_measures, screened_share
from game.engine.reasons import respite
from game.engine.scenario import Tool
from game.engine.state import new_episode
from game.engine.work import Work, WorkingAlly


def intensity_of(w: Work, decision: Decision, tool: Tool, bonus: float) -> float:
    """How hard a tool bites: its base, the rule's multiplier, difficulty, capacity, escalation,
    at most ``tuning.intensity_cap`` (1: the whole unhedged stake the tool strikes)."""
    t = w.tuning
    capacity: float = w.china.capacity
    escalation: float = w.china.escalation
    return min(
        t.intensity_cap,
        tool.intensity
        * decision.rule.intensity
        * (1.0 + bonus)
        * (t.intensity_capacity_base + capacity / 100.0)
        * (1.0 + t.intensity_per_escalation * escalation),
    )


def choose_sector(w: Work, a: WorkingAlly, tool: Tool) -> int:
    """The sector a tool strikes: fixed, or where the target is most exposed or dependent."""
    s = w.scenario
    if tool.sector_choice == "fixed" and tool.sector:
        return w.index.sector_index[tool.sector]
    if tool.sector_choice == "none":
        return NO_INDEX
    profiles = s.allies[a.index].sectors
    values = a.import_dependence if tool.sector_choice == "most_dependent" else a.export_exposure
    best, best_i = -1.0, 0
    for i in range(len(profiles)):
        v = profiles[i].weight * values[i] * (1.0 - a.resilience[i])
        if v > best:
            best, best_i = v, i
    return best_i


def _summary(w: Work, tool: Tool, a: WorkingAlly, domain: int) -> str:
    """What China does, for the news: an episode's length, or the tool's own summary with
    its placeholders filled in (plain replacement: a scenario's text is never a template
    language)."""
    if tool.channel != "none":
        label = w.scenario.turn_label
        return f"for {tool.duration} {label}{'s' if tool.duration > 1 else ''}"
    text = tool.summary
    if "{exposure}" in text:
        text = text.replace("{exposure}", f"{a.digital_exposure:.0f}")
    if "{domain}" in text and domain >= 0:
        text = text.replace("{domain}", w.scenario.domains[domain].name)
    if "{screened}" in text:
        text = text.replace("{screened}", f"{screened_share(w):.0%}")
    return text


def apply_decision(
    w: Work,
    decision: Decision,
    bonus: float,
    skipped: list[str],
    signalled: str | None = None,
    answered: str | None = None,
) -> None:
    """Carry out one doctrine decision and record it with its reasons. ``signalled`` is the
    sector China's signal named for this action, if any: China strikes where it announced.
    ``answered`` is the move with which the target answered China's signal of this action
    this turn, if any: forewarned, it meets the action at a lower intensity
    (:mod:`game.engine.forewarning`)."""
    s = w.scenario
    rule = decision.rule
    tool = w.index.tools[rule.tool]
    a = w.by_id[decision.target]
    a.coerced_by.append(rule.id)
    i = intensity_of(w, decision, tool, bonus)
    if answered is not None:
        i *= 1.0 - w.tuning.forewarned_blunting
    sector = choose_sector(w, a, tool) if signalled is None else w.index.sector_index[signalled]
    if tool.channel != "none" and sector >= 0:
        ends = w.turn + tool.duration - 1
        w.episodes.append(new_episode(tool.id, rule.id, a.id, sector, i, w.turn, ends))
    domain = apply_tool_effects(w, tool, a, i, sector)
    what = _summary(w, tool, a, domain) if w.explain else ""
    w.ally_change(a, "defiance", -a.defiance * w.tuning.defiance_relief)
    w.china_change("escalation", tool.escalation)
    w.china_change("backlash", tool.backlash * i)
    if not w.explain:
        return
    where = f" ({s.sectors[sector].name})" if sector >= 0 else ""
    details: tuple[str, ...] = ("Why: " + "; ".join(decision.reasons) + ".",)
    if decision.passed_over:
        details += ("Passed over: " + "; ".join(decision.passed_over) + ".",)
    if skipped:
        details += ("Other rules: " + "; ".join(skipped[:4]) + ".",)
    if answered is not None:
        details += (
            f"Forewarned: {a.name} answered China's signal with "
            f"{w.index.moves[answered].name}, so the blow is "
            f"{w.tuning.forewarned_blunting:.0%} softer.",
        )
    details += (raw_rule(decision),)
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
    """Targets under coercion may concede: lift a measure and lose standing with allies.

    The chance is per campaign (the research's figure is per episode of coercion, however
    many tools it uses): it is rolled once, ``china.concession_after`` turns after China
    first strikes an ally that was under no episode, and again only after China has let up
    entirely. An ally that
    concedes gets a respite: China spares it for ``tuning.concession_respite`` turns, this
    one included."""
    s = w.scenario
    t = w.tuning
    running = {e.ally for e in w.episodes}
    w.china.rolled = [x for x in w.china.rolled if x in running]
    w.china.respite = [(x, last) for x, last in w.china.respite if last >= w.turn]
    began: dict[str, int] = {}  # ally -> when the oldest episode still running against it began
    for e in w.episodes:
        if e.ally not in w.china.rolled:
            began[e.ally] = min(e.started, began.get(e.ally, e.started))
    targets = [x for x, turn in began.items() if w.turn - turn >= s.china.concession_after]
    n = len(w.allies)
    pledge = w.coalition.pledge
    for ally_id in targets:
        a = w.by_id[ally_id]
        if a.accommodated:
            continue
        w.china.rolled.append(ally_id)
        support = 0.0
        if a.id in pledge and n > 1:
            support = t.concession_support * (len(pledge) - 1) / (n - 1)
        p = (
            s.china.concession_base
            * (1.0 - support)
            * (t.concession_resolve_base - a.resolve / 100.0)
        )
        if not w.rng.chance(p):
            continue
        lifted = lift_measures(w, a, only_latest=True)
        w.ally_change(a, "defiance", -a.defiance)
        w.ally_change(a, "resolve", -t.concession_resolve_loss)
        w.coalition_change("cohesion", -t.concession_cohesion)
        w.china_change("escalation", -t.concession_escalation_drop)
        a.concessions += 1
        w.episodes = [e for e in w.episodes if e.ally != a.id]
        w.china.rolled.remove(a.id)
        if t.concession_respite >= 1:
            w.china.respite.append((a.id, w.turn + int(t.concession_respite) - 1))
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
                f"chance of conceding was {p:.0%} for this campaign "
                f"(resolve {a.resolve:.0f}, pledge support {support:.0%})",
                *(
                    (respite(a.name, int(t.concession_respite), s.turn_label) + ".",)
                    if t.concession_respite >= 1
                    else ()
                ),
            ),
        )


def episode_losses(w: Work) -> None:
    """Output lost this turn to each coercion episode, after diversion and the pledge."""
    s = w.scenario
    t = w.tuning
    n = len(w.allies)
    pledge = [x for x in w.coalition.pledge if not w.by_id[x].accommodated]
    for e in w.episodes:
        a = w.by_id[e.ally]
        tool = w.index.tools[e.tool]
        sector = s.sectors[e.sector]
        weight = s.allies[a.index].sectors[e.sector].weight
        res = a.resilience[e.sector]
        if tool.channel == "inputs":
            base = 100.0 * weight * a.import_dependence[e.sector] * e.intensity * (1.0 - res)
            base *= t.input_amplifier
            diverted = 0.0
        else:
            base = 100.0 * weight * a.export_exposure[e.sector] * e.intensity * (1.0 - res)
            diverted = base * sector.diversion
        absorbed = 0.0
        helpers: list[WorkingAlly] = []  # the other pledge members, if the target is one
        if a.id in pledge and n > 1:
            helpers = [w.by_id[x] for x in pledge if x != a.id]
            if helpers:
                absorbed = (base - diverted) * t.pledge_absorb * len(helpers) / (n - 1)
        loss = base - diverted - absorbed
        w.ally_change(a, "gdp", -loss)
        w.ally_change(a, "scar", -loss * t.scar_from_coercion)
        if sector.legacy:
            w.ally_change(a, "strain", t.legacy_strain * loss)
        if tool.channel == "inputs" and sector.domain:
            domain = w.index.domain_index[sector.domain]
            w.ally_change(a, "tech", -t.input_tech_loss * e.intensity, domain)
        a.coercion_loss += loss
        a.turn_loss += loss
        if absorbed:
            cost = -t.pledge_cost * absorbed / len(helpers)  # what each helper bears
            for h in helpers:
                w.ally_change(h, "gdp", cost)
        if not w.explain:
            continue
        text = f"{loss:.2f}% of output lost"
        eased = []  # what the blow struck, less what was sold elsewhere or absorbed
        if diverted:
            eased.append(f"{diverted:.2f}% sold elsewhere")
        if absorbed:
            eased.append(f"{absorbed:.2f}% absorbed by the pledge")
        if eased:
            # the struck figure is the shown parts' sum, so the sentence adds up as printed
            struck = sum(float(f"{x:.2f}") for x in (loss, diverted, absorbed))
            text += f" ({struck:.2f}% struck, less {' and '.join(eased)})"
        parts = [text]
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

"""The world advances: controls and the void they leave, technology, firms, politics, China,
and output against the no-coercion baseline."""

from __future__ import annotations

from game.engine import tuning
from game.engine.doctrine import leverage_on, total_gdp
from game.engine.events import new_delta
from game.engine.index import scenario_index
from game.engine.moves import coverage, lift_measures, screened_share, target_phrase
from game.engine.work import Work


def controls_and_tech(w: Work) -> None:
    """Export controls deny China technology in proportion to coverage squared; controllers
    lose sales and allies outside the controls win them; technology advances."""
    s = w.scenario
    supply = scenario_index(s).supply_share
    for d, dom in enumerate(s.domains):
        cov = coverage(w, d)
        controllers = {
            m
            for x in w.measures
            if x.kind == "export_control" and x.target == dom.id
            for m in x.members
            if not w.by_id[m].accommodated
        }
        if controllers:
            for a in w.allies:
                share = supply[a.index][d]
                if a.id in controllers:
                    w.ally_change(a, "gdp", -dom.control_cost * share)
                elif share > 0:
                    gain = dom.void_gain * share * cov
                    w.ally_change(a, "gdp", gain)
                    if gain > 0.01:
                        w.coalition_change("cohesion", -tuning.FREE_RIDE_COHESION * gain)
            if w.deltas:
                outside = [
                    a.name
                    for a in w.allies
                    if a.id not in controllers and s.allies[a.index].supply_share[d] > 0
                ]
                text = f"Export controls on {dom.name} cover {cov:.0%} of world supply"
                if outside:
                    text += f"; firms in {', '.join(outside)} fill the void"
                w.emit("world", "controls", "world", "export_controls", "", text)
        denial = cov * cov
        growth = (dom.china_growth + tuning.FUSION_TECH * w.fusion) * (1.0 - denial) - 0.8 * denial
        w.china_change("tech", growth, d)
        ally_growth = dom.ally_growth
        for a in w.allies:
            w.ally_change(a, "tech", ally_growth * (0.5 + a.talent / 100.0), d)
    w.china_change("fusion", 0.8 * (1.0 - screened_share(w)))
    if w.deltas:
        w.emit("world", "tech", "world", "technology", "", "Technology advances")


def firms(w: Work) -> None:
    """Firms drift back toward China's market unless aligned with government risk guidance."""
    index = scenario_index(w.scenario)
    for a in w.allies:
        base_export = index.base_export[a.index]  # the scenario's sector profiles
        base_import = index.base_import[a.index]
        pull = tuning.EXPOSURE_CREEP * (1.0 - a.alignment / 100.0)
        for i in range(len(base_export)):
            if a.export_exposure[i] < base_export[i]:
                w.ally_change(
                    a, "export_exposure", pull * (base_export[i] - a.export_exposure[i]), i
                )
            if a.import_dependence[i] < base_import[i]:
                gap = base_import[i] - a.import_dependence[i]
                w.ally_change(a, "import_dependence", pull * gap, i)
        w.ally_change(a, "alignment", 0.04 * (index.base_alignment[a.index] - a.alignment))
        if w.deltas:
            w.emit(
                "world",
                "firms",
                "world",
                "firms",
                a.id,
                f"{a.name}'s firms drift back toward China's market (alignment {a.alignment:.0f})",
            )


def politics(w: Work) -> None:
    """Resolve moves with strain, pain and backlash; allies accommodate or recover."""
    s = w.scenario
    n = len(w.allies)
    pledge_size = sum(1 for x in w.pledge if not w.by_id[x].accommodated)
    for a in w.allies:
        spec = s.allies[a.index]
        w.ally_change(a, "strain", tuning.STRAIN_CREEP)
        drift = tuning.RESOLVE_DRIFT * (spec.resolve - a.resolve)
        erosion = -tuning.STRAIN_EROSION * max(0.0, a.strain - tuning.STRAIN_SAFE)
        supported = a.id in w.pledge and pledge_size >= max(2, (n + 1) // 2)
        pain = -tuning.PAIN_TO_RESOLVE * a.turn_loss * (tuning.SUPPORTED_PAIN if supported else 1.0)
        rally = tuning.BACKLASH_RALLY * w.backlash * (1.0 if a.coerced_by else 0.4)
        w.ally_change(a, "resolve", drift + erosion + pain + rally)
        w.ally_change(a, "defiance", -0.15 * a.defiance)
        if w.deltas:
            parts = [
                f"strain {erosion:+.1f}",
                f"coercion {pain:+.1f}",
                f"backlash rally {rally:+.1f}",
            ]
            w.emit(
                "politics",
                "politics",
                "world",
                "politics",
                a.id,
                f"{a.name}: resolve {a.resolve:.0f} ({', '.join(parts)}, drift {drift:+.1f})",
            )
        threshold = s.accommodation_threshold
        if not a.accommodated and a.resolve < threshold:
            a.accommodated = True
            lifted = lift_measures(w, a, only_latest=False)
            w.coalition_change("cohesion", -tuning.ACCOMMODATION_COHESION)
            if w.explain:
                w.emit(
                    "politics",
                    "accommodation",
                    "world",
                    "accommodation",
                    a.id,
                    f"{a.name}'s resolve collapses ({a.resolve:.0f} < {threshold:g}): "
                    "it accommodates China and will join no joint moves",
                    (f"lifted: {', '.join(lifted) or 'nothing'}",),
                )
        elif a.accommodated and a.resolve >= s.recovery_threshold:
            a.accommodated = False
            if w.explain:
                w.emit(
                    "politics",
                    "recovery",
                    "world",
                    "recovery",
                    a.id,
                    f"{a.name}'s resolve recovers ({a.resolve:.0f}): "
                    "it rejoins the coalition's work",
                )
        if a.accommodated:
            a.accommodated_turns += 1


def china_update(w: Work) -> None:
    """China's capacity grows with its tech and the allies' digital exposure (changes since
    the turn began, so moves that cut capacity directly keep their effect); backlash fades;
    escalation climbs on its clock, or cools if China held back."""
    s = w.scenario
    start = w.state
    tech_change = (sum(w.china_tech, 0.0) - sum(start.china.tech, 0.0)) / len(w.china_tech)
    digital_change = (
        sum((a.digital_exposure for a in w.allies), 0.0)
        - sum((a.digital_exposure for a in start.allies), 0.0)
    ) / len(w.allies)
    w.china_change(
        "capacity",
        tuning.CAPACITY_FROM_TECH * tech_change + tuning.CAPACITY_FROM_DIGITAL * digital_change,
    )
    w.china_change("backlash", -tuning.BACKLASH_DECAY * w.backlash)
    coerced = any(a.coerced_by for a in w.allies)
    w.china_change("escalation", s.china.clock - (0.0 if coerced else tuning.ESCALATION_COOLING))
    w.leverage = leverage(w)
    if w.deltas:
        w.emit(
            "world",
            "china",
            "world",
            "china",
            "china",
            f"China: capacity {w.capacity:.0f}, escalation {w.escalation:.1f}, "
            f"backlash {w.backlash:.0f}, leverage {w.leverage:.1f}",
        )


def leverage(w: Work) -> float:
    """China's leverage over the allies: GDP-weighted percent of GDP at stake, unhedged, plus
    a share of their digital exposure."""
    s = w.scenario
    total = total_gdp(s)  # sum(x.gdp for x in s.allies), cached
    gdp = scenario_index(s).gdp
    return sum(
        (
            gdp[a.index]
            / total
            * (leverage_on(w, a, False) + leverage_on(w, a, True) + 0.05 * a.digital_exposure)
            for a in w.allies
        ),
        0.0,
    )


def coalition_upkeep(w: Work) -> None:
    """Cohesion frays without upkeep; China's overreach pulls the allies together."""
    w.coalition_change("cohesion", -tuning.COHESION_FATIGUE + 0.04 * w.backlash)
    if w.deltas:
        w.emit(
            "world",
            "cohesion",
            "world",
            "cohesion",
            "",
            f"Coalition cohesion {w.cohesion:.0f} (fatigue, and China's backlash {w.backlash:.0f})",
        )


def economy(w: Work) -> None:
    """Budgets refill; output follows the baseline less lasting scars and this turn's losses."""
    s = w.scenario
    for a in w.allies:
        spec = s.allies[a.index]
        cap = spec.budget * tuning.TREASURY_CAP
        w.ally_change(a, "treasury", min(spec.budget, max(0.0, cap - a.treasury)))
        a.baseline *= 1.0 + spec.growth / 100.0
        before = a.output
        a.output = a.baseline * (1.0 - (a.scar + a.gap) / 100.0)
        a.lost_output += a.scar + a.gap
        if w.explain:
            w.deltas.append(new_delta(a.id, "output", before, a.output))
    w.emit("world", "economy", "world", "economy", "", "Output against the no-coercion baseline")


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

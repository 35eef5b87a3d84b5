"""The world advances: controls and the void they leave, technology, firms, politics, China,
and output against the no-coercion baseline."""

from __future__ import annotations

import math

from game.engine.doctrine import stakes, total_gdp
from game.engine.events import Delta
from game.engine.measures import controllers, coverage, lift_measures, screened_share
from game.engine.reasons import figure_pair, possessive, signed
from game.engine.work import Work


def controls_and_tech(w: Work) -> None:
    """Export controls deny China technology in proportion to coverage squared; controllers
    lose sales and allies outside the controls win them; technology advances."""
    s = w.scenario
    t = w.tuning
    tech_lo, tech_hi = w.bounds("tech")
    for d, dom in enumerate(s.domains):
        controls = controllers(w, d)
        cov = coverage(w, d, controls)
        if controls:
            for a in w.allies:
                share = s.allies[a.index].supply_share[d]
                if a.id in controls:
                    w.ally_change(a, "gdp", -dom.control_cost * share)
                elif share > 0:
                    gain = dom.void_gain * share * cov
                    w.ally_change(a, "gdp", gain)
                    if gain > t.free_ride_min_gain:
                        w.coalition_change("cohesion", -t.free_ride_cohesion * gain)
            if w.deltas:
                outside = [
                    a.name
                    for a in w.allies
                    if a.id not in controls and s.allies[a.index].supply_share[d] > 0
                ]
                text = f"Export controls on {dom.name} cover {cov:.0%} of world supply"
                if outside:
                    text += f"; firms in {', '.join(outside)} fill the void"
                w.emit("world", "controls", "world", "export_controls", "", text)
        denial = cov * cov
        growth = (dom.china_growth + t.fusion_tech * w.china.fusion) * (
            1.0 - denial
        ) - t.denial_tech_loss * denial
        w.china_change("tech", growth, d)
        for a in w.allies:  # w.ally_change(a, "tech", amount, d), written out: 300 a game
            amount = dom.ally_growth * (t.talent_growth_base + a.talent / 100.0)
            if amount == 0.0:
                continue
            tech = a.tech
            old = tech[d]
            new = old + amount
            if not new > tech_lo:
                new = tech_lo
            if not new < tech_hi:
                new = tech_hi
            tech[d] = new
            if w.explain and new != old:
                w.deltas.append(Delta(a.id, w.label("tech", d), old, new))
    w.china_change("fusion", t.fusion_growth * (1.0 - screened_share(w)))
    if w.deltas:
        w.emit("world", "tech", "world", "technology", "", "Technology advances")


def firms(w: Work) -> None:
    """Firms drift back toward China's market unless aligned with government risk guidance;
    boardrooms that follow the guidance hedge on their own (every sector's resilience rises
    with alignment above ``hedging_neutral``, and runs down below it).

    The sector figures change in place with :meth:`Work.ally_change`'s clamps, written out
    here (about a thousand changes a game); with ``explain`` the changed entries are recorded
    afterwards, in the order the changes were made (sector by sector), as deltas."""
    t = w.tuning
    r_lo, r_hi = w.bounds("resilience")
    e_lo, e_hi = w.bounds("export_exposure")
    d_lo, d_hi = w.bounds("import_dependence")
    for a in w.allies:
        spec = w.scenario.allies[a.index]
        pull = t.exposure_creep * (1.0 - a.alignment / 100.0)
        hedge = t.firm_hedging * (a.alignment - t.hedging_neutral) / 100.0
        resilience, exposure, dependence = a.resilience, a.export_exposure, a.import_dependence
        if w.explain:
            before = (resilience[:], exposure[:], dependence[:])
        profiles = spec.sectors
        for i in range(len(profiles)):
            profile = profiles[i]
            if hedge:
                x = resilience[i] + hedge
                if not x > r_lo:
                    x = r_lo
                if not x < r_hi:
                    x = r_hi
                resilience[i] = x
            x = exposure[i]
            if x < profile.export_exposure:
                amount = pull * (profile.export_exposure - x)
                if amount != 0.0:  # as ally_change: no change, no clamp
                    x += amount
                    if not x > e_lo:
                        x = e_lo
                    if not x < e_hi:
                        x = e_hi
                    exposure[i] = x
            x = dependence[i]
            if x < profile.import_dependence:
                amount = pull * (profile.import_dependence - x)
                if amount != 0.0:
                    x += amount
                    if not x > d_lo:
                        x = d_lo
                    if not x < d_hi:
                        x = d_hi
                    dependence[i] = x
        if w.explain:
            names = ("resilience", "export_exposure", "import_dependence")
            after = (resilience, exposure, dependence)
            for i in range(len(profiles)):
                for name, old, new in zip(names, before, after, strict=True):
                    if old[i] != new[i]:
                        w.deltas.append(Delta(a.id, w.label(name, i), old[i], new[i]))
        w.ally_change(a, "alignment", t.alignment_reversion * (spec.alignment - a.alignment))
        if w.deltas:
            w.emit(
                "world",
                "firms",
                "world",
                "firms",
                a.id,
                f"{possessive(a.name)} firms drift back toward China's market "
                f"(alignment {a.alignment:.0f})",
            )


def politics(w: Work) -> None:
    """Resolve moves with strain, pain and backlash; allies accommodate or recover."""
    s = w.scenario
    t = w.tuning
    n = len(w.allies)
    pledge_size = 0
    for x in w.coalition.pledge:
        if not w.by_id[x].accommodated:
            pledge_size += 1
    quorum = max(t.pledge_support_min, math.ceil(n * t.pledge_support_share))
    for a in w.allies:
        spec = s.allies[a.index]
        w.ally_change(a, "strain", t.strain_creep)
        drift = t.resolve_drift * (spec.resolve - a.resolve)
        erosion = -t.strain_erosion * max(0.0, a.strain - t.strain_safe)
        supported = a.id in w.coalition.pledge and pledge_size >= quorum
        pain = -t.pain_to_resolve * a.turn_loss * (t.supported_pain if supported else 1.0)
        rally = (
            t.backlash_rally
            * w.china.backlash
            * (1.0 if a.coerced_by else t.backlash_rally_bystander)
        )
        w.ally_change(a, "resolve", drift + erosion + pain + rally)
        w.ally_change(a, "defiance", -t.defiance_decay * a.defiance)
        if w.deltas:
            parts = [
                f"strain {signed(erosion)}",
                f"coercion {signed(pain)}",
                f"backlash rally {signed(rally)}",
            ]
            w.emit(
                "politics",
                "politics",
                "world",
                "politics",
                a.id,
                f"{a.name}: resolve {a.resolve:.0f} ({', '.join(parts)}, drift {signed(drift)})",
            )
        threshold = s.accommodation_threshold
        if not a.accommodated and a.resolve < threshold:
            a.accommodated = True
            lifted = lift_measures(w, a, only_latest=False)
            w.coalition_change("cohesion", -t.accommodation_cohesion)
            if w.explain:
                w.emit(
                    "politics",
                    "accommodation",
                    "world",
                    "accommodation",
                    a.id,
                    f"{possessive(a.name)} resolve collapses "
                    f"({' below '.join(figure_pair(a.resolve, '<', threshold))}): "
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
                    f"{possessive(a.name)} resolve recovers ({a.resolve:.0f}): "
                    "it rejoins the coalition's work",
                )
        if a.accommodated:
            a.accommodated_turns += 1


def china_update(w: Work) -> None:
    """China's capacity grows with its tech and the allies' digital exposure (changes since
    the turn began, so moves that cut capacity directly keep their effect); backlash fades;
    escalation climbs on its clock, cools if China held back, and falls back as its coercion
    backfires or the coalition holds (:func:`restraint`)."""
    s = w.scenario
    t = w.tuning
    start = w.state
    tech_change = (sum(w.china.tech, 0.0) - sum(start.china.tech, 0.0)) / len(w.china.tech)
    digital_now = digital_then = 0.0  # added up in order, as sum() does
    for a in w.allies:
        digital_now += a.digital_exposure
    for b in start.allies:
        digital_then += b.digital_exposure
    digital_change = (digital_now - digital_then) / len(w.allies)
    w.china_change(
        "capacity", t.capacity_from_tech * tech_change + t.capacity_from_digital * digital_change
    )
    w.china_change("backlash", -t.backlash_decay * w.china.backlash)
    coerced = False
    for a in w.allies:
        if a.coerced_by:
            coerced = True
            break
    w.china_change(
        "escalation",
        s.china.clock
        - (0.0 if coerced else t.escalation_cooling)
        - restraint(w) * w.china.escalation,
    )
    w.china.leverage = leverage(w)
    if w.deltas:
        c = w.china
        w.emit(
            "world",
            "china",
            "world",
            "china",
            "china",
            f"China: capacity {c.capacity:.0f}, escalation {c.escalation:.1f}, "
            f"backlash {c.backlash:.0f}, leverage {c.leverage:.1f}",
        )


def restraint(w: Work) -> float:
    """The share of its escalation China sheds this turn: its coercion backfires (backlash)
    and the coalition holds (cohesion above ``tuning.escalation_hold``)."""
    t = w.tuning
    held: float = max(0.0, w.coalition.cohesion - t.escalation_hold)
    backlash: float = w.china.backlash
    return (t.escalation_backlash * backlash + t.escalation_cohesion * held) / 100.0


def leverage(w: Work) -> float:
    """China's leverage over the allies: GDP-weighted percent of GDP at stake, unhedged, plus
    a share of their digital exposure."""
    s = w.scenario
    total = total_gdp(s)
    per_digital = w.tuning.digital_leverage
    shares = []  # each ally's GDP share times its leverage
    for a in w.allies:
        exports, imports = stakes(w, a)
        at_stake = exports + imports + per_digital * a.digital_exposure
        shares.append(s.allies[a.index].gdp / total * at_stake)
    return sum(shares, 0.0)


def coalition_upkeep(w: Work) -> None:
    """Cohesion frays without upkeep; China's overreach pulls the allies together."""
    t = w.tuning
    w.coalition_change("cohesion", -t.cohesion_fatigue + t.backlash_cohesion * w.china.backlash)
    if w.deltas:
        w.emit(
            "world",
            "cohesion",
            "world",
            "cohesion",
            "",
            f"Coalition cohesion {w.coalition.cohesion:.0f} "
            f"(fatigue, and China's backlash {w.china.backlash:.0f})",
        )


def economy(w: Work) -> None:
    """Budgets refill; output follows the baseline less lasting scars and this turn's losses."""
    s = w.scenario
    for a in w.allies:
        spec = s.allies[a.index]
        cap = spec.budget * w.tuning.treasury_cap
        w.ally_change(a, "treasury", min(spec.budget, max(0.0, cap - a.treasury)))
        a.baseline *= 1.0 + spec.growth / 100.0
        before = a.output
        a.output = a.baseline * (1.0 - (a.scar + a.gap) / 100.0)
        a.lost_output += a.scar + a.gap
        if w.explain:
            w.deltas.append(Delta(a.id, "output", before, a.output))
    w.emit("world", "economy", "world", "economy", "", "Output against the no-coercion baseline")

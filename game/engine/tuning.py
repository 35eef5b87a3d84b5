"""The model's dynamic coefficients: the scenario's ``[tuning]`` table.

Scenario files set starting positions, catalogues and doctrine; these numbers set how fast
the world moves. Each key has a default (the figure the shipped scenarios were balanced
with, docs/balance.md), a valid range and a one-line meaning; a scenario's ``[tuning]``
table changes any of them, and an extending scenario inherits its parent's. This class is
the only place the keys are defined: the loader, the JSON Schema and the docs' key table
(checked by a test) all read it.
"""

from __future__ import annotations

from typing import Any

import attrs
from attrs import frozen


def _key(default: float, lo: float, hi: float, doc: str) -> Any:
    return attrs.field(default=default, metadata={"range": (lo, hi), "doc": doc})


@frozen
class Tuning:
    """Every coefficient of the model's dynamics, by name (see docs/scenarios.md)."""

    # -- allied moves --
    unilateral_efficacy: float = _key(
        0.6, 0, 1, "weight of a control or screening applied alone (leaks) against a joint one"
    )
    institution_synergy: float = _key(
        0.10, 0, 2, "extra effect per additional member of a joint move once an institution exists"
    )
    institution_join_discount: float = _key(
        0.5, 0, 1, "share of a joint move's budget a member pays to join once an institution exists"
    )
    defiance_sharing: float = _key(
        0.5, 0, 2, "a joint move's defiance is divided by members ** this"
    )
    low_resolve_pc: float = _key(
        40.0, 0, 100, "resolve below which an ally has one political capital fewer"
    )
    # -- economy and coercion costs --
    scar_from_coercion: float = _key(
        0.15, 0, 1, "share of output lost to coercion that persists as lasting damage"
    )
    input_amplifier: float = _key(
        1.6, 0, 10, "how much more a cut-off of critical inputs hurts than lost sales"
    )
    input_tech_loss: float = _key(
        1.5, 0, 20, "tech lost per turn in the sector's domain under an input cut-off, x intensity"
    )
    legacy_strain: float = _key(
        3.0, 0, 50, "strain per percent of output lost to coercion in an older (legacy) sector"
    )
    pledge_absorb: float = _key(
        0.4, 0, 1, "share of a boycotted member's lost sales a full solidarity pledge absorbs"
    )
    pledge_cost: float = _key(
        0.15, 0, 5, "absorbing members' output cost per unit of loss absorbed, shared among them"
    )
    treasury_cap: float = _key(3.0, 0, 50, "treasury cap, in turns of budget income")
    max_output_loss: float = _key(
        50.0, 1, 100, "largest lasting or one-turn output loss (or gain), percent of baseline"
    )
    resilience_cap: float = _key(0.95, 0, 1, "highest resilience a sector can reach")
    # -- firms --
    exposure_creep: float = _key(
        0.06, 0, 1, "share of the way back to their starting exposure firms drift each turn"
    )
    firm_hedging: float = _key(
        0.04,
        0,
        1,
        "resilience firms add to every sector each turn per 100 points of business alignment "
        "above hedging_neutral (they run it down below)",
    )
    hedging_neutral: float = _key(
        50.0, 0, 100, "business alignment at which firms neither hedge nor run down resilience"
    )
    alignment_reversion: float = _key(
        0.04, 0, 1, "share of the way back to its starting business alignment an ally drifts"
    )
    forewarned_resilience: float = _key(
        0.4,
        0,
        1,
        "extra resilience a sector move adds when it answers a signal China sent against "
        "that ally and sector this turn (preparing for what China telegraphs)",
    )
    forewarned_blunting: float = _key(
        0.4,
        0,
        1,
        "share of a signalled action's intensity a target avoids when it answered the signal "
        "that turn with one of the tool's answers (forewarned is forearmed)",
    )
    # -- politics --
    resolve_drift: float = _key(
        0.06, 0, 1, "share of the way back to its starting resolve an ally drifts each turn"
    )
    strain_erosion: float = _key(
        0.5, 0, 10, "resolve lost per point of strain above strain_safe, each turn"
    )
    strain_safe: float = _key(45.0, 0, 100, "strain below which workers' strain costs no resolve")
    strain_creep: float = _key(2.0, 0, 20, "strain added every turn: older industries lose ground")
    pain_to_resolve: float = _key(
        5.0, 0, 50, "resolve lost per percent of output lost to coercion this turn"
    )
    supported_pain: float = _key(
        0.65, 0, 1, "share of that pain felt when the solidarity pledge stands behind the target"
    )
    pledge_support_share: float = _key(
        0.5, 0, 1, "share of the allies the pledge needs (active members) to cushion the pain"
    )
    pledge_support_min: float = _key(2, 1, 20, "fewest active pledge members that cushion the pain")
    backlash_rally: float = _key(
        0.05, 0, 5, "resolve gained per point of China's backlash by an ally it coerced"
    )
    backlash_rally_bystander: float = _key(
        0.4, 0, 1, "share of that rally felt by allies China did not coerce this turn"
    )
    defiance_decay: float = _key(0.15, 0, 1, "share of an ally's defiance that fades each turn")
    # -- coalition --
    cohesion_fatigue: float = _key(1.2, 0, 20, "cohesion lost per turn without upkeep")
    backlash_cohesion: float = _key(
        0.04, 0, 5, "cohesion gained per turn per point of China's backlash"
    )
    free_ride_cohesion: float = _key(
        4.0, 0, 50, "cohesion lost per percent of output an outsider gains filling the void"
    )
    free_ride_min_gain: float = _key(
        0.01, 0, 10, "output gained filling the void (percent) above which cohesion suffers"
    )
    accommodation_cohesion: float = _key(
        8.0, 0, 100, "cohesion lost when an ally accommodates China"
    )
    # -- technology --
    denial_tech_loss: float = _key(
        0.8, 0, 10, "China's tech lost per turn in a domain under full export-control coverage"
    )
    fusion_tech: float = _key(
        0.01, 0, 1, "China's extra tech growth per turn per point of civil-military fusion"
    )
    fusion_growth: float = _key(
        0.8, 0, 10, "fusion gained per turn with no allied investment screening"
    )
    talent_growth_base: float = _key(
        0.5, 0, 5, "allies' tech growth is the domain's growth x (this + talent / 100)"
    )
    # -- China --
    capacity_from_tech: float = _key(
        0.5, 0, 10, "China's coercion capacity per point of its mean tech gained this turn"
    )
    capacity_from_digital: float = _key(
        0.35, 0, 10, "capacity per point of the allies' mean digital exposure gained this turn"
    )
    digital_leverage: float = _key(
        0.05, 0, 1, "China's leverage per point of an ally's digital exposure"
    )
    backlash_decay: float = _key(0.12, 0, 1, "share of China's backlash that fades each turn")
    escalation_cooling: float = _key(
        0.35, 0, 5, "escalation shed in a turn with no coercion (the clock still runs)"
    )
    intensity_capacity_base: float = _key(
        0.5, 0, 5, "a tool's intensity is scaled by (this + capacity / 100)"
    )
    intensity_per_escalation: float = _key(0.1, 0, 1, "and by (1 + this x escalation rung)")
    escalation_backlash: float = _key(
        0.3, 0, 10, "share of its escalation China sheds a turn per 100 points of backlash"
    )
    escalation_cohesion: float = _key(
        0.15, 0, 10, "and per 100 points of coalition cohesion above escalation_hold"
    )
    escalation_hold: float = _key(
        50.0, 0, 100, "cohesion above which the coalition holding makes China step back"
    )
    intensity_cap: float = _key(
        1.0, 0.05, 5, "highest intensity of an action (1: all the unhedged stake a tool strikes)"
    )
    repeat_chance: float = _key(
        0.0, 0, 1, "chance a rule may aim again at the ally it aimed at last turn (1: always)"
    )
    defiance_relief: float = _key(
        0.3, 0, 1, "share of the target's defiance that China's action releases"
    )
    # -- concessions --
    concession_support: float = _key(
        0.45, 0, 1, "how much a full pledge cuts the chance that a target concedes"
    )
    concession_resolve_base: float = _key(1.6, 0, 5, "chance of conceding x (this - resolve / 100)")
    concession_respite: float = _key(
        4, 0, 24, "turns China spares an ally after it concedes (the turn it concedes included)"
    )
    concession_resolve_loss: float = _key(6.0, 0, 100, "resolve a conceding ally loses")
    concession_cohesion: float = _key(4.0, 0, 100, "cohesion lost when an ally concedes")
    concession_escalation_drop: float = _key(
        0.5, 0, 5, "escalation China sheds when a target concedes"
    )
    # -- scoring --
    leverage_span: float = _key(
        0.4,
        0.01,
        1,
        "scale of the leverage part: tanh(share of China's starting leverage cut / this), "
        "0.76 at a cut of this share (diminishing returns)",
    )
    ally_score_coalition: float = _key(
        0.4, 0, 1, "weight of the coalition's score in each ally's own score"
    )
    ally_score_output: float = _key(0.35, 0, 1, "weight of the ally's own output in its score")
    ally_score_objective: float = _key(
        0.25, 0, 1, "weight of meeting its national objective in its score"
    )
    leader_measure_weight: float = _key(
        10.0, 0, 100, "coalition_leader selector: points per measure the ally belongs to"
    )
    leader_defiance_weight: float = _key(
        0.2, 0, 10, "coalition_leader selector: points per point of defiance"
    )
    # -- grading moves (the debrief's success / partial / failed / backfired) --
    grade_coverage: float = _key(
        0.6, 0.01, 1, "export-control coverage of world supply that grades a success"
    )
    grade_screened: float = _key(
        0.6, 0.01, 1, "share of allied GDP screened that grades investment screening a success"
    )
    grade_joint_share: float = _key(
        0.5, 0.01, 1, "share of the active allies a joint move needs to grade a success"
    )
    grade_lone_joint: float = _key(0.3, 0, 1, "efficacy of a joint move no ally joined")
    grade_alignment: float = _key(
        60.0, 1, 100, "members' business alignment that grades an alignment-gated move a success"
    )
    grade_room: float = _key(
        0.5,
        0.01,
        1,
        "share of a sector's starting exposure (or dependence) still there that grades a "
        "sector move a success (a repeat on a sector already cut is graded by what is left)",
    )
    grade_success: float = _key(0.999, 0, 1, "efficacy at or above which a move succeeds")
    grade_partial: float = _key(
        0.55,
        0,
        1,
        "efficacy at or above which it partly succeeds (below: failed, or backfired "
        "if it provoked coercion)",
    )


def tuning_keys() -> dict[str, tuple[float, float, float, str]]:
    """Each key: (default, lowest, highest, meaning), in the class's order."""
    out: dict[str, tuple[float, float, float, str]] = {}
    for f in attrs.fields(Tuning):
        lo, hi = f.metadata["range"]
        out[f.name] = (f.default or 0.0, lo, hi, f.metadata["doc"])
    return out

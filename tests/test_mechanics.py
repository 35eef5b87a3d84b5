"""One test per mechanic of DESIGN §3 (each would fail if the mechanic were removed), plus the
game's explanations (causes, doctrine reasons, signals) and its error messages.

Positions are built with ``attrs.evolve`` so each test watches one mechanic; most run on the
"quiet" scenario (no doctrine, no news) so nothing else moves the figures. Assertions compare
two runs (more, less, earlier, later), never tuned numbers.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from attrs import evolve
from conftest import (
    change,
    coverage_now,
    run,
    set_ally,
    set_china,
    set_coalition,
    set_sector,
    start,
    step,
    with_doctrine,
    with_move,
)
from conftest import rule as make_rule

from game.ai.policies import POLICIES
from game.engine import (
    GRADES,
    PHASES,
    Effect,
    Episode,
    GameError,
    GameState,
    IllegalOrderError,
    Legality,
    Measure,
    Order,
    Proposal,
    Scenario,
    ScenarioError,
    Signal,
    check_orders,
    legal_orders,
    new_game,
    parse_scenario,
)
from game.engine.doctrine import level_of
from game.scenarios import RESOLVER
from game.sim.play import play_game

SEMIS = "semiconductors"


def _measure(domain: str, members: tuple[str, ...], harmonised: bool) -> Measure:
    return Measure("export_control", "export-controls", members, domain, harmonised, 1, 0)


def _most_exposed_sector(scenario: Scenario, state: GameState, ally_id: str) -> int:
    """Where a boycott hurts an ally most: output share sold to China, net of resilience."""
    i = scenario.ally_index(ally_id)
    a = state.allies[i]
    return max(
        range(len(scenario.sectors)),
        key=lambda k: (
            scenario.allies[i].sectors[k].weight * a.export_exposure[k] * (1.0 - a.resilience[k])
        ),
    )


def _stake_cut(
    scenario: Scenario, ally: str, sector: int, runs: list[GameState], ref: list[GameState]
) -> float:
    """Share of GDP removed from China's reach (exports plus inputs), summed over turns."""
    w = scenario.allies[scenario.ally_index(ally)].sectors[sector].weight
    total = 0.0
    for a, b in zip(runs, ref, strict=True):
        x, y = a.ally(ally), b.ally(ally)
        total += w * (y.export_exposure[sector] - x.export_exposure[sector])
        total += w * (y.import_dependence[sector] - x.import_dependence[sector])
    return total


# -- 1. Decoupling is no answer ---------------------------------------------------------------


def test_decoupling_really_cuts_exposure_but_scars_output_for_the_rest_of_the_game(
    quiet_scenario: Scenario,
) -> None:
    """A player who decouples a sector sees its China exposure collapse at once, and sees
    output stay below the do-nothing path to the last turn; diversifying the same sector's
    supply removes China's reach far more cheaply per unit removed. (Workers' strain is held
    still, so that no government left without orders for twelve quarters gives up.)"""
    q = evolve(quiet_scenario, tuning=evolve(quiet_scenario.tuning, strain_creep=0.0))
    ally, sector = "japan", "autos_machinery"
    k = q.sector_index(sector)
    s0 = start(q)
    a0 = s0.ally(ally)
    passive = run(q, s0, q.turns)
    decoupled = run(q, s0, q.turns, {1: [Order(ally, "decouple-sector", sector)]})
    diversified = run(q, s0, q.turns, {1: [Order(ally, "diversify-supply", sector)]})

    # It really cuts exposure: at once, by more than half, and deeper than diversifying ever does.
    cut = decoupled[0].ally(ally)
    assert cut.export_exposure[k] < 0.5 * a0.export_exposure[k]
    assert cut.import_dependence[k] < 0.5 * a0.import_dependence[k]
    assert cut.import_dependence[k] < min(s.ally(ally).import_dependence[k] for s in diversified)

    # At a large and lasting cost: a scar to the last turn, output below the passive path.
    end_p, end_dec, end_div = passive[-1].ally(ally), decoupled[-1].ally(ally), diversified[-1]
    assert end_dec.scar > 0.0
    assert end_dec.output < end_p.output
    assert end_dec.output < end_div.ally(ally).output
    assert end_dec.lost_output > end_div.ally(ally).lost_output

    # Targeted moves are cheaper per unit of China's reach removed.
    def cost_per_unit(states: list[GameState]) -> float:
        cost = states[-1].ally(ally).lost_output - end_p.lost_output
        return cost / _stake_cut(q, ally, k, states, passive)

    assert _stake_cut(q, ally, k, diversified, passive) > 0.0
    assert cost_per_unit(decoupled) > cost_per_unit(diversified)


def test_decoupling_a_big_sector_scars_output_more_than_decoupling_a_small_one(
    quiet_scenario: Scenario,
) -> None:
    """The lasting cost of decoupling follows what is at stake: for every ally, cutting loose
    the sector where most of its GDP depends on China scars output more than cutting loose its
    smallest such sector."""
    q = quiet_scenario
    s0 = start(q)
    for i, spec in enumerate(q.allies):

        def stake(k: int, i: int = i) -> float:
            p = q.allies[i].sectors[k]
            return p.weight * (p.export_exposure + p.import_dependence)

        ranked = sorted((k for k in range(len(q.sectors)) if stake(k) > 0), key=stake)
        small, big = q.sectors[ranked[0]].id, q.sectors[ranked[-1]].id
        scars = {
            sector: step(q, s0, [Order(spec.id, "decouple-sector", sector)])[0].ally(spec.id).scar
            for sector in (small, big)
        }
        assert scars[big] > scars[small] > 0.0, (spec.id, scars)


# -- 2. Controls work only if multilateral ----------------------------------------------------


def test_china_tech_grows_less_the_more_world_supply_the_controls_cover(
    quiet_scenario: Scenario,
) -> None:
    """China's chips advance more slowly as controls cover more of world supply; a domain
    nobody controls is untouched."""
    q = quiet_scenario
    s0 = start(q)
    d, other = q.domain_index(SEMIS), q.domain_index("telecom")
    regimes = [
        (),
        (_measure(SEMIS, ("us",), harmonised=False),),
        (_measure(SEMIS, ("us",), harmonised=True),),
        (_measure(SEMIS, ("us", "japan"), harmonised=True),),
        (_measure(SEMIS, ("us", "japan", "eu"), harmonised=True),),
    ]
    covers, growth, untouched = [], [], []
    for measures in regimes:
        state = evolve(s0, measures=measures)
        covers.append(coverage_now(q, state, d))
        after, _ = step(q, state)
        growth.append(after.china.tech[d] - s0.china.tech[d])
        untouched.append(after.china.tech[other] - s0.china.tech[other])
    assert covers == sorted(covers) and len(set(covers)) == len(covers)
    assert all(a > b for a, b in zip(growth, growth[1:], strict=False)), growth
    assert len(set(untouched)) == 1


def test_allies_outside_controls_fill_the_void_and_the_coalition_notices(
    quiet_scenario: Scenario,
) -> None:
    """When only the US controls chips, Japanese, European and Korean firms win the lost sales
    (their output rises), the US pays, cohesion frays, and the news says who filled the void."""
    q = quiet_scenario
    s0 = start(q)
    without, _ = step(q, s0)
    with_controls, events = step(q, evolve(s0, measures=(_measure(SEMIS, ("us",), False),)))
    d = q.domain_index(SEMIS)
    outsiders = [a.id for a in q.allies if a.id != "us" and a.supply_share[d] > 0]
    assert outsiders
    for ally in outsiders:
        assert with_controls.ally(ally).output > without.ally(ally).output, ally
    assert with_controls.ally("us").output < without.ally("us").output
    assert with_controls.coalition.cohesion < without.coalition.cohesion
    void = [e for e in events if "fill the void" in e.text]
    assert void and all(q.allies[q.ally_index(x)].name in void[0].text for x in outsiders)


def test_unilateral_controls_leak_compared_with_the_same_allies_acting_jointly(
    quiet_scenario: Scenario,
) -> None:
    """The US, Japan and the EU each imposing chip controls alone cover less of world supply,
    and slow China less, than the same three on one harmonised list (a joint proposal)."""
    q = quiet_scenario
    d = q.domain_index(SEMIS)
    trio = ("us", "japan", "eu")
    s0 = start(q)
    alone = run(q, s0, 2, {1: [Order(x, "export-controls", SEMIS) for x in trio]})
    joint = run(
        q,
        s0,
        3,
        {
            1: [Order("us", "export-controls", SEMIS, "propose")],
            2: [Order(x, "export-controls", SEMIS, "join", "P1") for x in trio[1:]],
        },
    )
    # Coverage once each regime is in force (alone: after turn 1; joint: after turn 2).
    cov_alone = coverage_now(q, alone[0], d)
    cov_joint = coverage_now(q, joint[1], d)
    assert 0.0 < cov_alone < cov_joint
    # China's chip progress in the next turn under each regime.
    grow_alone = alone[1].china.tech[d] - alone[0].china.tech[d]
    grow_joint = joint[2].china.tech[d] - joint[1].china.tech[d]
    assert grow_joint < grow_alone


# -- 3. No country can blunt coercion alone ---------------------------------------------------


def _alone_vs_joint(
    q: Scenario, move: str, target: str | None, trio: tuple[str, ...], turns: int
) -> tuple[list[GameState], list[GameState]]:
    """Both enacted on turn 2: each member alone, or one proposal (turn 1) joined on turn 2."""
    s0 = start(q)
    alone = run(q, s0, turns, {2: [Order(x, move, target) for x in trio]})
    joint = run(
        q,
        s0,
        turns,
        {
            1: [Order(trio[0], move, target, "propose")],
            2: [Order(x, move, target, "join", "P1") for x in trio[1:]],
        },
    )
    return alone, joint


def test_joint_research_gives_each_member_more_than_it_would_get_alone(
    quiet_scenario: Scenario,
) -> None:
    """Three allies pooling directed R&D each end up with better telecom tech than if the same
    three had each funded it alone."""
    q = quiet_scenario
    trio = ("us", "japan", "eu")
    alone, joint = _alone_vs_joint(q, "directed-rnd", "telecom", trio, turns=9)
    d = q.domain_index("telecom")
    for ally in trio:
        assert joint[-1].ally(ally).tech[d] > alone[-1].ally(ally).tech[d], ally


def test_joint_standards_promotion_is_stronger_than_the_same_allies_acting_alone(
    quiet_scenario: Scenario,
) -> None:
    """Three allies promoting standards together should raise the coalition's standards share
    at least as much as the same three each promoting standards alone (DESIGN §3.3: joint
    moves are stronger than the sum of their parts)."""
    q = quiet_scenario
    alone, joint = _alone_vs_joint(q, "standards-promotion", None, ("us", "japan", "eu"), 2)
    assert joint[1].coalition.standards > alone[1].coalition.standards


def test_a_solidarity_pledge_cuts_a_boycotted_members_loss(quiet_scenario: Scenario) -> None:
    """Australia under an informal boycott loses less output, and keeps more resolve, when
    the other allies stand behind it in a solidarity pledge; the helpers bear a little cost."""
    q = quiet_scenario
    s0 = start(q)
    k = _most_exposed_sector(q, s0, "australia")
    boycott = Episode("informal-boycott", "test-rule", "australia", k, 0.5, s0.turn, s0.turn + 2)
    hit = set_china(s0, episodes=(boycott,))
    everyone = tuple(a.id for a in q.allies)
    lone, _ = step(q, hit)
    backed, _ = step(q, set_coalition(hit, pledge=everyone))
    assert 0.0 < backed.ally("australia").coercion_loss < lone.ally("australia").coercion_loss
    assert backed.ally("australia").resolve > lone.ally("australia").resolve
    assert any(backed.ally(x).output < lone.ally(x).output for x in everyone if x != "australia")


def _first_target(q: Scenario, move_id: str) -> str | None:
    target = q.move(move_id).target
    if target == "none":
        return None
    return (q.domains if target == "domain" else q.sectors)[0].id


def test_a_coordination_institution_makes_joining_cheaper_and_joint_moves_stronger(
    quiet_scenario: Scenario,
) -> None:
    """Once a coordination institution stands, joining a proposal costs less budget and the
    same joint standards push goes further."""
    q = quiet_scenario
    institution = ("coordination-institution",)

    # Cheaper: joining the costliest joint move of the catalogue.
    costly = max((m for m in q.moves if m.joint), key=lambda m: m.budget)
    assert costly.budget > 0
    target = _first_target(q, costly.id)
    s1, _ = step(q, start(q), [Order("us", costly.id, target, "propose")])
    join = [Order("japan", costly.id, target, "join", "P1")]
    _, plain = step(q, s1, join)
    _, helped = step(q, set_coalition(s1, institutions=institution), join)

    def spent(events: list) -> float:
        return -change([e for e in events if e.kind == "join"], "japan", "treasury")

    assert 0.0 < spent(helped) < spent(plain)

    # Stronger: the same three allies' joint standards push.
    s1, _ = step(q, start(q), [Order("us", "standards-promotion", None, "propose")])
    joins = [Order(x, "standards-promotion", None, "join", "P1") for x in ("japan", "eu")]
    _, plain = step(q, s1, joins)
    _, helped = step(q, set_coalition(s1, institutions=institution), joins)

    def pushed(events: list) -> float:
        return change([e for e in events if e.kind == "joint"], "coalition", "standards")

    assert pushed(helped) > pushed(plain) > 0.0


# -- 4. Whole of society ----------------------------------------------------------------------


def test_exposure_creeps_back_faster_where_business_ignores_government_guidance(
    quiet_scenario: Scenario,
) -> None:
    """After Japan halves its auto exposure to China, its firms drift back toward China's
    market much faster when boardrooms are poorly aligned with government risk guidance."""
    q = quiet_scenario
    s0 = start(q)
    k = q.sector_index("autos_machinery")
    half = s0.ally("japan").export_exposure[k] / 2
    trimmed = set_sector(s0, q, "japan", "export_exposure", "autos_machinery", half)

    def creep(alignment: float) -> float:
        after, _ = step(q, set_ally(trimmed, "japan", alignment=alignment))
        return after.ally("japan").export_exposure[k] - half

    assert creep(10.0) > creep(90.0) >= 0.0
    assert creep(10.0) > 0.0


def test_moves_that_need_business_alignment_are_refused_without_it(
    quiet_scenario: Scenario,
) -> None:
    """A move that needs aligned boardrooms is not offered, and is refused, to a government
    whose business alignment is too low; it is offered once alignment is high enough. (The
    shipped scenario sets no such threshold, so the test sets one.)"""
    q = with_move(quiet_scenario, "export-controls", min_alignment=60.0)
    s0 = start(q)
    order = Order("japan", "export-controls", SEMIS)
    low = set_ally(s0, "japan", alignment=40.0)
    high = set_ally(s0, "japan", alignment=80.0)
    assert order not in [o.order for o in legal_orders(q, low, "japan")]
    with pytest.raises(IllegalOrderError, match="alignment"):
        check_orders(q, low, [order])
    assert order in [o.order for o in legal_orders(q, high, "japan")]
    check_orders(q, high, [order])


def test_china_threatening_firms_lowers_business_alignment(quiet_scenario: Scenario) -> None:
    """China presses the boardrooms of the least aligned ally: that ally's business alignment
    ends the turn lower than it would have without the threats."""
    q = quiet_scenario
    pressing = with_doctrine(q, make_rule("least_aligned", "threats-to-firms"))
    s0 = start(q)
    target = min(s0.allies, key=lambda a: a.alignment).id
    calm, _ = step(q, s0)
    pressed, events = step(pressing, s0)
    assert pressed.ally(target).alignment < calm.ally(target).alignment
    name = q.allies[q.ally_index(target)].name
    assert any(e.kind == "coercion" and name in e.text for e in events)


# -- 5. Two lines of effort -------------------------------------------------------------------


def test_directed_research_pays_off_only_after_its_delay(quiet_scenario: Scenario) -> None:
    """Directed R&D funded on turn 1 changes nothing for as many turns as its delay; then the
    ally's tech in that domain rises above the do-nothing path, and the news says why."""
    q = quiet_scenario
    move = q.move("directed-rnd")
    delay = min(e.delay for e in move.effects if e.var == "tech")
    assert delay >= 1, "an offensive move should pay off after a delay"
    d = q.domain_index("telecom")
    s0 = start(q)
    passive = run(q, s0, delay + 2)
    funded = run(q, s0, delay + 2, {1: [Order("japan", "directed-rnd", "telecom")]})
    for t in range(delay):
        assert funded[t].ally("japan").tech[d] == passive[t].ally("japan").tech[d]
    assert funded[delay].ally("japan").tech[d] > passive[delay].ally("japan").tech[d]
    _, events = step(q, funded[delay - 1])
    assert any(e.kind == "delayed" and e.cause == "directed-rnd" for e in events)


def test_defensive_exclusion_of_data_apps_bites_at_once(quiet_scenario: Scenario) -> None:
    """A defensive move denies at once: restricting data-harvesting apps lowers the ally's
    digital exposure in the same turn."""
    q = quiet_scenario
    s0 = start(q)
    after, _ = step(q, s0, [Order("eu", "restrict-data-apps")])
    calm, _ = step(q, s0)
    assert after.ally("eu").digital_exposure < calm.ally("eu").digital_exposure


def test_a_declared_cut_to_china_capacity_still_shows_after_the_turn(
    quiet_scenario: Scenario,
) -> None:
    """A move that declares a cut to China's coercion capacity (standards promotion) should
    leave China's capacity lower after the turn than the same move without that effect."""
    q = quiet_scenario

    def cuts(e: Effect) -> bool:
        return e.who == "china" and e.var == "capacity" and e.amount < 0

    moves = [m for m in q.moves if any(cuts(e) for e in m.effects)]
    if not moves:
        pytest.skip("no move declares an effect on China's capacity")
    move = moves[0]
    stripped = with_move(
        q,
        move.id,
        effects=tuple(e for e in move.effects if not cuts(e)),
    )
    orders = {1: [Order("us", move.id, _first_target(q, move.id))]}
    s0 = start(q)
    declared = run(q, s0, 1, orders)
    without = run(stripped, s0, 1, orders)
    assert declared[0].china.capacity < without[0].china.capacity


# -- 6. Coercion follows leverage -------------------------------------------------------------


PUNISH = make_rule("most_defiant", "informal-boycott", ("target.defiance", ">=", 1.0))


def _defiant(state: GameState, ally_id: str) -> GameState:
    for a in state.allies:
        state = set_ally(state, a.id, defiance=40.0 if a.id == ally_id else 5.0)
    return state


@pytest.mark.parametrize("ally", ["canada", "japan", "australia"])
def test_china_punishes_the_most_defiant_ally_where_it_is_most_exposed(
    quiet_scenario: Scenario, ally: str
) -> None:
    """China's boycott lands on the ally that defied it most, in that ally's most exposed
    export sector; lower that exposure and the next boycott goes elsewhere."""
    q = with_doctrine(quiet_scenario, PUNISH)
    s0 = _defiant(start(q), ally)
    after, _ = step(q, s0)
    (episode,) = after.china.episodes
    assert episode.ally == ally
    k = _most_exposed_sector(q, s0, ally)
    assert episode.sector == k

    hedged = set_sector(s0, q, ally, "export_exposure", q.sectors[k].id, 0.0)
    again, _ = step(q, hedged)
    (moved,) = again.china.episodes
    assert moved.ally == ally and moved.sector == _most_exposed_sector(q, hedged, ally) != k


def test_coercion_costs_china_backlash_and_overreach_rallies_the_allies(
    quiet_scenario: Scenario,
) -> None:
    """Boycotting an ally raises China's backlash; high backlash lifts the allies' resolve."""
    q = quiet_scenario
    s0 = _defiant(start(q), "canada")
    calm, _ = step(q, s0)
    punished, _ = step(with_doctrine(q, PUNISH), s0)
    assert punished.china.backlash > calm.china.backlash

    overreach, _ = step(q, set_china(s0, backlash=60.0))
    restraint, _ = step(q, set_china(s0, backlash=0.0))
    for a in q.allies:
        assert overreach.ally(a.id).resolve > restraint.ally(a.id).resolve, a.id


# -- 7. Neglected workers break resolve -------------------------------------------------------


def test_strain_in_older_industries_erodes_resolve(quiet_scenario: Scenario) -> None:
    """Japan's resolve ends the turn lower when its older industries are under heavy strain."""
    q = quiet_scenario
    s0 = start(q)
    strained, _ = step(q, set_ally(s0, "japan", strain=90.0))
    eased, _ = step(q, set_ally(s0, "japan", strain=30.0))
    assert strained.ally("japan").resolve < eased.ally("japan").resolve


def test_an_ally_whose_resolve_collapses_accommodates_lifts_its_measures_and_joins_nothing(
    quiet_scenario: Scenario,
) -> None:
    """Korea, its resolve broken and its workers strained, accommodates China: it leaves its
    export controls and the solidarity pledge, and may no longer join a joint move."""
    q = quiet_scenario
    s0 = start(q)
    d = q.domain_index("telecom")
    s0 = set_ally(s0, "korea", resolve=0.0, strain=100.0)
    s0 = evolve(s0, measures=(_measure("telecom", ("us", "korea"), harmonised=True),))
    s0 = set_coalition(s0, pledge=("us", "japan", "korea"))
    cov_before = coverage_now(q, s0, d)
    s1, events = step(q, s0, [Order("us", "standards-promotion", None, "propose")])

    korea = s1.ally("korea")
    assert korea.accommodated
    assert all("korea" not in m.members for m in s1.measures)
    assert "korea" not in s1.coalition.pledge
    assert coverage_now(q, s1, d) < cov_before
    assert any(e.kind == "accommodation" and e.actor == "korea" for e in events)

    (proposal,) = s1.proposals
    join = Order("korea", proposal.move, proposal.target, "join", proposal.id)
    with pytest.raises(IllegalOrderError, match="accommodated"):
        check_orders(q, s1, [join])
    offered = [o.order for o in legal_orders(q, s1, "korea")]
    assert all(o.kind != "join" for o in offered)
    assert all(q.move(o.move).defiance == 0 for o in offered)
    # Another ally may still join.
    check_orders(q, s1, [Order("japan", proposal.move, proposal.target, "join", proposal.id)])


# -- Explanations: causes, doctrine reasons, signals ------------------------------------------


@pytest.mark.parametrize("policy", ["coordinated", "random", "unilateral"])
def test_every_event_names_its_cause_and_every_move_is_graded(
    scenario: Scenario, policy: str
) -> None:
    """In whole games, every event says what caused it (a move, a doctrine rule, a scenario
    event or the world's own dynamics) and every enacted move carries a seminar grade."""
    for seed, difficulty in ((3, "hard"), (4, "normal")):
        policies = {a.id: POLICIES[policy] for a in scenario.allies}
        _, events = play_game(scenario, seed, difficulty, policies, keep_events=True)
        assert events
        for e in events:
            assert e.cause_kind in ("move", "rule", "event", "world"), e
            assert e.cause, e
            assert e.phase in PHASES, e
            assert e.grade is None or e.grade in GRADES, e
            if e.kind in ("move", "joint"):
                assert e.grade in GRADES, e


def test_china_explains_each_decision_with_its_reasons_and_the_allies_it_passed_over(
    quiet_scenario: Scenario,
) -> None:
    """A coercion event says why China chose this ally and which others it passed over."""
    q = with_doctrine(quiet_scenario, PUNISH)
    _, events = step(q, _defiant(start(q), "canada"))
    (coerced,) = [e for e in events if e.kind == "coercion"]
    assert coerced.cause_kind == "rule" and coerced.cause == PUNISH.id
    why = [d for d in coerced.details if d.startswith("Why")]
    passed = [d for d in coerced.details if d.startswith("Passed over")]
    assert why and "Canada" in why[0] and "defian" in why[0]
    assert passed
    others = [a.name for a in q.allies if a.id != "canada"]
    assert any(name in passed[0] for name in others)


def test_default_doctrine_decisions_always_give_a_why(scenario: Scenario) -> None:
    """Under the shipped doctrine, every coercion in a hawkish game comes with its reasons."""
    policies = {a.id: POLICIES["unilateral"] for a in scenario.allies}
    _, events = play_game(scenario, 7, "hard", policies, keep_events=True)
    coercions = [e for e in events if e.kind == "coercion"]
    assert coercions
    for e in coercions:
        assert any(d.startswith("Why") for d in e.details), e


def test_china_telegraphs_its_next_move_in_the_briefing(quiet_scenario: Scenario) -> None:
    """The briefing warns which ally China will likely hit next, with which tool and where;
    with nothing changed, China then does what it signalled."""
    waiting = make_rule(
        "most_defiant", "informal-boycott", ("turn", ">=", 2), ("target.defiance", ">=", 1)
    )
    q = with_doctrine(quiet_scenario, waiting)
    s0 = _defiant(start(q), "canada")
    assert s0.signals == ()
    s1, events = step(q, s0)
    (signal,) = s1.signals
    assert (signal.ally, signal.tool) == ("canada", "informal-boycott")
    briefing = [e for e in events if e.phase == "briefing" and e.kind == "signal"]
    assert len(briefing) == 1
    assert "Canada" in briefing[0].text and q.tool("informal-boycott").name in briefing[0].text
    s2, _ = step(q, s1)
    (episode,) = s2.china.episodes
    assert episode.ally == signal.ally and q.sectors[episode.sector].id == signal.sector


def test_the_opening_briefing_shows_the_default_doctrines_signals(scenario: Scenario) -> None:
    """A new game's briefing lists a signal event for every telegraphed action."""
    state, events = new_game(scenario, 1, "normal")
    signals = [e for e in events if e.kind == "signal"]
    assert len(signals) == len(state.signals) > 0
    for sig, event in zip(state.signals, signals, strict=True):
        assert scenario.allies[scenario.ally_index(sig.ally)].name in event.text
        assert event.cause == sig.rule


def test_a_new_game_starts_china_where_the_scenario_puts_it(scenario: Scenario) -> None:
    """Turn 1 shows China on the escalation rung and with the backlash the scenario sets."""
    state, _ = new_game(scenario, 1, "normal")
    assert state.china.escalation == scenario.china.escalation
    assert state.china.backlash == scenario.china.backlash


def test_a_finished_game_cannot_be_played_on(scenario: Scenario) -> None:
    """Once the game is over, resolving another turn is refused (or changes nothing): the
    final score a seminar debriefs from cannot move."""
    state = start(scenario)
    while not state.over:
        state, _ = step(scenario, state)
    with pytest.raises(IllegalOrderError, match="over"):
        check_orders(scenario, state, [Order("us", "public-communication")])
    try:
        again, _ = step(scenario, state)
    except GameError:
        return
    assert again == state


# -- Illegal orders ---------------------------------------------------------------------------


def _refusal(scenario: Scenario, state: GameState, orders: list[Order]) -> str:
    with pytest.raises(IllegalOrderError) as err:
        check_orders(scenario, state, orders)
    return str(err.value)


def test_an_unknown_move_is_refused_with_a_suggestion(scenario: Scenario) -> None:
    s0 = start(scenario)
    msg = _refusal(scenario, s0, [Order("us", "export-control", SEMIS)])
    assert "order 1" in msg and "us" in msg and "export-control(semiconductors)" in msg
    assert "did you mean 'export-controls'" in msg


@pytest.mark.parametrize(
    ("order", "expected"),
    [
        (Order("us", "export-controls", "agrifood"), "unknown domain 'agrifood'"),
        (Order("us", "export-controls"), "needs a domain target"),
        (Order("us", "decouple-sector", "semiconductor"), "did you mean 'semiconductors'"),
        (Order("us", "public-communication", "ai"), "takes no target"),
    ],
)
def test_an_order_with_the_wrong_target_is_refused(
    scenario: Scenario, order: Order, expected: str
) -> None:
    msg = _refusal(scenario, start(scenario), [order])
    assert order.describe() in msg and expected in msg


def test_orders_beyond_political_capital_are_refused_naming_the_order(
    scenario: Scenario,
) -> None:
    """Giving one more order than political capital allows is refused at that order."""
    s0 = set_ally(start(scenario), "eu", treasury=1000.0)
    cheap = sorted(
        (m for m in scenario.moves if m.target == "none" and m.pc == 1), key=lambda m: m.budget
    )
    pc = Legality(scenario, s0, "eu").pc
    assert len(cheap) > pc
    orders = [Order("eu", m.id) for m in cheap[: pc + 1]]
    check_orders(scenario, s0, orders[:pc])
    msg = _refusal(scenario, s0, orders)
    assert f"order {pc + 1}" in msg and orders[-1].describe() in msg
    assert "political capital" in msg


def test_an_order_beyond_the_treasury_is_refused(scenario: Scenario) -> None:
    s0 = set_ally(start(scenario), "canada", treasury=0.0)
    costly = next(m for m in scenario.moves if m.target == "none" and m.budget > 0)
    msg = _refusal(scenario, s0, [Order("canada", costly.id)])
    assert "budget" in msg and costly.id in msg


def test_a_proposal_cannot_be_joined_in_the_turn_it_is_made(scenario: Scenario) -> None:
    """Joint moves are joined the turn after they are proposed."""
    s0 = start(scenario)
    made_now = Proposal("P1", "standards-promotion", None, "us", s0.turn, ("us",))
    open_now = evolve(s0, proposals=(made_now,))
    join = Order("japan", "standards-promotion", None, "join", "P1")
    msg = _refusal(scenario, open_now, [join])
    assert "join P1" in msg and "made this turn" in msg
    # Proposing and joining in the same batch of orders: the proposal is not open yet.
    msg = _refusal(scenario, s0, [Order("us", "standards-promotion", None, "propose"), join])
    assert "order 2" in msg and "no open proposal 'P1'" in msg


def test_the_same_order_twice_is_refused(scenario: Scenario) -> None:
    s0 = start(scenario)
    order = Order("us", "public-communication")
    assert "twice" in _refusal(scenario, s0, [order, order])


# -- Malformed scenarios ----------------------------------------------------------------------


def _sub(text: str, pattern: str, replacement: str) -> str:
    new, n = re.subn(pattern, replacement, text, count=1, flags=re.MULTILINE)
    assert n == 1, f"pattern {pattern!r} not found in the default scenario"
    return new


def _misspell_first_doctrine_tool(text: str) -> str:
    m = re.search(r'^tool = "([^"]+)"', text, flags=re.MULTILINE)
    assert m
    return text[: m.start(1)] + m.group(1)[:-1] + text[m.end(1) :]


MALFORMED = [
    pytest.param(
        lambda t: _sub(t, r"^\[scenario\]$", '[scenario]\ncolour = "red"'),
        "scenario.colour",
        "unknown key",
        id="unknown-key",
    ),
    pytest.param(
        lambda t: _sub(t, r"^turns = .*$", 'turns = "twelve"'),
        "scenario.turns",
        "expected an integer",
        id="wrong-type",
    ),
    pytest.param(
        lambda t: _sub(t, r"^deck_chance = .*$", "deck_chance = 1.5"),
        "scenario.deck_chance",
        "out of range",
        id="out-of-range",
    ),
    pytest.param(
        _misspell_first_doctrine_tool,
        "china.doctrine[punish-defiance].tool",
        "unknown tool",
        id="dangling-tool",
    ),
    pytest.param(
        lambda t: _sub(t, r"^resolve = .*$", "resolve = 140"),
        "allies[us].resolve",
        "out of range",
        id="ally-out-of-range",
    ),
    pytest.param(
        lambda t: _sub(t, r'^tool = "[^"]+"', 'tool = "no-such-tool"'),
        "china.doctrine[punish-defiance].tool",
        "unknown tool 'no-such-tool'",
        id="unknown-tool",
    ),
]


@pytest.mark.parametrize(("mutate", "path", "message"), MALFORMED)
def test_a_malformed_scenario_is_rejected_naming_the_key_path(
    scenario_text: str, mutate: Callable[[str], str], path: str, message: str
) -> None:
    with pytest.raises(ScenarioError) as err:
        parse_scenario(mutate(scenario_text).encode("utf-8"), "bad.toml", resolver=RESOLVER)
    text = str(err.value)
    assert re.search(rf"bad\.toml:\d+: {re.escape(path)}: ", text), text
    assert message in text
    problem = next(p for p in err.value.problems if p.path == path)
    line = mutate(scenario_text).splitlines()[problem.line - 1]
    assert path.split(".")[-1].split("[")[0] in line  # the line named holds the key


def test_a_misspelt_tool_reference_suggests_the_real_one(scenario_text: str) -> None:
    m = re.search(r'^tool = "([^"]+)"', scenario_text, flags=re.MULTILINE)
    assert m
    with pytest.raises(ScenarioError, match=rf"did you mean '{re.escape(m.group(1))}'"):
        parse_scenario(
            _misspell_first_doctrine_tool(scenario_text).encode(), "bad.toml", resolver=RESOLVER
        )


def test_every_problem_in_a_scenario_is_reported_at_once(scenario_text: str) -> None:
    bad = _sub(scenario_text, r"^turns = .*$", 'turns = "twelve"')
    bad = _sub(bad, r"^deck_chance = .*$", "deck_chance = 1.5")
    with pytest.raises(ScenarioError) as err:
        parse_scenario(bad.encode(), "bad.toml", resolver=RESOLVER)
    paths = {p.path for p in err.value.problems}
    assert {"scenario.turns", "scenario.deck_chance"} <= paths


def test_invalid_toml_is_rejected_with_its_line(scenario_text: str) -> None:
    bad = _sub(scenario_text, r"^\[scenario\]$", "[scenario")
    line = bad[: bad.index("[scenario")].count("\n") + 1
    with pytest.raises(ScenarioError) as err:
        parse_scenario(bad.encode(), "bad.toml", resolver=RESOLVER)
    assert "invalid TOML" in str(err.value) and f"bad.toml:{line}:" in str(err.value)


def test_a_scenario_that_is_not_utf8_is_rejected(scenario_text: str) -> None:
    raw = scenario_text.encode("utf-8")
    at = raw.index(b"[scenario]")
    bad = raw[:at] + b"# caf\xe9\n" + raw[at:]
    with pytest.raises(ScenarioError) as err:
        parse_scenario(bad, "bad.toml", resolver=RESOLVER)
    assert "not UTF-8" in str(err.value) and f"byte {at + 5}" in str(err.value)


def test_the_default_scenario_parses_cleanly_from_its_text(scenario_text: str) -> None:
    """Control for the malformed-file tests: the unmodified text loads."""
    assert (
        parse_scenario(scenario_text.encode(), "ok.toml", resolver=RESOLVER).id
        == "collective-resilience"
    )


def test_the_final_score_counts_every_turn_played(scenario) -> None:
    """The outcome attached at the end equals the score of the finished state."""
    from game.ai.policies import POLICIES
    from game.engine import coalition_score
    from game.sim.play import play_game

    state, _ = play_game(
        scenario, 3, "assertive", {a.id: POLICIES["coordinated"] for a in scenario.allies}
    )
    assert state.outcome is not None
    score, _ = coalition_score(scenario, state)
    assert round(score, 2) == state.outcome.score


@pytest.mark.parametrize("cooldown", [1, 2])
def test_a_cooldown_keeps_a_move_off_the_menu_for_that_many_turns(
    quiet_scenario: Scenario, cooldown: int
) -> None:
    q = with_move(quiet_scenario, "public-communication", cooldown=cooldown, pc=1, budget=0.0)
    order = Order("japan", "public-communication")
    state, _ = step(q, start(q), [order])  # used on turn 1
    for _ in range(cooldown):  # unavailable on each of the next `cooldown` turns
        with pytest.raises(IllegalOrderError, match="used recently"):
            check_orders(q, state, [order])
        assert order not in [o.order for o in legal_orders(q, state, "japan")]
        state, _ = step(q, state)
    check_orders(q, state, [order])  # and available again after them
    assert order in [o.order for o in legal_orders(q, state, "japan")]


# -- Engine v2: rules and coefficients as scenario data -------------------------------------


def test_a_rule_aimed_at_a_named_ally_strikes_only_that_ally(scenario: Scenario) -> None:
    aimed = evolve(
        make_rule("most_defiant", "public-warning", rule_id="warn-canada"), target="canada"
    )
    q = with_doctrine(scenario, aimed)
    state = set_ally(start(q), "japan", defiance=90.0)  # the selector alone would pick Japan
    _, events = step(q, state)
    struck = [e.text for e in events if e.kind == "coercion"]
    assert struck and all("Canada" in text for text in struck)


def test_a_rule_placed_before_another_is_not_starved_of_the_action_budget(
    scenario: Scenario,
) -> None:
    budget = level_of(scenario, "assertive").action_budget  # one rule spends it all
    first = evolve(make_rule("most_defiant", "public-warning", rule_id="first"), cost=budget)
    late = evolve(make_rule("least_aligned", "threats-to-firms", rule_id="late"), cost=budget)
    q = with_doctrine(scenario, first, late)
    _, events = step(q, start(q))
    assert [e.cause for e in events if e.kind == "coercion"] == ["first"]
    q = with_doctrine(scenario, first, evolve(late, before="first"))
    _, events = step(q, start(q))
    assert [e.cause for e in events if e.kind == "coercion"] == ["late"]


def test_a_tuning_coefficient_in_the_scenario_changes_the_game(quiet_scenario: Scenario) -> None:
    order = Order("japan", "export-controls", "semiconductors")
    leaky = quiet_scenario
    tight = evolve(quiet_scenario, tuning=evolve(quiet_scenario.tuning, unilateral_efficacy=0.99))
    d = quiet_scenario.domain_index("semiconductors")
    after_leaky, _ = step(leaky, start(leaky), [order])
    after_tight, _ = step(tight, start(tight), [order])
    assert coverage_now(tight, after_tight, d) > coverage_now(leaky, after_leaky, d)


def test_a_tools_effects_are_the_scenarios_numbers(scenario: Scenario) -> None:
    warn = make_rule("most_defiant", "public-warning", rule_id="warn")
    q = with_doctrine(scenario, warn)
    tool = q.tool("public-warning")
    harsher = tuple(
        evolve(e, amount=e.amount * 3) if e.var == "alignment" else e for e in tool.effects
    )
    q2 = evolve(q, tools=tuple(evolve(t, effects=harsher) if t is tool else t for t in q.tools))
    state = start(q)
    a1, _ = step(q, state)
    a2, _ = step(q2, start(q2))
    target = next(a.id for a in a1.allies if a.alignment < state.ally(a.id).alignment)
    lost = state.ally(target).alignment - a1.ally(target).alignment
    lost_harsher = state.ally(target).alignment - a2.ally(target).alignment
    assert lost_harsher > lost


# -- Truthful grades: a move is graded by what it changed ----------------------------------


def _grade_of(events: list, move: str) -> tuple[str | None, tuple[str, ...]]:
    (e,) = [e for e in events if e.kind in ("move", "joint") and e.cause == move]
    return e.grade, e.details


def test_decoupling_an_already_decoupled_sector_is_not_a_success(scenario: Scenario) -> None:
    """The first decoupling of Australia's most exposed sector succeeds; decoupling the same
    sector again cuts almost nothing, and the debrief grades it by that (with China's
    current rules the repeat also provokes it: backfired, with both reasons)."""
    order = Order("australia", "decouple-sector", "energy_resources")
    s1, first = step(scenario, start(scenario), [order])
    assert _grade_of(first, "decouple-sector")[0] == "success"
    _, again = step(scenario, s1, [order])
    grade, details = _grade_of(again, "decouple-sector")
    assert grade in ("failed", "partial", "backfired")  # never a success
    assert any("little was left" in d for d in details)


def test_a_move_that_changes_nothing_is_graded_failed(scenario: Scenario) -> None:
    """Public communication when resolve and alignment are already at their ceiling moves no
    figure: it is not a success."""
    state = set_ally(start(scenario), "japan", resolve=100.0, alignment=100.0)
    _, events = step(scenario, state, [Order("japan", "public-communication")])
    grade, details = _grade_of(events, "public-communication")
    assert grade == "failed"
    assert any("changed nothing" in d for d in details)


def test_preparing_for_a_signal_adds_resilience_where_china_will_strike(
    scenario: Scenario,
) -> None:
    """A sector move that answers a signal against that ally and sector adds the scenario's
    forewarned_resilience there, and says so."""
    sig = Signal("punish-defiance", "informal-boycott", "australia", "energy_resources", "test")
    state = evolve(start(scenario), signals=(sig,))
    assert sig.sector is not None
    stockpile = Order(sig.ally, "strategic-stockpile", sig.sector)
    _, prepared = step(scenario, state, [stockpile])
    _, blind = step(scenario, evolve(state, signals=()), [stockpile])
    grade, details = _grade_of(prepared, "strategic-stockpile")
    assert any("Forewarned" in d for d in details)
    assert change(prepared, sig.ally, f"resilience.{sig.sector}") > change(
        blind, sig.ally, f"resilience.{sig.sector}"
    )

"""Joining and proposing on the orders screen: Enter joins an invitation, a team's own
proposals are listed as its own with who joined, a repeated proposal is refused with the
engine's reason (or merged when two teams make it in the same turn), lapsing measures are
offered for renewal."""

from __future__ import annotations

import asyncio
from pathlib import Path

from attrs import evolve

from game.engine import Measure, Order, check_orders, order_problem, resolve_turn
from game.scenarios import builtin_dir, load
from game.session import Session
from game.tui.app import ResilienceApp
from game.tui.screens.orders import OrdersScreen

DEFAULT = builtin_dir() / "collective-resilience.toml"
US_CONTROLS = Order("us", "export-controls", "semiconductors", "propose")


def _after_one_turn() -> Session:
    """Turn 2: the US proposed controls on semiconductors, the AI governments their own."""
    session = Session.start(load(DEFAULT), 7, "assertive", ("us",))
    session.submit("us", (US_CONTROLS,))
    session.resolve()
    return session


def _labels(screen: OrdersScreen) -> list[str]:
    moves = screen.query_one("#moves")
    return [str(moves.get_option_at_index(i).prompt) for i in range(moves.option_count)]


async def _joining(tmp_path: Path) -> None:
    session = _after_one_turn()
    invitation = next(p for p in session.state.proposals if p.proposer != "us" and p.target is None)
    proposer = next(a.name for a in session.scenario.allies if a.id == invitation.proposer)
    app = ResilienceApp(saves_dir=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        app.begin(session)
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, OrdersScreen)
        labels = _labels(screen)
        mine = labels.index("Yours, enacted this turn")
        assert "Export controls on Semiconductors\n   yours · no one joined yet" in labels[mine + 1]
        assert any(f"\n   from {proposer} · " in line for line in labels)
        moves = screen.query_one("#moves")
        moves.highlighted = moves.get_option_index(f"join:{invitation.id}")
        await pilot.press("enter")  # Enter on an invitation joins it
        await pilot.pause()
        assert screen.orders == [Order("us", invitation.move, None, "join", invitation.id)]
        assert "join" in str(screen.query_one("#given").get_option_at_index(0).prompt)


def test_enter_joins_an_invitation_and_own_proposals_are_listed_as_yours(tmp_path: Path) -> None:
    asyncio.run(_joining(tmp_path))


def test_a_proposal_still_open_cannot_be_made_again() -> None:
    session = _after_one_turn()
    scenario, state = session.scenario, session.state
    again = Order("japan", "export-controls", "semiconductors", "propose")
    problem = order_problem(scenario, state, again)
    assert problem == (
        "Export controls on Semiconductors is already proposed by United States: join it instead"
    )
    # the proposer itself is told what happens to its proposal, in words, without an id
    own = Order("us", "export-controls", "semiconductors", "join", "P1")
    assert order_problem(scenario, state, own) == (
        "United States proposed it; the others may join it this turn"
    )
    # another target is a different move
    assert order_problem(scenario, state, evolve(again, target="ai")) is None


def test_a_measure_in_force_for_every_ally_cannot_be_proposed_again() -> None:
    session = Session.start(load(DEFAULT), 7, "assertive", ("us",))
    scenario = session.scenario
    every = tuple(a.id for a in scenario.allies)
    state = evolve(
        session.state,
        coalition=evolve(session.state.coalition, pledge=every),
        measures=(Measure("export_control", "export-controls", every, "ai", True, 1, 0),),
    )
    pledge = Order("japan", "solidarity-pledge", None, "propose")
    assert order_problem(scenario, state, pledge) == (
        "Anti-coercion solidarity pledge is already in force for every ally"
    )
    controls = Order("japan", "export-controls", "ai", "propose")
    assert "already in force for every ally" in (order_problem(scenario, state, controls) or "")
    # a measure about to lapse may be proposed again: that is its renewal
    lapsing = evolve(state, measures=(evolve(state.measures[0], expires=state.turn + 1),))
    assert order_problem(scenario, lapsing, controls) is None


def test_the_same_proposal_made_twice_in_one_turn_becomes_one() -> None:
    session = Session.start(load(DEFAULT), 7, "assertive", ("us",))
    orders = [US_CONTROLS, evolve(US_CONTROLS, ally="japan")]
    check_orders(session.scenario, session.state, orders)  # each is legal when it is given
    state, events = resolve_turn(session.scenario, session.state, orders)
    twins = [
        p for p in state.proposals if p.move == "export-controls" and p.target == "semiconductors"
    ]
    assert len(twins) == 1 and twins[0].members == ("us", "japan")
    assert any("Japan also proposes Export controls on Semiconductors" in e.text for e in events)


async def _renewal(tmp_path: Path) -> None:
    session = Session.start(load(DEFAULT), 7, "assertive", ("us",))
    lapsing = Measure("investment_screening", "investment-screening", ("us",), None, False, 1, 2)
    session.state = evolve(session.state, measures=(lapsing,))
    app = ResilienceApp(saves_dir=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        app.begin(session)
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, OrdersScreen)
        labels = _labels(screen)
        assert "Lapsing: Enter renews" in labels
        renewal = labels[labels.index("Lapsing: Enter renews") + 1]
        assert "Investment screening · lapses next quarter" in renewal
        moves = screen.query_one("#moves")
        moves.highlighted = labels.index("Lapsing: Enter renews") + 1
        await pilot.press("enter")
        await pilot.pause()
        assert screen.orders == [Order("us", "investment-screening", None, "propose")]


def test_a_lapsing_measure_is_offered_for_renewal(tmp_path: Path) -> None:
    asyncio.run(_renewal(tmp_path))

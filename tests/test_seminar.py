"""The facilitator's console: interventions in the engine, saved and replayed, the console
driven through Pilot, injects, notes and the analysts' export."""

from __future__ import annotations

import asyncio
import csv
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.engine import (
    GameState,
    Intervention,
    InterventionError,
    Scenario,
    ScenarioError,
    build_scenario,
    figure_range,
    figure_value,
    intervene,
    legal_orders,
    new_game,
    parse_injects,
    resolve_turn,
    rulable,
    set_figure,
)
from game.report import render
from game.saves.store import find_save, load_save
from game.scenarios import load, load_data, scenario_path
from game.seminar.clock import Clock
from game.seminar.export import export, tables
from game.seminar.inject_files import InjectFileError, load_injects
from game.seminar.white_cell import Seminar, SetupError
from game.session import Session
from game.tui.app import ResilienceApp
from game.tui.screens.confirm import ConfirmScreen
from game.tui.screens.console import ConsoleScreen
from game.tui.screens.dashboard import DashboardScreen
from game.tui.screens.form import FormScreen
from game.tui.screens.handover import HandoverScreen
from game.tui.screens.orders import OrdersScreen
from game.tui.screens.resolution import ResolutionScreen

PASS = "white cell"


@pytest.fixture(scope="module")
def cr() -> Scenario:
    return load(scenario_path("collective-resilience"))


def _start(cr: Scenario) -> tuple[GameState, list]:
    state, _ = new_game(cr, seed=7, difficulty="normal")
    orders = [legal_orders(cr, state, a.id)[0].order for a in cr.allies]
    return state, orders


# -- the engine ---------------------------------------------------------------------------


def test_refused_interventions_say_why(cr: Scenario) -> None:
    state, _ = _start(cr)
    with pytest.raises(
        InterventionError, match=r"out of range for japan.resolve \(from 0 to 100\)"
    ):
        set_figure(cr, state, "japan.resolve", 101.0, "a landslide")
    with pytest.raises(InterventionError, match="needs a reason"):
        set_figure(cr, state, "japan.resolve", 70.0, "   ")
    with pytest.raises(InterventionError, match="one line"):
        set_figure(cr, state, "japan.resolve", 70.0, "two\nlines")
    with pytest.raises(InterventionError, match="unknown figure 'japan.resolv'.*japan.resolve"):
        set_figure(cr, state, "japan.resolv", 70.0, "typo")
    top = len(cr.china.ladder) - 1
    with pytest.raises(InterventionError, match=f"from 0 to {top}"):
        set_figure(cr, state, "china.escalation", top + 1, "war")
    grade = Intervention(state.turn, "moves", "grade", "us:export-controls", "", "great", "x")
    with pytest.raises(InterventionError, match="unknown grade 'great'"):
        resolve_turn(cr, state, [], rulings=[grade])
    void = Intervention(state.turn, "moves", "void", "us:nothing", "", "", "no such order")
    with pytest.raises(InterventionError, match="no order or due proposal 'us:nothing'"):
        resolve_turn(cr, state, [], rulings=[void])
    late = Intervention(state.turn + 1, "orders", "figure", "us.resolve", "70.0", "60.0", "x")
    with pytest.raises(InterventionError, match="made for turn 2, but turn 1"):
        intervene(cr, state, late)


@settings(max_examples=25, deadline=None)
@given(
    name=st.sampled_from(["japan.resolve", "eu.tech.semiconductors", "coalition.cohesion",
                          "china.escalation", "korea.export_exposure.semiconductors"]),
    share=st.floats(-0.5, 1.5),
)  # fmt: skip
def test_a_figure_is_set_exactly_within_its_range_and_refused_outside(
    cr: Scenario, name: str, share: float
) -> None:
    state, _ = _start(cr)
    lo, hi = figure_range(cr, name)
    value = lo + share * (hi - lo)
    if lo <= value <= hi:
        after, events = intervene(cr, state, set_figure(cr, state, name, value, "ruled"))
        assert figure_value(cr, after, name) == value
        assert events[0].cause_kind == "facilitator" and "'ruled'" in events[0].text
    else:
        with pytest.raises(InterventionError, match="out of range"):
            set_figure(cr, state, name, value, "ruled")


def test_a_set_figure_revises_chinas_signals_and_leverage(cr: Scenario) -> None:
    state, _ = _start(cr)
    assert [x.ally for x in state.signals if x.tool == "inducements"] == ["korea"]
    after, events = intervene(cr, state, set_figure(cr, state, "japan.resolve", 5.0, "a scandal"))
    assert [x.ally for x in after.signals if x.tool == "inducements"] == ["japan"]
    texts = [e.text for e in events]
    assert "Revised signal: China is likely to use Inducements to defect against Japan" in texts
    assert any(t.startswith("Signal withdrawn") and "South Korea" in t for t in texts)
    # A reason that only reads differently is no new signal; leverage follows the exposure.
    after, events = intervene(cr, state, set_figure(cr, state, "coalition.cohesion", 1.0, "x"))
    assert [e.kind for e in events] == ["intervention"]
    name = "korea.export_exposure.semiconductors"
    after, _ = intervene(cr, state, set_figure(cr, state, name, 1.0, "x"))
    assert after.china.leverage > state.china.leverage


def test_rulings_void_and_regrade_and_change_nothing_else(cr: Scenario) -> None:
    state, orders = _start(cr)
    plain, _ = resolve_turn(cr, state, orders)
    assert resolve_turn(cr, state, orders, rulings=[])[0] == plain
    preview = rulable(cr, state, orders)
    move = next(r for r in preview if r.phase == "moves" and r.grade)
    china = next(r for r in preview if r.phase == "china")
    rulings = [
        Intervention(1, "moves", "grade", move.target, move.grade or "", "failed", "overruled"),
        Intervention(1, "china", "void", china.target, "", "", "Beijing holds off"),
    ]
    after, events = resolve_turn(cr, state, orders, rulings=rulings)
    graded = next(e for e in events if e.grade and f"{e.actor}:{e.cause}" == move.target)
    assert graded.grade == "failed" and "'overruled'" in graded.details[-1]
    assert any(e.kind == "void" and "Beijing holds off" in e.text for e in events)
    assert not any(e.kind == "coercion" and e.text == china.text for e in events)
    quiet, _ = resolve_turn(cr, state, orders, rulings=rulings, explain=False)
    assert quiet == after  # rulings replay the same without events
    japan = next(o for o in orders if o.ally == "japan")
    void = Intervention(1, "moves", "void", f"japan:{japan.move}", "", "", "vetoed")
    voided, events = resolve_turn(cr, state, orders, rulings=[void])

    def enacted(after: GameState) -> bool:
        return any(m.move == japan.move and "japan" in m.members for m in after.measures)

    assert enacted(plain) and not enacted(voided)
    assert not any(e.actor == "japan" and e.cause == japan.move for e in events)


def test_a_scenario_carries_injects_and_a_bad_one_is_named(cr: Scenario) -> None:
    data = load_data(scenario_path("collective-resilience"))
    inject = {"id": "strike", "headline": "Port strike", "turn": 2,
              "effects": [{"who": "allies", "var": "strain", "amount": 3}]}  # fmt: skip
    scenario = build_scenario({**data, "injects": [inject]})
    assert [(i.id, i.turn, i.effects[0].var) for i in scenario.injects] == [("strike", 2, "strain")]
    bad = {**inject, "effects": [{"who": "allies", "var": "resolv", "amount": 3}]}
    with pytest.raises(ScenarioError, match=r"injects\[0\]\.effects\[0\]\.var"):
        build_scenario({**data, "injects": [bad]})
    with pytest.raises(ScenarioError, match="unknown ally 'japn'"):
        parse_injects(cr, {"injects": [{**inject, "target": "japn"}]}, "list.toml")


def test_inject_lists_load_from_csv_and_toml(cr: Scenario, tmp_path: Path) -> None:
    good = tmp_path / "injects.csv"
    good.write_text(
        "id,turn,headline,text,target,effects\n"
        "vote,2,Diet vote,Close.,japan,self resolve -5\n"
        "strike,,Port strike,,,allies strain 3; china backlash 2\n",
        encoding="utf-8",
    )
    injects = load_injects(good, cr)
    assert [(i.id, i.turn, i.target, len(i.effects)) for i in injects] == [
        ("vote", 2, "japan", 1), ("strike", 0, None, 2),
    ]  # fmt: skip
    toml = tmp_path / "injects.toml"
    toml.write_text('[[injects]]\nid = "x"\nheadline = "Summit"\n', encoding="utf-8")
    assert load_injects(toml, cr)[0].headline == "Summit"
    bad = tmp_path / "bad.csv"
    bad.write_text("id,headline,effects\nx,Strike,allies strain lots\n", encoding="utf-8")
    with pytest.raises(InjectFileError, match=r"bad.csv: row 2: effects: .*'lots' is not a number"):
        load_injects(bad, cr)
    unknown = tmp_path / "unknown.csv"
    unknown.write_text("id,headline,effects\nx,Strike,allies resolv 3\n", encoding="utf-8")
    with pytest.raises(InjectFileError, match=r"unknown.csv: injects\[0\].effects\[0\].var"):
        load_injects(unknown, cr)


def test_a_passphrase_is_needed_and_kept_only_as_a_hash(cr: Scenario) -> None:
    with pytest.raises(SetupError, match="at least 4 characters"):
        Seminar.create("abc", cr)
    seminar = Seminar.create(PASS, cr)
    assert PASS not in seminar.passphrase and seminar.unlocks(PASS)
    assert not seminar.unlocks("white")


# -- the console, through the keys --------------------------------------------------------


async def _resolved(app: ResilienceApp, pilot) -> None:
    await app.workers.wait_for_complete()
    deadline = time.monotonic() + 5
    while not isinstance(app.screen, ResolutionScreen) and time.monotonic() < deadline:
        await pilot.pause()


async def _form(pilot, *values: str) -> None:
    """Fill the open form field by field: each value is pasted, then Enter."""
    from textual.widgets import Input

    for i, value in enumerate(values):
        pilot.app.screen.query_one(f"#field-{i}", Input).value = value
        await pilot.press("enter")


async def _orders(app: ResilienceApp, pilot, note: str) -> None:
    """The next team: handover, one order (the first move on its first target), a note."""
    await pilot.press("o")
    assert isinstance(app.screen, HandoverScreen)
    await pilot.press("enter")
    assert isinstance(app.screen, OrdersScreen)
    await pilot.press("a", "enter", "d")
    if isinstance(app.screen, ConfirmScreen):  # political capital left unspent: done anyway
        await pilot.press("enter")
    assert isinstance(app.screen, FormScreen)  # why these orders?
    await _form(pilot, note)


async def _select(pilot, console: ConsoleScreen, target: str) -> None:
    from textual.widgets import OptionList

    outcomes = console.query_one("#outcomes", OptionList)
    index = next(i for i, o in enumerate(outcomes.options) if (o.id or "").endswith(target))
    outcomes.highlighted = index
    await pilot.pause()


async def _test_a_seminar_of_three_turns(
    saves: Path, cr: Scenario
) -> tuple[Session, tuple[str, str]]:
    path = scenario_path("collective-resilience")
    seminar = Seminar.create(PASS, cr)
    held = parse_injects(cr, {"injects": [{"id": "strike", "headline": "Port strike in Busan",
        "effects": [{"who": "allies", "var": "strain", "amount": 3}]}]}, "list")  # fmt: skip
    seminar.add_injects(held)
    seminar.set_clock(0, 5, "pass")  # five minutes for the orders, then late teams pass
    session = Session.start(
        cr, 3, "normal", ("us", "japan"), data=load_data(path), saves_dir=saves,
        team_names={"us": "Group A", "japan": "Group B"}, seminar=seminar,
    )  # fmt: skip
    app = ResilienceApp(saves_dir=saves, session=session)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        # A team without the passphrase cannot reach the console.
        await pilot.press("f")
        assert isinstance(app.screen, FormScreen)
        await _form(pilot, "guess")
        assert isinstance(app.screen, FormScreen) and "not the facilitator's" in str(
            app.screen.query_one("#form-problem").render()
        )
        await pilot.press("escape")
        assert isinstance(app.screen, DashboardScreen)
        for turn in (1, 2, 3):
            if turn == 1:  # Group A at the keyboard (other orders: given directly)
                japan = legal_orders(cr, session.state, "japan")[0].order
                session.submit("japan", (japan,))
                await _orders(app, pilot, f"Group A's reason {turn}")
            else:
                late = session.humans[1:] if turn == 2 else ()  # Group B is late in turn 2
                for ally in session.humans:
                    if ally not in late:
                        session.submit(ally, (legal_orders(cr, session.state, ally)[0].order,))
                session.add_note("us", f"Group A's reason {turn}")
            assert isinstance(app.screen, DashboardScreen), app.screen
            assert session.state.turn == turn  # the facilitator resolves
            if turn == 1:  # the passphrase opens the console (later turns: opened directly)
                await pilot.press("f")
                await _form(pilot, PASS)
            else:
                app.push_screen(ConsoleScreen())
                await pilot.pause()
            console = app.screen
            assert isinstance(console, ConsoleScreen)
            if turn == 2:  # end the orders' time: the late group passes, named as a group
                await pilot.press("e")
                told = [n.message for n in app._notifications]
                assert "Time is up: Group B passes this turn." in told, told
            assert not session.waiting_for(), session.waiting_for()
            if turn == 1:  # override an outcome: the US move fails
                await _select(pilot, console, "|us:export-controls")
                await pilot.press("g")
                await _form(pilot, "failed", "")  # no reason: refused
                assert isinstance(app.screen, FormScreen)
                assert "needs a reason" in str(app.screen.query_one("#form-problem").render())
                app.screen.query_one("#field-1").value = "chip makers lobbied against it"
                await pilot.press("enter")
                assert [r.after for r in session.rulings] == ["failed"]
            if turn == 2:  # publish the held inject
                await _select(pilot, console, "i|strike")
                await pilot.press("p")
                await pilot.press("enter")  # the reason offered: "as planned"
            if turn == 3:  # adjust a figure: out of range first, then within it
                await pilot.press("a")
                await _form(pilot, "japan.resolve", "140", "Diet vote")
                assert "out of range" in str(app.screen.query_one("#form-problem").render())
                app.screen.query_one("#field-1").value = "71"
                await pilot.press("enter")
                assert figure_value(cr, session.state, "japan.resolve") == 71.0
                await pilot.press("b")
                await _form(pilot, "Group B split on the vote")
            assert isinstance(app.screen, ConsoleScreen)
            await pilot.press("r")
            await _resolved(app, pilot)
            await pilot.press("a", "enter")  # the whole resolution, then the dashboard
            assert isinstance(app.screen, DashboardScreen)
        session.save("seminar")
        debrief = await _debrief(app, pilot, session)
    return session, debrief


def test_a_seminar_of_three_turns_replays_and_exports(
    quick_idle: None, cr: Scenario, tmp_path: Path
) -> None:
    session, (debrief1, debrief2) = asyncio.run(_test_a_seminar_of_three_turns(tmp_path, cr))
    kinds = [(i.turn, i.kind) for i in session.interventions]
    assert kinds == [(1, "grade"), (2, "inject"), (3, "figure")]
    turn1 = session.history[1].events
    assert any(e.grade == "failed" and e.actor == "us" for e in turn1)
    # The save replays to the same state, the interventions with it.
    loaded = load_save(find_save("seminar", tmp_path), explain=True)
    assert loaded.replay.final == session.state and loaded.mismatch is None
    assert loaded.save.game.facilitator == tuple(session.interventions)
    assert [t.player for t in loaded.save.game.teams[:2]] == ["Group A", "Group B"]
    resumed = Session.from_loaded(loaded)
    assert resumed.seminar is not None and resumed.seminar.unlocks(PASS)
    assert [q.status for q in resumed.seminar.injects] == ["published"]
    # The export's tables match the log.
    out = tmp_path / "out"
    export("seminar", "csv", str(out), str(tmp_path))

    def rows(name: str) -> list[dict[str, str]]:
        with (out / f"{name}.csv").open(encoding="utf-8") as f:
            return list(csv.DictReader(f))

    logged = [
        [str(i.turn), i.phase, i.kind, i.target, i.before, i.after, i.reason]
        for i in session.interventions
    ]
    assert [list(r.values())[:7] for r in rows("interventions")] == logged
    orders = rows("orders")
    assert len(orders) == sum(len(t.orders) for t in loaded.save.game.turns)
    assert [r["note"] for r in orders if r["ally"] == "us"] == [
        f"Group A's reason {t}" for t in (1, 2, 3)
    ]
    assert {r["text"] for r in rows("notes")} >= {"Group B split on the vote"}
    us_grades = [r["grade"] for r in rows("outcomes") if r["turn"] == "1" and r["ally"] == "us"]
    assert "failed" in us_grades
    resolve = [r for r in rows("figures") if r["figure"] == "japan.resolve"]
    assert float(resolve[-1]["value"]) == loaded.replay.final.ally("japan").resolve
    assert tables(loaded)["china"][1]  # China's actions, with reasons
    xlsx = export("seminar", "xlsx", str(out), str(tmp_path))
    assert xlsx[0].suffix == ".xlsx" and xlsx[0].stat().st_size > 0
    # The report and the debrief carry the interventions, notes and observations.
    report = render("seminar", "md", str(tmp_path))
    seminar_part = report[report.index("## The seminar") : report.index("## Discussion")]
    assert "chip makers lobbied against it" in seminar_part
    assert "Group A's note: Group A's reason 1" in seminar_part
    assert "Observation: Group B split on the vote" in seminar_part
    by_turn = report[report.index("## Turn by turn") :]
    quarter2 = by_turn[by_turn.index("### Quarter 2 (") : by_turn.index("### Quarter 3 (")]
    assert "Port strike in Busan" in quarter2  # the inject is told with the turn it opened
    assert "United States' Export controls graded failed" in debrief1
    assert "chip makers lobbied against it" in debrief1
    # published before the orders of turn 2: shown beside turn 2's briefing, named turn 2
    assert "Before the orders of quarter 2:\n  Facilitator: inject 'Port strike" in debrief1
    assert "Port strike" not in debrief2 and "Group A's note: Group A's reason 2" in debrief2


async def _debrief(app: ResilienceApp, pilot, session: Session) -> tuple[str, str]:
    """The debrief panel after turns 1 and 2, as the end screen's d shows it; leaving the
    debrief goes back to the screen it was opened from."""
    from game.tui.screens.replay import ReplayScreen
    from game.tui.widgets.debrief import DebriefPanel

    below = app.screen
    app.push_screen(ReplayScreen(session, debrief=True))
    await pilot.press("right")
    turn1 = str(app.screen.query_one(DebriefPanel).render())
    await pilot.press("right")
    turn2 = str(app.screen.query_one(DebriefPanel).render())
    await pilot.press("escape")
    assert app.screen is below
    return turn1, turn2


# -- the clock and the roll back -----------------------------------------------------------


def test_the_clock_pauses_extends_ends_and_moves_to_the_orders(cr: Scenario) -> None:
    seminar = Seminar.create(PASS, cr)
    seminar.set_clock(1, 2, "policy")
    seminar.start_turn(at=100.0)
    clock = seminar.clock
    assert clock is not None and clock.label(130.0) == "Discussion 00:30"
    clock.pause(130.0)
    assert clock.remaining(500.0) == 30.0 and clock.label(500.0).endswith("(paused)")
    clock.resume(500.0)
    clock.extend(60)
    assert clock.remaining(510.0) == 80.0 and seminar.tick(510.0) is None
    assert seminar.tick(590.0) == "discussion"
    assert seminar.clock is not None and seminar.clock.phase == "orders"
    seminar.clock.end(600.0)
    assert seminar.tick(600.0) == "orders" and seminar.clock is None
    with pytest.raises(SetupError, match="from 0 to 120 minutes"):
        seminar.set_clock(0, 500, "pass")


def test_late_teams_pass_or_play_the_ai_and_a_turn_rolls_back(cr: Scenario) -> None:
    path = scenario_path("collective-resilience")
    seminar = Seminar.create(PASS, cr)
    timed = {"id": "summit", "headline": "G7 summit", "turn": 2}
    seminar.add_injects(parse_injects(cr, {"injects": [timed]}, "list"))
    session = Session.start(cr, 3, "normal", ("us", "japan"), data=load_data(path), seminar=seminar)
    session.submit("us", (legal_orders(cr, session.state, "us")[0].order,))
    assert session.fill_missing() == ["japan"] and session.pending["japan"] == ()
    seminar.no_orders = "policy"
    session.pending.pop("japan")
    session.fill_missing()
    assert session.pending["japan"]  # the AI policy's orders
    start = session.state
    session.intervene(set_figure(cr, start, "japan.resolve", 70.0, "before the turn"))
    before_turn = session.state
    session.resolve()
    assert session.state.turn == 2 and session.log is not None and len(session.log.turns) == 1
    assert [q.status for q in seminar.injects] == ["published"]  # at the start of turn 2
    assert session.rollback()
    assert session.state == before_turn and session.state.turn == 1
    assert session.log is not None and session.log.turns == ()
    assert [i.kind for i in session.interventions] == ["figure"]  # made before the turn: kept
    assert [q.status for q in seminar.injects] == ["waiting"]  # due again in turn 2
    assert not session.rollback()
    seminar.set_clock(5, 7, "policy")
    session.sync_log()
    assert session.log is not None and session.log.clock == (300.0, 420.0, "policy")


def test_a_loaded_game_keeps_the_clock_as_it_was_saved(cr: Scenario, tmp_path: Path) -> None:
    from game.seminar.clock import now

    path = scenario_path("collective-resilience")
    seminar = Seminar.create(PASS, cr)
    seminar.set_clock(0, 5, "pass")
    session = Session.start(
        cr, 3, "normal", ("us", "japan"), data=load_data(path), saves_dir=tmp_path,
        team_names={"us": "Group A"}, seminar=seminar,
    )  # fmt: skip
    assert session.team_name("us") == "Group A" and session.team_name("korea") == "South Korea"
    clock = seminar.clock
    assert clock is not None and clock.phase == "orders"
    clock.pause(now())
    clock.extend(30)
    session.save("paused")
    clock.resume(now())
    session.save("running")

    def resumed(name: str) -> Clock:
        loaded = Session.from_loaded(load_save(find_save(name, tmp_path)))
        assert loaded.seminar is not None and loaded.seminar.clock is not None
        return loaded.seminar.clock

    paused = resumed("paused")
    assert (paused.phase, paused.paused) == ("orders", True)
    assert paused.remaining(now() + 600) == pytest.approx(330, abs=1)  # it waits, paused
    running = resumed("running")
    assert not running.paused and 320 < running.remaining(now()) <= 330


async def _amend_chooser(saves: Path, cr: Scenario) -> list[str]:
    from textual.widgets import OptionList

    from game.tui.screens.orders import TargetScreen

    session = Session.start(
        cr, 3, "normal", ("us", "japan"), data=load_data(scenario_path("collective-resilience")),
        saves_dir=saves, team_names={"us": "Group A"}, seminar=Seminar.create(PASS, cr),
    )  # fmt: skip
    for ally in session.humans:
        session.submit(ally, (legal_orders(cr, session.state, ally)[0].order,))
    app = ResilienceApp(saves_dir=saves, session=session)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("o")  # all orders are in: which team wants to change its own?
        await pilot.pause()
        assert isinstance(app.screen, TargetScreen)
        return [str(o.prompt) for o in app.screen.query_one(OptionList).options]


def test_a_team_changing_its_orders_is_chosen_by_its_groups_name(
    tmp_path: Path, cr: Scenario
) -> None:
    """Once every team's orders are in, a team may still change them: the list names each
    team as the hand-over screen does, its group's name first."""
    assert asyncio.run(_amend_chooser(tmp_path, cr)) == ["Group A (United States)", "Japan"]

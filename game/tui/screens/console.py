"""The facilitator's console (the white cell), opened from the dashboard with f and the
facilitator's passphrase.

It shows what no team may see: every team's orders as entered, each team's national
objective and progress, who has submitted, and this turn's outcomes as they would resolve now
(each move's grade, and China's actions with its reasons). From here the facilitator rules on
an outcome (grade, void, undo), sets a figure, publishes, skips or delays an inject or writes
a new one, loads an inject list, notes an observation, and resolves the turn. Every
intervention asks for a one-line reason and is refused, with the engine's message, if it is
out of range.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from game.engine import (
    GRADES,
    GameError,
    Intervention,
    Rulable,
    figure_range,
    figure_value,
    publish,
    rulable,
    set_figure,
    team_view,
)
from game.report.words import order_words
from game.safe_text import clean, text
from game.seminar.white_cell import QueuedInject
from game.session import Session
from game.tui.access import session_of
from game.tui.screens.form import Field, FormScreen

FACILITATOR = "facilitator"  # the author of the facilitator's notes


class ConsoleScreen(Screen[None]):
    """The white cell's view of the turn, and its interventions."""

    DEFAULT_CSS = """
    ConsoleScreen #console-head { height: auto; padding: 0 1; background: $warning 25%; }
    ConsoleScreen #outcomes { height: auto; min-height: 6; max-height: 50%; }
    ConsoleScreen #console-box { height: 1fr; padding: 0 1; }
    """
    BINDINGS = [  # the footer shows the most used (it must fit 80 columns); KEYS lists all
        Binding("r", "resolve", "Resolve"),
        Binding("g", "grade", "Grade"),
        Binding("v", "void", "Void"),
        Binding("u", "undo", "Undo ruling", show=False),
        Binding("a", "adjust", "Figure"),
        Binding("p", "publish", "Publish"),
        Binding("k", "skip", "Skip inject", show=False),
        Binding("d", "delay", "Delay inject", show=False),
        Binding("n", "new_inject", "Inject"),
        Binding("l", "load_injects", "Load injects", show=False),
        Binding("b", "observe", "Observation", show=False),
        Binding("space", "pause", "Pause clock", show=False),
        Binding("plus,equals_sign", "extend", "+1 min", show=False),
        Binding("e", "end_phase", "End phase", show=False),
        Binding("z", "rollback", "Roll back", show=False),
        Binding("escape,q", "app.pop_screen", "Back"),
    ]
    KEYS = (
        "r resolves the turn · g grades and v voids the highlighted outcome, u undoes that · "
        "a sets a figure · p publishes, k skips, d delays the highlighted inject · n writes a "
        "new inject, l loads a list · b notes an observation · space pauses the clock, + adds "
        "a minute, e ends the phase · z rolls the last turn back · Esc: back to the game"
    )

    def __init__(self) -> None:
        super().__init__()
        self.preview: list[Rulable] = []
        self.problem = ""

    @property
    def session(self) -> Session:
        return session_of(self)

    def compose(self) -> ComposeResult:
        yield Static(id="console-head")
        yield OptionList(id="outcomes")
        with VerticalScroll(id="console-box"):
            yield Static(id="console-info")
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_view()
        self.query_one("#outcomes", OptionList).focus()

    def on_screen_resume(self) -> None:
        self.refresh_view()

    # -- the view -------------------------------------------------------------------------

    def head(self) -> Text:
        """The console's top line: turn, who has given orders, the clock, the last problem."""
        from game.seminar.clock import now

        s = self.session
        state = s.state
        label = s.scenario.turn_label.capitalize()
        head = Text(f"Facilitator's console · {label} {state.turn}/{s.scenario.turns} · ")
        given = [a for a in s.humans if a in s.pending]
        waiting = s.waiting_for()
        head.append("orders in: ")
        head.append_text(text(", ".join(s.team_name(a) for a in given) or "none"))
        if waiting:
            head.append(" · waiting for: ")
            head.append_text(text(", ".join(s.team_name(a) for a in waiting)))
        elif not state.over:
            head.append(" · all in: r resolves", style="bold")
        clock = s.seminar.clock if s.seminar is not None else None
        if clock is not None:
            head.append(f" · ⏱ {clock.label(now())} (space pause, + 1 min, e end)")
        if self.problem:
            head.append("\n")
            head.append_text(text(self.problem, "bold red"))
        return head

    def refresh_clock(self) -> None:
        self.query_one("#console-head", Static).update(self.head())

    def refresh_view(self) -> None:
        s = self.session
        state = s.state
        self.query_one("#console-head", Static).update(self.head())
        outcomes = self.query_one("#outcomes", OptionList)
        keep = outcomes.highlighted
        outcomes.clear_options()
        options: list[Option] = []
        if not state.over:
            try:
                self.preview = rulable(s.scenario, state, s.turn_orders())
            except GameError as exc:  # orders made illegal by a change: shown, not raised
                self.preview = []
                self.problem = str(exc)
            options.append(Option(Text("This turn as it would resolve now", "bold"), disabled=True))
            for r in self.preview:
                options.append(Option(self._outcome_line(r), id=f"r|{r.phase}|{r.target}"))
        if s.seminar is not None:
            options.append(Option(Text("Injects", "bold"), disabled=True))
            if not s.seminar.injects:
                options.append(Option(Text("  none: n writes one, l loads a list"), disabled=True))
            label = s.scenario.turn_label
            for q in s.seminar.injects:
                when = f"{label} {q.due}" if q.due else "held"
                line = Text(f"  [{when if q.status == 'waiting' else q.status}] ")
                line.append_text(text(q.inject.headline, newlines=False))
                options.append(Option(line, id=f"i|{q.inject.id}"))  # shown, read, not redone
        outcomes.add_options(options)
        if keep is not None and keep < len(options):
            outcomes.highlighted = keep
        elif options:
            outcomes.highlighted = 1 if len(options) > 1 else 0
        self.show_info()

    def _ruling(self, target: str) -> Intervention | None:
        return next((r for r in reversed(self.session.rulings) if r.target == target), None)

    def _outcome_line(self, r: Rulable) -> Text:
        line = Text("  ")
        line.append_text(text(r.text, newlines=False))
        if r.grade:
            line.append(f" [{r.grade}]", style="grey62")
        ruling = self._ruling(r.target)
        if ruling is not None:
            mark = "VOID" if ruling.kind == "void" else f"→ {ruling.after}"
            line.append(f"  {mark}", style="bold yellow")
        return line

    def highlighted_id(self) -> str:
        outcomes = self.query_one("#outcomes", OptionList)
        if outcomes.highlighted is None:
            return ""
        return outcomes.get_option_at_index(outcomes.highlighted).id or ""

    @on(OptionList.OptionHighlighted, "#outcomes")
    def show_info(self) -> None:
        s = self.session
        info = Text()
        ident = self.highlighted_id()
        chosen = next((r for r in self.preview if ident == f"r|{r.phase}|{r.target}"), None)
        if chosen is not None:
            info.append("Selected: ", style="bold")
            info.append_text(text(chosen.text))
            info.append(f"\n  ruling target {chosen.target}\n", style="grey62")
            for d in chosen.details:
                info.append("  ")
                info.append_text(text(d))
                info.append("\n")
        queued = next(
            (q for q in (s.seminar.injects if s.seminar else []) if ident == f"i|{q.inject.id}"),
            None,
        )
        if queued is not None:
            inject = queued.inject
            info.append("Inject: ", style="bold")
            info.append_text(text(f"{inject.headline}\n  {inject.text}\n"))
            for e in inject.effects:
                on = (inject.target or "every ally") if e.who == "self" else e.who
                info.append_text(text(f"  effect: {e.var} {e.amount:+g} ({on})\n"))
            if queued.status == "waiting":
                info.append("  p publishes now · k skips · d delays one turn\n", style="grey62")
            else:
                info.append(f"  {queued.status}\n", style="grey62")
        if s.rulings:
            info.append("\nRulings for this turn\n", style="bold")
            for r in s.rulings:
                info.append_text(text(f"  {r.describe()}: '{r.reason}'\n"))
        info.append("\nTeams\n", style="bold")
        governments = {a.id: a.name for a in s.scenario.allies}
        for ally in s.humans:
            view = team_view(s.scenario, s.state, ally)
            given = s.pending.get(ally)
            mark = "… not yet" if given is None else "✔ orders in" if given else "✔ passes"
            name = s.team_name(ally)
            if name != governments[ally]:
                name += f", {governments[ally]}"
            info.append_text(text(f"  {name} ({mark})\n"))
            met = "met" if view.objective_met else "not met"
            value = view.objective_value
            shown = f"{value:.0%}" if abs(view.objective.value) <= 1 else f"{value:.3g}"
            now = f"now {shown}, {met}"
            info.append_text(text(f"    objective: {view.objective.text} ({now})\n"))
            for o in s.pending.get(ally, ()):
                words = order_words(s.scenario, o, s.state.proposals)
                info.append_text(text(f"    order: {words}\n"))
        info.append("\nChina's signals\n", style="bold")
        for sig in s.state.signals:
            tool = s.scenario.tool(sig.tool).name
            info.append_text(text(f"  {tool} → {governments[sig.ally]}: {sig.reason}\n"))
        done = [i for i in s.interventions if i.turn == s.state.turn and i.phase == "orders"]
        if done:
            info.append("\nChanges made this turn\n", style="bold")
            for i in done:
                info.append_text(text(f"  {i.describe()}: '{i.reason}'\n"))
        notes = [n for n in s.notes if n.turn == s.state.turn]
        if notes:
            info.append("\nNotes this turn\n", style="bold")
            for n in notes:
                who = "Observation" if n.author == FACILITATOR else s.team_name(n.author)
                info.append_text(text(f"  {who}: {n.text}\n"))
        info.append("\nKeys\n", style="bold")
        info.append(f"  {self.KEYS}\n", style="grey62")
        self.query_one("#console-info", Static).update(info)

    # -- interventions --------------------------------------------------------------------

    def _try(self, make: Callable[[], object]) -> str | None:
        """Run an intervention; the engine's refusal becomes the form's message."""
        try:
            make()
        except (GameError, ValueError) as exc:
            return str(exc)
        self.problem = ""
        self.session.sync_log()
        self.refresh_view()
        return None

    def _selected(self) -> Rulable | None:
        ident = self.highlighted_id()
        return next((r for r in self.preview if ident == f"r|{r.phase}|{r.target}"), None)

    def _rule(self, kind: str, r: Rulable, after: str, reason: str) -> None:
        s = self.session
        turn = s.state.turn
        s.intervene(Intervention(turn, r.phase, kind, r.target, r.grade or "", after, reason))

    def action_grade(self) -> None:
        r = self._selected()
        if r is None or r.phase != "moves" or r.grade is None:
            self.notify("Highlight one of this turn's moves to grade it.", severity="warning")
            return

        def check(values: list[str]) -> str | None:
            grade, reason = values[0].strip().lower(), values[1]
            if grade not in GRADES:
                return f"the grade is one of: {', '.join(GRADES)}"
            return self._try(lambda: self._rule("grade", r, grade, reason))

        self.app.push_screen(
            FormScreen(
                f"Grade: {r.text}",
                [Field(f"Grade ({', '.join(GRADES)}), now {r.grade}"), Field("Reason (one line)")],
                check,
            )
        )

    def action_void(self) -> None:
        r = self._selected()
        if r is None:
            self.notify("Highlight a move or one of China's actions.", severity="warning")
            return
        self.app.push_screen(
            FormScreen(
                f"Void: {r.text}",
                [Field("Reason (one line)")],
                lambda v: self._try(lambda: self._rule("void", r, "", v[0])),
                "The move is annulled before it is carried out (nothing paid, nothing happens)."
                if r.phase == "moves"
                else "China does not carry out this action this turn.",
            )
        )

    def action_undo(self) -> None:
        r = self._selected()
        s = self.session
        if r is not None and (s.withdraw("void", r.target) or s.withdraw("grade", r.target)):
            self.notify("Ruling withdrawn: the outcome stands as the rules make it.")
            self.refresh_view()

    def action_adjust(self) -> None:
        s = self.session

        def check(values: list[str]) -> str | None:
            name, value, reason = values[0].strip(), values[1].strip(), values[2]
            try:
                figure_range(s.scenario, name)
                number = float(value)
            except GameError as exc:
                return str(exc)
            except ValueError:
                return f"'{value}' is not a number"
            return self._try(
                lambda: s.intervene(set_figure(s.scenario, s.state, name, number, reason))
            )

        example = f"{s.humans[0]}.resolve" if s.humans else "coalition.cohesion"
        last = s.scenario.allies[-1].id
        sector = s.scenario.sectors[0].id
        hint = (
            f"Set a figure to a new value within its range, e.g. {example} "
            f"(now {figure_value(s.scenario, s.state, example):.4g}), china.escalation, "
            f"coalition.cohesion, {last}.export_exposure.{sector}. A wrong name lists the "
            "right ones."
        )
        self.app.push_screen(
            FormScreen(
                "Adjust a figure",
                [Field("Figure", placeholder=example), Field("New value"), Field("Reason")],
                check,
                hint,
            )
        )

    def _inject(self) -> QueuedInject | None:
        s = self.session
        ident = self.highlighted_id()
        if s.seminar is None or not ident.startswith("i|"):
            self.notify("Highlight a waiting inject.", severity="warning")
            return None
        return next(
            (q for q in s.seminar.injects if q.inject.id == ident[2:] and q.status == "waiting"),
            None,
        )

    def action_publish(self) -> None:
        q = self._inject()
        if q is None:
            return
        s = self.session

        def done(values: list[str] | None) -> None:
            if values is not None:
                q.status = "published"
                self.session.sync_log()
                self.refresh_view()

        def check(values: list[str]) -> str | None:
            return self._try(lambda: s.intervene(publish(s.state, q.inject, values[0])))

        self.app.push_screen(
            FormScreen("Publish the inject", [Field("Reason (one line)", "as planned")], check),
            done,
        )

    def action_skip(self) -> None:
        q = self._inject()
        if q is not None:
            q.status = "skipped"
            self.session.sync_log()
            self.refresh_view()

    def action_delay(self) -> None:
        q = self._inject()
        if q is not None:
            q.due = max(q.due, self.session.state.turn) + 1
            self.session.sync_log()
            self.refresh_view()

    def action_new_inject(self) -> None:
        from game.engine import parse_injects
        from game.seminar.inject_files import inject_table

        s = self.session

        def check(values: list[str]) -> str | None:
            headline, body, effects, target, reason = values
            n = len(s.interventions) + 1
            try:
                ident = f"console-{s.state.turn}-{n}"
                table = inject_table(ident, headline, body, 0, target.strip(), effects)
                (inject,) = parse_injects(s.scenario, {"injects": [table]}, "the new inject")
            except (GameError, ValueError) as exc:
                return str(exc).replace("the new inject: injects[0].", "")
            return self._try(lambda: s.intervene(publish(s.state, inject, reason)))

        self.app.push_screen(
            FormScreen(
                "Write and publish an inject",
                [
                    Field("Headline"),
                    Field("Text (optional)"),
                    Field("Effects (optional)", placeholder="allies resolve 5; china backlash 3"),
                    Field("Ally its 'self' effects reach (optional)", placeholder="japan"),
                    Field("Reason (one line)"),
                ],
                check,
            )
        )

    def action_load_injects(self) -> None:
        from game.seminar.inject_files import InjectFileError, load_injects

        s = self.session

        def check(values: list[str]) -> str | None:
            if s.seminar is None:
                return "no facilitator in this game"
            try:
                injects = load_injects(Path(values[0].strip()).expanduser(), s.scenario)
            except InjectFileError as exc:
                return str(exc)
            count = s.seminar.add_injects(injects)
            s.sync_log()
            self.notify(f"{count} inject(s) added to the list.", markup=False)
            self.refresh_view()
            return None

        self.app.push_screen(
            FormScreen("Load an inject list (.toml or .csv)", [Field("File")], check)
        )

    def action_observe(self) -> None:
        s = self.session

        def done(values: list[str] | None) -> None:
            if values and s.add_note(FACILITATOR, values[0]):
                self.notify("Observation noted.")
                self.refresh_view()

        self.app.push_screen(FormScreen("Observation for the debrief", [Field("Note")]), done)

    def action_pause(self) -> None:
        from game.seminar.clock import now

        clock = self.session.seminar.clock if self.session.seminar else None
        if clock is None:
            self.notify("No clock is running (set minutes per phase at New game).")
        elif clock.paused:
            clock.resume(now())
        else:
            clock.pause(now())
        self.refresh_clock()

    def action_extend(self) -> None:
        clock = self.session.seminar.clock if self.session.seminar else None
        if clock is not None:
            clock.extend(60)
            self.refresh_clock()

    def action_end_phase(self) -> None:
        from game.seminar.clock import now
        from game.tui.widgets.clock_bar import tick

        clock = self.session.seminar.clock if self.session.seminar else None
        if clock is not None:
            clock.resume(now())
            clock.end(now())
            tick(self.app)

    def action_rollback(self) -> None:
        s = self.session
        if len(s.history) < 2:
            self.notify("No turn has been resolved yet.")
            return

        def done(values: list[str] | None) -> None:
            if values is None:
                return
            s.rollback()
            s.add_note(
                FACILITATOR, f"Rolled back {s.scenario.turn_label} {s.state.turn}: {values[0]}"
            )
            what = f"{s.scenario.turn_label} {s.state.turn}"
            self.notify(clean(f"Back to the orders of {what}."), markup=False)
            self.refresh_view()

        self.app.push_screen(
            FormScreen(
                f"Roll back {s.scenario.turn_label} {s.history[-1].turn}?",
                [Field("Reason (Enter rolls back, Esc keeps the turn)")],
                lambda v: None if v[0].strip() else "a roll back needs a reason",
            ),
            done,
        )

    def action_resolve(self) -> None:
        """Process now: late teams pass or play the AI (as set at New game), then resolve."""
        from game.tui.screens.dashboard import DashboardScreen

        s = self.session
        if s.state.over:
            self.notify("The game is over.")
            return
        s.fill_missing()
        if s.seminar is not None:
            s.seminar.clock = None
        self.app.pop_screen()
        dashboard = self.app.screen
        if isinstance(dashboard, DashboardScreen):
            dashboard.resolve()

"""Orders: moves grouped defensive / offensive with cost, forecast and why one is unavailable;
joint-move invitations; the team's orders so far, within political capital and budget."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

import game.safe_text as safe
from game.engine import (
    Effect,
    IllegalOrderError,
    Legality,
    Move,
    Order,
    OrderOption,
    Proposal,
    check_orders,
    coverage_forecast,
    order_cost,
    order_options,
    order_problem,
    target_phrase,
)
from game.session import Session
from game.tui.abbrev import abbreviate
from game.tui.access import session_of
from game.tui.fitting import fit
from game.tui.screens.confirm import ConfirmScreen
from game.tui.standing import measure_line, measures, renewals
from game.tui.widgets.exposure import unhedged


def reason_of(error: IllegalOrderError) -> str:
    """Why check_orders refused an order, without the message's ``order N (...)`` prefix."""
    return error.reason


def describe_effect(
    effect: Effect, scenario_domains: dict[str, str], scenario_sectors: dict[str, str]
) -> str:
    """One effect as a short forecast line."""
    who = {"self": "you", "outsiders": "allies outside", "allies": "every ally"}.get(
        effect.who, effect.who
    )
    var = effect.var.replace("_", " ")
    if effect.domain:
        var += f" ({scenario_domains[effect.domain]})"
    if effect.sector and effect.sector != "all":
        var += f" ({scenario_sectors[effect.sector]})"
    amount = f"{effect.amount:+g}"
    scale = {
        "coverage": " × share of supply covered",
        "members": " × joint-move factor",
        "alignment": " × business alignment",
        "exposure": " × current exposure",
        "dependence": " × current dependence",
        "stake": " × GDP at stake",
    }.get(effect.scale, "")
    when = ""
    if effect.delay:
        when += f", after {effect.delay} turn{'s' if effect.delay > 1 else ''}"
    if effect.turns > 1:
        when += f", each turn for {effect.turns}"
    return f"{who}: {var} {amount}{scale}{when}"


NAME_COLUMN = 24  # a target's name, cut to this width when its figures follow


class TargetScreen(ModalScreen[str | None]):
    """Pick the domain or sector a move targets."""

    DEFAULT_CSS = """
    TargetScreen { align: center middle; }
    TargetScreen Vertical { width: 60; height: auto; max-height: 20; border: heavy $accent; }
    """
    BINDINGS = [("escape", "cancel", "Cancel")]

    def __init__(self, title: str, options: list[tuple[str, str, str, str | None]]) -> None:
        super().__init__()
        self.heading = title
        self.choices = options  # (id, name, the team's figures there, problem)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(safe.text(self.heading, style="bold"))
            opts = []
            width = min(NAME_COLUMN, max((len(n) for _, n, f, _ in self.choices if f), default=0))
            for ident, name, facts, problem in self.choices:
                label = safe.text(abbreviate(name, width).ljust(width) if facts else name)
                if facts:
                    label.append(safe.clean(f"  {facts}"), style="grey62")
                if problem:
                    label.append(safe.clean(f"  ({problem})"), style="grey50")
                opts.append(Option(label, id=ident, disabled=problem is not None))
            yield OptionList(*opts)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


class OrdersScreen(Screen[bool]):
    """One team's orders for the turn. Dismissed with True when the team is done."""

    DEFAULT_CSS = """
    OrdersScreen #budget { height: auto; padding: 0 1; background: $primary 20%; }
    OrdersScreen #moves {
        width: 1fr; min-width: 38; max-width: 72; height: 1fr;
        text-wrap: nowrap; text-overflow: ellipsis;
    }
    OrdersScreen #right { width: 1fr; height: 1fr; }
    OrdersScreen #detail-box { height: 2fr; }
    OrdersScreen #given { height: 1fr; min-height: 4; max-height: 9; }
    """
    BINDINGS = [
        Binding("enter", "default", "Choose", show=False),
        Binding("a", "act", "Act alone"),
        Binding("p", "propose", "Propose"),
        Binding("x", "remove", "Remove"),
        Binding("delete", "remove", "Remove", show=False),
        Binding("d", "done", "Done"),
        Binding("escape", "cancel", "Back"),
    ]

    def __init__(
        self, team: str, drafts: dict[tuple[int, str], tuple[Order, ...]] | None = None
    ) -> None:
        """``drafts``: orders chosen but not given, per (turn, team), kept across visits."""
        super().__init__()
        self.team = team
        self.drafts = {} if drafts is None else drafts
        self.orders: list[Order] = []
        self.options: dict[Order, OrderOption] = {}

    @property
    def session(self) -> Session:
        return session_of(self)

    def compose(self) -> ComposeResult:
        from game.tui.widgets.clock_bar import ClockBar

        yield Static(id="budget")
        yield ClockBar()  # the seminar's clock, if a phase is timed
        with Horizontal():
            yield OptionList(id="moves")
            with Vertical(id="right"):
                with VerticalScroll(id="detail-box", classes="panel"):
                    yield Static(id="detail")
                yield Static(Text("Your orders (x removes)"), classes="panel-title")
                yield OptionList(id="given")
        yield Footer()

    @property
    def draft_key(self) -> tuple[int, str]:
        return self.session.state.turn, self.team

    def on_mount(self) -> None:
        given = self.session.pending.get(self.team, ())  # given already: amended now
        self.orders = list(self.drafts.get(self.draft_key, given))
        self.rebuild()

    def on_resize(self) -> None:
        self.rebuild()
        self.query_one("#moves", OptionList).focus()

    # -- what the engine says ---------------------------------------------------------------

    def legality(self) -> Legality:
        """What this team may order in the current state (its political capital and treasury)."""
        s = self.session
        return Legality(s.scenario, s.state, self.team)

    def remaining(self) -> tuple[int, float]:
        """Political capital and budget left after the orders chosen so far."""
        s = self.session
        legality = self.legality()
        pc, budget = legality.pc, legality.treasury
        for o in self.orders:
            cost_pc, cost_budget = order_cost(s.scenario, s.state, o)
            pc -= cost_pc
            budget -= cost_budget
        return pc, budget

    def option(self, order: Order) -> OrderOption | None:
        """The engine's answer for one candidate order (cost, and why it is illegal alone)."""
        if not self.options:
            s = self.session
            self.options = {o.order: o for o in order_options(s.scenario, s.state, self.team)}
        return self.options.get(order)

    def addition_problem(self, order: Order) -> str | None:
        """Why this order cannot be added to the orders chosen so far, or None if it can:
        illegal on its own, or not affordable (or a repeat) together with them."""
        s = self.session
        known = self.option(order)
        problem = known.problem if known else order_problem(s.scenario, s.state, order)
        if problem:
            return problem
        try:
            check_orders(s.scenario, s.state, [*self.orders, order])
        except IllegalOrderError as exc:
            return reason_of(exc)
        return None

    def move_problem(self, move: Move) -> str | None:
        """Why the move cannot be acted on now (for any target), or None."""
        orders = [Order(self.team, move.id, t) for t, _ in self.targets(move)]
        problems = [self.addition_problem(o) for o in orders]
        if all(problems):
            # a target legal on its own but unaffordable says more than an illegal one
            alone = [p for o, p in zip(orders, problems, strict=True) if self.legal_alone(o)]
            return (alone or problems)[0]
        return None

    def legal_alone(self, order: Order) -> bool:
        known = self.option(order)
        return known.legal if known else False

    # -- what is shown ----------------------------------------------------------------------

    def rebuild(self) -> None:
        s = self.session
        self.options = {}
        legality = self.legality()
        name = next(a.name for a in s.scenario.allies if a.id == self.team)
        pc, budget = self.remaining()
        header = self.query_one("#budget", Static)
        parts = [
            name,
            f"{s.scenario.turn_label} {s.state.turn}",
            f"political capital {pc} of {legality.pc} left",
            f"budget {budget:.1f} of {legality.treasury:.1f}",
        ]
        header.update(safe.text(fit(parts, max(20, self.size.width - 2))))
        moves = self.query_one("#moves", OptionList)
        highlighted = moves.highlighted
        moves.clear_options()
        open_now = [p for p in s.state.proposals if p.turn < s.state.turn]
        invitations = [p for p in open_now if self.team not in p.members]
        yours = [p for p in open_now if self.team in p.members]
        if invitations:
            moves.add_option(Option(Text("Invitations: Enter joins", style="bold"), disabled=True))
            for p in invitations:
                label = self.proposal_label(p)
                if self.addition_problem(self.join_order(p.id)):
                    label.stylize("grey50")
                moves.add_option(Option(label, id=f"join:{p.id}"))
        if yours:
            moves.add_option(Option(Text("Yours, enacted this turn", style="bold"), disabled=True))
            for p in yours:
                moves.add_option(Option(self.proposal_label(p), id=f"join:{p.id}"))
        due = renewals(s, self.team)
        if due:
            moves.add_option(Option(Text("Lapsing: Enter renews", style="bold"), disabled=True))
            for m in due:
                move = s.scenario.move(m.move)
                label = Text(" ")
                label.append_text(safe.text(f"{move.name}{target_phrase(s.scenario, m.target)}"))
                left = "this" if m.expires <= s.state.turn else "next"
                label.append_text(
                    safe.text(f" · lapses {left} {s.scenario.turn_label}", style="yellow")
                )
                moves.add_option(Option(label, id=f"renew:{move.id}:{m.target or ''}"))
        for line in ("defensive", "offensive"):
            moves.add_option(
                Option(safe.text(f"{line.capitalize()} moves", style="bold"), disabled=True)
            )
            for move in s.scenario.moves:
                if move.line != line:
                    continue
                cost_pc, cost_budget = legality.cost(move, "act")
                # figures first: a long name is cut with an ellipsis at narrow widths (the
                # detail pane gives it in full), a cost never is
                label = Text(" ", no_wrap=True, overflow="ellipsis")
                label.append(f"{cost_pc}pc {cost_budget:>3g}b", style="cyan")
                label.append(" J " if move.joint else "   ", style="magenta")
                label.append_text(safe.text(move.name))
                if self.move_problem(move):
                    label.stylize("grey50")
                moves.add_option(Option(label, id=f"move:{move.id}"))
        if highlighted is not None and highlighted < moves.option_count:
            moves.highlighted = highlighted
        elif moves.option_count:
            moves.highlighted = next(
                i for i in range(moves.option_count) if not moves.get_option_at_index(i).disabled
            )
        given = self.query_one("#given", OptionList)
        was, count = given.highlighted, given.option_count
        given.clear_options()
        for i, o in enumerate(self.orders):
            given.add_option(Option(safe.text(self.order_text(o)), id=str(i)))
        if self.orders:  # x removes the highlighted order: the newest, unless another is picked
            last = len(self.orders) - 1
            given.highlighted = last if was is None or len(self.orders) > count else min(was, last)
        if not self.orders:
            given.add_option(
                Option(
                    Text("none yet: a is act, p proposes a joint move", style="grey50"),
                    disabled=True,
                )
            )
        self.show_detail()

    def proposal_label(self, p: Proposal) -> Text:
        """`` Export controls on AI · from Japan · joined: Canada`` (plain text)."""
        s = self.session.scenario
        names = {a.id: a.name for a in s.allies}
        who = "yours" if p.proposer == self.team else f"from {names[p.proposer]}"
        others = [names[m] for m in p.members if m != p.proposer]
        joined = f"joined: {', '.join(others)}" if others else "no one joined yet"
        # two lines, each cut with an ellipsis if need be: the detail pane has them in full
        return safe.text(f" {s.move(p.move).name}{target_phrase(s, p.target)}\n   {who} · {joined}")

    def order_text(self, o: Order) -> str:
        s = self.session
        if o.kind == "join":
            p = next(p for p in s.state.proposals if p.id == o.proposal)
            proposer = next(a.name for a in s.scenario.allies if a.id == p.proposer)
            move = s.scenario.move(p.move).name
            return f"join {move}{target_phrase(s.scenario, p.target)} (from {proposer})"
        verb = "propose joint" if o.kind == "propose" else "act:"
        return f"{verb} {s.scenario.move(o.move).name}{target_phrase(s.scenario, o.target)}"

    def join_order(self, proposal: str) -> Order:
        """The order joining an open proposal."""
        p = next(p for p in self.session.state.proposals if p.id == proposal)
        return Order(self.team, p.move, p.target, "join", p.id)

    def targets(self, move: Move) -> list[tuple[str | None, str]]:
        s = self.session.scenario
        if move.target == "domain":
            return [(d.id, d.name) for d in s.domains]
        if move.target == "sector":
            return [(x.id, x.name) for x in s.sectors]
        return [(None, "")]

    def target_facts(self, move: Move, target: str | None) -> str:
        """The team's own figures where a move would land, to choose by: a sector's unhedged
        sales to China and inputs from China (and whether China signalled a blow there), or a
        domain's technology index against China's."""
        s, state = self.session.scenario, self.session.state
        ally = next(a for a in state.allies if a.id == self.team)
        if move.target == "domain":
            i = next(k for k, d in enumerate(s.domains) if d.id == target)
            return f"your tech {ally.tech[i]:.0f} · China {state.china.tech[i]:.0f}"
        if move.target == "sector":
            i = next(k for k, x in enumerate(s.sectors) if x.id == target)
            sold = unhedged(ally, "export_exposure", i)
            inputs = unhedged(ally, "import_dependence", i)
            facts = f"sold to China {sold:.0%} · inputs {inputs:.0%}"
            if any(g.ally == self.team and g.sector == target for g in state.signals):
                facts += " · signalled"
            return facts
        return ""

    def selected_id(self) -> str:
        moves = self.query_one("#moves", OptionList)
        if moves.highlighted is None:
            return ""
        return moves.get_option_at_index(moves.highlighted).id or ""

    def selected_move(self) -> tuple[Move | None, str | None]:
        ident = self.selected_id()
        if ident.startswith("renew:"):
            return self.session.scenario.move(ident.split(":")[1]), None
        if ident.startswith("move:"):
            return self.session.scenario.move(ident[5:]), None
        if ident.startswith("join:"):
            p = next(p for p in self.session.state.proposals if p.id == ident[5:])
            return self.session.scenario.move(p.move), p.id
        return None, None

    @on(OptionList.OptionHighlighted, "#moves")
    def show_detail(self) -> None:
        s = self.session
        move, proposal = self.selected_move()
        detail = self.query_one("#detail", Static)
        self.query_one("#detail-box", VerticalScroll).scroll_home(animate=False)
        if move is None:
            detail.update(Text("Choose a move: its cost, effects and source appear here."))
            return
        domains = {d.id: d.name for d in s.scenario.domains}
        sectors = {x.id: x.name for x in s.scenario.sectors}
        cost_pc, cost_budget = self.legality().cost(move, "join" if proposal else "act")
        text = Text()
        text.append(safe.clean(f"{move.name}\n"), style="bold")
        text.append(
            safe.clean(
                f"{move.line.capitalize()} · {cost_pc} political capital · budget {cost_budget:g}"
            )
        )
        if proposal:
            text.append("\nAn invitation: Enter (or a) joins it", style="magenta")
        elif move.joint:
            text.append("\nJoint (J): p proposes it; others may join next turn", style="magenta")
        text.append(safe.clean(f"\n\n{move.description}\n\n"))
        if move.effects:
            text.append("Effects\n", style="bold")
            for e in move.effects:
                text.append(safe.clean(f"  {describe_effect(e, domains, sectors)}\n"))
        if move.measure != "none":
            lasts = f"for {move.duration} turns" if move.duration else "until lifted"
            text.append(safe.clean(f"  sets up: {move.measure.replace('_', ' ')}, {lasts}\n"))
            for m in measures(s):
                if m.move == move.id:
                    text.append_text(
                        safe.text(f"  in force: {measure_line(s, m)}\n", style="green")
                    )
        if move.measure == "export_control":
            leak = s.scenario.tuning.unilateral_efficacy
            text.append(
                safe.clean(
                    f"  denial = coverage squared; alone a control leaks (counts {leak:.0%});\n"
                    "  allies outside win the lost sales\n"
                ),
                style="grey70",
            )
            text.append_text(self.coverage_forecast())
        if move.defiance:
            text.append(
                safe.clean(f"  China reads this as defiance +{move.defiance:g}"), style="yellow"
            )
            text.append(
                safe.clean(" (shared in joint moves)\n" if move.joint else "\n"), style="yellow"
            )
        if move.min_alignment:
            text.append(safe.clean(f"  needs business alignment {move.min_alignment:g}\n"))
        if proposal:
            p = next(p for p in s.state.proposals if p.id == proposal)
            names = {a.id: a.name for a in s.scenario.allies}
            members = ", ".join(names[m] for m in p.members)
            text.append_text(
                safe.text(
                    f"\nProposed by {names[p.proposer]} in {s.scenario.turn_label} {p.turn}; "
                    f"members so far: {members}. It is enacted at the end of this "
                    f"{s.scenario.turn_label}.\n",
                    style="magenta",
                )
            )
            problem = self.addition_problem(self.join_order(proposal))
        else:
            problem = self.move_problem(move)
        if problem:
            text.append(safe.clean(f"\nUnavailable: {problem}\n"), style="bold red")
        text.append(safe.clean(f"\nSource: {move.source}"), style="grey62")
        detail.update(text)

    def coverage_forecast(self) -> Text:
        """Coverage of world supply under control now, per domain, and with this ally's share
        added alone or jointly (the engine's forecast)."""
        s = self.session
        text = Text("  Coverage of world supply now → with your share:\n")
        for f in coverage_forecast(s.scenario, s.state, self.team):
            name = abbreviate(f.name, 16)
            text.append(
                safe.clean(
                    f"    {name:16s} {f.now:.0%} → {f.alone:.0%} alone, {f.joint:.0%} joint\n"
                ),
                style="cyan",
            )
        return text

    # -- actions ----------------------------------------------------------------------------

    @on(OptionList.OptionSelected, "#moves")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        """Enter (or a click) on the list does the obvious thing: join an invitation, renew
        a lapsing measure, act on a move."""
        event.stop()
        self.action_default()

    def action_default(self) -> None:
        ident = self.selected_id()
        if ident.startswith("renew:"):
            move = self.session.scenario.move(ident.split(":")[1])
            self.renew("propose" if move.joint else "act")
        else:
            self.order("act")

    def renew(self, kind: str) -> None:
        """Enact a lapsing measure again on the same target (a joint one is proposed)."""
        _, move_id, target = self.selected_id().split(":", 2)
        self.add(Order(self.team, move_id, target or None, kind))

    def action_act(self) -> None:
        if self.selected_id().startswith("renew:"):
            self.renew("act")
            return
        self.order("act")

    def action_propose(self) -> None:
        move, _ = self.selected_move()
        if self.selected_id().startswith("renew:") and move is not None and move.joint:
            self.renew("propose")
            return
        self.order("propose")

    def order(self, kind: str) -> None:
        move, proposal = self.selected_move()
        if move is None:
            return
        if proposal is not None:
            if kind == "propose":
                self.notify("Enter or a joins this proposal.", severity="warning")
                return
            self.add(self.join_order(proposal))
            return
        if kind == "propose" and not move.joint:
            self.notify(
                safe.clean(f"{move.name} is not a joint move: press a to act alone."),
                severity="warning",
                markup=False,
            )
            return
        if move.target == "none":
            self.add(Order(self.team, move.id, None, kind))
            return
        options = []
        for target, name in self.targets(move):
            problem = self.addition_problem(Order(self.team, move.id, target, kind))
            options.append((target or "", name, self.target_facts(move, target), problem))

        def chosen(target: str | None) -> None:
            if target:
                self.add(Order(self.team, move.id, target, kind))

        verb = "Propose" if kind == "propose" else "Act:"
        self.app.push_screen(
            TargetScreen(f"{verb} {move.name} on which {move.target}?", options), chosen
        )

    def add(self, order: Order) -> None:
        try:
            check_orders(self.session.scenario, self.session.state, [*self.orders, order])
        except IllegalOrderError as exc:
            self.notify(
                safe.clean(reason_of(exc)), title="Not possible", severity="error", markup=False
            )
            return
        self.orders.append(order)
        self.rebuild()

    def action_remove(self) -> None:
        given = self.query_one("#given", OptionList)
        if given.highlighted is None or not self.orders:
            return
        del self.orders[given.highlighted]
        self.rebuild()

    def action_done(self) -> None:
        pc, _ = self.remaining()
        if pc > 0 and self.affordable_left():
            question = Text(f"{pc} political capital left unspent", style="bold")
            question.append_text(
                safe.text(
                    "\nIt does not carry over to the next "
                    f"{self.session.scenario.turn_label}. Your orders:\n"
                )
            )
            for o in self.orders:
                question.append_text(safe.text(f"  • {self.order_text(o)}\n"))
            if not self.orders:
                question.append("  none\n", style="grey50")

            def answered(yes: bool | None) -> None:
                if yes:
                    self.finish()

            self.app.push_screen(
                ConfirmScreen(question, "done anyway", "back to the orders"), answered
            )
            return
        self.finish()

    def affordable_left(self) -> bool:
        """True if some order could still be added to those chosen."""
        s = self.session
        return any(
            self.addition_problem(o.order) is None
            for o in order_options(s.scenario, s.state, self.team)
            if o.legal
        )

    def finish(self) -> None:
        self.session.submit(self.team, tuple(self.orders))
        self.drafts.pop(self.draft_key, None)
        self.dismiss(True)

    def action_cancel(self) -> None:
        """Back to the dashboard; the orders chosen are kept for when the team comes back
        (orders already given stay given until the team is done again)."""
        self.drafts[self.draft_key] = tuple(self.orders)
        self.dismiss(False)

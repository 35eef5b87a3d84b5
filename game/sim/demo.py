"""A headless demo: one game played by AI governments, shown turn by turn in the terminal."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from game.ai.policies import POLICIES
from game.engine import Event, GameState, Scenario, new_game, resolve_turn
from game.safe_text import clean, text
from game.sim.play import ai_orders

_SHOWN = (
    "event",
    "signal",
    "move",
    "joint",
    "propose",
    "coercion",
    "concession",
    "accommodation",
    "recovery",
    "end",
)
_GRADE_STYLE = {"success": "green", "partial": "yellow", "failed": "red", "backfired": "bold red"}


def _line(event: Event) -> Text:
    line = Text("  ")
    line.append(clean(event.text))  # scenario text is plain text, never markup
    if event.grade:
        line.append(f"  [{event.grade}]", style=_GRADE_STYLE[event.grade])
    return line


def _status(scenario: Scenario, state: GameState) -> Table:
    table = Table(show_edge=False, pad_edge=False)
    for col in ("ally", "output", "resolve", "align", "strain", "digital", "status"):
        table.add_column(col, justify="left" if col in ("ally", "status") else "right")
    for spec, a in zip(scenario.allies, state.allies, strict=True):
        figures = (a.resolve, a.alignment, a.strain, a.digital_exposure)
        table.add_row(
            text(spec.name),
            Text(f"{100 * (a.output / a.baseline - 1):+.2f}%"),
            *(Text(f"{v:.0f}") for v in figures),
            Text("accommodated" if a.accommodated else ""),
        )
    return table


def run_demo(scenario: Scenario, difficulty: str, seed: int, console: Console) -> GameState:
    """Play and print one game with every government on the coordinated policy."""
    policies = {a.id: POLICIES["coordinated"] for a in scenario.allies}
    console.print(text(scenario.title, style="bold"))
    console.print(text(scenario.briefing))
    console.print(text(f"Difficulty {difficulty}, seed {seed}. Every government is AI-played.\n"))
    state, events = new_game(scenario, seed, difficulty)
    while True:
        if not state.over:
            label = f"{scenario.turn_label.capitalize()} {state.turn} of {scenario.turns}"
            console.rule(text(label))
        for e in events:
            if e.kind in _SHOWN:
                console.print(_line(e))
        if state.over:
            break
        state, events = resolve_turn(scenario, state, ai_orders(scenario, state, policies))
        for e in events:
            if e.kind in _SHOWN and e.phase != "briefing":
                console.print(_line(e))
        events = [e for e in events if e.phase == "briefing"]
        china = state.china
        rung = scenario.china.ladder[int(china.escalation)]
        console.print(
            text(
                f"China: escalation {china.escalation:.1f} ({rung}), "
                f"capacity {china.capacity:.0f}, backlash {china.backlash:.0f}. "
                f"Coalition cohesion {state.coalition.cohesion:.0f}."
            )
        )
        console.print(_status(scenario, state))
    o = state.outcome
    assert o is not None
    console.rule(Text("Result"))
    console.print(
        text(f"{o.tier.upper()}: coalition score {o.score:.0f} ({o.reason})", style="bold")
    )
    for name, value in o.parts:
        console.print(text(f"  {name:14s} {value:.2f}"))
    return state

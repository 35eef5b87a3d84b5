"""Standing (g on the dashboard): are we winning? The coalition's score against its tiers, each
government's national objective with its progress, and what is in force with the turns left."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding

import game.safe_text as safe
from game.engine import coalition_score, tier_of
from game.report.words import PART_NAMES
from game.session import Session
from game.tui.access import session_of
from game.tui.screens.document import DocumentScreen
from game.tui.standing import measure_line, measures, objectives, tiers, turns_left


def standing_text(session: Session) -> Text:
    """The whole standing as one document."""
    s, state = session.scenario, session.state
    score, parts = coalition_score(s, state)
    tier = tier_of(s, score)
    text = Text()
    text.append("The coalition's score\n", style="bold underline")
    text.append(f"{score:.0f} of 100: {tier}\n", style="bold")
    for name, at in tiers(session):
        mark = "▶" if name == tier else " "
        text.append(f" {mark} {name:10s} from {at:g}\n")
    mark = "▶" if tier == "defeat" else " "
    text.append(f" {mark} {'defeat':10s} below {tiers(session)[-1][1]:g}\n")
    weights = {
        "gdp": s.victory.gdp_weight,
        "tech": s.victory.tech_weight,
        "leverage": s.victory.leverage_weight,
        "cohesion": s.victory.cohesion_weight,
        "accommodation": s.victory.accommodation_weight,
    }
    total = sum(weights.values())
    text.append("\nIts parts (each 0 to 100, weighted)\n", style="bold")
    for key, value in parts.items():
        share = 100 * weights[key] / total
        name = PART_NAMES.get(key, key)
        text.append(f"  {100 * value:3.0f}  {name} ({share:.0f}% of the score)\n")
    text.append(
        f"\nThe game ends with a collapse if cohesion falls below "
        f"{s.victory.collapse_cohesion:g} or {s.victory.collapse_share:.0%} of the allies "
        "accommodate China.\n"
    )
    text.append("\nNational objectives\n", style="bold underline")
    everyone = tuple(a.id for a in s.allies)
    for o in objectives(session, everyone):
        star = "★ " if o.ally in session.humans else "  "
        line = Text(star)
        line.append_text(safe.text(o.name))
        line.append(": ")
        line.append_text(safe.text(o.text))
        line.append(f" · now {o.now} · ")
        line.append("✔ met" if o.met else "✘ not met", style="green" if o.met else "red")
        text.append_text(line)
        text.append("\n")
    text.append("\nIn force\n", style="bold underline")
    names = {a.id: a.name for a in s.allies}
    found = False
    for m in measures(session):
        found = True
        left = turns_left(session, m)
        style = "yellow" if left is not None and left <= 2 else ""
        text.append_text(safe.text("• " + measure_line(session, m), style=style))
        text.append("\n")
    if state.coalition.pledge:
        found = True
        members = ", ".join(names[a] for a in state.coalition.pledge)
        text.append_text(safe.text(f"• Solidarity pledge · {members} · until lifted"))
        text.append("\n")
    for inst in state.coalition.institutions:
        found = True
        text.append_text(safe.text(f"• {s.move(inst).name} · every ally · permanent"))
        text.append("\n")
    if not found:
        text.append("nothing yet\n", style="grey50")
    text.append(
        "\nA measure that lapses must be enacted again to stay in force: renewals are offered "
        "first in your orders.\n",
        style="grey62",
    )
    return text


class StandingScreen(DocumentScreen):
    """Score, tiers, objectives and measures in force, one key from the dashboard."""

    BINDINGS = [Binding("escape,q,g", "app.pop_screen", "Back")]

    def document(self) -> Text:
        return standing_text(session_of(self))

"""China's panel: the escalation ladder, capacity, backlash, and its signals for next turn."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

import game.safe_text as safe
from game.session import Session
from game.tui.abbrev import abbreviate

NAME_WIDTH = 14  # a domain's name, then " lead +12", in the 24-column panel at 80x24


class ChinaPanel(Static):
    """What China can do, how far it has climbed, and what it is signalling."""

    def show(self, session: Session) -> None:
        """Render the session's current state."""
        s = session.scenario
        c = session.state.china
        text = Text()
        rung = int(c.escalation)
        for i in range(len(s.china.ladder) - 1, -1, -1):
            here = i == rung
            mark = "▶ " if here else "  "
            style = "bold red" if here else ("red" if i < rung else "grey50")
            text.append(safe.clean(f"{mark}{i} {s.china.ladder[i]}\n"), style=style)
        text.append(safe.clean(f"\nEscalation {c.escalation:.1f} of {len(s.china.ladder) - 1}\n"))
        text.append(safe.clean(f"Capacity {c.capacity:.0f} · backlash {c.backlash:.0f}\n"))
        text.append(safe.clean(f"Civil-military fusion {c.fusion:.0f}\n"))
        for d, dom in enumerate(s.domains):
            best = max(a.tech[d] for a in session.state.allies)
            lead = best - c.tech[d]
            # legibly shortened, never cut mid-word without a mark
            name = abbreviate(safe.clean(dom.name, newlines=False), NAME_WIDTH)
            text.append(
                f"{name:{NAME_WIDTH}s} lead {lead:+.0f}\n", style="green" if lead > 10 else "yellow"
            )
        text.append(f"\nLikely this {s.turn_label}:\n", style="bold")
        if not session.state.signals:
            text.append("  none\n", style="grey50")
        names = {a.id: a.name for a in s.allies}
        tools = {t.id: t.name for t in s.tools}
        sectors = {x.id: x.name for x in s.sectors}
        for sig in session.state.signals:
            where = f" ({sectors[sig.sector]})" if sig.sector else ""
            text.append(
                safe.clean(f"• {tools[sig.tool]} → {names[sig.ally]}{where}\n"), style="yellow"
            )
        self.update(text)

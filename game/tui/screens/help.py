"""Help: how to play, the rules, a glossary, keys, and where each move's logic comes from."""

from __future__ import annotations

import re

from rich.text import Text
from textual.binding import Binding

import game.safe_text as safe
from game.engine import Scenario
from game.tui.screens.document import DocumentScreen

HOW_TO_PLAY = """\
You govern one or more allied democracies. Each quarter:

1. Briefing. Read the news and China's signals: the tools and targets its doctrine is
   likely to use next. Prepare: a stockpile before an input cut-off, new markets before a
   boycott, a pledge before anyone is singled out.
2. Orders. Press o. Choose moves within your political capital (pc) and budget (b).
   a acts alone; p proposes a joint move, which the others may join next quarter; joint
   moves grow stronger with every member. Invitations from other governments are listed
   first: Enter joins one. Measures about to lapse are offered for renewal. d when done.
3. Resolution. Allied moves take effect, China's doctrine answers, then the world moves.
   Every move is graded success, partial, failed or backfired, and every China decision
   shows the figures that made it fire and the allies it passed over.

The allies win or lose together on a score built from output against the no-coercion
baseline, the technology lead over China, China's leverage, cohesion and accommodations.
The coalition collapses if cohesion falls too low or half the allies accommodate China.
Each government also has a national objective of its own.
"""

RULES = """\
Decoupling works but costs output for good. Export controls deny technology in proportion
to the square of the share of world supply covered: alone, they leak, and allies outside
win the lost sales. The solidarity pledge absorbs part of a member's losses to boycotts and
makes concessions rarer. Business alignment decides how far firms follow risk guidance:
low alignment lets exposure creep back. Strain in older industries erodes resolve; an ally
whose resolve collapses accommodates China, lifts its measures and joins nothing.
China's coercion has a cost: backlash, which rallies the allies when it overreaches.
"""

GLOSSARY = (
    ("Political capital", "moves a government can make in a quarter"),
    ("Resolve", "domestic political will; below the threshold an ally accommodates China"),
    ("Business alignment", "how far boardrooms follow government risk guidance"),
    ("Strain", "pressure on workers in older industries; erodes resolve"),
    ("Digital exposure", "untrusted 5G kit, data-harvesting apps, payment platforms"),
    ("Coverage", "share of world supply of a technology under export control"),
    ("Escalation", "China's rung on its ladder; tools bite harder as it climbs"),
    ("Backlash", "the reputational cost of coercion; it rallies the allies"),
    ("Leverage", "share of allied output at China's mercy, after resilience"),
)

KEYS = (
    ("o / Enter", "orders (dashboard)"),
    ("g", "standing: score, tiers, objectives, what is in force (dashboard)"),
    ("c / w / t", "charts / why did it change? / tips on or off"),
    ("i", "heat map: exports sold to China or inputs bought from it (dashboard, replay)"),
    ("a / p / x / d", "act alone / propose joint / remove / done (orders)"),
    ("space / a / v / Enter", "next step / all / routine updates / continue (resolution)"),
    ("r", "China's rules as written, beside its reasons (resolution)"),
    ("F1", "this help"),
    ("ctrl+p", "command palette"),
    ("q", "back to the title"),
    ("ctrl+q", "quit"),
)


def reflow(source: str) -> str:
    """Hard-wrapped source text as paragraphs the terminal wraps to its own width: lines
    are joined within a paragraph; a blank line or a numbered item starts a new one."""
    out: list[str] = []
    for line in source.splitlines():
        stripped = line.strip()
        if not stripped:
            out.append("")
        elif out and out[-1] and not re.match(r"\d+\. ", stripped):
            out[-1] += " " + stripped
        else:
            out.append(stripped)
    return "\n".join(out) + "\n"


class HelpScreen(DocumentScreen):
    """Everything a new player needs, and the sources of the scenario's logic."""

    BINDINGS = [Binding("escape,q,f1", "app.pop_screen", "Back")]

    def __init__(self, scenario: Scenario | None) -> None:
        super().__init__()
        self.scenario = scenario

    def document(self) -> Text:
        text = Text()
        text.append("How to play\n", style="bold underline")
        text.append(safe.clean(reflow(HOW_TO_PLAY) + "\n"))
        text.append("The rules in brief\n", style="bold underline")
        text.append(safe.clean(reflow(RULES) + "\n"))
        text.append("Glossary\n", style="bold underline")
        for term, meaning in GLOSSARY:
            text.append(safe.clean(f"{term}: "), style="bold")
            text.append(safe.clean(f"{meaning}\n"))
        text.append("\nKeys\n", style="bold underline")
        for key, meaning in KEYS:
            text.append(safe.clean(f"{key:24s}"), style="cyan")
            text.append(safe.clean(f"{meaning}\n"))
        text.append(
            "\nThe game is built on “Forget decoupling: ‘collective resilience’ is the strategy "
            "to address China’s challenge” by Eric Sayers and Brad Glosserman.\n"
        )
        if self.scenario is not None:
            text.append(safe.clean(f"\nMoves in {self.scenario.title}\n"), style="bold underline")
            for move in self.scenario.moves:
                text.append(safe.clean(f"{move.name}"), style="bold")
                text.append(safe.clean(f" ({move.line}): {move.description}\n"))
                text.append(safe.clean(f"   source: {move.source}\n"), style="grey62")
            text.append("\nChina's tools\n", style="bold underline")
            for tool in self.scenario.tools:
                text.append(safe.clean(f"{tool.name}"), style="bold")
                text.append(safe.clean(f": {tool.description}\n"))
                text.append(safe.clean(f"   source: {tool.source}\n"), style="grey62")
        return text

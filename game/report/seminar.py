"""The seminar's record in the after-action report: the facilitator's interventions, the
teams' notes on their orders and the facilitator's observations, turn by turn. Built from
the save's log; the Markdown and HTML writers lay it out (their texts escaped there)."""

from __future__ import annotations

from collections.abc import Callable

from attrs import frozen

from game.engine import Intervention, Scenario, possessive
from game.saves.format import Game

FACILITATOR = "facilitator"
WHEN = {"orders": "before the orders", "moves": "ruling on a move", "china": "ruling on China"}


@frozen
class SeminarTurn:
    """One turn's interventions (each described with its reason), notes and observations."""

    turn: int
    label: str  # "Quarter 3"
    interventions: tuple[str, ...]
    notes: tuple[tuple[str, str], ...]  # (team, note)
    observations: tuple[str, ...]


def intervention_line(i: Intervention, when: bool = True, scenario: Scenario | None = None) -> str:
    """One intervention for people: what, when (unless ``when`` is false), and the reason;
    with the scenario, a ruling names the move or China's tool and the ally."""
    phase = f" ({WHEN.get(i.phase, i.phase)})" if when else ""
    what = i.describe()
    if scenario is not None and i.kind in ("grade", "void"):
        what = what.replace(i.target, ruled_on(scenario, i), 1)
    return f"{what}{phase}, '{i.reason}'"


def ruled_on(scenario: Scenario, i: Intervention) -> str:
    """What a ruling is about, in words: ``United States' Export controls``, ``China's
    Punitive tariffs against Japan``, or the target as written when it names nothing known."""
    allies = {a.id: a.name for a in scenario.allies}
    moves = {m.id: m.name for m in scenario.moves}
    first, _, rest = i.target.partition(":")
    second = rest.split(":")[0]
    if i.phase == "moves" and first in allies and second in moves:
        return f"{possessive(allies[first])} {moves[second]}"
    doctrine = [*scenario.china.doctrine, *(r for d in scenario.difficulties for r in d.rules)]
    rules = {r.id: r.tool for r in doctrine}
    tools = {t.id: t.name for t in scenario.tools}
    if i.phase == "china" and first in rules and second in allies:
        return f"China's {tools.get(rules[first], first)} against {allies[second]}"
    return i.target


def seminar_record(
    game: Game, turn_label: str, scenario: Scenario | None = None
) -> tuple[SeminarTurn, ...]:
    """The turns with anything to say (none in a game without a facilitator or notes)."""
    teams = {t.ally: t.player for t in game.teams}
    turns = sorted({i.turn for i in game.facilitator} | {n.turn for n in game.notes})
    out = []
    for t in turns:
        out.append(
            SeminarTurn(
                t,
                f"{turn_label.capitalize()} {t}",
                tuple(
                    intervention_line(i, True, scenario) for i in game.facilitator if i.turn == t
                ),
                tuple(
                    (teams.get(n.author, n.author), n.text)
                    for n in game.notes
                    if n.turn == t and n.author != FACILITATOR
                ),
                tuple(n.text for n in game.notes if n.turn == t and n.author == FACILITATOR),
            )
        )
    return tuple(out)


def markdown_lines(record: tuple[SeminarTurn, ...], escape: Callable[[str], str]) -> list[str]:
    """The record as Markdown (``escape`` makes a text literal)."""
    if not record:
        return []
    out = ["## The seminar: interventions, notes and observations", ""]
    for s in record:
        out += [f"### {escape(s.label)}", ""]
        out += [f"- Facilitator: {escape(x)}" for x in s.interventions]
        out += [f"- {escape(team)}'s note: {escape(text)}" for team, text in s.notes]
        out += [f"- Observation: {escape(x)}" for x in s.observations]
        out.append("")
    return out


def html_lines(record: tuple[SeminarTurn, ...], escape: Callable[[object], str]) -> list[str]:
    """The record as HTML (``escape`` escapes a text)."""
    if not record:
        return []
    out = ["<h2>The seminar: interventions, notes and observations</h2>"]
    for s in record:
        items = [f"<li>Facilitator: {escape(x)}</li>" for x in s.interventions]
        items += [f"<li>{escape(team)}'s note: {escape(text)}</li>" for team, text in s.notes]
        items += [f"<li>Observation: {escape(x)}</li>" for x in s.observations]
        out.append(f"<h3>{escape(s.label)}</h3><ul>{''.join(items)}</ul>")
    return out

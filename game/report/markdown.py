"""The after-action report as Markdown. Texts from scenarios and saves are plain text: every
character Markdown could read as markup (or raw HTML) is backslash-escaped, so a renderer
shows them literally."""

from __future__ import annotations

import re

from game.report.charts import sparkline
from game.report.data import Line, Report
from game.report.questions import CITATION
from game.report.seminar import markdown_lines
from game.report.teams import HUMAN_NOTE
from game.report.turning import RULE as TURNING_RULE
from game.safe_text import clean

_MARKUP = re.compile(r"([\\`*_{}\[\]<>|~&])")
_LINE_START = re.compile(r"^(\d*)([#>+=!.)-])")


def md(text: str) -> str:
    """Plain text made literal in Markdown: characters that start inline markup or raw HTML
    escaped everywhere, block markers (``#``, ``-``, ``1.``, ...) at the start, lines joined,
    control characters shown as escapes (``\\x1b``)."""
    flat = _MARKUP.sub(r"\\\1", " ".join(clean(text).split()))
    return _LINE_START.sub(lambda m: f"{m.group(1)}\\{m.group(2)}", flat)


def _line(line: Line) -> str:
    grade = f" — *{md(line.grade)}*" if line.grade else ""
    why = f"  \n  {md(line.why)}" if line.why else ""
    return f"- {md(line.text)}{grade}{why}"


def _section(title: str, lines: tuple[Line, ...]) -> list[str]:
    if not lines:
        return []
    return [f"**{title}**", "", *(_line(x) for x in lines), ""]


def _teams(r: Report) -> list[str]:
    """A section per team: what it decided each turn and what came of it."""
    if not r.teams:
        return []
    out = ["## The teams' stories", "", md(HUMAN_NOTE), ""]
    for team in r.teams:
        mark = "★ " if team.human else ""
        out += [f"### {mark}{md(team.name)} — {md(team.played_by)}", ""]
        met = {True: "met", False: "not met", None: "not yet decided"}[team.met]
        score = f"; own score {team.score:.0f}" if team.score is not None else ""
        out += [f"National objective: {md(team.objective)} ({met}{score}).", ""]
        out += [md(team.summary), ""]
        for t in team.turns:
            decided = md("; ".join(t.decisions)) if t.decisions else "no orders"
            out.append(f"- **{md(t.label)}** — decided: {decided}")
            for c in t.consequences:
                grade = f" — *{md(c.grade)}*" if c.grade else ""
                why = f": {md(c.why)}" if c.why else ""
                out.append(f"  - {md(c.text)}{grade}{why}")
            out.append(f"  - Afterwards: {md(t.after)}")
        out.append("")
    return out


def to_markdown(r: Report) -> str:
    """The whole report as Markdown text."""
    out = [f"# After-action report: {md(r.title)}", ""]
    out.append(
        f"Scenario {md(r.scenario_id)} · difficulty {md(r.difficulty)} · seed {r.seed} · "
        f"saved {md(r.saved_at)} · file {md(r.file)}"
    )
    out.append("")
    if r.warning:
        out += [f"> **Warning:** {md(r.warning)}. This report follows the replayed log.", ""]

    out += ["## Scenario and teams", "", md(r.briefing), ""]
    out += [
        "| Government | Played by | Own score | National objective | Met |",
        "|---|---|--:|---|---|",
    ]
    for a in r.allies:
        score = f"{a.score:.0f}" if a.score is not None else "–"
        met = {True: "yes", False: "no", None: "–"}[a.met]
        out.append(f"| {md(a.name)} | {md(a.player)} | {score} | {md(a.objective)} | {met} |")
    out.append("")

    out += ["## Result", ""]
    if r.over:
        out.append(
            f"**{md((r.tier or '').upper())}**: coalition score {r.score:.1f} ({md(r.reason)})."
        )
    else:
        out.append(f"Game in progress ({md(r.reason)}); coalition score so far {r.score:.1f}.")
    out.append("")
    if r.parts:
        out += ["| Part of the score | Of 100 |", "|---|--:|"]
        out += [f"| {md(name)} | {100 * value:.0f} |" for name, value in r.parts]
        out.append("")

    out += ["## Key figures over time", ""]
    out += [
        "| Figure | Trend (start → end) | Start | End | Low | High |",
        "|---|---|--:|--:|--:|--:|",
    ]
    for chart in r.charts:
        for s in chart.series:
            name = chart.title if len(chart.series) == 1 else f"{chart.title}: {s.name}"
            v = s.values
            out.append(
                f"| {md(name)} | `{sparkline(v)}` | {v[0]:.1f} | {v[-1]:.1f} | "
                f"{min(v):.1f} | {max(v):.1f} |"
            )
    out.append("")

    out += ["## Turning points", "", md(TURNING_RULE), ""]
    if not r.turning_points:
        out += ["The coalition score moved steadily; no single turn stands out.", ""]
    for p in r.turning_points:
        out += [
            f"### {md(p.label)}: coalition score {p.before:.1f} → {p.after:.1f} "
            f"({p.after - p.before:+.1f})",
            "",
            f"Why it counts: {md('; '.join(p.why))}.",
            "",
        ]
        out += [_line(c) for c in p.causes] or ["- no single event stands out"]
        out.append("")

    out += _teams(r)

    out += ["## Turn by turn", ""]
    for t in r.turns:
        out += [f"### {md(t.label)}", ""]
        out += _section("Briefing", t.briefing)
        orders = [
            f"- {md(name)}: {md('; '.join(given)) if given else 'no orders'}"
            for name, given in t.orders
        ]
        out += ["**Orders**", "", *orders, ""]
        out += _section("Outcomes", t.outcomes)
        out += _section("China's responses", t.china)
        out += _section("Also", t.other)

    out += markdown_lines(r.seminar, md)
    out += ["## Discussion questions", ""]
    out += [f"{i}. {md(q)}" for i, q in enumerate(r.questions, start=1)]
    out += ["", f"Questions paraphrase the argument of {md(CITATION)}; no sentence is quoted.", ""]
    return "\n".join(out)

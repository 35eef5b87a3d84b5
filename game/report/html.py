"""The after-action report as one self-contained HTML file: inline CSS and SVG charts, no
script, no external resource, so it opens in any browser without a network. Every text from
scenarios and saves is HTML-escaped."""

from __future__ import annotations

from html import escape

from game.report.charts import svg_chart
from game.report.data import Line, Report
from game.report.questions import CITATION
from game.report.seminar import html_lines
from game.report.teams import HUMAN_NOTE, Consequence
from game.report.turning import RULE as TURNING_RULE
from game.safe_text import clean

STYLE = """
body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem;
       line-height: 1.45; color: #222; }
h1 { font-size: 1.6rem; } h2 { border-bottom: 1px solid #ccc; margin-top: 2rem; }
table { border-collapse: collapse; margin: .5rem 0; }
th, td { border: 1px solid #ccc; padding: .25rem .5rem; text-align: left; vertical-align: top; }
td.num { text-align: right; }
.meta { color: #555; } .why { color: #555; font-size: .9em; display: block; }
.grade { font-weight: bold; } .success { color: #1a7f37; } .partial { color: #9a6700; }
.failed { color: #cf222e; } .backfired { color: #a40e26; text-decoration: underline; }
.warning { background: #fff4ce; padding: .5rem; border: 1px solid #d4a72c; }
.human { color: #9a6700; } dd { margin-left: 1.5rem; } dd ul { margin: .2rem 0 .6rem; }
.charts svg { display: block; margin: 1rem 0; max-width: 100%; height: auto; }
"""


def e(text: object) -> str:
    """Plain text made safe in HTML (quotes too; control characters shown as escapes)."""
    return escape(clean(text), quote=True)


def _li(line: Line) -> str:
    grade = f' <span class="grade {e(line.grade)}">[{e(line.grade)}]</span>' if line.grade else ""
    why = f'<span class="why">{e(line.why)}</span>' if line.why else ""
    return f"<li>{e(line.text)}{grade}{why}</li>"


def _list(title: str, lines: tuple[Line, ...]) -> str:
    if not lines:
        return ""
    return f"<h4>{e(title)}</h4><ul>{''.join(_li(x) for x in lines)}</ul>"


def _consequence(c: Consequence) -> str:
    grade = f' <span class="grade {e(c.grade)}">[{e(c.grade)}]</span>' if c.grade else ""
    why = f'<span class="why">{e(c.why)}</span>' if c.why else ""
    return f"<li>{e(c.text)}{grade}{why}</li>"


def _teams(r: Report) -> list[str]:
    """A section per team: what it decided each turn and what came of it."""
    if not r.teams:
        return []
    out = ["<h2>The teams' stories</h2>", f"<p>{e(HUMAN_NOTE)}</p>"]
    for team in r.teams:
        mark = '<span class="human">★ </span>' if team.human else ""
        out.append(f'<section class="team"><h3>{mark}{e(team.name)} — {e(team.played_by)}</h3>')
        met = {True: "met", False: "not met", None: "not yet decided"}[team.met]
        score = f"; own score {team.score:.0f}" if team.score is not None else ""
        out.append(f"<p>National objective: {e(team.objective)} ({met}{score}).</p>")
        out.append(f"<p>{e(team.summary)}</p><dl>")
        for t in team.turns:
            decided = e("; ".join(t.decisions)) if t.decisions else "no orders"
            items = "".join(_consequence(c) for c in t.consequences)
            out.append(
                f"<dt><strong>{e(t.label)}</strong> — decided: {decided}</dt>"
                f"<dd><ul>{items}<li>Afterwards: {e(t.after)}</li></ul></dd>"
            )
        out.append("</dl></section>")
    return out


def to_html(r: Report) -> str:
    """The whole report as an HTML document."""
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>After-action report: {e(r.title)}</title>",
        f"<style>{STYLE}</style></head><body>",
        f"<h1>After-action report: {e(r.title)}</h1>",
        f'<p class="meta">Scenario {e(r.scenario_id)} · difficulty {e(r.difficulty)} · seed '
        f"{r.seed} · saved {e(r.saved_at)} · file {e(r.file)}</p>",
    ]
    if r.warning:
        out.append(
            f'<p class="warning"><strong>Warning:</strong> {e(r.warning)}. This report '
            "follows the replayed log.</p>"
        )

    out += ["<h2>Scenario and teams</h2>", f"<p>{e(r.briefing)}</p>", "<table>"]
    out.append(
        "<tr><th>Government</th><th>Played by</th><th>Own score</th>"
        "<th>National objective</th><th>Met</th></tr>"
    )
    for a in r.allies:
        score = f"{a.score:.0f}" if a.score is not None else "–"
        met = {True: "yes", False: "no", None: "–"}[a.met]
        out.append(
            f"<tr><td>{e(a.name)}</td><td>{e(a.player)}</td><td class=num>{score}</td>"
            f"<td>{e(a.objective)}</td><td>{met}</td></tr>"
        )
    out.append("</table>")

    out.append("<h2>Result</h2>")
    if r.over:
        out.append(
            f"<p><strong>{e((r.tier or '').upper())}</strong>: coalition score {r.score:.1f} "
            f"({e(r.reason)}).</p>"
        )
    else:
        out.append(
            f"<p>Game in progress ({e(r.reason)}); coalition score so far {r.score:.1f}.</p>"
        )
    if r.parts:
        rows = "".join(
            f"<tr><td>{e(name)}</td><td class=num>{100 * value:.0f}</td></tr>"
            for name, value in r.parts
        )
        out.append(f"<table><tr><th>Part of the score</th><th>Of 100</th></tr>{rows}</table>")

    out.append('<h2>Key figures over time</h2><div class="charts">')
    out += [svg_chart(c) for c in r.charts]
    out.append("</div>")

    out.append("<h2>Turning points</h2>")
    out.append(f"<p>{e(TURNING_RULE)}</p>")
    if not r.turning_points:
        out.append("<p>The coalition score moved steadily; no single turn stands out.</p>")
    for p in r.turning_points:
        out.append(
            f"<h3>{e(p.label)}: coalition score {p.before:.1f} → {p.after:.1f} "
            f"({p.after - p.before:+.1f})</h3>"
        )
        out.append(f"<p>Why it counts: {e('; '.join(p.why))}.</p>")
        out.append(f"<ul>{''.join(_li(c) for c in p.causes)}</ul>" if p.causes else "")

    out += _teams(r)

    out.append("<h2>Turn by turn</h2>")
    for t in r.turns:
        out.append(f"<h3>{e(t.label)}</h3>")
        out.append(_list("Briefing", t.briefing))
        items = "".join(
            f"<li>{e(name)}: {e('; '.join(given)) if given else 'no orders'}</li>"
            for name, given in t.orders
        )
        out.append(f"<h4>Orders</h4><ul>{items}</ul>")
        out.append(_list("Outcomes", t.outcomes))
        out.append(_list("China's responses", t.china))
        out.append(_list("Also", t.other))

    out += html_lines(r.seminar, e)
    out.append("<h2>Discussion questions</h2><ol>")
    out += [f"<li>{e(q)}</li>" for q in r.questions]
    out.append(
        f"</ol><p class=meta>Questions paraphrase the argument of {e(CITATION)}; no sentence "
        "is quoted.</p>"
    )
    out.append("</body></html>")
    return "\n".join(x for x in out if x) + "\n"

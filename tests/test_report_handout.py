"""The after-action report as a handout: display names instead of ids, counts that agree with
the log, clean axis ticks, no local paths, a file the group can read, and (when Debian's
chromium is installed, as CI installs it) charts that draw and nothing overflowing in a real
browser at A4 width and at 1920x1080."""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import subprocess
from pathlib import Path

import pytest
from attrs import evolve

from game.engine import build_scenario
from game.report import render, write_report
from game.report.charts import nice_ticks, tick_label
from game.report.questions import controls_enacted, times
from game.saves import store
from game.saves.autoplay import autoplay
from game.saves.format import Team
from game.scenarios import load_data, scenario_path

CHROMIUM = shutil.which("chromium")
BROWSER_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)


@pytest.fixture(scope="module")
def save(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A whole game in which Japan was played by people named "Blue cell" at New game."""
    data = load_data(scenario_path("collective-resilience"))
    scenario = build_scenario(data)
    game = autoplay(scenario, data, "unilateral", scenario.default_difficulty, 3, "handout")
    teams = tuple(Team(t.ally, "Blue cell") if t.ally == "japan" else t for t in game.game.teams)
    game = evolve(game, game=evolve(game.game, teams=teams))
    folder = tmp_path_factory.mktemp("saves")
    return store.write_save(game, store.save_path("handout", folder))


def test_orders_sectors_and_score_parts_read_by_their_names(save: Path) -> None:
    md = render(str(save), "md")
    assert not re.search(r"\b(join P\d+|act [a-z]+-[a-z-]+|critical_minerals)\b", md)
    assert "gdp / tech" not in md and "| gdp |" not in md
    assert "Output against the no-coercion baseline" in md
    assert "time(s)" not in md and "(s) " not in md


def test_counts_in_the_questions_agree_with_the_log(save: Path) -> None:
    loaded = store.load_save(save, explain=True)
    # from the log itself: each turn's orders, and the controls in force after each turn
    orders = [o for t in loaded.save.game.turns for o in t.orders]
    decoupled = sum(1 for o in orders if o.move == "decouple-sector")
    jointly, alone = controls_enacted(loaded.replay)
    started = [
        m
        for before, after in zip(loaded.replay.states, loaded.replay.states[1:], strict=False)
        for m in after.measures
        if m.kind == "export_control" and m.started == before.turn
    ]
    assert jointly + alone == len(started)
    assert alone == sum(1 for m in started if len(m.members) == 1)
    md = render(str(save), "md")
    assert f"enacted jointly {times(jointly)} and by one government alone {times(alone)}" in md
    if decoupled:
        assert f"a sector {times(decoupled)} in all" in md


def test_axis_ticks_are_round_numbers() -> None:
    for lo, hi in ((56.2, 98.0), (0.0, 100.0), (-0.16, 0.09), (61.3, 62.1)):
        ticks = nice_ticks(lo, hi)
        assert ticks[0] <= lo and ticks[-1] >= hi
        labels = [tick_label(t, ticks) for t in ticks]
        assert all(re.fullmatch(r"-?\d+(\.\d{1,2})?", x) for x in labels), labels
        steps = {round(b - a, 9) for a, b in zip(ticks, ticks[1:], strict=False)}
        assert len(steps) == 1
    assert nice_ticks(0.0, 100.0)[-1] == 100  # a 0-100 scale does not run past 100


def test_no_local_path_and_the_file_is_readable_by_the_group(save: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    old = os.umask(0o022)
    try:
        write_report(str(save), "html", str(out))
    finally:
        os.umask(old)
    assert stat.S_IMODE(out.stat().st_mode) == 0o644
    html = out.read_text(encoding="utf-8")
    assert str(save.parent) not in html and "handout.json" in html


_PROBE = """
<script>
window.addEventListener("load", () => {
  const root = document.documentElement;
  const wide = [...document.querySelectorAll("body *")].filter(
    (el) => el.getBoundingClientRect().right > root.clientWidth + 1);
  const charts = [...document.querySelectorAll("svg")].map((svg) => {
    const box = svg.getBoundingClientRect();
    const lines = [...svg.querySelectorAll("polyline")].filter(
      (p) => p.getTotalLength() > 0).length;
    return {width: box.width, height: box.height, lines: lines};
  });
  const probe = document.createElement("pre");
  probe.id = "probe";
  probe.textContent = JSON.stringify({
    page: root.scrollWidth, view: root.clientWidth, charts: charts,
    wide: wide.slice(0, 5).map((el) => el.tagName + " " + (el.textContent || "").slice(0, 40)),
  });
  document.body.appendChild(probe);
});
</script>
"""


def _measure(html: Path, width: int, height: int) -> dict:
    result = subprocess.run(
        [CHROMIUM or "chromium", *BROWSER_FLAGS, "--virtual-time-budget=5000",
         f"--window-size={width},{height}", "--dump-dom", html.as_uri()],
        capture_output=True, text=True, timeout=120, check=True,
    )  # fmt: skip
    found = re.search(r'<pre id="probe">(.*?)</pre>', result.stdout, re.S)
    assert found, result.stderr[-2000:]
    return json.loads(found.group(1).replace("&quot;", '"').replace("&amp;", "&"))


@pytest.mark.skipif(
    CHROMIUM is None,
    reason="chromium is not installed (apt-get install chromium; .ci/run installs it in CI)",
)
@pytest.mark.parametrize("size", [(794, 1123), (1920, 1080)], ids=["A4", "1920x1080"])
def test_the_html_report_in_a_real_browser(save: Path, tmp_path: Path, size: tuple) -> None:
    page = tmp_path / "report.html"
    page.write_text(render(str(save), "html").replace("</body>", _PROBE + "</body>"), "utf-8")
    seen = _measure(page, *size)
    assert seen["page"] <= seen["view"], seen  # nothing scrolls sideways
    assert seen["wide"] == [], seen
    assert seen["charts"], seen
    for chart in seen["charts"]:
        assert chart["width"] > 100 and chart["height"] > 50, chart
        assert chart["lines"] >= 1, chart  # every chart draws at least one line


def test_turning_points_are_the_same_on_the_end_screen_and_in_the_report(save: Path) -> None:
    from game.report.data import after_action
    from game.session import Session
    from game.tui.screens.end import turning_lines

    loaded = store.load_save(save, explain=True)
    report = after_action(loaded)
    turns = [p.turn for p in report.turning_points]
    assert turns == sorted(turns) and turns  # in the order they happened
    label = loaded.replay.scenario.turn_label.capitalize()
    shown = [line.plain.split(":")[0] for line in turning_lines(Session.from_loaded(loaded))]
    assert shown == [f"• {label} {t}" for t in turns]
    for p in report.turning_points:  # each says which part of the rule it meets
        assert p.why and all(w for w in p.why)


def test_a_section_per_team_tells_its_decisions_and_what_came_of_them(save: Path) -> None:
    from game.report.data import after_action

    loaded = store.load_save(save, explain=True)
    report = after_action(loaded)
    first, *others = report.teams
    assert (first.name, first.played_by, first.human) == ("Japan", "Blue cell (people)", True)
    assert not any(t.human for t in others) and len(report.teams) == 6
    md, html = render(str(save), "md"), render(str(save), "html")
    assert "### ★ Japan — Blue cell (people)" in md and "★ </span>Japan — Blue cell" in html
    assert "| Japan | Blue cell (people) |" in md
    log = loaded.save.game.turns
    for team in report.teams:
        assert len(team.turns) == len(log)
        # every order of the log is told, by display name, in its turn
        for t, entry in zip(team.turns, log, strict=True):
            assert len(t.decisions) == sum(1 for o in entry.orders if o.ally == team.ally)
        # unilateral play: each order is one move acted alone, and each gets its grade
        acted = sum(1 for entry in log for o in entry.orders if o.ally == team.ally)
        graded = [c.grade for t in team.turns for c in t.consequences if c.grade]
        assert team.summary.startswith(f"{acted} graded moves") and len(graded) == acted
        for grade in ("failed", "backfired"):  # every poor grade says why
            assert all(c.why for t in team.turns for c in t.consequences if c.grade == grade)
        conceded = sum(
            1
            for events in loaded.replay.events[1:]
            for e in events
            if e.kind == "concession" and e.actor == team.ally
        )
        told = sum(1 for t in team.turns for c in t.consequences if "concedes" in c.text)
        assert told == conceded

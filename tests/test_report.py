"""After-action reports: HTML that parses, is self-contained and carries SVG charts; Markdown with
sparklines; scenario text never interpreted; questions that paraphrase, never quote."""

from __future__ import annotations

import copy
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from attrs import evolve

from game.cli import main
from game.engine import build_scenario
from game.report import render
from game.report.charts import sparkline
from game.saves import store
from game.saves.autoplay import autoplay
from game.saves.format import with_checksum
from game.saves.replay import make_save
from game.scenarios import load_data, scenario_path

ARTICLE = Path("/work/shared/seed/collective-resilience-article.txt")
HOSTILE = '<script>alert("x")</script> & <b>bold</b> *star* [link](http://example.com) | pipe'
VOID = {"meta", "br", "img", "hr", "input", "link", "rect", "line", "polyline"}


class Checker(HTMLParser):
    """Checks that every element is closed in order and records tags, attributes and text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []
        self.text: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs += attrs
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs += attrs

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes <{self.stack[-1] if self.stack else None}>")
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _save(
    tmp_path: Path, name: str, data: dict, policy: str = "coordinated", seed: int = 2
) -> Path:
    scenario = build_scenario(data)
    save = autoplay(scenario, data, policy, scenario.default_difficulty, seed, name)
    return store.write_save(save, store.save_path(name, tmp_path))


@pytest.fixture(scope="module")
def default_save(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = load_data(scenario_path("collective-resilience"))
    return _save(tmp_path_factory.mktemp("saves"), "default", data)


@pytest.fixture(scope="module")
def hostile_save(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = copy.deepcopy(load_data(scenario_path("seminar-short")))
    data["scenario"]["title"] = f"Title {HOSTILE}"
    data["scenario"]["briefing"] = f"# Heading? {HOSTILE}"
    data["allies"][0]["name"] = f"Ally {HOSTILE}"
    data["allies"][0]["objective"]["text"] = f"- objective {HOSTILE}"
    return _save(tmp_path_factory.mktemp("saves"), "hostile", data, "unilateral", 5)


def test_the_html_report_parses_is_self_contained_and_has_svg_charts(default_save: Path) -> None:
    html = render(str(default_save), "html")
    checker = Checker()
    checker.feed(html)
    checker.close()
    assert checker.errors == [] and checker.stack == []
    assert html.startswith("<!DOCTYPE html>")
    assert checker.tags.count("svg") >= 4 and "polyline" in checker.tags
    assert "script" not in checker.tags and "link" not in checker.tags and "img" not in checker.tags
    for name, value in checker.attrs:
        if name in ("src", "href"):
            raise AssertionError(f"external reference {name}={value}")
    text = " ".join(checker.text)
    for needed in ("Scenario and teams", "Turning points", "Discussion questions", "Quarter 12"):
        assert needed in text
    assert "Sayers" in text and "Glosserman" in text and "Forget decoupling" in text
    assert "China's responses" in text and "Why:" in text
    assert re.search(r"\[(success|partial|failed|backfired)\]", text)


def test_the_markdown_report_has_every_section_and_sparklines(default_save: Path) -> None:
    md = render(str(default_save), "md")
    for heading in (
        "# After-action report: Collective Resilience",
        "## Scenario and teams",
        "## Result",
        "## Key figures over time",
        "## Turning points",
        "## Turn by turn",
        "### Quarter 12",
        "## Discussion questions",
    ):
        assert heading in md
    assert re.search("`[▁▂▃▄▅▆▇█]{13}`", md)  # start and twelve turns
    assert "**Orders**" in md and "**China's responses**" in md and "Why:" in md


def test_scenario_text_is_never_interpreted(hostile_save: Path) -> None:
    html = render(str(hostile_save), "html")
    checker = Checker()
    checker.feed(html)
    assert checker.errors == [] and "script" not in checker.tags and "b" not in checker.tags
    assert '<script>alert("x")</script>' in " ".join(checker.text)  # shown as text
    md = render(str(hostile_save), "md")
    assert "<script>" not in md and "\\<script\\>" in md
    assert "\\[link\\](http://example.com)" in md and "\\*star\\*" in md and "\\|" in md
    assert "\n# Heading" not in md and "\\# Heading?" in md
    assert "| \\- objective" in md


def test_questions_cite_the_article_and_copy_no_sentence(default_save: Path) -> None:
    md = render(str(default_save), "md")
    questions = md[md.index("## Discussion questions") :]
    words = lambda s: re.findall(r"[a-z']+", s.lower().replace("\\", ""))  # noqa: E731
    article = " ".join(words(ARTICLE.read_text(encoding="utf-8")))
    ours = words(questions.split("Questions paraphrase")[0])
    copied = [
        " ".join(ours[i : i + 7])
        for i in range(len(ours) - 6)
        if " ".join(ours[i : i + 7]) in article
    ]
    assert copied == []
    assert len(re.findall(r"^\d+\. ", questions, flags=re.M)) >= 6


def test_report_of_a_game_in_progress_and_of_a_save_that_does_not_replay(
    tmp_path: Path, default_save: Path
) -> None:
    loaded = store.load_save(default_save)
    game, states = loaded.save.game, loaded.replay.states
    partial = make_save(evolve(game, turns=game.turns[:5]), states[5])
    path = store.write_save(partial, tmp_path / "partial.json")
    md = render(str(path), "md")
    assert "Game in progress" in md and "### Quarter 5" in md and "### Quarter 6" not in md
    doc = json.loads(default_save.read_bytes())
    doc["state"]["coalition"]["cohesion"] = 1.0
    edited = tmp_path / "edited.json"
    edited.write_text(json.dumps(with_checksum(doc)))
    html = render(str(edited), "html")
    assert "Warning:" in html and "state.coalition.cohesion" in html


def test_report_command_writes_files_and_refuses_bad_input_cleanly(
    tmp_path: Path, default_save: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "aar.html"
    assert main(["report", str(default_save), "--format", "html", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert capsys.readouterr().out.strip() == f"wrote {out}"
    assert main(["report", str(default_save)]) == 0
    assert capsys.readouterr().out.startswith("# After-action report")
    (tmp_path / "bad.json").write_text("{not json")
    assert main(["report", str(tmp_path / "bad.json"), "-o", str(tmp_path / "x.md")]) == 1
    err = capsys.readouterr().err
    assert "not readable JSON" in err and "Traceback" not in err
    assert not (tmp_path / "x.md").exists()
    assert main(["report", str(default_save), "-o", str(tmp_path / "no" / "dir" / "x.md")]) == 0


def test_sparklines_span_the_blocks() -> None:
    assert sparkline((0.0, 1.0, 2.0)) == "▁▅█"
    assert sparkline((3.0, 3.0)) == "▄▄" and sparkline(()) == ""

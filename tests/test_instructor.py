"""An instructor's own scenarios, end to end: found, validated in the author's terms,
documented by id, balanced, shown legibly and saved where expected.

The fixtures in tests/instructor/ are written as an instructor writes them: a new ally and a
joint move (with-uk), renamed sectors (renamed-sectors), a custom tool and doctrine rule
(custom-tool), a four-quarter class (four-turns), long authored names (long-names); and in
tests/instructor/mistakes/ files with the typical mistakes.
"""

from __future__ import annotations

import asyncio
import re
import shutil
from pathlib import Path

import pytest
from rich.console import Console
from textual.widgets import OptionList

from game.authoring.balance import Balance, balance_lines
from game.authoring.show import DOCS, docs_block, reference
from game.authoring.tiers import inherited_tier_warnings
from game.cli import main
from game.engine import ScenarioError
from game.engine.wording import lead_in
from game.saves.errors import SaveError
from game.saves.location import default_saves_dir, save_target, source_checkout
from game.scenarios import builtin_dir, load, scenario_path
from game.tui.abbrev import abbreviate

HERE = Path(__file__).parent / "instructor"
MISTAKES = HERE / "mistakes"
DEFAULT = builtin_dir() / "collective-resilience.toml"
VALID = ["with-uk", "renamed-sectors", "custom-tool", "four-turns", "long-names"]


def _problems(path: Path) -> ScenarioError:
    with pytest.raises(ScenarioError) as err:
        load(path)
    return err.value


def _line(path: Path, pattern: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if re.search(pattern, line))


def _child(tmp_path: Path, body: str, name: str = "child.toml") -> Path:
    path = tmp_path / name
    path.write_text('extends = "collective-resilience"\n' + body, encoding="utf-8")
    return path


# -- 1. found everywhere --------------------------------------------------------------------


@pytest.mark.parametrize("name", VALID)
def test_every_instructor_fixture_validates(name: str) -> None:
    assert load(HERE / f"{name}.toml").id == name


def test_commands_find_scenarios_in_scenarios_dir_by_name(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["validate", "four-turns", "--scenarios-dir", str(HERE)]) == 0
    assert "'Four Quarters' (four-turns): 4 quarters" in capsys.readouterr().out
    assert main(["show", "custom-tool", "--scenarios-dir", str(HERE)]) == 0
    assert "`sanction-officials`" in capsys.readouterr().out


def test_extends_finds_a_scenario_beside_the_file_by_name(tmp_path: Path) -> None:
    shutil.copy(HERE / "four-turns.toml", tmp_path / "class-base.toml")
    child = tmp_path / "class-a.toml"
    child.write_text(
        'extends = "class-base"\n[scenario]\nid = "class-a"\ntitle = "Class A"\n',
        encoding="utf-8",
    )
    assert load(child).turns == 4


def test_help_documents_the_bare_commands_options_and_folders(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    for option in ("--scenarios-dir", "--saves-dir", "--no-hints"):
        assert option in out
    assert str(default_saves_dir()) in " ".join(out.split())


async def _new_game_lists(folder: Path) -> list[str]:
    from game.tui.app import ResilienceApp

    app = ResilienceApp(scenarios_dirs=[folder], saves_dir=folder / "saves")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        options = app.screen.query_one("#scenario-list", OptionList)
        chosen = app.screen.scenario.id  # type: ignore[attr-defined]
        listed = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        return [chosen, *listed]


def test_new_game_lists_scenarios_dir_scenarios_first_with_their_origin(
    tmp_path: Path, quick_idle: None
) -> None:
    folder = tmp_path / "seminar"
    folder.mkdir()
    shutil.copy(HERE / "four-turns.toml", folder)
    chosen, *listed = asyncio.run(_new_game_lists(folder))
    assert chosen == "four-turns"  # started with --scenarios-dir: its scenario is chosen
    assert listed[0] == "Four Quarters · from seminar/"
    assert "Collective Resilience · shipped" in listed


# -- 2. errors in the author's own terms ------------------------------------------------------


def test_a_typo_in_a_new_ally_is_named_by_id_at_the_authors_line() -> None:
    path = MISTAKES / "with-uk.toml"
    err = _problems(path)
    typo = next(p for p in err.problems if p.path == "allies[uk].resolv")
    assert typo.line == _line(path, r"^resolv =") and typo.file is None
    assert "did you mean 'resolve'" in typo.message


def test_a_parents_entry_broken_by_a_remove_is_reported_in_the_parent_naming_the_remove() -> None:
    path = MISTAKES / "with-uk.toml"
    err = _problems(path)
    swing = next(p for p in err.problems if p.path == "events[election-swing].target")
    assert swing.file == str(DEFAULT)
    assert swing.line == _line(DEFAULT, r'^target = "korea"')
    assert "inherited from collective-resilience" in swing.message
    assert f"broken by your [remove] at {path}:{_line(path, r'^allies = ')}" in swing.message
    assert swing.format(str(path)).startswith(f"{DEFAULT}:{swing.line}: ")


def test_a_new_sector_missing_from_the_parents_allies_says_where_to_add_it() -> None:
    err = _problems(MISTAKES / "with-uk.toml")
    us = next(p for p in err.problems if p.path == "allies[us].sectors.tourism")
    assert us.file == str(DEFAULT) and us.line == _line(DEFAULT, r"^\[allies\.sectors\]")
    assert 'write [[allies]] id = "us" with the key' in us.message


def test_a_removed_sector_leaves_the_allies_tables_and_names_the_tool_that_uses_it() -> None:
    path = MISTAKES / "sector-removed-but-used.toml"
    err = _problems(path)
    assert not any("tourism_education" in p.path for p in err.problems)  # tables follow
    tool = next(p for p in err.problems if p.path == "tools[tourism-ban].sector")
    assert "unknown sector 'tourism_education'" in tool.message
    assert f"broken by your [remove] at {path}:" in tool.message
    assert [p.path for p in err.problems].count("tools[tourism-ban].sector") == 1  # one error


def test_a_custom_tool_and_rule_are_named_by_id_at_their_lines(tmp_path: Path) -> None:
    text = (HERE / "custom-tool.toml").read_text(encoding="utf-8")
    text = text.replace('{ who = "target", var = "defiance"', '{ who = "self", var = "defiance"')
    text = text.replace('tool = "sanction-officials"', 'tool = "sanction-oficials"')
    path = tmp_path / "custom-tool.toml"
    path.write_text(text, encoding="utf-8")
    err = _problems(path)
    where = {p.path: p.line for p in err.problems}
    assert where["tools[sanction-officials].effects[1].who"] == _line(path, 'who = "self"')
    assert where["china.doctrine[sanction-critics].tool"] == _line(path, r"^tool = ")
    assert all(p.file is None for p in err.problems)


def test_the_docs_example_is_what_validate_prints_for_the_fixture(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    docs = DOCS.read_text(encoding="utf-8")
    block = docs.split("**In a file that extends another**")[1].split("```text\n")[1]
    example = block.split("```")[0].splitlines()
    monkeypatch.chdir(MISTAKES)
    assert main(["validate", "with-uk.toml"]) == 1
    printed = capsys.readouterr().err.replace(str(builtin_dir()), ".../scenarios")
    for line in example:
        assert line in printed.splitlines()


# -- 3. BOM, CRLF, duplicates, did-you-mean ------------------------------------------------------


def test_a_byte_order_mark_and_crlf_line_endings_are_accepted(tmp_path: Path) -> None:
    text = (HERE / "with-uk.toml").read_text(encoding="utf-8").replace("\n", "\r\n")
    path = tmp_path / "with-uk.toml"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert load(path).allies[-1].name == "United Kingdom"
    broken = tmp_path / "typo.toml"
    broken.write_bytes(b"\xef\xbb\xbf" + text.replace("resolve = 58", "resolv = 58").encode())
    typo = next(p for p in _problems(broken).problems if p.path == "allies[uk].resolv")
    assert typo.line == _line(HERE / "with-uk.toml", r"^resolve =")


def test_a_duplicate_id_in_an_extending_file_is_an_error_naming_both_lines(
    tmp_path: Path,
) -> None:
    move = (HERE / "with-uk.toml").read_text(encoding="utf-8").split("[[moves]]")[1]
    path = _child(tmp_path, "[[moves]]" + move + "\n[[moves]]" + move.replace("= 1\n", "= 2\n"))
    err = _problems(path)
    dup = next(p for p in err.problems if "duplicate" in p.message)
    first, second = [i for i, line in enumerate(path.read_text().splitlines(), 1) if "wto" in line]
    assert dup.path == "moves[wto-case].id" and dup.line == second
    assert f"first at line {first - 1}" in dup.message  # the first entry's [[moves]] header


def test_an_unknown_sector_gets_a_did_you_mean_and_the_list_and_only_one_error(
    tmp_path: Path,
) -> None:
    text = (HERE / "with-uk.toml").read_text(encoding="utf-8")
    path = tmp_path / "with-uk.toml"
    path.write_text(text.replace("tourism_education =", "tourism ="), encoding="utf-8")
    err = _problems(path)
    assert [p.path for p in err.problems] == ["allies[uk].sectors.tourism"]
    message = err.problems[0].message
    assert "did you mean 'tourism_education'?" in message
    assert "the sectors are: semiconductors, telecom_digital" in message


def test_a_remove_of_an_unknown_id_lists_the_ids_there_are(tmp_path: Path) -> None:
    err = _problems(_child(tmp_path, '[remove]\nmoves = ["blanket-visa"]\n'))
    (problem,) = err.problems
    assert problem.path == "remove.moves" and problem.line == 3
    assert "did you mean 'blanket-visa-ban'?" in problem.message
    assert "export-controls" in problem.message and "public-communication" in problem.message


# -- 4. show and the generated reference -------------------------------------------------------


def test_show_lists_ids_and_rules_in_the_order_china_tries_them(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["show", str(HERE / "custom-tool.toml")]) == 0
    out = capsys.readouterr().out
    rules = re.findall(r"^\d+\. `([^`]+)` \(priority (-?\d+)\)", out, flags=re.M)
    assert rules[0] == ("sanction-critics", "10")  # priority 10 puts the new rule first
    assert len(rules) == 9
    for word in ("`korea`", "`tourism_education`", "`wto-ruling`"):
        assert word in out
    assert "decisive >= 93" in out and "wolf-warrior" in out


def test_the_docs_reference_of_the_default_scenario_matches_the_file() -> None:
    block = docs_block(load(DEFAULT), "collective-resilience")
    assert block in DOCS.read_text(encoding="utf-8"), (
        "docs/scenarios.md is out of date: run .venv/bin/python -m game.authoring.show --write-docs"
    )


def test_show_text_is_plain(tmp_path: Path) -> None:
    text = (HERE / "four-turns.toml").read_text(encoding="utf-8")
    path = tmp_path / "x.toml"
    path.write_text(text.replace("Four Quarters", "Four [bold]Quarters\\u001b[2J"))
    lines = reference(load(path), "x")
    assert "\x1b" not in "\n".join(lines) and "[bold]" in lines[0]


# -- 5. victory that scales ---------------------------------------------------------------------


def test_a_four_turn_scenario_inheriting_its_tiers_is_warned_at_its_turns_line() -> None:
    path = HERE / "four-turns.toml"
    (warning,) = inherited_tier_warnings(path)
    assert warning.startswith(f"{path}:{_line(path, r'^turns = 4')}: warning: turns is 4, not 12")
    assert "set for 12 quarters and 6 allies" in warning and "--check-balance" in warning


def test_adding_an_ally_without_new_tiers_is_warned_and_setting_tiers_is_not() -> None:
    (warning,) = inherited_tier_warnings(HERE / "with-uk.toml")
    assert "adds allies uk" in warning
    assert inherited_tier_warnings(HERE / "renamed-sectors.toml") == []  # sets its tiers
    assert inherited_tier_warnings(builtin_dir() / "seminar-short.toml") == []


def test_validate_prints_warnings_without_failing(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(HERE / "four-turns.toml")]) == 0
    assert ": warning: turns is 4" in capsys.readouterr().out


def _balance(ref: list[float], passive: list[float], marginal: float) -> Balance:
    wins = sum(s >= marginal for s in ref) / len(ref)
    passive_wins = sum(s >= marginal for s in passive) / len(passive)
    return Balance("assertive", len(ref), wins, passive_wins, tuple(ref), tuple(passive))


def test_balance_warns_outside_20_to_80_percent_and_when_passive_wins() -> None:
    s = load(HERE / "four-turns.toml")  # marginal 78.5
    low = _balance([70.0, 71.0, 72.0, 73.0, 74.0], [40.0, 41.0], 78.5)
    lines, warned = balance_lines(s, "x", low)
    assert warned and any("wins under 20%" in line for line in lines)
    assert "[victory] decisive = 74.0, marginal = 72.0" in lines[-1]
    high = _balance([80.0, 81.0, 82.0, 83.0, 84.0], [79.0, 30.0], 78.5)
    lines, warned = balance_lines(s, "x", high)
    assert any("over 80%" in line for line in lines)
    assert any("passive allies (doing nothing) win 50%" in line for line in lines)
    fair = _balance([70.0, 75.0, 79.0, 80.0], [40.0], 78.5)
    assert balance_lines(s, "x", fair)[1] is False


def test_check_balance_plays_quick_games_on_a_four_turn_scenario(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["validate", "--check-balance", str(HERE / "four-turns.toml")]) == 0
    out = capsys.readouterr().out
    assert "balance: at assertive, 40 games each: coordinated wins 0%" in out
    assert "warning: coordinated play wins under 20%" in out
    assert "suggestion: [victory] decisive = " in out


def test_the_starter_sets_tiers_and_points_to_check_balance(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "my-class.toml"
    assert main(["new-scenario", str(path)]) == 0
    assert f"resilience validate --check-balance {path}" in capsys.readouterr().out
    assert inherited_tier_warnings(path) == []


# -- 6. authored names shown legibly ------------------------------------------------------------


def test_no_doubled_word_when_a_joint_moves_name_says_joint() -> None:
    assert lead_in("a joint", "Joint WTO case") == "a Joint WTO case"
    assert lead_in("a joint", "Export controls") == "a joint Export controls"
    assert lead_in("a joint", "The G7 platform") == "The G7 platform"


def test_the_proposal_news_line_does_not_double_joint() -> None:
    from game.engine import Order, new_game, resolve_turn

    s = load(HERE / "long-names.toml")
    state, _ = new_game(s, seed=1, difficulty="assertive")
    orders = [Order("us", "wto-case", kind="propose")]
    _, events = resolve_turn(s, state, orders)
    line = next(e.text for e in events if e.kind == "propose")
    assert "proposes a Joint WTO case" in line and "joint Joint" not in line


@pytest.mark.parametrize(
    ("name", "width", "shown"),
    [
        ("Artificial intelligence", 17, "Artificial intel."),
        ("Tourism and international education", 22, "Tourism & inter. educ."),
        ("Semiconductors", 14, "Semiconductors"),
    ],
)
def test_long_names_are_abbreviated_by_words(name: str, width: int, shown: str) -> None:
    assert abbreviate(name, width) == shown
    assert len(abbreviate(name, width)) <= width


async def _dashboard_text(path: Path) -> tuple[str, str, str]:
    from game.scenarios import load_data
    from game.session import Session
    from game.tui.app import ResilienceApp
    from game.tui.widgets.china import ChinaPanel
    from game.tui.widgets.exposure import ExposureMap

    folder = path.parent / "saves"
    session = Session.start(
        load(path), 1, "assertive", ("us",), data=load_data(path), saves_dir=folder
    )
    app = ResilienceApp(saves_dir=folder, session=session)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        console = Console(width=200, color_system=None, force_terminal=False)

        def render(widget: object) -> str:
            with console.capture() as capture:
                console.print(widget.content)  # type: ignore[attr-defined]
            return capture.get()

        exports = render(app.screen.query_one(ExposureMap))
        await pilot.press("i")
        await pilot.pause()
        imports = render(app.screen.query_one(ExposureMap))
        china = render(app.screen.query_one(ChinaPanel))
        return exports, imports, china


def test_the_heat_map_switches_to_import_dependence_and_names_read_whole(
    tmp_path: Path, quick_idle: None
) -> None:
    shutil.copy(HERE / "long-names.toml", tmp_path)
    exports, imports, china = asyncio.run(_dashboard_text(tmp_path / "long-names.toml"))
    assert "Sold to China, % of output (i: imports)" in exports
    assert "Inputs from China, % of needs (i: exports)" in imports
    minerals = next(line for line in imports.splitlines() if line.startswith("Rare-earth"))
    assert minerals.startswith("Rare-earth min. & pro.")
    us_japan_eu = minerals.split()[-6:-3]  # the default's import dependence, after resilience
    assert us_japan_eu == ["72", "42", "86"]
    assert "Artificial in… lead" in china  # shortened to fit the panel at 80x24


# -- 7. saves where users expect them ---------------------------------------------------------


def test_save_a_bare_name_goes_to_the_saves_folder_and_a_path_is_written_as_given(
    tmp_path: Path,
) -> None:
    assert save_target("seminar a", tmp_path) == tmp_path / "seminar-a.json"
    assert save_target("seminar-a.json", tmp_path) == tmp_path / "seminar-a.json"
    elsewhere = tmp_path / "other" / "x"
    elsewhere.parent.mkdir()
    assert save_target(str(elsewhere), tmp_path / "saves") == elsewhere


def test_save_refuses_only_to_overwrite_a_file_that_is_not_a_save(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    notes = tmp_path / "notes.json"
    notes.write_text("my lecture notes", encoding="utf-8")
    with pytest.raises(SaveError, match="not a save of this game: not overwriting it"):
        save_target(str(notes))
    target = tmp_path / "x"
    args = ["autoplay", "--scenario", str(HERE / "four-turns.toml"), "--save", str(target)]
    assert main(args) == 0 and target.is_file()
    assert f"wrote {target}:" in capsys.readouterr().out
    assert main(args) == 0  # overwriting a save is fine
    assert main([*args[:-1], str(notes)]) == 1
    assert notes.read_text(encoding="utf-8") == "my lecture notes"


def test_save_refuses_a_special_file_or_a_link(tmp_path: Path) -> None:
    import os

    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    with pytest.raises(SaveError, match="not a regular file"):
        save_target(str(fifo))
    link = tmp_path / "link.json"
    link.symlink_to(tmp_path / "elsewhere.json")
    with pytest.raises(SaveError, match="symbolic link"):
        save_target(str(link))


def test_the_default_saves_folder_is_the_checkouts_saves_folder_wherever_we_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = source_checkout()
    assert root is not None  # the tests run from a checkout
    monkeypatch.chdir(tmp_path)
    assert default_saves_dir() == root / "saves"
    assert scenario_path("four-turns", [HERE]) == HERE / "four-turns.toml"


def test_an_installed_game_saves_in_the_per_user_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    import game.saves.location as location

    monkeypatch.setattr(location, "source_checkout", lambda: None)
    folder = location.default_saves_dir()
    assert folder.name == "saves" and "collective-resilience" in str(folder)


async def _load_screen_heading(folder: Path) -> str:
    from textual.widgets import Static

    from game.tui.app import ResilienceApp

    app = ResilienceApp(saves_dir=folder)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("l")
        await pilot.pause()
        return str(app.screen.query_one("#load-info", Static).render())


def test_the_load_screen_names_the_saves_folder(tmp_path: Path, quick_idle: None) -> None:
    assert str(tmp_path) in asyncio.run(_load_screen_heading(tmp_path))

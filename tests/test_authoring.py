"""Scenario authoring: the format reference, validate, inheritance, templates, the schema."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.authoring.schema import recorded_keys, scenario_schema
from game.authoring.template import write_template
from game.cli import main
from game.engine import ScenarioError, parse_scenario
from game.scenarios import RESOLVER, builtin_dir, load

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = builtin_dir() / "collective-resilience.toml"
DOCS = (ROOT / "docs" / "scenarios.md").read_text(encoding="utf-8")


def test_every_key_the_loader_accepts_is_documented() -> None:
    missing = [path for path in recorded_keys() if f"`{path}`" not in DOCS]
    assert not missing, f"keys missing from docs/scenarios.md: {missing}"


def test_every_shipped_scenario_passes_the_json_schema() -> None:
    schema = scenario_schema()
    for path in builtin_dir().glob("*.toml"):
        jsonschema.validate(tomllib.loads(path.read_text(encoding="utf-8")), schema)


def test_the_schema_rejects_unknown_keys_and_out_of_range_values() -> None:
    schema = scenario_schema()
    data = tomllib.loads(DEFAULT.read_text(encoding="utf-8"))
    data["allies"][0]["resolv"] = 3
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)
    data = tomllib.loads(DEFAULT.read_text(encoding="utf-8"))
    data["allies"][0]["resolve"] = 140
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)


def test_schema_command_prints_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    assert '"$schema"' in capsys.readouterr().out


def test_validate_summarises_valid_files(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(DEFAULT)]) == 0
    out = capsys.readouterr().out
    assert ": ok: 'Collective Resilience'" in out and "12 quarters, 6 allies" in out


def test_validate_reports_every_error_with_file_line_and_key_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = DEFAULT.read_text(encoding="utf-8")
    text = text.replace("turns = 12", 'turns = "twelve"')
    text = text.replace('selector = "most_defiant"', 'selector = "most_defant"', 1)
    text = re.sub(r"^decisive = \d+", "decisive = 186", text, count=1, flags=re.M)
    bad = tmp_path / "bad.toml"
    bad.write_text(text, encoding="utf-8")
    assert main(["validate", str(bad), str(DEFAULT)]) == 1
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if line.startswith(str(bad))]
    assert len(lines) == 3
    for key in ("scenario.turns", "china.doctrine[punish-defiance].selector", "victory.decisive"):
        assert re.search(rf"bad\.toml:\d+: {re.escape(key)}: ", err), key
    assert "did you mean 'most_defiant'" in err


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "required key is missing"),
        (b"\x00\xff\xfe garbage \x81", "not UTF-8"),
        (b"[scenario\nid = 1", "invalid TOML"),
        (b"x" * 1_000_001, "over the 1,000,000-byte limit"),
    ],
)
def test_validate_never_crashes_on_bad_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, message: str
) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_bytes(content)
    assert main(["validate", str(bad)]) == 1
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_new_scenario_writes_a_starter_that_validates(tmp_path: Path) -> None:
    path = tmp_path / "my-class.toml"
    assert main(["new-scenario", str(path)]) == 0
    scenario = load(path)
    assert scenario.id == "my-class" and scenario.turns == 8
    assert "blanket-visa-ban" not in [m.id for m in scenario.moves]
    assert main(["new-scenario", str(path)]) == 1  # refuses to overwrite


def test_write_template_refuses_a_file_that_is_not_toml(tmp_path: Path) -> None:
    from game.engine import GameError

    with pytest.raises(GameError):
        write_template(tmp_path / "notes.txt")


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_extends_overrides_only_what_the_file_changes(tmp_path: Path) -> None:
    parent = load(DEFAULT)
    child = load(
        _write(
            tmp_path,
            "child.toml",
            'extends = "collective-resilience"\n[scenario]\nturns = 6\n'
            '[[allies]]\nid = "japan"\nresolve = 40\n'
            '[[events]]\nid = "new-event"\ntitle = "T"\ntext = "X"\nturn = 2\n'
            'effects = [ { who = "coalition", var = "cohesion", amount = 2 } ]\n'
            '[remove]\nmoves = ["blanket-visa-ban"]\n',
        )
    )
    assert child.turns == 6 and child.title == parent.title
    japan = next(a for a in child.allies if a.id == "japan")
    assert japan.resolve == 40
    assert japan.alignment == next(a for a in parent.allies if a.id == "japan").alignment
    assert [e.id for e in child.events][-1] == "new-event"
    assert len(child.moves) == len(parent.moves) - 1


def test_extends_a_relative_path_and_reports_cycles(tmp_path: Path) -> None:
    _write(tmp_path, "base.toml", 'extends = "collective-resilience"\n[scenario]\nturns = 7\n')
    assert load(_write(tmp_path, "leaf.toml", 'extends = "base.toml"\n')).turns == 7
    _write(tmp_path, "a.toml", 'extends = "b.toml"\n')
    _write(tmp_path, "b.toml", 'extends = "a.toml"\n')
    with pytest.raises(ScenarioError, match="inheritance cycle"):
        load(tmp_path / "a.toml")
    with pytest.raises(ScenarioError, match="did you mean 'collective-resilience'"):
        load(_write(tmp_path, "c.toml", 'extends = "colective-resilience"\n'))
    with pytest.raises(ScenarioError, match="no moves entry 'nope'"):
        load(
            _write(
                tmp_path,
                "d.toml",
                'extends = "collective-resilience"\n[remove]\nmoves = ["nope"]\n',
            )
        )


def test_the_worked_example_in_the_docs_validates(tmp_path: Path) -> None:
    block = DOCS.split("## Worked example")[1].split("```toml\n")[1].split("```")[0]
    scenario = load(_write(tmp_path, "with-uk.toml", block))
    assert "uk" in [a.id for a in scenario.allies]
    assert "export-credit" in [m.id for m in scenario.moves]


def test_scenarios_lists_invalid_files_without_failing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _write(tmp_path, "broken.toml", "[scenario]\nturns = 'x'\n")
    assert main(["scenarios", "--scenarios-dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "collective-resilience" in out and "broken" in out and "INVALID" in out


def test_scenario_text_is_never_read_as_markup(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = DEFAULT.read_text(encoding="utf-8").replace(
        'title = "Collective Resilience"', 'title = "[bold red]Marked[/] [link=http://x]up[/link]"'
    )
    path = _write(tmp_path, "markup.toml", text)
    assert main(["validate", str(path)]) == 0
    assert "[bold red]Marked[/] [link=http://x]up[/link]" in capsys.readouterr().out


# -- mutations: whatever an author does to a valid file, a clean error naming the key ----------

_TEXT = DEFAULT.read_text(encoding="utf-8")
_LINES = _TEXT.splitlines()
_ASSIGN = [i for i, line in enumerate(_LINES) if re.match(r"^[a-z_]+ *= *\S", line)]
_NUMBER = [i for i in _ASSIGN if re.match(r"^[a-z_]+ *= *-?[0-9]", _LINES[i])]
_HEADERS = [i for i, line in enumerate(_LINES) if line.startswith("[")]
_NAMES = [i for i in _ASSIGN if _LINES[i].startswith("name = ")]
_TOOL_REFS = [i for i in _ASSIGN if _LINES[i].startswith("tool = ")]


def _mutate(kind: str, pick: int) -> str:
    lines = list(_LINES)
    if kind == "type":
        i = _ASSIGN[pick % len(_ASSIGN)]
        key, value = lines[i].split("=", 1)
        lines[i] = f"{key}= true" if value.strip().startswith('"') else f'{key}= "oops"'
    elif kind == "range":
        i = _NUMBER[pick % len(_NUMBER)]
        lines[i] = lines[i].split("=", 1)[0] + "= 1e12"
    elif kind == "unknown":
        lines.insert(_HEADERS[pick % len(_HEADERS)] + 1, "colour_scheme = 3")
    elif kind == "delete":
        del lines[_NAMES[pick % len(_NAMES)]]
    elif kind == "rename":
        i = _TOOL_REFS[pick % len(_TOOL_REFS)]
        lines[i] = 'tool = "no-such-tool"'
    else:  # truncate
        return _TEXT[: 200 + pick % (len(_TEXT) * 9 // 10)]
    return "\n".join(lines) + "\n"


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    kind=st.sampled_from(["type", "range", "unknown", "delete", "rename", "truncate"]),
    pick=st.integers(min_value=0, max_value=10_000),
)
def test_mutated_scenarios_give_a_clean_error_naming_the_key(kind: str, pick: int) -> None:
    text = _mutate(kind, pick)
    with pytest.raises(ScenarioError) as err:
        parse_scenario(text.encode("utf-8"), "mutant.toml", resolver=RESOLVER)
    problems = err.value.problems
    assert problems
    for p in problems:
        assert p.path or p.message.startswith("invalid TOML"), p
        assert p.format("mutant.toml").startswith("mutant.toml")


SHIPPED = sorted(p.stem for p in builtin_dir().glob("*.toml"))


def test_there_are_at_least_four_shipped_scenarios() -> None:
    assert {"collective-resilience", "seminar-short", "chip-controls", "australia-2020"} <= set(
        SHIPPED
    )


@pytest.mark.parametrize("name", SHIPPED)
def test_every_shipped_scenario_plays_to_the_end_under_every_policy(name: str) -> None:
    from game.ai.policies import POLICIES, SEARCH_POLICIES
    from game.sim.play import play_game

    scenario = load(builtin_dir() / f"{name}.toml")
    for policy in (POLICIES[p] for p in sorted(set(POLICIES) - SEARCH_POLICIES)):
        state, _ = play_game(
            scenario, 1, scenario.default_difficulty, {a.id: policy for a in scenario.allies}
        )
        assert state.over and 0.0 <= state.outcome.score <= 100.0


def _events_by_turn(scenario_text: str, tmp_path: Path, turns: int = 5) -> dict[int, list]:
    from game.engine import new_game, resolve_turn

    scenario = load(_write(tmp_path, "events.toml", scenario_text))
    state, events = new_game(scenario, 3)
    by_turn = {1: events}
    for _ in range(turns - 1):
        state, events = resolve_turn(scenario, state, [])
        if state.over:
            break
        by_turn[state.turn] = [e for e in events if e.phase == "briefing"]
    return by_turn


def test_conditional_events_fire_once_when_their_conditions_hold(tmp_path: Path) -> None:
    text = (
        'extends = "collective-resilience"\n[scenario]\ndeck_chance = 0\n'
        '[[events]]\nid = "from-turn-three"\ntitle = "Third"\ntext = "T"\n'
        'when = [ { var = "turn", op = ">=", value = 3 } ]\n'
        'effects = [ { who = "coalition", var = "cohesion", amount = 1 } ]\n'
        '[[events]]\nid = "never"\ntitle = "Never"\ntext = "N"\nweight = 1000\n'
        'when = [ { var = "turn", op = ">", value = 99 } ]\n'
        'effects = [ { who = "coalition", var = "cohesion", amount = 1 } ]\n'
    )
    by_turn = _events_by_turn(text, tmp_path)
    fired = {t: [e.cause for e in ev if e.kind == "event"] for t, ev in by_turn.items()}
    assert [t for t, causes in fired.items() if "from-turn-three" in causes] == [3]
    assert not any("never" in causes for causes in fired.values())


def test_briefing_text_appears_at_its_turn(tmp_path: Path) -> None:
    text = (
        'extends = "collective-resilience"\n'
        '[[briefings]]\nturn = 2\ntext = "[bold]Second quarter[/bold] notes"\n'
    )
    by_turn = _events_by_turn(text, tmp_path, turns=3)
    texts = {t: [e.text for e in ev if e.kind == "briefing"] for t, ev in by_turn.items()}
    assert texts[2] == ["[bold]Second quarter[/bold] notes"]
    assert texts[1] == []

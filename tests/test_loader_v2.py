"""The scenario loader of engine v2: the [tuning] table, tools as data (channel, effects in the
tool vocabulary, summary), doctrine rules that say where they sit and whom they aim at, the
resolver for ``extends``, and the save migration that gives old tools their numbers.

Everything here loads and checks scenarios; nothing plays a turn.
"""

from __future__ import annotations

import copy
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import attrs
import jsonschema
import pytest

from game.authoring.schema import scenario_schema
from game.engine import (
    RELATIVE,
    Effect,
    ScenarioError,
    Tool,
    Tuning,
    build_scenario,
    load_scenario,
    parse_scenario,
    tuning_keys,
)
from game.engine.doctrine import rule_order
from game.saves.canonical import content_hash
from game.saves.migrate import migrate
from game.scenarios import RESOLVER, builtin_dir, builtin_names, load, load_data

ROOT = Path(__file__).resolve().parent.parent
DOCS = (ROOT / "docs" / "scenarios.md").read_text(encoding="utf-8")
DEFAULT = builtin_dir() / "collective-resilience.toml"


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _child(tmp_path: Path, body: str, name: str = "child.toml") -> Path:
    return _write(tmp_path, name, 'extends = "collective-resilience"\n' + body)


def _problems(path: Path) -> ScenarioError:
    with pytest.raises(ScenarioError) as err:
        load(path)
    return err.value


def _line_of(path: Path, pattern: str) -> int:
    """The 1-based number of the first line of the file that matches ``pattern``."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if re.search(pattern, line):
            return number
    raise AssertionError(f"no line matches {pattern!r}")


def _assert_reported(err: ScenarioError, path: Path, key: str, message: str, line: int) -> None:
    """The error lists ``FILE:LINE: key: ...message...`` for this key, at this line."""
    text = str(err)
    found = re.search(rf"^{re.escape(str(path))}:(\d+): {re.escape(key)}: (.*)$", text, re.M)
    assert found, text
    assert int(found.group(1)) == line, text
    assert message in found.group(2), text


# -- [tuning] -----------------------------------------------------------------------------


def test_shipped_scenarios_have_the_default_coefficients_but_the_ones_they_set() -> None:
    # The default scenario's [tuning] table sets a few keys (issue 15); the scenarios that
    # extend it inherit them, over which their own [tuning] table wins key by key; every
    # other coefficient is the default.
    given = tomllib.loads((builtin_dir() / "collective-resilience.toml").read_text())["tuning"]
    assert given and all(getattr(Tuning(), k) != v for k, v in given.items())
    for name in builtin_names():
        own = tomllib.loads((builtin_dir() / f"{name}.toml").read_text()).get("tuning", {})
        expected = attrs.evolve(Tuning(), **{**given, **own})
        assert load(builtin_dir() / f"{name}.toml").tuning == expected, name


def test_tuning_overrides_merge_key_by_key_through_extends(tmp_path: Path) -> None:
    _child(tmp_path, "[tuning]\nunilateral_efficacy = 0.8\npledge_absorb = 0.5\n", "mid.toml")
    leaf = _write(
        tmp_path,
        "leaf.toml",
        'extends = "mid.toml"\n[tuning]\npledge_absorb = 0.25\npledge_support_min = 3\n',
    )
    tuning = load(leaf).tuning
    assert tuning.unilateral_efficacy == 0.8  # from the parent
    assert tuning.pledge_absorb == 0.25  # the child's value wins
    assert tuning.pledge_support_min == 3  # given as an integer
    assert tuning.input_amplifier == Tuning().input_amplifier  # untouched: the default
    assert load(tmp_path / "mid.toml").tuning.pledge_absorb == 0.5


def test_every_tuning_key_is_read_with_its_range(tmp_path: Path) -> None:
    """Each key of Tuning is accepted at both ends of its range, and refused just outside."""
    keys = tuning_keys()
    low = "\n".join(f"{k} = {lo!r}" for k, (_, lo, _, _) in keys.items())
    high = "\n".join(f"{k} = {hi!r}" for k, (_, _, hi, _) in keys.items())
    assert load(_child(tmp_path, f"[tuning]\n{low}\n", "low.toml")).tuning == Tuning(
        **{k: float(lo) for k, (_, lo, _, _) in keys.items()}
    )
    assert load(_child(tmp_path, f"[tuning]\n{high}\n", "high.toml")).tuning == Tuning(
        **{k: float(hi) for k, (_, _, hi, _) in keys.items()}
    )
    outside = "\n".join(f"{k} = {hi + 1!r}" for k, (_, _, hi, _) in keys.items())
    err = _problems(_child(tmp_path, f"[tuning]\n{outside}\n", "outside.toml"))
    assert {p.path for p in err.problems} == {f"tuning.{k}" for k in keys}


def test_an_out_of_range_tuning_key_is_reported_at_its_line(tmp_path: Path) -> None:
    path = _child(tmp_path, "[scenario]\nturns = 8\n\n[tuning]\npledge_absorb = 1.5\n")
    err = _problems(path)
    _assert_reported(
        err, path, "tuning.pledge_absorb", "1.5 is out of range [0, 1]", _line_of(path, "^pledge")
    )
    assert len(err.problems) == 1


def test_an_unknown_tuning_key_is_reported_with_a_did_you_mean(tmp_path: Path) -> None:
    path = _child(tmp_path, "[tuning]\nstrain_safe = 50\nunilateral_eficacy = 0.7\n")
    err = _problems(path)
    _assert_reported(
        err,
        path,
        "tuning.unilateral_eficacy",
        "unknown key (did you mean 'unilateral_efficacy'?)",
        _line_of(path, "^unilateral_eficacy"),
    )


def test_a_tuning_value_must_be_a_number(tmp_path: Path) -> None:
    path = _child(tmp_path, '[tuning]\nstrain_safe = "high"\n')
    _assert_reported(
        _problems(path), path, "tuning.strain_safe", "expected a number", _line_of(path, "^strain")
    )


def test_the_tuning_example_in_the_docs_validates(tmp_path: Path) -> None:
    section = DOCS.split("### `[tuning]`")[1]
    block = section.split("```toml\n")[1].split("```")[0]
    tuning = load(_write(tmp_path, "variant.toml", block)).tuning
    assert (tuning.unilateral_efficacy, tuning.pledge_absorb) == (0.8, 0.6)


def test_every_tuning_key_is_documented_with_its_default_and_range() -> None:
    rows = {
        m.group(1): m.group(0) for m in re.finditer(r"^\| `tuning\.(\w+)` \|.*$", DOCS, flags=re.M)
    }
    for name, (default, lo, hi, _) in tuning_keys().items():
        assert name in rows, f"tuning.{name} is not in docs/scenarios.md"
        assert f"`{default:g}`" in rows[name], f"tuning.{name}: default {default:g} not shown"
        assert f"{lo:g}–{hi:g}" in rows[name], f"tuning.{name}: range {lo:g}–{hi:g} not shown"
    assert set(rows) == set(tuning_keys()), "docs list a key Tuning does not have"


# -- tools ---------------------------------------------------------------------------------

# What each tool kind did in the engine before v2 (coercion.py's apply_decision at 9deb29d),
# written out independently of the scenario files and of the save migration.
OLD_KINDS: dict[str, tuple[str, tuple[Effect, ...], str]] = {
    "boycott": ("exports", (), ""),
    "tourism": ("exports", (), ""),
    "tariff": ("exports", (), ""),
    "input_cutoff": ("inputs", (), ""),
    "warning": (
        "none",
        (Effect("target", "alignment", -4.0), Effect("target", "defiance", -8.0)),
        "a public warning of consequences",
    ),
    "firm_threat": (
        "none",
        (Effect("target", "alignment", -20.0), Effect("target", "resolve", -4.0)),
        "firms warned to lobby against their government's measures",
    ),
    "detention": (
        "none",
        (Effect("target", "resolve", -14.0), Effect("others", "resolve", 2.0)),
        "citizens detained",
    ),
    "digital": (
        "none",
        (
            Effect("target", "gdp", -2.0, scale="digital_exposure"),
            Effect("target", "alignment", -6.0),
        ),
        "leverage through untrusted networks and apps ({exposure}% exposure)",
    ),
    "inducement": (
        "none",
        (
            Effect("target", "gdp", 0.5),
            Effect("target", "resolve", -12.0),
            Effect("target", "defiance", -20.0),
            Effect("coalition", "cohesion", -6.0),
        ),
        "trade and investment offered to step away from the coalition",
    ),
    "tech_acquisition": (
        "none",
        (
            Effect("china", "tech", 3.0, scale="unscreened", domain="strongest"),
            Effect("china", "fusion", 1.5, scale="unscreened"),
        ),
        "acquisitions in {domain} (screened share {screened})",
    ),
}


# Shipped tools whose effects changed on purpose since engine v2 (a save of format 2 still
# replays with the old numbers, which the migration writes into its embedded scenario).
# Issue 15: detentions also cost the coalition cohesion (hostage diplomacy divides the allies).
CHANGED_SINCE_V2 = {"detentions"}


# Tool kinds whose shipped numbers were changed on purpose since (the migration of an old save
# still gives them their old numbers, so old games replay as they were played).
CHANGED_KINDS: dict[str, tuple[str, tuple[Effect, ...], str]] = {
    # issue #15: an acquisition needs unscreened targets or boardrooms that ignore guidance
    "tech_acquisition": (
        "none",
        (
            Effect("china", "tech", 1.5, scale="unscreened", domain="strongest"),
            Effect("china", "tech", 3.0, scale="unaligned", domain="strongest"),
            Effect("china", "fusion", 1.5, scale="unscreened"),
        ),
        "acquisitions in {domain} (screened share {screened})",
    ),
}


def _assert_shipped_numbers(tool: Tool) -> None:
    if tool.id in CHANGED_SINCE_V2:
        return
    channel, effects, summary = CHANGED_KINDS.get(tool.kind) or OLD_KINDS[tool.kind]
    assert (tool.channel, tool.effects, tool.summary) == (channel, effects, summary), tool.id


def _assert_old_numbers(tool: Tool) -> None:
    if tool.id in CHANGED_SINCE_V2:
        return
    channel, effects, summary = OLD_KINDS[tool.kind]
    assert (tool.channel, tool.effects, tool.summary) == (channel, effects, summary), tool.id


@pytest.mark.parametrize("name", builtin_names())
def test_every_shipped_tool_carries_the_old_engines_numbers(name: str) -> None:
    scenario = load(builtin_dir() / f"{name}.toml")
    assert scenario.tools
    for tool in scenario.tools:
        _assert_shipped_numbers(tool)
        if tool.channel != "none":
            assert tool.sector_choice != "none", tool.id


def test_the_default_scenario_has_one_tool_of_every_kind() -> None:
    assert sorted(t.kind for t in load(DEFAULT).tools) == sorted(OLD_KINDS)


_TOOL = """
[[tools]]
id = "new-tool"
name = "New tool"
kind = "warning"
description = "d"
source = "s"
intensity = 0.5
"""


@pytest.mark.parametrize(
    ("body", "key", "message"),
    [
        (
            'effects = [ { who = "self", var = "resolve", amount = -3 } ]',
            "tools[new-tool].effects[0].who",
            "'self' is a word for moves and events, not China's tools: a tool's effects reach "
            "target (the ally China acts against)",
        ),
        (
            'effects = [ { who = "outsiders", var = "resolve", amount = -3 } ]',
            "tools[new-tool].effects[0].who",
            "'outsiders' is a word for moves and events",
        ),
        (
            'effects = [ { who = "target", var = "resolve", amount = -3, scale = "coverage" } ]',
            "tools[new-tool].effects[0].scale",
            "scale 'coverage' is for moves and events, not China's tools: use none, "
            "digital_exposure",
        ),
        (
            'effects = [ { who = "target", var = "resolve", amount = -3, domain = "strongest" } ]',
            "tools[new-tool].effects[0].domain",
            "'strongest' only works with var = \"tech\"",
        ),
        (
            'effects = [ { who = "china", var = "tech", amount = 1, domain = "semiconductor" } ]',
            "tools[new-tool].effects[0].domain",
            "unknown domain 'semiconductor' (did you mean 'semiconductors'?)",
        ),
        (
            'effects = [ { who = "target", var = "resilience", amount = -0.1 } ]',
            "tools[new-tool].effects[0].sector",
            "a 'resilience' effect needs a sector (or a tool that strikes a sector)",
        ),
        (
            'channel = "exports"',
            "tools[new-tool].channel",
            "channel 'exports' strikes a sector: set sector_choice",
        ),
        (
            'channel = "export"\nsector_choice = "most_exposed"',
            "tools[new-tool].channel",
            "'export' is not one of: none, exports, inputs (did you mean 'exports'?)",
        ),
        ("", "tools[new-tool].effects", "the tool does nothing: give it a channel"),
        (
            'summary = "pressure on {sectr}"\n'
            'effects = [ { who = "target", var = "resolve", amount = -3 } ]',
            "tools[new-tool].summary",
            "unknown placeholder {sectr}",
        ),
        (
            'summary = "screened {screened:.0%}"\n'
            'effects = [ { who = "target", var = "resolve", amount = -3 } ]',
            "tools[new-tool].summary",
            "write {screened} with no format",
        ),
        (
            'summary = "acquisitions in {domain}"\n'
            'effects = [ { who = "china", var = "tech", amount = 1, domain = "ai" } ]',
            "tools[new-tool].summary",
            '{domain} names the domain an effect with domain = "strongest" hits',
        ),
    ],
    ids=[
        "self-in-tool",
        "outsiders-in-tool",
        "move-scale-in-tool",
        "strongest-not-tech",
        "unknown-domain",
        "sector-figure-without-sector",
        "channel-without-sector",
        "unknown-channel",
        "does-nothing",
        "unknown-placeholder",
        "formatted-placeholder",
        "domain-without-strongest",
    ],
)
def test_a_tool_in_the_wrong_vocabulary_is_rejected_naming_the_key(
    tmp_path: Path, body: str, key: str, message: str
) -> None:
    path = _child(tmp_path, _TOOL + body + "\n")
    err = _problems(path)
    assert [p.path for p in err.problems] == [key], str(err)
    assert message in err.problems[0].message, str(err)
    assert err.problems[0].line is not None
    assert err.problems[0].line >= _line_of(path, r"^\[\[tools\]\]")  # in the new tool


@pytest.mark.parametrize(
    ("body", "key", "message"),
    [
        (
            '[[moves]]\nid = "m"\nname = "M"\nline = "defensive"\ndescription = "d"\n'
            'source = "s"\npc = 1\n'
            'effects = [ { who = "target", var = "resolve", amount = 2 } ]\n',
            "moves[m].effects[0].who",
            "'target' is a word for China's tools, not moves: a move's effects reach self "
            "(each participant)",
        ),
        (
            '[[moves]]\nid = "m"\nname = "M"\nline = "defensive"\ndescription = "d"\n'
            'source = "s"\npc = 1\n'
            'effects = [ { who = "self", var = "gdp", amount = -1, '
            'scale = "digital_exposure" } ]\n',
            "moves[m].effects[0].scale",
            "scale 'digital_exposure' is for China's tools, not moves: use none, coverage",
        ),
        (
            '[[moves]]\nid = "m"\nname = "M"\nline = "defensive"\ndescription = "d"\n'
            'source = "s"\npc = 1\n'
            'effects = [ { who = "self", var = "tech", amount = 1, domain = "strongest" } ]\n',
            "moves[m].effects[0].domain",
            "'strongest' (the target's highest-tech domain) is for China's tools, not moves: "
            "name a domain (semiconductors, telecom, ai)",
        ),
        (
            '[[events]]\nid = "e"\ntitle = "T"\ntext = "X"\nturn = 2\n'
            'effects = [ { who = "others", var = "resolve", amount = 1 } ]\n',
            "events[e].effects[0].who",
            "'others' is a word for China's tools, not events: an event's effects reach self "
            "(the event's target ally, or every ally)",
        ),
        (
            '[[events]]\nid = "e"\ntitle = "T"\ntext = "X"\nturn = 2\n'
            'effects = [ { who = "china", var = "fusion", amount = 1, scale = "unscreened" } ]\n',
            "events[e].effects[0].scale",
            "scale 'unscreened' is for China's tools, not events",
        ),
    ],
    ids=[
        "target-in-move",
        "tool-scale-in-move",
        "strongest-in-move",
        "others-in-event",
        "tool-scale-in-event",
    ],  # fmt: skip
)
def test_a_tools_words_in_a_move_or_event_are_rejected_naming_the_key(
    tmp_path: Path, body: str, key: str, message: str
) -> None:
    err = _problems(_child(tmp_path, body))
    assert [p.path for p in err.problems] == [key], str(err)
    assert message in err.problems[0].message, str(err)


def test_tool_effects_as_tables_of_an_array_are_located_per_tool(tmp_path: Path) -> None:
    """``[[tools.effects]]`` headers count from 0 again in each tool, for the line numbers."""
    path = _child(
        tmp_path,
        _TOOL
        + '[[tools.effects]]\nwho = "target"\nvar = "resolve"\namount = -2\n'
        + _TOOL.replace("new-tool", "second-tool")
        + '[[tools.effects]]\nwho = "target"\nvar = "resolve"\namount = -2\n'
        + '[[tools.effects]]\nwho = "self"\nvar = "resolve"\namount = -2\n',
    )
    err = _problems(path)
    lines = path.read_text(encoding="utf-8").splitlines()
    last_self = max(i for i, line in enumerate(lines, 1) if line == 'who = "self"')
    _assert_reported(err, path, "tools[second-tool].effects[1].who", "'self' is a word", last_self)


def test_a_new_tool_with_effects_loads_as_data(tmp_path: Path) -> None:
    path = _child(
        tmp_path,
        _TOOL
        + 'channel = "inputs"\nsector_choice = "most_dependent"\nsummary = "in {domain}"\n'
        + "effects = [\n"
        + '  { who = "china", var = "tech", amount = 2, domain = "strongest", '
        + 'scale = "unscreened" },\n'
        + '  { who = "target", var = "resilience", amount = -0.05 },\n'
        + '  { who = "allies", var = "resolve", amount = 1, delay = 1, turns = 2 },\n'
        + "]\n",
    )
    tool = load(path).tool("new-tool")
    assert tool.channel == "inputs" and tool.summary == "in {domain}"
    assert tool.effects == (
        Effect("china", "tech", 2.0, scale="unscreened", domain="strongest"),
        Effect("target", "resilience", -0.05),  # the sector the tool strikes
        Effect("allies", "resolve", 1.0, delay=1, turns=2),
    )


def test_a_summary_may_hold_other_braces(tmp_path: Path) -> None:
    path = _child(
        tmp_path,
        _TOOL + 'summary = "a { brace } and {} stay as written ({exposure}%)"\n'
        'effects = [ { who = "target", var = "resolve", amount = -3 } ]\n',
    )
    assert load(path).tool("new-tool").summary.startswith("a { brace }")


def test_an_extending_file_changes_a_tools_effects_whole(tmp_path: Path) -> None:
    path = _child(
        tmp_path,
        '[[tools]]\nid = "detentions"\n'
        'effects = [ { who = "target", var = "resolve", amount = -20 } ]\n',
    )
    tool = load(path).tool("detentions")
    assert tool.effects == (Effect("target", "resolve", -20.0),)
    assert tool.summary == "citizens detained" and tool.kind == "detention"


def test_the_example_tool_in_the_docs_validates(tmp_path: Path) -> None:
    section = DOCS.split("### `[[tools]]`")[1].split("### `[[moves]]`")[0]
    block = section.split("```toml\n")[1].split("```")[0]
    scenario = load(_child(tmp_path, block))
    tool = scenario.tool("sanction-officials")
    assert tool.channel == "none" and len(tool.effects) == 3


def test_the_schema_knows_the_tool_vocabulary() -> None:
    schema = scenario_schema()
    for path in builtin_dir().glob("*.toml"):
        jsonschema.validate(tomllib.loads(path.read_text(encoding="utf-8")), schema)
    data = tomllib.loads(DEFAULT.read_text(encoding="utf-8"))
    bad = copy.deepcopy(data)
    bad["tools"][0]["effects"][0]["who"] = "self"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema)
    bad = copy.deepcopy(data)
    bad["tuning"] = {"pledge_absorb": 2}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema)
    ok = copy.deepcopy(data)
    ok["tuning"] = {"pledge_absorb": 0.5, "pledge_support_min": 3}
    ok["china"]["doctrine"][0].update(priority=5, target="japan", before="make-an-example")
    jsonschema.validate(ok, schema)


# -- doctrine rules: priority, before, target ---------------------------------------------


def test_rules_load_priority_before_and_target(tmp_path: Path) -> None:
    path = _child(
        tmp_path,
        '[[china.doctrine]]\nid = "press-boardrooms"\npriority = 5\n'
        '[[china.doctrine]]\nid = "single-out-japan"\ndescription = "d"\n'
        'selector = "most_defiant"\ntool = "public-warning"\ntarget = "japan"\n'
        'before = "punish-defiance"\n'
        '[[difficulty]]\nid = "coercive"\n'
        'rules = [ { id = "detain-citizens", before = "warn-the-defiant" } ]\n',
    )
    scenario = load(path)
    rules = {r.id: r for r in scenario.china.doctrine}
    assert rules["press-boardrooms"].priority == 5
    assert rules["single-out-japan"].target == "japan"
    assert rules["single-out-japan"].before == "punish-defiance"
    untouched = rules["punish-defiance"]  # the defaults
    assert (untouched.priority, untouched.before, untouched.target) == (0, None, None)
    detain = scenario.difficulty("coercive").rules[0]
    assert detain.before == "warn-the-defiant"  # a level's rule may name a base rule
    everything = list(scenario.china.doctrine)
    for level in scenario.difficulties:
        everything.extend(level.rules)
    order = [r.id for r in rule_order(everything)]
    assert order[0] == "press-boardrooms"
    assert order.index("single-out-japan") == order.index("punish-defiance") - 1
    assert order.index("detain-citizens") == order.index("warn-the-defiant") - 1


def test_an_unknown_before_is_reported_with_a_did_you_mean(tmp_path: Path) -> None:
    path = _child(
        tmp_path, '[[china.doctrine]]\nid = "warn-the-defiant"\nbefore = "punish-defiant"\n'
    )
    err = _problems(path)
    _assert_reported(
        err,
        path,
        "china.doctrine[warn-the-defiant].before",
        "unknown rule 'punish-defiant' (did you mean 'punish-defiance'?)",
        _line_of(path, "^before"),
    )


def test_before_may_name_a_rule_of_any_difficulty_level(tmp_path: Path) -> None:
    path = _child(
        tmp_path, '[[china.doctrine]]\nid = "warn-the-defiant"\nbefore = "break-the-pledge"\n'
    )
    assert load(path).china.doctrine[7].before == "break-the-pledge"


def test_a_cycle_of_before_is_reported_naming_the_rules(tmp_path: Path) -> None:
    path = _child(
        tmp_path,
        '[[china.doctrine]]\nid = "punish-defiance"\nbefore = "make-an-example"\n'
        '[[china.doctrine]]\nid = "make-an-example"\nbefore = "detain-citizens"\n'
        '[[difficulty]]\nid = "coercive"\n'
        'rules = [ { id = "detain-citizens", before = "punish-defiance" } ]\n',
    )
    err = _problems(path)
    assert [p.path for p in err.problems] == ["china.doctrine[punish-defiance].before"], str(err)
    assert (
        "cycle: punish-defiance -> make-an-example -> detain-citizens -> punish-defiance"
        in err.problems[0].message
    )
    assert err.problems[0].line == _line_of(path, 'before = "make-an-example"')


def test_a_rule_before_itself_is_a_cycle(tmp_path: Path) -> None:
    err = _problems(
        _child(
            tmp_path, '[[china.doctrine]]\nid = "warn-the-defiant"\nbefore = "warn-the-defiant"\n'
        )
    )
    assert "cycle: warn-the-defiant -> warn-the-defiant" in str(err)


def test_an_unknown_target_is_reported_with_a_did_you_mean(tmp_path: Path) -> None:
    path = _child(
        tmp_path,
        '[[difficulty]]\nid = "coercive"\n'
        'rules = [ { id = "detain-citizens", target = "austrlia" } ]\n',
    )
    err = _problems(path)
    _assert_reported(
        err,
        path,
        "difficulty[coercive].rules[detain-citizens].target",
        "unknown ally 'austrlia' (did you mean 'australia'?)",
        _line_of(path, "^rules"),
    )


def test_a_priority_out_of_range_or_not_an_integer_is_reported(tmp_path: Path) -> None:
    err = _problems(
        _child(tmp_path, '[[china.doctrine]]\nid = "warn-the-defiant"\npriority = 101\n')
    )
    assert "china.doctrine[warn-the-defiant].priority: 101 is out of range [-100, 100]" in str(err)
    err = _problems(
        _child(tmp_path, '[[china.doctrine]]\nid = "warn-the-defiant"\npriority = 1.5\n')
    )
    assert "china.doctrine[warn-the-defiant].priority: expected an integer" in str(err)


# -- the resolver -------------------------------------------------------------------------


def test_the_engine_resolves_only_relative_paths_by_itself(tmp_path: Path) -> None:
    _write(tmp_path, "base.toml", DEFAULT.read_text(encoding="utf-8"))
    leaf = _write(tmp_path, "leaf.toml", 'extends = "base.toml"\n[scenario]\nturns = 7\n')
    assert load_scenario(leaf).turns == 7
    named = _child(tmp_path, "")
    with pytest.raises(ScenarioError, match="extends: no scenario 'collective-resilience'$"):
        load_scenario(named)
    assert load_scenario(named, RESOLVER).id == "collective-resilience"
    assert RELATIVE.find("collective-resilience", tmp_path) is None
    assert RELATIVE.find("base.toml", tmp_path) == tmp_path / "base.toml"


def test_the_games_resolver_finds_shipped_names_and_suggests_them(tmp_path: Path) -> None:
    assert RESOLVER.find("seminar-short", tmp_path) == builtin_dir() / "seminar-short.toml"
    assert RESOLVER.find("no-such-scenario", tmp_path) is None
    assert RESOLVER.names() == builtin_names()
    with pytest.raises(ScenarioError, match="did you mean 'collective-resilience'"):
        load(_write(tmp_path, "typo.toml", 'extends = "colective-resilience"\n'))


def test_any_object_with_find_and_names_is_a_resolver(tmp_path: Path) -> None:
    folder = tmp_path / "library"
    folder.mkdir()
    _write(folder, "house-rules.toml", 'extends = "collective-resilience"\n[scenario]\nturns = 9\n')

    class Library:
        def find(self, name: str, base: Path) -> Path | None:
            path = folder / f"{name}.toml"
            return path if path.is_file() else RESOLVER.find(name, base)

        def names(self) -> list[str]:
            return ["house-rules"]

    child = _write(tmp_path, "class.toml", 'extends = "house-rules"\n')
    assert load_scenario(child, Library()).turns == 9
    typo = _write(tmp_path, "typo.toml", 'extends = "house-rule"\n')
    with pytest.raises(ScenarioError, match="did you mean 'house-rules'"):
        load_scenario(typo, Library())
    raw = child.read_bytes()
    assert parse_scenario(raw, "class.toml", base=tmp_path, resolver=Library()).turns == 9


def test_the_loader_does_not_import_a_higher_layer() -> None:
    source = (ROOT / "game" / "engine" / "loader.py").read_text(encoding="utf-8")
    assert "game.scenarios" not in source.replace("``game.scenarios.RESOLVER``", "")
    code = (
        "import sys; import game.engine.loader; "
        "bad = [m for m in sys.modules if m.startswith('game.') and not "
        "m.startswith('game.engine')]; print(bad); sys.exit(1 if bad else 0)"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stdout + run.stderr


# -- saves: format 2 tools get their kind's numbers -------------------------------------------


def _version_2_document(data: dict) -> dict:
    """A format-2 save document around a scenario's data, its tools as format 2 had them."""
    old = copy.deepcopy(data)
    for tool in old["tools"]:
        for key in ("channel", "effects", "summary"):
            tool.pop(key, None)
    return {
        "format": "collective-resilience-save",
        "version": 2,
        "game_id": "old-game",
        "saved_at": "2025-01-01T00:00:00Z",
        "game": {
            "scenario": {
                "id": old["scenario"]["id"],
                "title": "",
                "hash": content_hash(old),
                "data": old,
            },  # fmt: skip
            "seed": 3,
            "difficulty": "assertive",
            "teams": [],
            "turns": [],
            "facilitator": [],
        },
        "state": {},
    }


@pytest.mark.parametrize("name", builtin_names())
def test_a_format_2_scenario_migrates_to_the_shipped_tools(name: str) -> None:
    data = load_data(builtin_dir() / f"{name}.toml")
    doc = migrate(_version_2_document(data))
    assert doc["version"] >= 3
    scenario = doc["game"]["scenario"]
    assert scenario["hash"] == content_hash(scenario["data"])
    migrated = build_scenario(scenario["data"], "migrated").tools
    current = build_scenario(data, "current").tools

    def changed(t: Tool) -> bool:
        return t.kind in CHANGED_KINDS or t.id in CHANGED_SINCE_V2

    assert [t for t in migrated if not changed(t)] == [t for t in current if not changed(t)]
    for tool in migrated:
        if tool.id not in CHANGED_SINCE_V2:
            _assert_old_numbers(tool)


def test_the_migration_keeps_tools_that_already_say_what_they_do() -> None:
    data = load_data(DEFAULT)
    doc = _version_2_document(data)
    doc["game"]["scenario"]["data"] = data
    doc["game"]["scenario"]["hash"] = content_hash(data)
    after = migrate(copy.deepcopy(doc))["game"]["scenario"]
    assert after["data"] == data and after["hash"] == content_hash(data)


def test_the_migration_leaves_an_altered_scenario_detectable() -> None:
    doc = _version_2_document(load_data(DEFAULT))
    doc["game"]["scenario"]["hash"] = "sha256:not-the-hash"
    assert migrate(doc)["game"]["scenario"]["hash"] == "sha256:not-the-hash"


def test_a_format_2_sector_tool_without_a_sector_still_loads() -> None:
    """The old engine let a boycott with sector_choice "none" do nothing of its own."""
    data = load_data(DEFAULT)
    doc = _version_2_document(data)
    tools = doc["game"]["scenario"]["data"]["tools"]
    boycott = next(t for t in tools if t["kind"] == "boycott")
    boycott.pop("sector_choice")
    doc["game"]["scenario"]["hash"] = content_hash(doc["game"]["scenario"]["data"])
    tool = build_scenario(migrate(doc)["game"]["scenario"]["data"]).tool(boycott["id"])
    assert tool.channel == "none" and [e.amount for e in tool.effects] == [0.0]


def test_a_scenario_error_crosses_to_another_process_whole(tmp_path: Path) -> None:
    # The lab loads scenarios in worker processes: the error a worker raises reaches the
    # parent with its file and every problem, not as a pickling failure.
    import pickle

    bad = _write(tmp_path, "bad.toml", "[scenario]\nid = 3\n")
    with pytest.raises(ScenarioError) as caught:
        load(bad)
    again = pickle.loads(pickle.dumps(caught.value))
    assert again.file == caught.value.file and again.problems == caught.value.problems
    assert str(again) == str(caught.value)

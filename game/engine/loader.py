"""Load a scenario from TOML: check every key, type, range and reference, report all problems.

Scenario files are data: they are parsed with :mod:`tomllib` and never executed. The names an
``extends`` key gives are found by a :class:`Resolver`, passed in by the caller: the engine
itself only resolves paths relative to the file (:data:`RELATIVE`); the game's resolver, which
also knows the shipped scenarios, is ``game.scenarios.RESOLVER``.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

from game.engine import scenario as sc
from game.engine.doctrine import CONDITION_OPS, CONDITION_VARS, SELECTORS
from game.engine.errors import Problem, ScenarioError
from game.engine.figures import ALLY_VARS, CHINA_VARS, COALITION_VARS
from game.engine.inherit import apply_removals, merge
from game.engine.limits import (
    MAX_BYTES,
    MAX_EXTENDS,
    InputLimitError,
    read_regular_file,
    shape_problems,
    size_problems,
)
from game.engine.locate import Layer, duplicate_ids, locate
from game.engine.suggest import closest, unknown
from game.engine.tomlreader import Table, did_you_mean
from game.engine.tuning import Tuning, tuning_keys


class Resolver(Protocol):
    """Finds the file an ``extends`` name refers to."""

    def find(self, name: str, base: Path) -> Path | None:
        """The file ``name`` refers to, from a file in folder ``base``; None if there is none."""
        ...

    def names(self) -> list[str]:
        """The names this resolver knows (for a did-you-mean when a name is not found)."""
        ...


class RelativeResolver:
    """Resolves only paths to ``.toml`` files relative to the extending file's folder."""

    def find(self, name: str, base: Path) -> Path | None:
        """``base / name`` if it is a ``.toml`` file."""
        relative = base / name
        return relative if relative.suffix == ".toml" and relative.is_file() else None

    def names(self) -> list[str]:
        """No names: only paths."""
        return []


RELATIVE: Resolver = RelativeResolver()


def load_scenario(path: str | Path, resolver: Resolver | None = None) -> sc.Scenario:
    """Read and check a scenario file; raise :class:`ScenarioError` listing every problem.
    ``resolver`` finds ``extends`` names (default: relative paths only)."""
    path = Path(path)
    return parse_scenario(
        _read(path), str(path), base=path.resolve().parent, chain=(path,), resolver=resolver
    )


def scenario_data(path: str | Path, resolver: Resolver | None = None) -> dict[str, Any]:
    """The parsed data of a scenario file with any ``extends`` parent merged in and
    ``[remove]`` applied, not checked or built (``build_scenario`` does that). Saves embed it,
    so a saved game does not depend on the file. Raises :class:`ScenarioError` when the file
    cannot be read, is not TOML or its inheritance is broken. ``resolver`` finds ``extends``
    names (default: relative paths only)."""
    path = Path(path)
    layers: list[Layer] = []
    data, problems = _resolved(
        _read(path), str(path), path.resolve().parent, (path,), resolver or RELATIVE, layers
    )
    if problems:
        raise ScenarioError(str(path), _located(problems, layers))
    return data


def _read(path: Path) -> bytes:
    """The file's bytes: a regular file (symlinks checked) within the size limit."""
    try:
        return read_regular_file(path, MAX_BYTES)
    except InputLimitError as exc:
        raise ScenarioError(str(path), [Problem("", f"refused: the file {exc}")]) from None
    except OSError as exc:
        raise ScenarioError(
            str(path), [Problem("", f"cannot read the file: {exc.strerror or exc}")]
        ) from None


def _toml(raw: bytes, name: str) -> tuple[str, dict[str, Any]]:
    try:
        text = raw.decode("utf-8-sig")  # a byte order mark (some Windows editors) is fine
    except UnicodeDecodeError as exc:
        raise ScenarioError(
            name, [Problem("", f"not UTF-8 text (byte {exc.start} is invalid)")]
        ) from None
    try:
        data = tomllib.loads(text)
    except RecursionError:
        raise ScenarioError(name, [Problem("", "invalid TOML: nested too deeply")]) from None
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        line = int(found.group(1)) if found else getattr(exc, "lineno", None)
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        if found:
            message += f" (column {found.group(2)})"
        raise ScenarioError(name, [Problem("", f"invalid TOML: {message}", line)]) from None
    _check_limits(data, name)
    return text, data


def _check_limits(data: dict[str, Any], name: str) -> None:
    """ScenarioError at once if the data is nested too deeply, or a table, an array or a
    section has too many entries (see ``limits``): before any work that grows faster."""
    problems = size_problems(data) or shape_problems(data)
    if problems:
        raise ScenarioError(name, problems)


def _resolved(
    raw: bytes,
    name: str,
    base: Path,
    chain: tuple[Path, ...],
    resolver: Resolver,
    layers: list[Layer],
) -> tuple[dict[str, Any], list[Problem]]:
    """The file's data with any ``extends`` parent merged in, and the problems of its
    inheritance. Each file of the chain is appended to ``layers`` (this one first), to
    locate problems in the file that wrote the key."""
    text, data = _toml(raw, name)
    layers.append(Layer(name, text))
    problems: list[Problem] = []
    parent_name = data.pop("extends", None)
    if parent_name is None:
        if "remove" in data:
            problems.append(Problem("remove", "[remove] only works with extends"))
        return data, problems
    problems.extend(duplicate_ids(data, layers[-1]))
    if not isinstance(parent_name, str):
        problem = Problem("extends", "expected a scenario name or a relative path")
        return data, [problem]
    parent = resolver.find(parent_name, base)
    if parent is None:
        hint = did_you_mean(parent_name, resolver.names())
        return data, [Problem("extends", f"no scenario '{parent_name}'{hint}")]
    if any(parent.resolve() == c.resolve() for c in chain):
        cycle = " -> ".join(str(c) for c in (*chain, parent))
        return data, [Problem("extends", f"inheritance cycle: {cycle}")]
    if len(chain) >= MAX_EXTENDS:
        message = f"more than {MAX_EXTENDS} files in the extends chain (the limit)"
        return data, [Problem("extends", message)]
    parent_data, parent_problems = _resolved(
        _read(parent), str(parent), parent.resolve().parent, (*chain, parent), resolver, layers
    )
    if parent_problems:
        raise ScenarioError(str(parent), parent_problems)
    merged = merge(parent_data, data)
    merged = apply_removals(merged, problems)
    return merged, problems


def _located(problems: list[Problem], layers: list[Layer]) -> list[Problem]:
    """Inheritance problems (``[remove]``, ``extends``, duplicate ids) at their line of the
    author's file."""
    if not layers:
        return problems
    return [
        p if p.line else Problem(p.path, p.message, layers[0].line_of(p.path)) for p in problems
    ]


def parse_scenario(
    raw: bytes,
    name: str = "<scenario>",
    base: Path | None = None,
    chain: tuple[Path, ...] = (),
    resolver: Resolver | None = None,
) -> sc.Scenario:
    """Check and build a scenario from the bytes of a TOML file (``base``: the folder that
    relative ``extends`` paths start from; ``resolver`` finds ``extends`` names, by default
    relative paths only)."""
    layers: list[Layer] = []
    data, problems = _resolved(raw, name, base or Path.cwd(), chain, resolver or RELATIVE, layers)
    if any(p.path == "extends" for p in problems):  # no parent: nothing more to check
        raise ScenarioError(name, _located(problems, layers))
    try:
        scenario = build_scenario(data, name)
    except ScenarioError as exc:
        located = locate(exc.problems, data, layers)
        raise ScenarioError(name, _located(problems, layers) + located) from None
    if problems:
        raise ScenarioError(name, _located(problems, layers))
    return scenario


def build_scenario(data: dict[str, Any], name: str = "<scenario>") -> sc.Scenario:
    """Check and build a scenario from parsed TOML data."""
    _check_limits(data, name)
    problems: list[Problem] = []
    scenario = _Builder(problems).build(Table(data, "", problems))
    if problems:
        raise ScenarioError(name, problems)
    return scenario


def parse_injects(scenario: sc.Scenario, data: dict[str, Any], name: str) -> tuple[sc.Inject, ...]:
    """An inject list (``[[injects]]`` tables, as in a scenario) checked against a scenario's
    allies, domains and sectors; ScenarioError naming ``name`` and each bad key."""
    problems: list[Problem] = []
    builder = _Builder(problems)
    builder.domain_ids = [d.id for d in scenario.domains]
    builder.sector_ids = [s.id for s in scenario.sectors]
    builder.ally_ids = [a.id for a in scenario.allies]
    root = Table(data, "", problems)
    injects = builder.injects(root, scenario.turns)
    root.finish()
    if problems:
        raise ScenarioError(name, problems)
    return injects


# What each word of an effect's vocabulary means where it belongs, for the messages that
# reject a word used in the wrong place (a tool's word in a move, a move's word in a tool).
_MOVE_WHO = "self (each participant), outsiders (allies not taking part), allies, china, coalition"
_EVENT_WHO = "self (the event's target ally, or every ally), outsiders, allies, china, coalition"
_TOOL_WHO = (
    "target (the ally China acts against), others (the other allies still in the coalition), "
    "allies, china, coalition"
)
_TOOL_SCALE = (
    "none, digital_exposure (the target's, as a share), unscreened (the share of allied GDP "
    "without investment screening), unaligned (the target's boardrooms not following risk "
    "guidance: 1 - alignment / 100)"
)


def _misplaced(words: Sequence[str], allowed: Sequence[str], message: str) -> dict[str, str]:
    """The message for each word of ``words`` that is not ``allowed`` here."""
    return {w: message.format(word=w) for w in words if w not in allowed}


_PLACEHOLDER = re.compile(r"\{([A-Za-z_][^{}]*)\}")


def _summary_problem(text: str, effects: Sequence[sc.Effect]) -> str | None:
    """What is wrong with the placeholders of a tool's summary, or None. The engine replaces
    exactly ``{exposure}``, ``{domain}`` and ``{screened}``; any other brace is printed as
    written, so a word in braces that is not one of them is a mistake."""
    fields = ", ".join("{" + f + "}" for f in sc.TOOL_SUMMARY_FIELDS)
    for word in _PLACEHOLDER.findall(text):
        if word in sc.TOOL_SUMMARY_FIELDS:
            continue
        name = re.split(r"[:!]", word, maxsplit=1)[0]
        if name in sc.TOOL_SUMMARY_FIELDS:
            return f"write {{{name}}} with no format: the game formats it"
        hint = did_you_mean(word, sc.TOOL_SUMMARY_FIELDS)
        return f"unknown placeholder {{{word}}}{hint}; the placeholders are: {fields}"
    if "{domain}" in text and not any(e.domain == sc.STRONGEST_DOMAIN for e in effects):
        return (
            '{domain} names the domain an effect with domain = "strongest" hits, and this '
            "tool has none"
        )
    return None


def _text_id(t: Table) -> str:
    """A table's id if it is text (a wrong type is reported when the table is read)."""
    value = t.data.get("id", "")
    return value if isinstance(value, str) else ""


class _Builder:
    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        self.domain_ids: list[str] = []
        self.sector_ids: list[str] = []
        self.ally_ids: list[str] = []
        self.tool_ids: list[str] = []
        self.move_ids: list[str] = []
        self.rules: list[tuple[Table, sc.Rule]] = []  # every doctrine rule, base and levels

    # -- helpers -------------------------------------------------------------------------

    def _ref(self, t: Table, key: str, known: list[str], what: str, optional: bool) -> str | None:
        if optional and key not in t.data:
            t.string(key, None)  # records the optional key for the schema
            return None
        value = t.string(key)
        if not value:
            return None
        if value not in known:
            t.problem(key, unknown(what, value, known, "allies" if what == "ally" else None))
            return None
        return value

    def _per_domain(self, t: Table, key: str, lo: float, hi: float) -> tuple[float, ...]:
        sub = t.table(key, is_map=True)
        if sub is None:
            return tuple(lo for _ in self.domain_ids)
        values = tuple(sub.number(d, lo=lo, hi=hi) for d in self.domain_ids)
        for k in sub.key_names():
            if k not in self.domain_ids:
                sub.read.add(k)
                sub.problem(k, unknown("domain", k, self.domain_ids))
        sub.finish()
        return values

    # -- sections ------------------------------------------------------------------------

    def build(self, root: Table) -> sc.Scenario:
        meta = root.table("scenario")
        meta_t = meta or Table({}, "scenario", [])
        domains = [self.domain(t) for t in root.tables("domains")]
        self.domain_ids = [d.id for d in domains]
        self._dupes(root, "domains", self.domain_ids, "domain")
        sectors = [self.sector(t) for t in root.tables("sectors")]
        self.sector_ids = [s.id for s in sectors]
        self._dupes(root, "sectors", self.sector_ids, "sector")
        tool_tables = root.tables("tools")
        self.tool_ids = [_text_id(t) for t in tool_tables]
        move_tables = root.tables("moves")
        self.move_ids = [_text_id(t) for t in move_tables]
        ally_tables = root.tables("allies")
        self.ally_ids = [_text_id(t) for t in ally_tables]
        tools = [self.tool(t) for t in tool_tables]
        self._dupes(root, "tools", self.tool_ids, "tool")
        allies = [self.ally(t) for t in ally_tables]
        self._dupes(root, "allies", self.ally_ids, "ally")
        moves = [self.move(t) for t in move_tables]
        self._dupes(root, "moves", [m.id for m in moves], "move")
        china_t = root.table("china")
        china = self.china(china_t) if china_t else None
        difficulties = [self.difficulty(t) for t in root.tables("difficulty")]
        self._dupes(root, "difficulty", [d.id for d in difficulties], "difficulty")
        events = [self.event(t) for t in root.tables("events", required=False)]
        briefings = [self.briefing(t) for t in root.tables("briefings", required=False)]
        self._dupes(root, "events", [e.id for e in events], "event")
        victory_t = root.table("victory")
        victory = self.victory(victory_t) if victory_t else None
        tuning = self.tuning(root)
        self._check_rule_order()

        title = meta_t.string("title")
        scenario_id = meta_t.string("id")
        briefing = meta_t.string("briefing")
        source = meta_t.string("source")
        turns = meta_t.integer("turns", lo=1, hi=60)
        turn_label = meta_t.string("turn_label", "quarter")
        start_year = meta_t.integer("start_year", 2025, lo=1900, hi=2200)
        deck_chance = meta_t.number("deck_chance", 0.0, lo=0.0, hi=1.0)
        acc = meta_t.number("accommodation_threshold", 25.0, lo=0.0, hi=100.0)
        rec = meta_t.number("recovery_threshold", 45.0, lo=0.0, hi=100.0)
        default_difficulty = meta_t.string("default_difficulty", "")
        if meta is not None:
            meta.finish()
        if not allies:
            root.problem("allies", "a scenario needs at least one ally")
        if not domains:
            root.problem("domains", "a scenario needs at least one technology domain")
        if not sectors:
            root.problem("sectors", "a scenario needs at least one sector")
        if not difficulties:
            root.problem("difficulty", "a scenario needs at least one difficulty level")
        levels = [d.level for d in difficulties]
        if levels != sorted(levels) or len(set(levels)) != len(levels):
            root.problem("difficulty", "levels must be listed in strictly increasing order")
        diff_keys = [d.id for d in difficulties] + [d.label for d in difficulties if d.label]
        if default_difficulty and default_difficulty not in diff_keys:
            meta_t.problem(
                "default_difficulty",
                unknown("difficulty", default_difficulty, diff_keys, "difficulty ids and labels"),
            )
        if not default_difficulty and difficulties:
            default_difficulty = difficulties[0].id
        for i, e in enumerate(events):
            if e.turn > turns:
                message = f"turn {e.turn} is after the last turn ({turns})"
                self.problems.append(Problem(f"events[{i}].turn", message))
        if rec < acc:
            meta_t.problem("recovery_threshold", "must not be below accommodation_threshold")
        injects = self.injects(root, turns)
        root.finish()
        if china is None or victory is None:
            return None  # type: ignore[return-value]  # problems already recorded
        return sc.Scenario(
            id=scenario_id,
            title=title,
            briefing=briefing,
            source=source,
            turns=turns,
            turn_label=turn_label,
            start_year=start_year,
            deck_chance=deck_chance,
            domains=tuple(domains),
            sectors=tuple(sectors),
            allies=tuple(allies),
            china=china,
            moves=tuple(moves),
            tools=tuple(tools),
            difficulties=tuple(difficulties),
            default_difficulty=default_difficulty,
            events=tuple(events),
            briefings=tuple(briefings),
            victory=victory,
            accommodation_threshold=acc,
            recovery_threshold=rec,
            tuning=tuning,
            injects=injects,
        )

    def _dupes(self, root: Table, key: str, ids: list[str], what: str) -> None:
        seen: set[str] = set()
        for i, ident in enumerate(ids):
            if ident and ident in seen:
                self.problems.append(Problem(f"{key}[{i}].id", f"duplicate {what} id '{ident}'"))
            seen.add(ident)

    def domain(self, t: Table) -> sc.Domain:
        d = sc.Domain(
            id=t.string("id"),
            name=t.string("name"),
            china_growth=t.number("china_growth", lo=-10, hi=10),
            ally_growth=t.number("ally_growth", lo=-10, hi=10),
            control_cost=t.number("control_cost", 0.0, lo=0, hi=10),
            void_gain=t.number("void_gain", 0.0, lo=0, hi=10),
        )
        t.finish()
        return d

    def sector(self, t: Table) -> sc.Sector:
        s = sc.Sector(
            id=t.string("id"),
            name=t.string("name"),
            domain=self._ref(t, "domain", self.domain_ids, "domain", optional=True),
            diversion=t.number("diversion", lo=0.0, hi=1.0),
            legacy=t.boolean("legacy", False),
        )
        t.finish()
        return s

    def ally(self, t: Table) -> sc.AllySpec:
        sectors_t = t.table("sectors", is_map=True)
        profiles = []
        # a sector misspelt is one error (unknown, with a did-you-mean), not also a missing one
        misspelt = {
            closest(k, self.sector_ids) for k in (sectors_t.key_names() if sectors_t else [])
        }
        for sid in self.sector_ids:
            if sectors_t and sid in misspelt and sid not in sectors_t.data:
                profiles.append(sc.SectorProfile(0.0, 0.0, 0.0, 0.0))
                continue
            p = sectors_t.table(sid) if sectors_t else None
            if p is None:
                profiles.append(sc.SectorProfile(0.0, 0.0, 0.0, 0.0))
                continue
            profiles.append(
                sc.SectorProfile(
                    weight=p.number("weight", lo=0.0, hi=1.0),
                    export_exposure=p.number("export_exposure", lo=0.0, hi=1.0),
                    import_dependence=p.number("import_dependence", lo=0.0, hi=1.0),
                    resilience=p.number("resilience", lo=0.0, hi=1.0),
                )
            )
            p.finish()
        if sectors_t:
            for k in sectors_t.key_names():
                if k not in self.sector_ids:
                    sectors_t.read.add(k)
                    sectors_t.problem(k, unknown("sector", k, self.sector_ids))
            sectors_t.finish()
        obj_t = t.table("objective")
        objective = self.objective(obj_t) if obj_t else sc.Objective("", "resolve", ">=", 0.0)
        a = sc.AllySpec(
            id=t.string("id"),
            name=t.string("name"),
            gdp=t.number("gdp", lo=0.001, hi=1e6),
            growth=t.number("growth", lo=-10, hi=10),
            political_capital=t.integer("political_capital", lo=0, hi=10),
            budget=t.number("budget", lo=0, hi=1000),
            resolve=t.number("resolve", lo=0, hi=100),
            alignment=t.number("alignment", lo=0, hi=100),
            strain=t.number("strain", lo=0, hi=100),
            digital_exposure=t.number("digital_exposure", lo=0, hi=100),
            talent=t.number("talent", lo=0, hi=100),
            tech=self._per_domain(t, "tech", 0, 100),
            supply_share=self._per_domain(t, "supply_share", 0, 1),
            sectors=tuple(profiles),
            objective=objective,
            note=t.string("note", ""),
        )
        t.finish()
        return a

    def objective(self, t: Table) -> sc.Objective:
        metric = t.string("metric", choices=sc.OBJECTIVE_METRICS)
        domain = self._ref(t, "domain", self.domain_ids, "domain", optional=True)
        if metric == "tech" and domain is None:
            t.problem("domain", "the 'tech' metric needs a domain")
        o = sc.Objective(
            text=t.string("text"),
            metric=metric,
            op=t.string("op", choices=CONDITION_OPS),
            value=t.number("value", lo=-1000, hi=1000),
            domain=domain,
        )
        t.finish()
        return o

    def effect(self, t: Table, move_target: str, owner: str = "move") -> sc.Effect:
        """One effect of a move, an event or (``owner = "tool"``) one of China's tools, each
        with its own vocabulary of ``who`` and ``scale``. ``move_target``: "sector" when the
        effect may leave its sector to the order (or to the sector the tool strikes)."""
        who_words: tuple[str, ...]
        scales: tuple[str, ...]
        if owner == "tool":
            who_words, scales = sc.TOOL_EFFECT_WHO, sc.TOOL_SCALES
            wrong_who = _misplaced(
                sc.MOVE_EFFECT_WHO,
                who_words,
                f"'{{word}}' is a word for moves and events, not China's tools: a tool's "
                f"effects reach {_TOOL_WHO}",
            )
            wrong_scale = _misplaced(
                sc.MOVE_SCALES,
                scales,
                f"scale '{{word}}' is for moves and events, not China's tools: use {_TOOL_SCALE}",
            )
        else:
            who_words, scales = sc.MOVE_EFFECT_WHO, sc.MOVE_SCALES
            article = "an" if owner == "event" else "a"
            help_who = _EVENT_WHO if owner == "event" else _MOVE_WHO
            wrong_who = _misplaced(
                sc.TOOL_EFFECT_WHO,
                who_words,
                f"'{{word}}' is a word for China's tools, not {owner}s: {article} {owner}'s "
                f"effects reach {help_who}",
            )
            wrong_scale = _misplaced(
                sc.TOOL_SCALES,
                scales,
                f"scale '{{word}}' is for China's tools, not {owner}s: use "
                f"{', '.join(sc.MOVE_SCALES)}",
            )
        who = t.string("who", choices=who_words, misplaced=wrong_who)
        if who == "china":
            var = t.string("var", choices=CHINA_VARS)
        elif who == "coalition":
            var = t.string("var", choices=COALITION_VARS)
        else:
            var = t.string("var", choices=ALLY_VARS)
        if t.data.get("domain") == sc.STRONGEST_DOMAIN:
            t.string("domain", None)  # read: checked here
            domain: str | None = sc.STRONGEST_DOMAIN
            if owner != "tool":
                t.problem(
                    "domain",
                    f"'{sc.STRONGEST_DOMAIN}' (the target's highest-tech domain) is for China's "
                    f"tools, not {owner}s: name a domain ({', '.join(self.domain_ids)})",
                )
            elif var != "tech":
                t.problem(
                    "domain",
                    f"'{sc.STRONGEST_DOMAIN}' only works with var = \"tech\" (this effect "
                    f"changes '{var}')",
                )
        else:
            domain = self._ref(t, "domain", self.domain_ids, "domain", optional=True)
        sector = None
        if "sector" in t.data:
            sector = t.string("sector")
            if sector != "all" and sector not in self.sector_ids:
                t.problem("sector", unknown("sector", sector, ["all", *self.sector_ids]))
        else:
            t.string("sector", None)  # records the optional key for the schema
        sector_vars = ("export_exposure", "import_dependence", "resilience")
        if var in sector_vars and sector is None and move_target != "sector":
            what = (
                "a tool that strikes a sector"
                if owner == "tool"
                else "a move that targets a sector"
            )
            t.problem("sector", f"a '{var}' effect needs a sector (or {what})")
        e = sc.Effect(
            who=who,
            var=var,
            amount=t.number("amount", lo=-1000, hi=1000),
            delay=t.integer("delay", 0, lo=0, hi=20),
            turns=t.integer("turns", 1, lo=1, hi=60),
            scale=t.string("scale", "none", choices=scales, misplaced=wrong_scale),
            domain=domain,
            sector=sector,
        )
        t.finish()
        return e

    def move(self, t: Table) -> sc.Move:
        target = t.string("target", "none", choices=sc.MOVE_TARGETS)
        m = sc.Move(
            id=t.string("id"),
            name=t.string("name"),
            line=t.string("line", choices=sc.MOVE_LINES),
            description=t.string("description"),
            source=t.string("source"),
            target=target,
            pc=t.integer("pc", lo=0, hi=10),
            budget=t.number("budget", 0.0, lo=0, hi=1000),
            joint=t.boolean("joint", False),
            synergy=t.number("synergy", 0.0, lo=0, hi=2),
            min_alignment=t.number("min_alignment", 0.0, lo=0, hi=100),
            measure=t.string("measure", "none", choices=sc.MEASURES),
            duration=t.integer("duration", 0, lo=0, hi=60),
            defiance=t.number("defiance", 0.0, lo=0, hi=100),
            cooldown=t.integer("cooldown", 0, lo=0, hi=60),
            effects=tuple(self.effect(e, target) for e in t.tables("effects", required=False)),
        )
        if m.measure == "export_control" and m.target != "domain":
            t.problem("target", "an export_control measure must target a domain")
        t.finish()
        return m

    def tool(self, t: Table) -> sc.Tool:
        choice = t.string("sector_choice", "none", choices=sc.SECTOR_CHOICES)
        sector = self._ref(t, "sector", self.sector_ids, "sector", optional=True)
        if choice == "fixed" and sector is None and "sector" not in t.data:
            t.problem("sector", "sector_choice = 'fixed' needs a sector")
        channel = t.string("channel", "none", choices=sc.TOOL_CHANNELS)
        if channel != "none" and choice == "none":
            t.problem(
                "channel",
                f"channel '{channel}' strikes a sector: set sector_choice to most_exposed, "
                "most_dependent or fixed (with a sector)",
            )
        strikes = "sector" if choice != "none" else "none"
        effects = tuple(
            self.effect(e, strikes, "tool") for e in t.tables("effects", required=False)
        )
        if t.data.get("channel", "none") == "none" and not t.data.get("effects"):
            t.problem(
                "effects",
                'the tool does nothing: give it a channel ("exports" or "inputs", with a '
                'sector_choice) or effects (effects = [ { who = "target", var = "resolve", '
                "amount = -5 } ])",
            )
        summary = t.string("summary", "")
        wrong = _summary_problem(summary, effects)
        if wrong:
            t.problem("summary", wrong)
        tool = sc.Tool(
            id=t.string("id"),
            name=t.string("name"),
            kind=t.string("kind", choices=sc.TOOL_KINDS),
            description=t.string("description"),
            source=t.string("source"),
            sector_choice=choice,
            sector=sector,
            intensity=t.number("intensity", lo=0, hi=1),
            duration=t.integer("duration", 1, lo=1, hi=24),
            escalation=t.number("escalation", 0.0, lo=-5, hi=5),
            backlash=t.number("backlash", 0.0, lo=0, hi=100),
            channel=channel,
            effects=effects,
            summary=summary,
            target=self._ref(t, "target", self.ally_ids, "ally", optional=True),
            answers=self._answers(t),
        )
        t.finish()
        return tool

    def _answers(self, t: Table) -> tuple[str, ...]:
        """A tool's ``answers``: moves of the catalogue, each named once."""
        answers = t.strings("answers", [])
        for i, move in enumerate(answers):
            if move not in self.move_ids:
                t.problem("answers", f"{unknown('move', move, self.move_ids)} (entry {i + 1})")
            elif move in answers[:i]:
                t.problem("answers", f"move '{move}' is named twice")
        return tuple(answers)

    def condition(self, t: Table) -> sc.Condition:
        c = sc.Condition(
            var=t.string("var", choices=CONDITION_VARS),
            op=t.string("op", choices=CONDITION_OPS),
            value=t.number("value", lo=-1e6, hi=1e6),
        )
        t.finish()
        return c

    def rule(self, t: Table) -> sc.Rule:
        r = sc.Rule(
            id=t.string("id"),
            description=t.string("description"),
            conditions=tuple(self.condition(c) for c in t.tables("when", required=False)),
            selector=t.string("selector", choices=tuple(SELECTORS)),
            tool=self._ref(t, "tool", self.tool_ids, "tool", optional=False) or "",
            intensity=t.number("intensity", 1.0, lo=0, hi=5),
            cost=t.integer("cost", 1, lo=0, hi=10),
            chance=t.number("chance", 1.0, lo=0, hi=1),
            priority=t.integer("priority", 0, lo=-100, hi=100),
            before=t.string("before", None) or None,
            target=self._ref(t, "target", self.ally_ids, "ally", optional=True),
        )
        t.finish()
        self.rules.append((t, r))
        return r

    def _check_rule_order(self) -> None:
        """Every ``before`` names a rule (of the base doctrine or any level) and none loops."""
        ids = [r.id for _, r in self.rules]
        by_id: dict[str, sc.Rule] = {}
        for _, r in self.rules:
            by_id.setdefault(r.id, r)
        for t, r in self.rules:
            if r.before is not None and r.before not in by_id:
                t.problem(
                    "before",
                    f"{unknown('rule', r.before, ids)}; name a rule of china.doctrine or of a "
                    "difficulty level",
                )
        reported: set[frozenset[str]] = set()
        for t, r in self.rules:
            chain = [r.id]
            following = r.before
            while following in by_id and following not in chain:
                chain.append(following)
                following = by_id[following].before
            if following == r.id and frozenset(chain) not in reported:
                reported.add(frozenset(chain))
                loop = " -> ".join([*chain, r.id])
                t.problem("before", f"the rules' 'before' keys form a cycle: {loop}")

    def tuning(self, root: Table) -> Tuning:
        """The ``[tuning]`` table: every key of :class:`Tuning`, each within its range."""
        t = root.table("tuning", required=False) or Table({}, "tuning", self.problems)
        values = {
            name: t.number(name, default, lo=lo, hi=hi)
            for name, (default, lo, hi, _) in tuning_keys().items()
        }
        t.finish()
        return Tuning(**values)

    def china(self, t: Table) -> sc.ChinaSpec:
        rules = [self.rule(r) for r in t.tables("doctrine")]
        ids = [r.id for r in rules]
        for i, ident in enumerate(ids):
            if ident in ids[:i]:
                self.problems.append(
                    Problem(f"china.doctrine[{i}].id", f"duplicate rule id '{ident}'")
                )
        c = sc.ChinaSpec(
            weight=t.number("weight", lo=0, hi=100),
            capacity=t.number("capacity", lo=0, hi=100),
            tech=self._per_domain(t, "tech", 0, 100),
            fusion=t.number("fusion", lo=0, hi=100),
            escalation=t.number("escalation", 0.0, lo=0, hi=10),
            backlash=t.number("backlash", 0.0, lo=0, hi=100),
            action_budget=t.integer("action_budget", lo=0, hi=20),
            ladder=tuple(t.strings("ladder")),
            clock=t.number("clock", 0.0, lo=0, hi=5),
            concession_base=t.number("concession_base", lo=0, hi=1),
            concession_after=t.integer("concession_after", 2, lo=1, hi=24),
            doctrine=tuple(rules),
        )
        if len(c.ladder) < 2:
            t.problem("ladder", "the escalation ladder needs at least two rungs")
        elif c.escalation > len(c.ladder) - 1:
            t.problem("escalation", f"must be at most the top rung ({len(c.ladder) - 1})")
        t.finish()
        return c

    def difficulty(self, t: Table) -> sc.Difficulty:
        d = sc.Difficulty(
            level=t.integer("level", lo=0, hi=20),
            id=t.string("id"),
            name=t.string("name"),
            label=t.string("label", ""),
            description=t.string("description"),
            action_budget=t.integer("action_budget", 0, lo=-10, hi=10),
            capacity=t.number("capacity", 0.0, lo=-100, hi=100),
            intensity=t.number("intensity", 0.0, lo=-1, hi=5),
            rules=tuple(self.rule(r) for r in t.tables("rules", required=False)),
        )
        t.finish()
        return d

    def event(self, t: Table) -> sc.ScenarioEvent:
        e = sc.ScenarioEvent(
            id=t.string("id"),
            title=t.string("title"),
            text=t.string("text"),
            source=t.string("source", ""),
            turn=t.integer("turn", 0, lo=0, hi=60),
            weight=t.number("weight", 0.0, lo=0, hi=1000),
            target=self._ref(t, "target", self.ally_ids, "ally", optional=True),
            effects=tuple(self.effect(x, "none", "event") for x in t.tables("effects")),
            when=tuple(self.condition(c) for c in t.tables("when", required=False)),
        )
        if e.turn == 0 and e.weight == 0 and not e.when:
            t.problem(
                "turn",
                "an event needs a turn (scripted), conditions (when) or a weight (the deck)",
            )
        if e.target is None and any(c.var.startswith("target.") for c in e.when):
            t.problem("when", "target.* conditions need the event to have a target ally")
        t.finish()
        return e

    def injects(self, root: Table, turns: int) -> tuple[sc.Inject, ...]:
        """The facilitator's ``[[injects]]`` (timed with ``turn``, else held), each with
        optional effects in the events' vocabulary."""
        injects = []
        for t in root.tables("injects", required=False):
            i = sc.Inject(
                id=t.string("id"),
                headline=t.string("headline"),
                text=t.string("text", ""),
                turn=t.integer("turn", 0, lo=0, hi=60),
                target=self._ref(t, "target", self.ally_ids, "ally", optional=True),
                effects=tuple(
                    self.effect(x, "none", "event") for x in t.tables("effects", required=False)
                ),
            )
            if i.turn > turns:
                t.problem("turn", f"turn {i.turn} is after the last turn ({turns})")
            t.finish()
            injects.append(i)
        self._dupes(root, "injects", [i.id for i in injects], "inject")
        return tuple(injects)

    def briefing(self, t: Table) -> sc.Briefing:
        b = sc.Briefing(turn=t.integer("turn", lo=1, hi=60), text=t.string("text"))
        t.finish()
        return b

    def victory(self, t: Table) -> sc.Victory:
        v = sc.Victory(
            gdp_weight=t.number("gdp_weight", lo=0, hi=100),
            tech_weight=t.number("tech_weight", lo=0, hi=100),
            leverage_weight=t.number("leverage_weight", lo=0, hi=100),
            cohesion_weight=t.number("cohesion_weight", lo=0, hi=100),
            accommodation_weight=t.number("accommodation_weight", lo=0, hi=100),
            gdp_floor=t.number("gdp_floor", lo=0.01, hi=100),
            tech_span=t.number("tech_span", lo=0.01, hi=100),
            decisive=t.number("decisive", lo=0, hi=100),
            marginal=t.number("marginal", lo=0, hi=100),
            stalemate=t.number("stalemate", lo=0, hi=100),
            collapse_cohesion=t.number("collapse_cohesion", lo=0, hi=100),
            collapse_share=t.number("collapse_share", lo=0, hi=1),
        )
        if not v.decisive >= v.marginal >= v.stalemate:
            t.problem("decisive", "tiers must satisfy decisive >= marginal >= stalemate")
        total = v.gdp_weight + v.tech_weight + v.leverage_weight + v.cohesion_weight
        if total + v.accommodation_weight <= 0:
            t.problem("gdp_weight", "the score weights must not all be zero")
        t.finish()
        return v

"""Inject lists prepared before class: a TOML file of ``[[injects]]`` tables (as in a
scenario), or a CSV file with the columns ``id, turn, headline, text, target, effects``.

In CSV (and in the console) effects are written on one line, separated by ``;``, each as
``who var amount`` with optional ``key=value`` words for the other keys of an effect:
``allies resolve +5; china escalation -1; self export_exposure -0.1 sector=rare-earths``.
Either way the injects are checked by the engine against the scenario (``parse_injects``);
a bad file gives one error naming the file, the row or key, and what is wrong.
"""

from __future__ import annotations

import csv
import io
import tomllib
from pathlib import Path
from typing import Any

from game.engine import (
    Inject,
    InputLimitError,
    Scenario,
    ScenarioError,
    parse_injects,
    read_regular_file,
    shape_problems,
)

MAX_BYTES = 1_000_000  # an inject list is a page of text, not a data set
COLUMNS = ("id", "turn", "headline", "text", "target", "effects")
_NUMBERS = {"amount": float, "delay": int, "turns": int}


class InjectFileError(ValueError):
    """An inject file that cannot be used: the message names the file and the problem."""


def parse_effects(line: str) -> list[dict[str, Any]]:
    """Effects written on one line (``allies resolve +5; china escalation -1``) as the
    tables of a scenario file. ValueError says which one is malformed."""
    effects = []
    for part in (p.strip() for p in line.split(";")):
        if not part:
            continue
        words = part.split()
        if len(words) < 3:
            raise ValueError(
                f"'{part}': write an effect as 'who var amount' (e.g. allies resolve +5)"
            )
        effect: dict[str, Any] = {"who": words[0], "var": words[1]}
        try:
            effect["amount"] = float(words[2])
        except ValueError:
            raise ValueError(f"'{part}': the amount '{words[2]}' is not a number") from None
        for word in words[3:]:
            key, sep, value = word.partition("=")
            if not sep:
                raise ValueError(f"'{part}': '{word}' should be key=value (e.g. sector=agrifood)")
            try:
                effect[key] = _NUMBERS[key](value) if key in _NUMBERS else value
            except ValueError:
                raise ValueError(f"'{part}': {key}={value} is not a number") from None
        effects.append(effect)
    return effects


def inject_table(
    ident: str, headline: str, text: str = "", turn: int = 0, target: str = "", effects: str = ""
) -> dict[str, Any]:
    """One inject as a scenario file's table (effects written on one line)."""
    table: dict[str, Any] = {"id": ident, "headline": headline, "text": text, "turn": turn}
    if target:
        table["target"] = target
    parsed = parse_effects(effects)
    if parsed:
        table["effects"] = parsed
    return table


def load_injects(path: Path, scenario: Scenario) -> tuple[Inject, ...]:
    """The injects of a ``.toml`` or ``.csv`` file, checked against the scenario."""
    name = path.name
    try:
        raw = read_regular_file(path, MAX_BYTES)  # never blocks on a FIFO or a device
    except InputLimitError as exc:
        raise InjectFileError(f"{name}: {exc}: not an inject list") from None
    except OSError as exc:
        raise InjectFileError(f"{name}: cannot read it ({exc.strerror or exc})") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InjectFileError(f"{name}: not UTF-8 text") from None
    if path.suffix.lower() == ".csv":
        data = {"injects": _csv_tables(text, name)}
    elif path.suffix.lower() == ".toml":
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise InjectFileError(f"{name}: not valid TOML ({exc})") from None
    else:
        raise InjectFileError(f"{name}: an inject list is a .toml or .csv file")
    too_big = shape_problems(data)
    if too_big:
        raise InjectFileError(f"{name}: {too_big[0].path or 'the file'}: {too_big[0].message}")
    try:
        return parse_injects(scenario, data, name)
    except ScenarioError as exc:
        raise InjectFileError(str(exc)) from None


def _csv_tables(text: str, name: str) -> list[dict[str, Any]]:
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip() for h in reader.fieldnames or []]
    missing = [c for c in ("id", "headline") if c not in header]
    if missing:
        raise InjectFileError(
            f"{name}: the first row must name the columns ({', '.join(COLUMNS)}); "
            f"'{missing[0]}' is missing"
        )
    tables = []
    for row_number, row in enumerate(reader, start=2):
        cells = {(k or "").strip(): (v or "").strip() for k, v in row.items() if k}
        try:
            turn = int(cells.get("turn") or 0)
        except ValueError:
            raise InjectFileError(
                f"{name}: row {row_number}: turn must be a whole number"
            ) from None
        try:
            tables.append(
                inject_table(
                    cells["id"],
                    cells["headline"],
                    cells.get("text", ""),
                    turn,
                    cells.get("target", ""),
                    cells.get("effects", ""),
                )  # fmt: skip
            )
        except ValueError as exc:
            raise InjectFileError(f"{name}: row {row_number}: effects: {exc}") from None
    return tables

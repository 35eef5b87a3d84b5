"""``resilience export SAVE --format csv|xlsx -o DIR``: a save as turn-stamped tables for the
analysts after a seminar.

The save is replayed (and checked) with its events, then written as six tables, each row
stamped with its turn: ``orders`` (with the team's note), ``outcomes`` (each move's grade,
voided orders), ``china`` (each action with China's reasons), ``interventions`` (the
facilitator's, with before, after and reason), ``notes`` (the teams' and the facilitator's)
and ``figures`` (every figure the facilitator may set, at the start and after each turn).

CSV needs nothing beyond the standard library: one UTF-8 file per table. XLSX, one workbook
with a sheet per table, uses openpyxl, an optional extra (``pip install
'collective-resilience[xlsx]'``). Files are written atomically; nothing half-written is left.
"""

from __future__ import annotations

import argparse
import csv
import io
from pathlib import Path
from typing import Any

from game.engine import figure_names, figure_value, order_key
from game.saves.store import Loaded, atomic_write, find_save, load_save

Table = tuple[list[str], list[list[Any]]]  # header, rows
FORMATS = ("csv", "xlsx")


def tables(loaded: Loaded) -> dict[str, Table]:
    """The export's tables of a loaded save (replayed with events)."""
    game = loaded.save.game
    replay = loaded.replay
    scenario = replay.scenario
    teams = {t.ally: (t.player if t.policy is None else f"AI ({t.policy})") for t in game.teams}
    notes_by = {(n.turn, n.author): n.text for n in game.notes}
    orders: list[list[Any]] = []
    for entry in game.turns:
        for o in entry.orders:
            note = notes_by.get((entry.turn, o.ally), "")
            orders.append(
                [entry.turn, o.ally, teams.get(o.ally, ""), o.kind, o.move, o.target or "",
                 o.proposal or "", order_key(o), note]
            )  # fmt: skip
    outcomes: list[list[Any]] = []
    china: list[list[Any]] = []
    for events in replay.events[1:]:
        for e in events:
            if e.phase == "moves" and (e.grade is not None or e.kind == "void"):
                outcomes.append(
                    [e.turn, e.kind, e.actor, e.cause, e.text, e.grade or "", "; ".join(e.details)]
                )
            elif e.phase == "china" and e.kind in ("coercion", "void", "restraint"):
                why = "; ".join(d.removeprefix("Why: ") for d in e.details if d.startswith("Why: "))
                china.append([e.turn, e.kind, e.cause, e.text, why])
    interventions = [
        [i.turn, i.phase, i.kind, i.target, i.before, i.after, i.reason, i.text]
        for i in game.facilitator
    ]
    notes = [[n.turn, n.author, teams.get(n.author, n.author), n.text] for n in game.notes]
    names = figure_names(scenario)
    figures = [
        [turn, name, figure_value(scenario, state, name)]
        for turn, state in enumerate(replay.states)
        for name in names
    ]
    return {
        "orders": (
            ["turn", "ally", "team", "kind", "move", "target", "proposal", "order", "note"],
            orders,
        ),
        "outcomes": (["turn", "kind", "ally", "move", "text", "grade", "details"], outcomes),
        "china": (["turn", "kind", "rule", "text", "reasons"], china),
        "interventions": (
            ["turn", "phase", "kind", "target", "before", "after", "reason", "text"],
            interventions,
        ),
        "notes": (["turn", "author", "team", "text"], notes),
        "figures": (["after_turn", "figure", "value"], figures),
    }


def csv_bytes(table: Table) -> bytes:
    """One table as UTF-8 CSV (a leading apostrophe keeps a cell that starts like a formula
    from being run by a spreadsheet)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    header, rows = table
    writer.writerow(header)
    for row in rows:
        writer.writerow([_cell(v) for v in row])
    return out.getvalue().encode("utf-8")


def _cell(value: Any) -> Any:
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@") and not _number(value):
        return "'" + value
    return value


def _number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def write_csv(all_tables: dict[str, Table], folder: Path) -> list[Path]:
    """One CSV file per table in ``folder``; the files written."""
    written = []
    for name, table in all_tables.items():
        path = folder / f"{name}.csv"
        atomic_write(path, csv_bytes(table))
        written.append(path)
    return written


def write_xlsx(all_tables: dict[str, Table], folder: Path, stem: str) -> list[Path]:
    """One workbook, a sheet per table; ValueError if openpyxl is not installed."""
    try:
        from openpyxl import Workbook  # type: ignore[import-untyped]
    except ImportError:
        raise ValueError(
            "xlsx needs openpyxl: pip install 'collective-resilience[xlsx]' (or use --format csv)"
        ) from None
    book = Workbook()
    book.remove(book.active)
    for name, (header, rows) in all_tables.items():
        sheet = book.create_sheet(name)
        sheet.append(header)
        for row in rows:
            sheet.append([_cell(v) for v in row])
    out = io.BytesIO()
    book.save(out)
    path = folder / f"{stem}.xlsx"
    atomic_write(path, out.getvalue())
    return [path]


def export(file: str, fmt: str, output: str, saves_dir: str | None = None) -> list[Path]:
    """Export a save (path or name) to the folder ``output`` (made if missing)."""
    path = find_save(file, saves_dir)
    loaded = load_save(path, explain=True)
    folder = Path(output)
    folder.mkdir(parents=True, exist_ok=True)
    all_tables = tables(loaded)
    if fmt == "xlsx":
        return write_xlsx(all_tables, folder, path.stem)
    return write_csv(all_tables, folder)


def cmd_export(args: argparse.Namespace, console: object) -> int:
    """The ``export`` subcommand."""
    import sys

    try:
        written = export(args.file, args.format, args.output, args.saves_dir)
    except ValueError as exc:
        print(f"resilience: {exc}", file=sys.stderr)
        return 1
    for path in written:
        print(f"wrote {path}")
    return 0


def register(sub: Any) -> argparse.ArgumentParser:
    """Add ``export`` to the command line's subcommands (its ``--saves-dir`` is the CLI's)."""
    p = sub.add_parser("export", help="write a save's orders, outcomes and notes as tables")
    p.add_argument("file", metavar="SAVE", help="save file, or a save name in --saves-dir")
    p.add_argument("--format", choices=FORMATS, default="csv")
    p.add_argument("-o", "--output", metavar="DIR", required=True, help="the folder to write")
    p.set_defaults(func=cmd_export)
    return p

"""``--out FILE.jsonl|.csv``: one row per game, written as the games finish (in seed order)."""

from __future__ import annotations

import csv
import json
import os
import tempfile
from pathlib import Path
from typing import IO, Any

from game.atomic import TEMP_PREFIX, TEMP_SUFFIX, clean_stale_temporaries
from game.engine import GameError
from game.lab.runner import GameRow

COLUMNS = (
    "seed",
    "variant",
    "policies",
    "difficulty",
    "tier",
    "won",
    "score",
    "ally_scores",
    "turns",
    "accommodations",
    "gdp_change",
    "cohesion",
    "collapsed",
    "moves",
    "error",
)


def row_data(row: GameRow) -> dict[str, Any]:
    """A game's row as plain data (scores rounded to 4 decimals)."""
    return {
        "seed": row.seed,
        "variant": row.variant,
        "policies": row.policies,
        "difficulty": row.difficulty,
        "tier": row.tier,
        "won": row.won,
        "score": round(row.score, 4),
        "ally_scores": {a: round(s, 4) for a, s in row.ally_scores},
        "turns": row.turns,
        "accommodations": row.accommodations,
        "gdp_change": round(row.gdp_change, 4),
        "cohesion": round(row.cohesion, 4),
        "collapsed": row.collapsed,
        "moves": dict(row.moves),
        "error": row.error,
    }


class RowWriter:
    """Streams rows to a ``.jsonl`` (one JSON object a line) or ``.csv`` file (the per-ally
    scores and the moves as ``key=value;...``). Written to a temporary file beside it and
    renamed at the end, so a run stopped early leaves a complete file of the games it
    finished, and a link at ``path`` is replaced, never followed."""

    def __init__(self, path: Path) -> None:
        suffix = path.suffix.lower()
        if suffix not in (".jsonl", ".csv"):
            raise GameError(f"--out {path}: the file must end in .jsonl or .csv")
        if not path.resolve().parent.is_dir():
            raise GameError(f"cannot write {path}: folder {path.resolve().parent} does not exist")
        self.path = path
        self.csv = suffix == ".csv"
        folder = path.resolve().parent
        clean_stale_temporaries(folder)
        fd, tmp = tempfile.mkstemp(
            dir=folder, prefix=f"{TEMP_PREFIX}{os.getpid()}-", suffix=TEMP_SUFFIX
        )  # a new file of our own, never through a link; renamed over ``path`` at the end
        self._tmp = Path(tmp)
        self._file: IO[str] = os.fdopen(fd, "w", encoding="utf-8", newline="")
        self._writer: Any = None
        if self.csv:
            self._writer = csv.writer(self._file)
            self._writer.writerow(COLUMNS)

    def write(self, row: GameRow) -> None:
        """Write one game's row."""
        data = row_data(row)
        if self.csv:
            data["ally_scores"] = ";".join(f"{k}={v}" for k, v in data["ally_scores"].items())
            data["moves"] = ";".join(f"{k}={v}" for k, v in data["moves"].items())
            data["error"] = data["error"] or ""
            self._writer.writerow([data[c] for c in COLUMNS])
        else:
            self._file.write(json.dumps(data, sort_keys=False) + "\n")

    def close(self) -> None:
        """Finish the file (renamed into place)."""
        self._file.close()
        os.replace(self._tmp, self.path)

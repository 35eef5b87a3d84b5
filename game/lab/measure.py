"""Measuring policies for a document: one scenario, one difficulty, a few variants on the same
seeds, played in parallel chunks small enough that every worker has work (the batch runner's
chunks are sized for thousands of games; a document also plays ten-game planner rows).

Used by :mod:`game.lab.balance_doc`; the figures are the ones ``resilience simulate`` and
``resilience stress`` print for the same scenario, level, policies and seeds.
"""

from __future__ import annotations

import hashlib
import json
import sys
import time
from typing import Any

from game.engine import Scenario
from game.lab.backends import backend
from game.lab.runner import Job, Variant
from game.lab.tally import Tallies
from game.scenarios import load, load_data, scenario_path


class Shipped:
    """A shipped scenario by name: its data (for the workers) and its rules (for labels)."""

    def __init__(self, name: str) -> None:
        path = scenario_path(name)
        self.name = name
        self.data: dict[str, Any] = load_data(path)
        self.scenario: Scenario = load(path)
        self.key = hashlib.sha1(json.dumps(self.data, sort_keys=True).encode()).hexdigest()[:16]

    def level(self, label: str) -> str:
        """A difficulty's id from its label (``normal``) or id."""
        return self.scenario.difficulty(label).id


def solo(spec: str, label: str | None = None) -> Variant:
    """Every government on one policy spec."""
    return Variant(label or spec, (("default", spec),))


def measure(
    shipped: Shipped,
    level: str,
    variants: list[Variant],
    games: int,
    jobs: int,
    pairs: list[tuple[int, int]] | None = None,
    first_seed: int = 0,
) -> Tallies:
    """Play seeds ``first_seed ..`` (``games`` of them), every variant on each, on ``jobs``
    processes; the tallies (and the paired comparisons asked for, same seeds)."""
    job = Job(shipped.data, shipped.name, shipped.level(level), tuple(variants), 10.0, shipped.key)
    tallies = Tallies(len(variants), pairs or [])
    # About four chunks a worker, so the last ones finish together; at most 25 seeds each.
    size = max(1, min(25, -(-games // max(1, 4 * jobs))))
    chunks = [
        (s, min(size, first_seed + games - s)) for s in range(first_seed, first_seed + games, size)
    ]
    runner = backend(jobs, None)
    start = time.perf_counter()
    try:
        for result in runner.run(job, chunks):
            for rows in result:
                tallies.add(rows)
    finally:
        runner.close()
    names = ", ".join(v.label for v in variants[:4]) + (" ..." if len(variants) > 4 else "")
    print(
        f"  {shipped.name} at {level}: {games} seeds x {len(variants)} ({names}) "
        f"in {time.perf_counter() - start:.0f} s",
        file=sys.stderr,
        flush=True,
    )
    return tallies

"""Record (or check) the game corpus: every policy x difficulty x 30 seeds x shipped scenario.

Each game is played with events on; the corpus keeps, per game, a digest of the state after
every turn, of the final state, of every event, and the final score and tier. The engine v2
redesign reproduced the corpus recorded at commit 9deb29d exactly; the corpus was then
re-recorded for the one rule it changed on purpose, the cooldown fix (docs/balance.md lists
the games that changed), and again for issue 14: China's reasons became sentences (every
game's event digest changed, no state) and a joint move already proposed, or in force for
every ally, can no longer be proposed again (the random policy's menu shrank: its games
changed; no other policy made such a proposal).

    python tests/corpus/record.py            # write tests/corpus/corpus.json
    python tests/corpus/record.py --check    # compare with it; print the games that differ
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import attrs

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus.json"
SEEDS = range(30)
DIFFICULTIES = ("measured", "assertive", "coercive", "wolf-warrior")


_FIELDS: dict[type, tuple[str, ...]] = {}


_PLAIN = frozenset({str, int, bool, type(None)})  # kept as they are


def canonical(value: Any) -> Any:
    """A JSON-ready form of a state or event: attrs objects as dicts of their fields, floats
    by repr (exact), tuples as lists. (Leaves are converted in place rather than by a call
    each: a game's states and events hold over a million of them.)"""
    kind = type(value)
    if kind is float:
        return repr(value)
    if kind is tuple or kind is list:
        return [
            v if type(v) in _PLAIN else repr(v) if type(v) is float else canonical(v) for v in value
        ]
    names = _FIELDS.get(kind)
    if names is None:
        names = _FIELDS[kind] = tuple(f.name for f in attrs.fields(kind)) if attrs.has(kind) else ()
    if names:
        out = {}
        for n in names:
            v = getattr(value, n)
            out[n] = v if type(v) in _PLAIN else repr(v) if type(v) is float else canonical(v)
        return out
    if kind is dict:
        return {str(k): canonical(v) for k, v in value.items()}
    return value


def digest(value: Any, size: int = 16) -> str:
    text = json.dumps(canonical(value), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()[:size]


def play(job: tuple[str, str, str, int], events: bool = True) -> tuple[str, dict[str, Any]]:
    """One game's record. Without ``events`` the game is played with the engine's
    ``explain`` off (as the simulator plays): the same states, and no events to digest."""
    from corpus_engine import play_one  # noqa: PLC0415 - the engine adapter beside this file

    scenario_name, policy_name, difficulty, seed = job
    states, log = play_one(scenario_name, policy_name, difficulty, seed, explain=events)
    final = states[-1]
    game = {
        "turns": [digest(s, 8) for s in states],
        "state": digest(final),
        "score": final.outcome.score,
        "tier": final.outcome.tier,
    }
    if events:
        game["events"] = digest(log)
    return f"{scenario_name}/{policy_name}/{difficulty}/{seed}", game


def jobs() -> list[tuple[str, str, str, int]]:
    from corpus_engine import policy_names, scenario_names  # noqa: PLC0415

    return [
        (sc, pol, diff, seed)
        for sc in scenario_names()
        for pol in policy_names()
        for diff in DIFFICULTIES
        for seed in SEEDS
    ]


def record(workers: int) -> dict[str, Any]:
    with ProcessPoolExecutor(workers) as pool:
        return dict(pool.map(play, jobs(), chunksize=20))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    sys.path.insert(0, str(HERE))
    games = record(args.workers)
    if not args.check:
        CORPUS.write_text(json.dumps(games, indent=0, sort_keys=True) + "\n")
        print(f"recorded {len(games)} games in {CORPUS}")
        return 0
    known = json.loads(CORPUS.read_text())
    differ = [k for k in known if games.get(k) != known[k]]
    for k in differ[:20]:
        print(k, known[k]["score"], "->", games.get(k, {}).get("score"))
    print(f"{len(differ)} of {len(known)} games differ")
    return 1 if differ else 0


if __name__ == "__main__":
    raise SystemExit(main())

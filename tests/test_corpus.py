"""The game corpus replays exactly: 2,400 recorded games (every policy x difficulty x 30 seeds
x shipped scenario), each checked turn by turn (tests/corpus/record.py). Every game is played
as the simulator plays it (no events: the engine must reach the same states either way), and
the first EVENT_SEEDS seeds of each are also played with events on and their every event
checked.

A change that alters any game on purpose re-records the corpus and says which games changed
and why in docs/balance.md; any other difference is a regression.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

CORPUS_DIR = Path(__file__).resolve().parent / "corpus"
sys.path.insert(0, str(CORPUS_DIR))

import record  # noqa: E402
from corpus_engine import policy_names, scenario_names  # noqa: E402

KNOWN = json.loads((CORPUS_DIR / "corpus.json").read_text())
EVENT_SEEDS = 5


@pytest.mark.parametrize("policy", policy_names())
@pytest.mark.parametrize("scenario_name", scenario_names())
def test_recorded_games_replay_exactly(scenario_name: str, policy: str) -> None:
    jobs = [job for job in record.jobs() if job[0] == scenario_name and job[1] == policy]
    assert len(jobs) == len(record.DIFFICULTIES) * len(record.SEEDS)
    differ = []
    for job in jobs:
        events = job[3] < EVENT_SEEDS
        key, game = record.play(job, events=events)
        known = KNOWN[key] if events else {k: v for k, v in KNOWN[key].items() if k != "events"}
        if game != known:
            pairs = zip(game["turns"], known["turns"], strict=False)  # a game may end sooner
            turns = [i for i, (a, b) in enumerate(pairs) if a != b]
            differ.append(f"{key}: first differs after turn {turns[0] if turns else '?'}")
    assert not differ, f"{len(differ)} games differ from the corpus: " + "; ".join(differ[:5])

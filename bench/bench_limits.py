"""Validation time against file size, up to the limits: it must grow at most linearly.

Builds scenario files of growing size from the shipped scenario (more moves, events, tools
and doctrine rules, each a copy with a new id; longer texts), valid ones and ones full of
near-miss references (every effect naming a domain that does not exist, so each gets a
did-you-mean), plus the heaviest shape the limits allow (64 allies, 64 domains, 64 sectors:
the loader reads every ally against every domain and sector). Each is timed three ways: the
TOML file through ``load`` (what ``validate`` does), and the same data embedded in a save,
through ``read_save`` (what ``saves``, ``load``, ``report`` and ``replay`` do first). Run::

    .venv/bin/python bench/bench_limits.py [--repeat R]

The table gives the size, the best CPU time of R runs (default 3) and the time per 100 kB:
flat or falling as files grow means linear (or better). Files past the limits are refused
before any of that work (the last rows).
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import json
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from hostile_data import to_toml  # noqa: E402

from game.engine import GameError, new_game  # noqa: E402
from game.saves.errors import SaveError  # noqa: E402
from game.saves.format import Team  # noqa: E402
from game.saves.replay import make_save, new_record  # noqa: E402
from game.saves.store import read_save, write_save  # noqa: E402
from game.scenarios import builtin_dir, load, load_data  # noqa: E402

BASE = load_data(builtin_dir() / "collective-resilience.toml")


def grown(k: int, near_miss: bool = False) -> dict[str, Any]:
    """The shipped scenario with ``k`` copies of each move, event and tool (capped at the
    limits) and texts ``k`` times longer."""
    data = copy.deepcopy(BASE)
    for section, cap in (("moves", 500), ("events", 1000), ("tools", 200)):
        entries = data[section]
        extra = []
        for i in range(min(k * len(entries), cap - len(entries))):
            entry = copy.deepcopy(entries[i % len(entries)])
            entry["id"] = f"{entry['id']}-copy-{i}"
            entry["description" if "description" in entry else "text"] = "x" * (40 * k)
            if near_miss:
                for effect in entry.get("effects", []):
                    effect["domain"] = f"semiconductorz-{i}"
            extra.append(entry)
        data[section] = entries + extra
    return data


def widest() -> dict[str, Any]:
    """64 allies, 64 domains and 64 sectors: the most cross-product work the limits allow."""
    data = copy.deepcopy(BASE)
    domain, sector, ally = data["domains"][0], data["sectors"][0], data["allies"][0]
    data["domains"] = [dict(domain, id=f"d{i}") for i in range(64)]
    data["sectors"] = [dict(sector, id=f"s{i}", domain="d0") for i in range(64)]
    profile = ally["sectors"][sector["id"]]
    data["allies"] = [
        dict(
            ally,
            id=f"a{i}",
            tech={f"d{j}": 10 for j in range(64)},
            supply_share={f"d{j}": 0.01 for j in range(64)},
            sectors={f"s{j}": profile for j in range(64)},
            objective={"text": "x", "metric": "resolve", "op": ">=", "value": 1},
        )
        for i in range(64)
    ]
    for item in data["moves"] + data["tools"] + data["events"]:
        for effect in item.get("effects", []):
            effect.pop("domain", None)
            effect.pop("sector", None)
    data["tools"] = [t for t in data["tools"] if t.get("sector_choice") != "fixed"]
    data.pop("victory_tiers", None)
    return data


def best(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.process_time()
        with contextlib.suppress(GameError):
            run()
        times.append(time.process_time() - start)
    return min(times)


def save_of(data: dict[str, Any], folder: Path) -> Path | None:
    """A save embedding ``data`` (None if the data does not make a valid game)."""
    try:
        from game.engine import build_scenario

        scenario = build_scenario(data)
    except GameError:
        return None
    teams = tuple(Team(a.id, "AI", "passive") for a in scenario.allies)
    game = new_record(data, 1, scenario.difficulties[0].id, teams, "bench")
    state, _ = new_game(scenario, 1, scenario.difficulties[0].id, explain=False)
    return write_save(make_save(game, state), folder / "bench.json")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    cases = [(f"valid x{k}", grown(k)) for k in (1, 2, 4, 8, 16)]
    cases += [(f"near-miss x{k}", grown(k, near_miss=True)) for k in (1, 4, 16)]
    cases.append(("64 allies x 64 domains x 64 sectors", widest()))
    over = copy.deepcopy(BASE)
    over["allies"] = [dict(over["allies"][0], id=f"a{i}") for i in range(2000)]
    cases.append(("2,000 allies (over the limit)", over))
    print(f"{'case':38s} {'TOML kB':>8s} {'load ms':>8s} {'ms/100kB':>9s} "
          f"{'save kB':>8s} {'read ms':>8s} {'ms/100kB':>9s}")  # fmt: skip
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        for label, data in cases:
            toml = folder / "bench.toml"
            toml.write_text(to_toml(data), encoding="utf-8")
            kb = toml.stat().st_size / 1000
            t_load = best(lambda: load(toml), args.repeat) * 1000  # noqa: B023
            save = save_of(data, folder)
            if save is None:  # an invalid scenario: embed it by hand, hashes made to match
                from game.saves.canonical import content_hash
                from game.saves.format import with_checksum

                doc = json.loads((folder / "template.json").read_bytes())
                doc["game"]["scenario"].update(data=data, hash=content_hash(data))
                save = folder / "bench.json"
                save.write_text(json.dumps(with_checksum(doc)))
            else:
                (folder / "template.json").write_bytes(save.read_bytes())
            skb = save.stat().st_size / 1000
            t_read = best(lambda: _read(save), args.repeat) * 1000  # noqa: B023
            print(
                f"{label:38s} {kb:8.0f} {t_load:8.1f} {100 * t_load / kb:9.1f} "
                f"{skb:8.0f} {t_read:8.1f} {100 * t_read / skb:9.1f}"
            )


def _read(path: Path) -> None:
    with contextlib.suppress(SaveError):
        read_save(path)


if __name__ == "__main__":
    main()

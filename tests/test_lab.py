"""The strategy lab: parallel runs give the same games, row files, user policies and their
errors, tournaments' significance, sweeps' key paths, the exploit finder, example saves."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest

from game.cli import main
from game.lab.backends import Backend
from game.lab.batch import run_batch
from game.lab.runner import Job, Variant
from game.lab.stats import sign_test_p, t_quantile, wilson
from game.saves.store import load_save
from game.scenarios import builtin_dir, load_data, scenario_path

SHORT = ["--scenario", "seminar-short", "--difficulty", "normal"]
DOCS = Path(__file__).resolve().parent.parent / "docs" / "analysis.md"


@pytest.fixture(autouse=True)
def _wide(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")  # tables on one line each, as in a wide terminal


def _rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines()]


def test_results_are_identical_whatever_the_number_of_jobs(tmp_path: Path) -> None:
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    sone, stwo = tmp_path / "one.json", tmp_path / "two.json"
    base = ["simulate", *SHORT, "--games", "40", "--seed", "5"]
    assert main([*base, "--jobs", "1", "--out", str(one), "--json", str(sone)]) == 0
    assert main([*base, "--jobs", "2", "--out", str(two), "--json", str(stwo)]) == 0
    assert one.read_bytes() == two.read_bytes()
    assert sone.read_bytes() == stwo.read_bytes()
    rows = _rows(one)
    assert [r["seed"] for r in rows] == list(range(5, 45))


def test_out_rows_hold_each_games_figures_in_jsonl_and_csv(tmp_path: Path) -> None:
    jsonl, table = tmp_path / "g.jsonl", tmp_path / "g.csv"
    base = ["simulate", *SHORT, "--games", "6", "--jobs", "1"]
    assert main([*base, "--out", str(jsonl)]) == 0
    assert main([*base, "--out", str(table)]) == 0
    rows = _rows(jsonl)
    assert len(rows) == 6
    first = rows[0]
    for key in ("seed", "policies", "difficulty", "tier", "score", "turns", "accommodations"):
        assert key in first
    assert set(first["ally_scores"]) == {"us", "japan", "eu", "australia"}
    assert first["turns"] == 6 and first["policies"] == "coordinated"
    assert sum(first["moves"].values()) > 0 and first["difficulty"] == "assertive"
    with table.open() as f:
        read = list(csv.DictReader(f))
    assert len(read) == 6 and read[0]["seed"] == "0" and "japan=" in read[0]["ally_scores"]
    assert float(read[0]["score"]) == first["score"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g.csv", "g.jsonl"]


def test_until_ci_stops_once_the_intervals_are_narrow(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["simulate", *SHORT, "--games", "2000", "--jobs", "1", "--until-ci", "40"]) == 0
    out = capsys.readouterr().out
    assert "narrower than asked" in out
    seeds = re.search(r"games \(seeds\)\s*│\s*(\d+)", out)
    assert seeds is not None and 30 <= int(seeds.group(1)) < 2000


def _doc_policy(tmp_path: Path) -> Path:
    text = DOCS.read_text()
    code = text.split("```python\n", 1)[1].split("```", 1)[0]
    path = tmp_path / "my_policy.py"
    path.write_text(code)
    return path


def test_the_example_policy_in_the_docs_plays(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _doc_policy(tmp_path)
    out = tmp_path / "rows.jsonl"
    spec = f"{path}:joiner"
    assert main(["simulate", *SHORT, "--games", "4", "--policy", spec, "--out", str(out)]) == 0
    rows = _rows(out)
    assert all(r["error"] is None for r in rows) and rows[0]["policies"].endswith(":joiner")
    assert "my_policy.py:joiner" in capsys.readouterr().out


BROKEN = """
import time
from game.engine import Order

def raises(scenario, state, ally_id, rng):
    if state.seed == 1 and state.turn == 3:
        raise ValueError("no plan for this")
    return []

def illegal(scenario, state, ally_id, rng):
    return [Order(ally_id, "no-such-move")] if state.seed == 2 else []

def slow(scenario, state, ally_id, rng):
    if state.seed == 1 and state.turn == 2:
        time.sleep(2)
    return []
"""


@pytest.mark.parametrize(
    ("function", "message"),
    [
        ("raises", "seed 1, turn 3: ValueError: no plan for this"),
        ("illegal", "seed 2, turn 1: illegal order"),
        ("slow", "seed 1, turn 2: took longer than 0.2 s"),
    ],
)
def test_a_failing_user_policy_is_reported_and_skipped_or_stopped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], function: str, message: str
) -> None:
    path = tmp_path / "broken.py"
    path.write_text(BROKEN)
    out = tmp_path / "rows.jsonl"
    base = ["simulate", *SHORT, "--games", "4", "--jobs", "1", "--policy-timeout", "0.2"]
    base += ["--policy", f"{path}:{function}"]
    assert main([*base, "--out", str(out)]) == 0  # --on-error skip: the others count
    captured = capsys.readouterr()
    assert f"policy '{path}:{function}'" in captured.err and message in captured.err
    assert "dropped after a policy error" in captured.out
    rows = _rows(out)
    assert len(rows) == 4 and sum(r["error"] is not None for r in rows) == 1
    assert re.search(r"games \(seeds\)\s*│\s*3 ", captured.out)
    assert main([*base, "--on-error", "stop"]) == 1
    captured = capsys.readouterr()
    assert message in captured.err and "Stopped at the first policy error" in captured.out
    assert "Traceback" not in captured.err


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("nowhere.py:f", "nowhere.py does not exist"),
        ("no_such_module_x:f", "policy module 'no_such_module_x' not found"),
        ("json:lods", "has no function 'lods' (did you mean 'loads'?)"),
        ("coordinatd", "did you mean 'coordinated'"),
        ("coordinated+forbid=no-such-move", "the scenario has no move 'no-such-move'"),
    ],
)
def test_bad_policy_specs_give_one_clean_message(
    spec: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["simulate", *SHORT, "--games", "1", "--policy", spec]) == 1
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_tournament_finds_a_known_difference_significant(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["tournament", *SHORT, "--games", "30", "--jobs", "1"]
    args += ["--policies", "coordinated,passive", "--mix", "japan=passive,default=coordinated"]
    assert main(args) == 0
    out = capsys.readouterr().out
    line = next(x for x in out.splitlines() if "coordinated vs passive" in x)
    assert "score, win" in line
    assert "Free riders" in out and "japan=passive (others coordinated)" in out
    assert "per won game" in out and "solidarity-pledge" in out


def test_sweep_charts_a_range_and_names_unknown_key_paths(
    capsys: pytest.CaptureFixture[str],
) -> None:
    args = ["sweep", *SHORT, "--games", "8", "--jobs", "1"]
    assert main([*args, "--set", "tools.tariffs.intensity=0.2:1:3"]) == 0
    out = capsys.readouterr().out
    assert "win rate across tools.tariffs.intensity" in out and "0.6 " in out
    for path, message in [
        ("tools.tarifs.intensity=1:2:2", "no 'tarifs' in 'tools' (did you mean 'tariffs'?)"),
        ("tuning.nope=1:2:2", "no tuning key 'nope'"),
        ("china.capacity=1:2", "write KEY.PATH=LOW:HIGH:STEPS"),
        ("scenario.turns=0:1:2", "the scenario rejects it"),
    ]:
        assert main([*args, "--set", path]) == 1
        err = capsys.readouterr().err
        assert message in err and "Traceback" not in err


def test_stress_does_not_flag_visa_screening_aimed_at_one_domain(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Before issue #15 targeted visa screening hit China's tech in every domain (spamming
    it beat the reference: stress flagged it). Aimed at one domain, the scalpel no longer
    does, forced first, spammed or forbidden. (Stress flagging an exploit is tested with the
    old blanket visa ban in test_visa_ban.py: under the rules that followed, the old
    unaimed scalpel is no longer one.)"""
    shipped = builtin_dir() / "collective-resilience.toml"
    aimed = 'target = "domain"  # the scalpel'
    assert aimed in shipped.read_text(encoding="utf-8")
    args = ["stress", "--difficulty", "normal", "--games", "40", "--jobs", "1"]
    args += ["--only", "targeted-visa-screening"]
    assert main(args) == 0
    assert "EXPLOITS" not in capsys.readouterr().out


def test_example_game_is_a_save_that_replays(tmp_path: Path) -> None:
    save = tmp_path / "best.json"
    args = ["simulate", *SHORT, "--games", "5", "--jobs", "1", "--out", str(tmp_path / "r.jsonl")]
    assert main([*args, "--example", "best", str(save)]) == 0
    loaded = load_save(save)
    best = max(_rows(tmp_path / "r.jsonl"), key=lambda r: r["score"])
    assert loaded.save.game.seed == best["seed"]
    assert loaded.save.state.outcome is not None
    assert round(loaded.save.state.outcome.score, 4) == best["score"]


class _Interrupted(Backend):
    """Plays one chunk, then the user presses Ctrl-C."""

    def run(self, job, chunks):  # type: ignore[no-untyped-def]
        chunk = next(iter(chunks))
        yield from super().run(job, [chunk])
        raise KeyboardInterrupt


def test_ctrl_c_stops_cleanly_with_the_games_finished(tmp_path: Path) -> None:
    path = scenario_path("seminar-short")
    job = Job(
        load_data(path), str(path), "assertive", (Variant("c", (("default", "coordinated"),)),)
    )
    outcome = run_batch(job, _Interrupted(), 0, 500)
    assert outcome.stopped == "interrupted"
    assert outcome.seeds_done == outcome.tallies.each[0].games == 25


def test_statistics_match_textbook_values() -> None:
    assert t_quantile(9) == pytest.approx(2.262, abs=1e-3)
    assert t_quantile(100) == pytest.approx(1.984, abs=1e-3)
    assert sign_test_p(10, 0) == pytest.approx(2 / 1024)
    low, high = wilson(50, 100)
    assert low == pytest.approx(0.4038, abs=1e-4) and high == pytest.approx(0.5962, abs=1e-4)


def test_the_tui_offers_a_user_policy_for_the_ai_allies(tmp_path: Path) -> None:
    import asyncio

    from game.tui.app import ResilienceApp

    spec = f"{_doc_policy(tmp_path)}:joiner"

    async def run() -> None:
        app = ResilienceApp(saves_dir=tmp_path, ai_policy=spec)
        async with app.run_test(size=(100, 40)) as pilot:
            await pilot.press("n")
            await pilot.pause()
            await pilot.press("ctrl+s")
            await pilot.pause()
            session = app.session
            assert session.ai_policy == spec
            session.submit(session.humans[0], ())
            record = session.resolve()
            ai = [o for o in record.orders if o.ally not in session.humans]
            line = {m.id: m.line for m in session.scenario.moves}
            assert ai and all(o.kind == "join" or line[o.move] == "defensive" for o in ai)

    asyncio.run(run())


def test_the_custom_scenario_of_the_guide_is_valid(capsys: pytest.CaptureFixture[str]) -> None:
    fixture = DOCS.parent / "examples" / "minerals-club.toml"
    assert main(["validate", str(fixture)]) == 0
    assert "'The Minerals Club' (minerals-club): 8 quarters, 4 allies" in capsys.readouterr().out

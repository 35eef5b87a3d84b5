"""What the lab's commands share: their options, the scenario and job they build, and the
end of a run (the example game, how it ended)."""

from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.text import Text

from game.cli_help import SCENARIOS_DIR_HELP
from game.engine import GameError, Scenario, UnknownNameError, did_you_mean
from game.lab.backends import backend, cores
from game.lab.batch import Outcome, chunk_size, ending, run_batch
from game.lab.examples import write_example
from game.lab.outfile import RowWriter
from game.lab.runner import Job, Variant
from game.safe_text import text
from game.scenarios import DEFAULT_SCENARIO, load, load_data, scenario_path

EXAMPLES = ("best", "worst", "median")


def add_common(p: argparse.ArgumentParser, games: int) -> None:
    """The options every lab command takes."""
    p.add_argument("--scenario", default=DEFAULT_SCENARIO, help="shipped name or .toml path")
    p.add_argument("--difficulty", default=None, help="level id or label (easy, normal, hard)")
    p.add_argument("--games", type=int, default=games, help=f"seeds to play (default {games})")
    p.add_argument("--seed", type=int, default=0, help="the first seed (default 0)")
    p.add_argument(
        "--jobs", type=int, default=None, metavar="N", help="worker processes (default: all cores)"
    )
    p.add_argument(
        "--dask",
        metavar="ADDRESS",
        help="run on a Dask scheduler (tcp://host:8786), or 'local' for a LocalCluster",
    )
    p.add_argument(
        "--out", metavar="FILE", help="stream one row per game to FILE.jsonl or FILE.csv"
    )
    p.add_argument(
        "--until-ci",
        type=float,
        metavar="W",
        help="stop once every 95%% interval (win rate in points, mean score) is narrower than W",
    )
    p.add_argument(
        "--on-error",
        choices=("skip", "stop"),
        default="skip",
        help="when a policy fails: drop that game and go on (skip) or stop cleanly (stop)",
    )
    p.add_argument(
        "--policy-timeout",
        type=float,
        default=10.0,
        metavar="S",
        help="seconds a user policy may take for one decision (default 10; 0: no limit)",
    )
    p.add_argument(
        "--example",
        nargs=2,
        metavar=("WHICH", "FILE"),
        help="save the best, worst or median game as FILE (open it with resilience replay)",
    )
    p.add_argument("--scenarios-dir", action="append", metavar="DIR", help=SCENARIOS_DIR_HELP)


def difficulty_of(scenario: Scenario, key: str | None) -> str:
    """A difficulty's id from its id or label (the scenario's default for None)."""
    key = key or scenario.default_difficulty
    try:
        return scenario.difficulty(key).id
    except KeyError:
        names = [d.id for d in scenario.difficulties] + [d.label for d in scenario.difficulties]
        raise UnknownNameError(
            f"unknown difficulty '{key}'{did_you_mean(key, names)}; "
            f"choose from {', '.join(f'{d.id} ({d.label})' for d in scenario.difficulties)}"
        ) from None


class Setup:
    """A command's scenario, data and difficulty, from its options (checked now)."""

    def __init__(self, args: argparse.Namespace) -> None:
        dirs = [Path(d) for d in args.scenarios_dir or []]
        path = scenario_path(args.scenario, dirs)
        self.scenario = load(path)
        self.data: dict[str, Any] = load_data(path)
        self.name = str(path)
        self.difficulty = difficulty_of(self.scenario, args.difficulty)
        if args.games < 1:
            raise GameError("--games must be at least 1")
        if args.until_ci is not None and args.until_ci <= 0:
            raise GameError("--until-ci must be above 0")
        if args.example and args.example[0] not in EXAMPLES:
            raise GameError(f"--example takes {', '.join(EXAMPLES)}, not '{args.example[0]}'")
        if args.example:
            folder = Path(args.example[1]).resolve().parent
            if not folder.is_dir():
                raise GameError(f"cannot write {args.example[1]}: folder {folder} does not exist")

    def job(self, variants: list[Variant], timeout: float) -> Job:
        """The job of these variants."""
        digest = hashlib.sha1(json.dumps(self.data, sort_keys=True).encode()).hexdigest()
        return Job(self.data, self.name, self.difficulty, tuple(variants), timeout, digest[:16])


def run(
    args: argparse.Namespace,
    job: Job,
    console: Console,
    pairs: list[tuple[int, int]] | None = None,
) -> Outcome:
    """Run a command's batch with its options (then print its tables and :func:`finish`)."""
    out = RowWriter(Path(args.out)) if args.out else None
    blocks = -(-args.games // chunk_size(len(job.variants)))
    jobs = args.jobs if args.jobs is not None or args.dask else min(cores(), blocks)
    chosen = backend(jobs, args.dask)  # by default no more processes than blocks of games
    outcome = run_batch(
        job,
        chosen,
        args.seed,
        args.games,
        pairs=pairs,
        out=out,
        until_ci=args.until_ci,
        on_error=args.on_error,
        example=args.example[0] if args.example else None,
        console=Console(stderr=True),
    )
    return outcome


def finish(args: argparse.Namespace, job: Job, outcome: Outcome, console: Console) -> int:
    """After a command's tables: the row file written, how the batch ended, the example
    game saved; the exit code."""
    out = args.out
    if out:
        console.print(
            text(f"wrote {outcome.seeds_done * len(job.variants)} rows to {out}"),
            soft_wrap=True,
        )
    note = ending(outcome, args.games)
    if note:
        console.print(text(note, style="bold"), soft_wrap=True)
    if args.example:
        found = outcome.examples.chosen()
        if found is None:
            console.print(text("no example game: no game finished"), soft_wrap=True)
        else:
            score, seed, index = found
            path = write_example(job, index, seed, Path(args.example[1]))
            console.print(
                text(
                    f"wrote the {args.example[0]} game ({job.variants[index].label}, seed {seed}, "
                    f"score {score:.1f}) to {path}; watch it with: resilience replay {path}"
                ),
                soft_wrap=True,
            )
    return exit_code(outcome)


def interval(lo: float, hi: float, percent: bool = False) -> str:
    """An interval for a table cell."""
    return f"{lo:.1%}–{hi:.1%}" if percent else f"{lo:.1f}–{hi:.1f}"


def exit_code(outcome: Outcome) -> int:
    """0 when the batch ran (or stopped at the interval asked); 1 on a stop at an error;
    130 after Ctrl-C."""
    return {"error": 1, "interrupted": 130}.get(outcome.stopped or "", 0)


def cells(*values: object) -> list[Text]:
    """Table cells shown as text, never as markup (a label may come from a file or a user)."""
    return [text(v) for v in values]

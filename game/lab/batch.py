"""Running a batch of games: chunks of seeds through a backend, in seed order, into running
tallies, an optional row file and the example games kept; a progress bar with the running win
rate; ``--until-ci``; policy errors; Ctrl-C stops cleanly with the games finished."""

from __future__ import annotations

from collections.abc import Iterator

from attrs import define, field
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from game.lab.backends import Backend, Chunk
from game.lab.outfile import RowWriter
from game.lab.runner import GameRow, Job
from game.lab.tally import Tallies
from game.safe_text import text

MIN_GAMES_FOR_CI = 30  # --until-ci never stops before this many games per variant
ERRORS_SHOWN = 10


@define
class Examples:
    """The best, worst and median games seen (by coalition score): (score, seed, variant)."""

    which: str | None
    best: tuple[float, int, int] | None = None
    worst: tuple[float, int, int] | None = None
    scores: list[tuple[float, int, int]] = field(factory=list)  # only for the median

    def add(self, row: GameRow, variant: int) -> None:
        """Consider one game."""
        if self.which is None or row.error is not None:
            return
        key = (row.score, row.seed, variant)
        if self.best is None or row.score > self.best[0]:
            self.best = key
        if self.worst is None or row.score < self.worst[0]:
            self.worst = key
        if self.which == "median":
            self.scores.append(key)

    def chosen(self) -> tuple[float, int, int] | None:
        """The game asked for."""
        if self.which == "best":
            return self.best
        if self.which == "worst":
            return self.worst
        if not self.scores:
            return None
        ordered = sorted(self.scores)
        return ordered[(len(ordered) - 1) // 2]


@define
class Outcome:
    """What a batch did: its tallies, how many seeds were played, and why it ended."""

    tallies: Tallies
    seeds_done: int
    stopped: str | None  # None: all games played; "ci", "interrupted" or "error"
    errors: list[str]
    examples: Examples


def chunk_size(variants: int) -> int:
    """Seeds per chunk: about a hundred games, fixed by the job (never by the workers), so
    ``--until-ci`` stops at the same game whatever ``--jobs``."""
    return max(1, min(25, 100 // max(1, variants)))


def _chunks(first: int, games: int, size: int) -> Iterator[Chunk]:
    for start in range(first, first + games, size):
        yield start, min(size, first + games - start)


def run_batch(
    job: Job,
    backend: Backend,
    first_seed: int,
    games: int,
    *,
    pairs: list[tuple[int, int]] | None = None,
    out: RowWriter | None = None,
    until_ci: float | None = None,
    on_error: str = "skip",
    example: str | None = None,
    console: Console | None = None,
) -> Outcome:
    """Play ``games`` seeds from ``first_seed``, every variant of the job on each."""
    console = console or Console(stderr=True)
    tallies = Tallies(len(job.variants), pairs or [])
    examples = Examples(example)
    errors: list[str] = []
    stopped: str | None = None
    done = 0
    progress = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        TextColumn("{task.fields[rate]}"),
        console=console,
        transient=True,
        disable=not console.is_terminal,
    )
    total = games * len(job.variants)
    results = backend.run(job, _chunks(first_seed, games, chunk_size(len(job.variants))))
    try:
        with progress:
            task = progress.add_task("games", total=total, rate="")
            for chunk in results:
                for rows in chunk:
                    tallies.add(rows)
                    done += 1
                    for i, row in enumerate(rows):
                        examples.add(row, i)
                        if out is not None:
                            out.write(row)
                        if row.error is not None:
                            errors.append(row.error)
                            if len(errors) <= ERRORS_SHOWN:
                                console.print(
                                    text(f"error: {row.error}", style="red"), soft_wrap=True
                                )
                            if on_error == "stop":
                                stopped = "error"
                    if stopped:
                        break
                first = tallies.each[0]
                lo, hi = first.wins.ci95()
                rate = f"{job.variants[0].label}: win {first.wins.rate:.1%} ({lo:.1%}–{hi:.1%})"
                progress.update(task, completed=done * len(job.variants), rate=rate)
                if stopped:
                    break
                if until_ci is not None and all(
                    t.games >= MIN_GAMES_FOR_CI and t.widest_interval() < until_ci
                    for t in tallies.each
                ):
                    stopped = "ci"
                    break
    except KeyboardInterrupt:
        stopped = "interrupted"
    finally:
        results.close()
        backend.close()
        if out is not None:
            out.close()
    return Outcome(tallies, done, stopped, errors, examples)


def ending(outcome: Outcome, games: int) -> str:
    """A sentence on how the batch ended, for the output."""
    n = outcome.seeds_done
    if outcome.stopped == "interrupted":
        return f"Stopped by Ctrl-C after {n} of {games} seeds; the figures cover those {n}."
    if outcome.stopped == "ci":
        return f"Stopped after {n} of {games} seeds: every 95% interval is narrower than asked."
    if outcome.stopped == "error":
        return f"Stopped at the first policy error (--on-error stop) after {n} of {games} seeds."
    if outcome.errors:
        return (
            f"{len(outcome.errors)} game(s) dropped after a policy error (--on-error skip); "
            "the figures leave them out."
        )
    return ""

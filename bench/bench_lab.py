"""The strategy lab's speed: games per second on 1 and 2 cores, parallel efficiency, memory
against the number of games, and a balance check timed end to end.

Run it from the repository root (figures in docs/performance.md, "The strategy lab")::

    .venv/bin/python bench/bench_lab.py [--games 2000] [--memory 1000,20000] [--balance 1000]
        [--only speed,memory,balance] [--repeat 3]

- speed: ``--games`` games of the default scenario at normal, every ally coordinated, through
  the lab's own batch runner (``run_batch``) in this process (1 core) and on a pool of 2
  processes; the fastest of ``--repeat`` runs each. Efficiency = t1 / (2 x t2).
- memory: ``resilience simulate --jobs 1 --out FILE.jsonl`` of seminar-short for each count
  in ``--memory``, each in its own child process; the child's peak resident memory
  (``ru_maxrss`` from ``wait4``).
- balance: ``resilience tournament --policies passive,unilateral,decouple,coordinated,random
  --difficulty normal --games N`` (default scenario, all cores) timed end to end as a child
  process, then the same with ``--until-ci 8``.

The machine may be shared: the load average is printed with each figure.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game.lab.backends import Backend, Pool  # noqa: E402
from game.lab.batch import run_batch  # noqa: E402
from game.lab.runner import Job, Variant  # noqa: E402
from game.scenarios import load_data, scenario_path  # noqa: E402

RESILIENCE = str(Path(sys.executable).parent / "resilience")


def load() -> str:
    """The 1-minute load average, for the record."""
    return f"load {os.getloadavg()[0]:.1f}"


class MeasuredPool(Pool):
    """A pool that notes its workers' CPU time before they stop (needs psutil)."""

    cpu = 0.0

    def close(self) -> None:
        try:
            import psutil
        except ImportError:  # the CPU figures are left out
            psutil = None
        if psutil is not None and self._executor is not None:
            for child in psutil.Process().children(recursive=True):
                with contextlib.suppress(psutil.Error):
                    t = child.cpu_times()
                    self.cpu += t.user + t.system
        super().close()


def speed(games: int, repeat: int) -> None:
    """Wall time (fastest of ``repeat``) and CPU time of all processes, on 1 and 2 cores."""
    path = scenario_path("collective-resilience")
    variant = Variant("coordinated", (("default", "coordinated"),))
    job = Job(load_data(path), str(path), "assertive", (variant,), key="bench")
    times, cpus = {}, {}
    for workers in (1, 2):
        best, cpu = float("inf"), float("inf")
        for _ in range(repeat):
            backend = MeasuredPool(workers) if workers > 1 else Backend()
            start, start_cpu = time.perf_counter(), time.process_time()
            outcome = run_batch(job, backend, 0, games)
            best = min(best, time.perf_counter() - start)
            used = time.process_time() - start_cpu + getattr(backend, "cpu", 0.0)
            cpu = min(cpu, used)
            assert outcome.seeds_done == games
        times[workers], cpus[workers] = best, cpu
        print(
            f"speed: {games} games on {workers} core(s): {best:.2f} s, "
            f"{games / best:.0f} games/s; CPU {cpu:.2f} s in all processes ({load()})"
        )
    print(f"speed: parallel efficiency on 2 cores (wall): {times[1] / (2 * times[2]):.2f}")
    if cpus[2] > cpus[1] * 0.5:  # the workers' CPU was measured
        print(
            f"speed: work efficiency (CPU of 1 core / CPU of all 2-core processes): "
            f"{cpus[1] / cpus[2]:.2f}"
        )


def peak_memory(games: int) -> tuple[float, float]:
    """Peak resident memory (MiB) and wall time of one simulate run in a child process."""
    with tempfile.TemporaryDirectory() as tmp:
        args = [RESILIENCE, "simulate", "--scenario", "seminar-short", "--games", str(games)]
        args += ["--jobs", "1", "--out", str(Path(tmp) / "rows.jsonl")]
        start = time.perf_counter()
        child = subprocess.Popen(args, stdout=subprocess.DEVNULL)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        if status != 0:
            raise SystemExit(f"simulate failed: status {status}")
    return usage.ru_maxrss / 1024, wall


def memory(counts: list[int]) -> None:
    for n in counts:
        mib, wall = peak_memory(n)
        print(f"memory: {n} games: peak {mib:.1f} MiB, {wall:.1f} s ({load()})")


def balance(games: int) -> None:
    base = [RESILIENCE, "tournament", "--difficulty", "normal", "--games", str(games)]
    base += ["--policies", "passive,unilateral,decouple,coordinated,random"]
    for extra in ([], ["--until-ci", "8"]):
        start = time.perf_counter()
        done = subprocess.run([*base, *extra], capture_output=True, text=True, check=True)
        wall = time.perf_counter() - start
        stopped = [x for x in done.stdout.splitlines() if x.startswith("Stopped")]
        note = f"; {stopped[0]}" if stopped else ""
        label = " ".join(extra) or "no --until-ci"
        print(f"balance: 5 policies x {games} games, {label}: {wall:.1f} s{note} ({load()})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--games", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--memory", default="1000,20000")
    parser.add_argument("--balance", type=int, default=1000)
    parser.add_argument("--only", default="speed,memory,balance")
    args = parser.parse_args()
    parts = args.only.split(",")
    print(f"{os.cpu_count()} CPUs; Python {sys.version.split()[0]}")
    if "speed" in parts:
        speed(args.games, args.repeat)
    if "memory" in parts:
        memory([int(x) for x in args.memory.split(",")])
    if "balance" in parts:
        balance(args.balance)


if __name__ == "__main__":
    main()

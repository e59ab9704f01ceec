"""Scale: a large scripted run end to end (simulate + score + export), and the joblib sweep speed-up.

Prints wall time and peak RSS of `debtsim run` at 10k and at the full size
(default 100k; target peak RSS < 1 GiB and flat in run size), and the speed-up
of a 4-cell sweep on `hydra/launcher=joblib` (2 workers) over the same sweep
run cell after cell.

Usage: python bench/bench_scale.py [--dialogues 100000] [--sweep-dialogues 400]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time

GIB = 1024**3


def timed(cmd: list[str]) -> tuple[float, int]:
    """Wall seconds and peak RSS (bytes) of one command, measured on that child alone."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{proc.stderr.read().decode()[-2000:]}")
    return wall, usage.ru_maxrss * 1024


def debtsim(*args: str) -> list[str]:
    return [sys.executable, "-m", "simulator.cli", "run", *args]


def run_size(n: int, tmp: str) -> tuple[float, int]:
    return timed(debtsim(f"n_dialogues={n}", f"output_dir={tmp}/run-{n}", "seed=1"))


def sweep(n: int, tmp: str, launcher: str) -> float:
    extra = ["hydra/launcher=joblib", "hydra.launcher.n_jobs=2"] if launcher == "joblib" else []
    args = [
        "-m",
        "strategy=empathetic,firm,policy_ladder,plan_and_judge",
        f"n_dialogues={n}",
        f"hydra.sweep.dir={tmp}/sweep-{launcher}",
        *extra,
    ]
    return timed(debtsim(*args))[0]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dialogues", type=int, default=100_000)
    parser.add_argument("--sweep-dialogues", type=int, default=400)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        small = min(10_000, args.dialogues // 10)
        for n in (small, args.dialogues):
            wall, rss = run_size(n, tmp)
            print(
                f"{n:>7} dialogues: {wall:8.1f} s  {n / wall:7.1f} dlg/s  peak RSS {rss / GIB:.3f} GiB"
                f"  ({'OK' if rss < GIB else 'OVER'} vs 1 GiB)"
            )
        sequential = sweep(args.sweep_dialogues, tmp, "basic")
        parallel = sweep(args.sweep_dialogues, tmp, "joblib")
        print(
            f"4-cell sweep: sequential {sequential:.1f} s, joblib x2 {parallel:.1f} s, "
            f"speed-up {sequential / parallel:.2f}x"
        )


if __name__ == "__main__":
    main()

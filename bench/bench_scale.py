"""Scale: a large scripted run end to end (simulate + score + export), and the joblib sweep speed-up.

Prints, for `debtsim run` at the comparison size (default 10k) and at the full
size (default 100k): wall time, the time of each stage from the manifest
(simulate, evaluate, export — all three must have run), and the child's peak
RSS (target < 1 GiB at 100k, and flat: about the same at both sizes). Then the
speed-up of a 4-cell strategy sweep on `hydra/launcher=joblib` with 2 workers
over the same sweep run cell after cell by the basic launcher.

The child's stdout and stderr (the progress bar) go to files, never to an
unread pipe, so a long run cannot block on a full pipe buffer.

Usage: python bench/bench_scale.py [--dialogues 100000] [--compare-at 10000] [--sweep-dialogues 400]
Smoke: python bench/bench_scale.py --dialogues 60 --compare-at 20 --sweep-dialogues 8
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

GIB = 1024**3
STAGES = ("simulate", "evaluate", "export")
CELLS = "strategy=empathetic,firm,policy_ladder,plan_and_judge"


def timed(cmd: list[str], logs: Path) -> tuple[float, int]:
    """Wall seconds and peak RSS (bytes) of one command, measured on that child alone."""
    logs.mkdir(parents=True, exist_ok=True)
    with (logs / "stdout.txt").open("wb") as out, (logs / "stderr.txt").open("wb") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    proc.returncode = code  # reaped by wait4: tell Popen, so it never waits again
    if code != 0:
        tail = (logs / "stderr.txt").read_bytes().decode(errors="replace")[-2000:]
        raise SystemExit(f"failed (rc {code}): {' '.join(cmd)}\n{tail}")
    return wall, usage.ru_maxrss * 1024  # Linux reports kilobytes


def debtsim(*args: str) -> list[str]:
    return [sys.executable, "-m", "debtsim.cli", "run", *args]


def run_size(n: int, work: Path) -> int:
    out = work / f"run-{n}"
    wall, rss = timed(debtsim(f"n_dialogues={n}", f"output_dir={out}", "seed=1"), work / f"logs-{n}")
    manifest = json.loads((out / "manifest.json").read_text())
    timings = manifest["timings_s"]
    missing = [s for s in STAGES if s not in timings]
    if missing or manifest["counts"]["transcripts"] != n:
        raise SystemExit(f"run-{n} is not end to end: missing stages {missing}, counts {manifest['counts']}")
    stages = "  ".join(f"{s} {timings[s]:.1f} s" for s in STAGES)
    print(
        f"{n:>7} dialogues: {wall:8.1f} s wall ({stages}); {n / timings['simulate']:6.1f} dlg/s simulated;"
        f" peak RSS {rss / GIB:.3f} GiB ({'OK' if rss < GIB else 'OVER'} vs 1 GiB)"
    )
    return rss


def sweep(n: int, work: Path, launcher: str) -> float:
    extra = ["hydra/launcher=joblib", "hydra.launcher.n_jobs=2"] if launcher == "joblib" else []
    sweep_dir = work / f"sweep-{launcher}"
    wall, _ = timed(
        debtsim("-m", CELLS, f"n_dialogues={n}", f"output_dir={sweep_dir}", *extra), work / f"logs-{launcher}"
    )
    finished = [p for p in sweep_dir.iterdir() if (p / "manifest.json").exists()]
    if len(finished) != 4:
        raise SystemExit(f"{launcher} sweep finished {len(finished)} of 4 cells")
    return wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dialogues", type=int, default=100_000, help="the full run's size")
    parser.add_argument("--compare-at", type=int, default=10_000, help="the smaller run, for RSS flatness")
    parser.add_argument("--sweep-dialogues", type=int, default=400, help="dialogues per sweep cell")
    parser.add_argument("--workdir", type=Path, help="keep the runs here (default: a temporary dir)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = args.workdir or Path(tmp)
        small_rss = run_size(min(args.compare_at, args.dialogues), work)
        full_rss = run_size(args.dialogues, work)
        print(f"peak RSS {args.dialogues} vs {args.compare_at}: {full_rss / small_rss:.2f}x (flat is ~1x)")
        sequential = sweep(args.sweep_dialogues, work, "basic")
        parallel = sweep(args.sweep_dialogues, work, "joblib")
        print(
            f"4-cell sweep of {args.sweep_dialogues} dialogues/cell on {os.cpu_count()} CPUs: "
            f"sequential {sequential:.1f} s, joblib x2 {parallel:.1f} s, speed-up {sequential / parallel:.2f}x"
        )


if __name__ == "__main__":
    main()

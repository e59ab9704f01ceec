"""Benchmark: N transcripts through filters + near-dup removal + four SFT targets (target: 100k ≤ 60 s).

The transcripts come from the scripted engine, generated once into a cache
(`--cache`, default $DEBTSIM_BENCH_CACHE or /tmp/debtsim-bench-cache) as
`--shards` runs simulated and scored in parallel (`debtsim run`, `debtsim
evaluate --skip-report`); later calls reuse them. The measured part is
`export_run` with DPO off: reading + projecting transcripts, the score table
read, the filter chain (MinHash LSH included), formatting and validating four
targets, writing them. Reported: wall time, transcripts/s, peak RSS
(`resource.getrusage`), and the time projected to 100k at the measured rate.

    python bench/bench_export.py --n 100000
    python bench/bench_export.py --n 40000 --sizes 10000,20000,40000   # scaling
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from debtsim.export.export_stage import export_run
from simulator.conf_defaults import load_defaults

TARGET_N, TARGET_S = 100_000, 60.0


def line_count(path: Path) -> int:
    if not path.exists():
        return 0
    with path.open("rb") as f:
        return sum(1 for _ in f)


def debtsim(*args: str) -> subprocess.Popen:
    code = "from debtsim.cli import main; main()"
    return subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.DEVNULL)


def ensure_shards(cache: Path, per_shard: int, shards: int) -> list[Path]:
    """Simulate (resuming) and score each shard; shards run in parallel, one process each."""
    dirs = [cache / f"seed-{s}" for s in range(1, shards + 1)]
    runs = [
        debtsim(
            "run",
            f"n_dialogues={per_shard}",
            f"seed={s}",
            f"output_dir={d}",
            "evaluate.enabled=false",
            "export.enabled=false",
        )
        for s, d in enumerate(dirs, start=1)
        if line_count(d / "transcripts.jsonl") < per_shard
    ]
    if runs:
        print(f"simulating {len(runs)} shard(s) of {per_shard} into {cache} ...", flush=True)
    if any(p.wait() for p in runs):
        sys.exit("bench: simulation failed")
    stale = [
        d
        for d in dirs
        if not (d / "scores.parquet").exists()
        or pq.read_metadata(d / "scores.parquet").num_rows != line_count(d / "transcripts.jsonl")
    ]
    if stale:
        print(f"scoring {len(stale)} shard(s) ...", flush=True)
    if any(p.wait() for p in [debtsim("evaluate", str(d), "--skip-report") for d in stale]):
        sys.exit("bench: scoring failed")
    return dirs


def bench_dir(cache: Path, shards: list[Path], n: int) -> Path:
    """A run directory holding the first n/len(shards) transcripts of each shard, with their scores."""
    out = cache / f"bench-{n}"
    if line_count(out / "transcripts.jsonl") == n and (out / "scores.parquet").exists():
        return out
    out.mkdir(parents=True, exist_ok=True)
    take = n // len(shards)
    ids, tables = [], []
    with (out / "transcripts.jsonl").open("wb") as dst:
        for shard in shards:
            with (shard / "transcripts.jsonl").open("rb") as src:
                for i, line in enumerate(src):
                    if i >= take:
                        break
                    dst.write(line)
                    start = line.find(b'"dialogue_id":"') + 15
                    ids.append(line[start : line.index(b'"', start)].decode())
            tables.append(pq.read_table(shard / "scores.parquet"))
    scores = pa.concat_tables(tables, promote_options="default")
    wanted = set(ids)
    keep = pa.array([d in wanted for d in scores.column("dialogue_id").to_pylist()])
    pq.write_table(scores.filter(keep), out / "scores.parquet")
    return out


def measure(run_dir: Path) -> dict:
    export = load_defaults("export")
    export["dpo"] = {**export["dpo"], "enabled": False}
    start, cpu = time.perf_counter(), time.process_time()
    summary = export_run(run_dir, load_defaults("filter"), export)
    return {"seconds": time.perf_counter() - start, "cpu": time.process_time() - cpu, "summary": summary}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=TARGET_N, help="transcripts to generate and export")
    parser.add_argument("--sizes", default="", help="comma-separated sizes to measure (default: --n)")
    parser.add_argument("--shards", type=int, default=2, help="parallel simulation processes")
    parser.add_argument(
        "--cache", type=Path, default=Path(os.environ.get("DEBTSIM_BENCH_CACHE", "/tmp/debtsim-bench-cache"))
    )
    args = parser.parse_args()
    shards = ensure_shards(args.cache, -(-args.n // args.shards), args.shards)
    sizes = [int(s) for s in args.sizes.split(",") if s] or [args.n]
    rows = []
    for n in sizes:
        result = measure(bench_dir(args.cache, shards, n))
        seconds, summary = result["seconds"], result["summary"]
        projected = seconds * TARGET_N / n
        rows.append((n, seconds, result["cpu"], n / seconds, projected, summary["sft"]["filters"]["kept"]))
    report(rows)


def report(rows: list[tuple]) -> None:
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    targets = len(load_defaults("export")["targets"])
    print(f"\nbench_export: filters + near-dup + SFT x{targets} targets (cpus: {os.cpu_count()})")
    print(f"load average at the end: {os.getloadavg()[0]:.1f} (wall time is only meaningful near 1)")
    head = ("transcripts", "wall s", "cpu s", "per wall s", "proj. 100k s", "ratio to 60 s", "kept")
    print(" ".join(f"{h:>13}" for h in head))
    for n, seconds, cpu, rate, projected, kept in rows:
        cells = (
            n,
            f"{seconds:.2f}",
            f"{cpu:.2f}",
            f"{rate:.0f}",
            f"{projected:.1f}",
            f"{projected / TARGET_S:.2f}",
            kept,
        )
        print(" ".join(f"{c:>13}" for c in cells))
    print(f"peak RSS (whole process, all sizes): {peak_mib:.0f} MiB")


if __name__ == "__main__":
    main()

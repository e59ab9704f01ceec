"""Benchmark: ROUGE-L pool admission + diversity clustering + difficulty balancing, and IFD throughput.

    python bench/bench_select.py --n 100000                 # generates the run once (cached), then measures
    python bench/bench_select.py --transcripts RUN/transcripts.jsonl --sizes 2500,5000,10000
    python bench/bench_select.py --n 5000 --ifd-samples 64  # adds IFD samples/s with the converted SmolLM2

Dialogues come from the scripted engine (`debtsim run ... evaluate=off export.enabled=false`),
generated once into ~/.cache/debtsim/bench_select/n<N>/ and reused. For each size the
first N dialogues are selected with the packaged defaults (IFD off), timing each stage;
peak memory is the process's maximum resident set size after the size ran (sizes run
in ascending order, so the figure for a size includes the smaller ones before it).
Target: 100k dialogues in <= 2 minutes on 2 cores.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import orjson

from evaluators.selection import load_selection_defaults, parse_selection_settings, sample_of
from evaluators.selection.clusters import cluster
from evaluators.selection.difficulty import band_of, difficulty_points, mix
from evaluators.selection.rouge_pool import RougePoolStage

CACHE = Path("~/.cache/debtsim/bench_select").expanduser()


def generated(n: int) -> Path:
    out = CACHE / f"n{n}"
    path = out / "transcripts.jsonl"
    if not path.exists():
        print(f"generating {n} dialogues into {out} (once)", file=sys.stderr)
        subprocess.run(
            [
                "debtsim",
                "run",
                f"n_dialogues={n}",
                f"output_dir={out}",
                "evaluate=off",
                "export.enabled=false",
            ],
            check=True,
        )
    return path


def load(path: Path, limit: int) -> list:
    samples = []
    with path.open("rb") as f:
        for line in f:
            if line.strip():
                samples.append(sample_of(orjson.loads(line)))
                if len(samples) >= limit:
                    break
    return samples


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(samples: list, settings) -> dict:
    timings: dict[str, float] = {}
    start = time.perf_counter()
    stage = RougePoolStage(settings.rouge_pool)
    admitted = [s for s in samples if stage.judge(s.dialogue_id, s.collector_texts, s.language).admitted]
    timings["rouge_pool_s"] = time.perf_counter() - start
    start = time.perf_counter()
    result = cluster([s.collector_texts for s in admitted], settings.clusters)
    capped = [s for s, keep in zip(admitted, result.kept, strict=True) if keep]
    timings["clusters_s"] = time.perf_counter() - start
    start = time.perf_counter()
    bands = [band_of(difficulty_points(s, settings.difficulty), settings.difficulty) for s in capped]
    kept = sum(mix(bands, [s.dialogue_id for s in capped], settings.difficulty.min_share))
    timings["difficulty_s"] = time.perf_counter() - start
    total = sum(timings.values())
    return {
        "n": len(samples),
        "admitted": len(admitted),
        "after_clusters": len(capped),
        "kept": kept,
        "k": result.k,
        **{k: round(v, 2) for k, v in timings.items()},
        "total_s": round(total, 2),
        "per_1k_s": round(1000 * total / max(1, len(samples)), 3),
        "peak_rss_mib": round(peak_mib()),
    }


def ifd_throughput(samples: list, count: int, settings) -> dict:
    from evaluators.selection.ifd import IfdScorer, items_of
    from simulator.local_model import ensure_local_model

    folder = ensure_local_model()
    items = [i for s in samples for i in items_of(s, settings.ifd.replies_per_dialogue)][:count]
    start = time.perf_counter()
    scorer = IfdScorer(folder, settings.ifd)
    loaded = time.perf_counter() - start
    start = time.perf_counter()
    scores = scorer.score(items)
    spent = time.perf_counter() - start
    return {
        "samples": len(items),
        "load_s": round(loaded, 1),
        "score_s": round(spent, 1),
        "samples_per_s": round(len(items) / spent, 2),
        "threads": settings.ifd.threads,
        "batch_size": settings.ifd.batch_size,
        "mean_ifd": round(sum(scores) / len(scores), 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--n", type=int, default=100_000, help="dialogues to generate (cached) when no --transcripts"
    )
    parser.add_argument("--transcripts", type=Path, help="an existing run's transcripts.jsonl")
    parser.add_argument("--sizes", default="", help="comma-separated prefix sizes (default: all)")
    parser.add_argument("--ifd-samples", type=int, default=0, help="IFD samples to time (0: skip)")
    parser.add_argument("--threads", type=int, default=int(os.environ.get("OMP_NUM_THREADS", "1")))
    args = parser.parse_args()
    path = args.transcripts or generated(args.n)
    sizes = sorted(int(s) for s in args.sizes.split(",") if s) or [args.n]
    settings = parse_selection_settings(load_selection_defaults())
    start = time.perf_counter()
    samples = load(path, max(sizes))
    print(
        f"loaded {len(samples)} dialogues from {path} in {time.perf_counter() - start:.1f}s; "
        f"rss {peak_mib():.0f} MiB",
        file=sys.stderr,
    )
    for size in sizes:
        print(orjson.dumps(measure(samples[:size], settings)).decode())
    if args.ifd_samples:
        ifd = settings.ifd.model_copy(update={"threads": args.threads})
        print(
            orjson.dumps(
                ifd_throughput(samples, args.ifd_samples, settings.model_copy(update={"ifd": ifd}))
            ).decode()
        )


if __name__ == "__main__":
    main()

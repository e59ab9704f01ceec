"""Benchmark: the whole selection chain — load, ROUGE-L pool, clusters, difficulty mix, split assignment
(the MinHash pass), the dataset card — and, separately, IFD throughput.

    python bench/bench_select.py --n 100000                  # generates the run once (cached), then measures
    python bench/bench_select.py --transcripts RUN/transcripts.jsonl --sizes 2500,5000,10000
    python bench/bench_select.py --n 300 --sizes 100,300      # a smoke run
    python bench/bench_select.py --transcripts RUN/transcripts.jsonl --ifd-samples 64   # + IFD samples/s, quantiles
        (the converted SmolLM2 on RUN's exported SFT samples, when RUN was exported)

Dialogues come from the scripted engine (`debtsim run ... evaluate=off export.enabled=false`),
generated once into ~/.cache/debtsim/bench_select/n<N>/ and reused. Every size runs in a FRESH
process, so its peak resident set size (ru_maxrss) is its own: the figure to compare across sizes
for "memory flat in run size apart from the index". Each size reports seconds per stage: `load`
(parse the transcripts, keep the compact `Sample`s), `rouge_pool`, `clusters`, `difficulty`,
`split` (union-find over the near-duplicate MinHash index) and `card` (stats, histograms,
DATASET.md into a temporary folder), with the packaged selection defaults (IFD off), and the
peak RSS reached once each stage ran (`<stage>_peak_mib`).
Target for rouge_pool + clusters + difficulty: 100k dialogues in <= 2 minutes on 2 cores.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import orjson

from evaluators.selection import load_selection_defaults, parse_selection_settings, sample_of
from evaluators.selection.card import write_card
from evaluators.selection.selector import (
    Selection,
    marks_of,
    run_clusters,
    run_difficulty,
    run_rouge_pool,
    stage_counts,
)
from evaluators.selection.split import assign_splits

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
    """Parse and project line by line: only compact samples are held, as the selection stage does."""
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


def timed(timings: dict, name: str, fn, *args):
    """Seconds of one stage, and the peak RSS once it ran (which stage sets the peak)."""
    start = time.perf_counter()
    out = fn(*args)
    timings[f"{name}_s"] = round(time.perf_counter() - start, 2)
    timings[f"{name}_peak_mib"] = round(peak_mib())
    return out


def measure(path: Path, size: int) -> dict:
    settings = parse_selection_settings(load_selection_defaults())
    timings: dict[str, float] = {}
    samples = timed(timings, "load", load, path, size)
    marks = marks_of(samples, settings)
    selection = Selection(marks, [], [], {})
    alive = list(zip(samples, marks, strict=True))
    selection.stages.append(stage_counts("input", alive, len(alive)))
    for name, stage in (
        ("rouge_pool", run_rouge_pool),
        ("clusters", run_clusters),
        ("difficulty", run_difficulty),
    ):
        seen = len(alive)
        alive = timed(timings, name, stage, alive, settings, selection)
        selection.stages.append(stage_counts(name, alive, seen))
    kept = [s for s, _ in alive]
    splits, groups = timed(timings, "split", assign_splits, kept, settings.split)
    for (_, mark), split, group in zip(alive, splits, groups, strict=True):
        mark.split, mark.group = split, group
    with tempfile.TemporaryDirectory() as tmp:
        timed(timings, "card", write_card, Path(tmp), samples, selection, {"seen": size, "kept": size})
    chain = sum(timings[k] for k in ("rouge_pool_s", "clusters_s", "difficulty_s"))
    seconds = sum(v for k, v in timings.items() if k.endswith("_s"))
    return {
        "n": len(samples),
        **{s["stage"]: s["kept"] for s in selection.stages},
        **timings,
        "pool_clusters_mix_s": round(chain, 2),
        "total_s": round(seconds, 2),
        "per_1k_s": round(1000 * seconds / max(1, len(samples)), 3),
        "peak_rss_mib": round(peak_mib()),
    }


def ifd_throughput(path: Path, count: int, threads: int) -> dict:
    """IFD samples/s: the exported SFT samples beside `path` (its run's sft/trl.jsonl) when there are,
    with their real context (system prompt + history window); else each call's opening line alone."""
    from evaluators.selection.ifd import IfdScorer, conversation_items, exported_items
    from simulator.local_model import ensure_local_model

    settings = parse_selection_settings(load_selection_defaults())
    ifd = settings.ifd.model_copy(update={"threads": threads})
    sft = path.parent / "sft"
    if (sft / "trl.jsonl").exists():
        ids = {orjson.loads(line)["dialogue_id"] for line in (sft / "index.jsonl").open("rb") if line.strip()}
        items = list(itertools.islice(exported_items(sft, ids, ifd.history_lines), count))
    else:
        items = []
        for sample in load(path, count):
            messages = [{"role": "user", "content": "[call connected]"}]
            messages += [{"role": "assistant", "content": t} for t in sample.collector_texts[:1]]
            items += conversation_items(sample.dialogue_id, messages, ifd.history_lines)
        items = items[:count]
    start = time.perf_counter()
    scorer = IfdScorer(ensure_local_model(), ifd)
    loaded = time.perf_counter() - start
    start = time.perf_counter()
    scores = scorer.score(items)
    spent = time.perf_counter() - start
    return {
        "samples": len(items),
        "context": "exported" if (sft / "trl.jsonl").exists() else "opening line only",
        "load_s": round(loaded, 1),
        "score_s": round(spent, 1),
        "samples_per_s": round(len(items) / spent, 2),
        "threads": threads,
        "batch_size": ifd.batch_size,
        "mean_ifd": round(sum(scores) / len(scores), 3),
        "ifd_p5_p25_p50_p75_p95": [
            round(float(q), 3) for q in np.quantile(scores, [0.05, 0.25, 0.5, 0.75, 0.95])
        ],
        "share_below_1": round(float(np.mean(np.asarray(scores) < 1)), 3),
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
    parser.add_argument("--child", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    path = args.transcripts or generated(args.n)
    if args.child:
        print(json.dumps(measure(path, args.child)))
        return
    for size in sorted(int(s) for s in args.sizes.split(",") if s) or [args.n]:
        child = [sys.executable, __file__, "--transcripts", str(path), "--child", str(size)]
        print(subprocess.run(child, check=True, capture_output=True, text=True).stdout.strip())
    if args.ifd_samples:
        print(json.dumps(ifd_throughput(path, args.ifd_samples, args.threads)))


if __name__ == "__main__":
    main()

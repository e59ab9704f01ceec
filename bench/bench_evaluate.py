"""Scoring throughput and its share of a scripted run's wall time (target: ≤ 20 %).

Simulates a scripted run (scoring off), then times the scoring stage on it:
once without the report (the per-dialogue evaluators + parquet) and once with
it (bootstrap tables + figures). Prints transcripts scored per second and both
ratios to the simulation's wall time.

    .venv/bin/python bench/bench_evaluate.py --n 2000 [--language zh] [--out /tmp/bench_eval]
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

from hydra import compose, initialize_config_dir
from omegaconf import OmegaConf

from debtsim.app import CONF_DIR
from debtsim.scoring_stage import score_run
from simulator import runner
from simulator.config import parse_run_config

TARGET = 0.20


def simulate(out: Path, n: int, language: str) -> float:
    overrides = [f"output_dir={out}", f"n_dialogues={n}", f"language={language}"]
    with initialize_config_dir(config_dir=CONF_DIR, version_base="1.3"):
        cfg = compose(config_name="run", overrides=overrides)
    config = parse_run_config(OmegaConf.to_container(cfg, resolve=True))
    start = time.perf_counter()
    runner.run(config, OmegaConf.to_yaml(cfg), progress=False)
    return time.perf_counter() - start


def timed(run_dir: Path, settings: dict) -> float:
    start = time.perf_counter()
    score_run(run_dir, settings)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000, help="dialogues to simulate")
    parser.add_argument("--language", default="en", choices=["en", "zh"])
    parser.add_argument("--out", type=Path, help="run directory (default: a temporary one, removed)")
    options = parser.parse_args()
    out = options.out or Path(tempfile.mkdtemp(prefix="bench_eval_")) / "run"
    try:
        simulate_s = simulate(out, options.n, options.language)
        score_s = timed(out, {"report": False})
        full_s = timed(out, {"report": True})
    finally:
        if options.out is None:
            shutil.rmtree(out.parent, ignore_errors=True)
    rate = options.n / score_s
    print(f"dialogues: {options.n} ({options.language}, scripted)")
    print(f"simulate: {simulate_s:.2f}s ({options.n / simulate_s:.0f} dialogues/s)")
    print(f"score (evaluators + scores.parquet): {score_s:.2f}s = {rate:.0f} transcripts/s")
    print(f"score + report.html: {full_s:.2f}s")
    print(
        f"scoring / simulate: {score_s / simulate_s:.1%} (target ≤ {TARGET:.0%}: "
        f"{'met' if score_s / simulate_s <= TARGET else 'MISSED'})"
    )
    print(f"scoring with report / simulate: {full_s / simulate_s:.1%}")


if __name__ == "__main__":
    main()

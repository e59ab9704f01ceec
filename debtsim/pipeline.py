"""The stages of `debtsim run` in order: simulate, score, filter + export.

This module and the CLI are the composition root: the only simulator modules
allowed to import `evaluators` (everything else in `simulator` stays below it).
Each stage reads the run directory the previous one wrote, so any stage can be
re-run alone on old transcripts (`debtsim evaluate`, `debtsim export`).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

from simulator import runner
from simulator.config import RunConfig
from simulator.store import write_atomic


def summary_table(manifest: dict) -> Table:
    table = Table(title=f"{manifest['run_id']}: {manifest['counts']['transcripts']} dialogues")
    for column in ("strategy", "dialogues", "agreement rate", "mean recovery ratio", "mean turns"):
        table.add_column(column, justify="left" if column == "strategy" else "right")
    for name, row in manifest["by_strategy"].items():
        table.add_row(
            name,
            str(row["dialogues"]),
            f"{row['agreement_rate']:.1%}",
            f"{row['mean_recovery_ratio']:.3f}",
            f"{row['mean_turns']:.1f}",
        )
    return table


def termination_table(manifest: dict) -> Table:
    table = Table(title="termination reasons")
    table.add_column("reason")
    table.add_column("count", justify="right")
    table.add_column("share", justify="right")
    total = max(1, manifest["counts"]["transcripts"])
    for reason, count in sorted(manifest["terminations"].items(), key=lambda kv: -kv[1]):
        table.add_row(reason, str(count), f"{count / total:.1%}")
    return table


def later_stages(config: RunConfig, out: Path, manifest: dict) -> dict:
    if config.evaluate.get("enabled", False):
        from debtsim.scoring_stage import score_run

        start = time.perf_counter()
        manifest["evaluate"] = score_run(out, config.evaluate)
        manifest["timings_s"]["evaluate"] = round(time.perf_counter() - start, 3)
    if config.export.get("enabled", False):
        from debtsim.export.export_stage import export_run

        start = time.perf_counter()
        manifest["export"] = export_run(out, config.filter, config.export)
        manifest["timings_s"]["export"] = round(time.perf_counter() - start, 3)
    write_atomic(out / "manifest.json", json.dumps(manifest, indent=2, ensure_ascii=False))
    return manifest


def run_pipeline(config: RunConfig, config_yaml: str, progress: bool = True) -> dict:
    manifest = runner.run(config, config_yaml, progress=progress)
    manifest = later_stages(config, Path(config.output_dir), manifest)
    console = Console(file=sys.stdout)
    console.print(termination_table(manifest))
    console.print(summary_table(manifest))
    console.print(f"wrote {config.output_dir}")
    return manifest

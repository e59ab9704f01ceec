"""The stages of `debtsim run` in order: simulate, then whatever later stages are on.

Each stage reads the run directory the previous one wrote, so a stage can be
re-run on its own (`debtsim evaluate`, `debtsim export`) on old transcripts.
"""

from __future__ import annotations

import sys
from pathlib import Path

from rich.console import Console
from rich.table import Table

from simulator import runner
from simulator.config import RunConfig


def summary_table(manifest: dict) -> Table:
    table = Table(title=f"run {manifest['run_id']}: {manifest['counts']['transcripts']} dialogues")
    for column in ("strategy", "dialogues", "agreement rate", "mean recovery ratio", "mean turns"):
        table.add_column(column, justify="left" if column == "strategy" else "right")
    for name, row in manifest["by_strategy"].items():
        table.add_row(
            name, str(row["dialogues"]), f"{row['agreement_rate']:.1%}",
            f"{row['mean_recovery_ratio']:.3f}", f"{row['mean_turns']:.1f}",
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


def run_pipeline(config: RunConfig, config_yaml: str, progress: bool = True) -> dict:
    manifest = runner.run(config, config_yaml, progress=progress)
    console = Console(file=sys.stdout)
    console.print(termination_table(manifest))
    console.print(summary_table(manifest))
    console.print(f"wrote {Path(config.output_dir)}")
    return manifest

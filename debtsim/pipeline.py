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
from simulator.config import ConfigError, RunConfig
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


WIDE = 200
CAMPAIGN_COLUMNS = (
    ("success_rate", "成功回收率", "{:.1%}"),
    ("recovery_rate", "回收率", "{:.1%}"),
    ("recovered_per_contact", "收款效率 /contact", "{:.1f}"),
    ("recovered_per_day", "收款效率 /day", "{:.2f}"),
    ("savings_left_ratio", "savings left", "{:.1%}"),
    ("plan_burden", "plan burden", "{:.2f}"),
    ("promise_kept_rate", "kept", "{:.1%}"),
)


def _with_ci(cell: dict, fmt: str) -> str:
    if cell["mean"] is None:
        return "-"
    low, high = (fmt.format(v) if v is not None else "?" for v in (cell["ci_low"], cell["ci_high"]))
    return f"{fmt.format(cell['mean'])} [{low}, {high}]"


def campaign_table(summary: dict) -> Table:
    """The seeds' recovery metrics and the debtor's health per strategy, with 95 % CIs."""
    table = Table(title=f"campaign: {summary['all']['accounts']} accounts (95 % bootstrap CIs)")
    table.add_column("strategy")
    table.add_column("accounts", justify="right")
    for _, label, _ in CAMPAIGN_COLUMNS:
        table.add_column(label, justify="right")
    for name, row in [*summary["by_strategy"].items(), ("all", summary["all"])]:
        cells = [_with_ci(row[key], fmt) for key, _, fmt in CAMPAIGN_COLUMNS]
        table.add_row(name, str(row["accounts"]), *cells)
    return table


def campaign_summary(out: Path, seed: int, manifest: dict) -> dict:
    """The campaign stage: per-debtor table and per-strategy summary, into the run dir and manifest."""
    from evaluators.campaign import campaign_stage

    start = time.perf_counter()
    summary = campaign_stage(out, seed=seed)
    manifest["timings_s"]["campaign"] = round(time.perf_counter() - start, 3)
    manifest["campaign"] = manifest.get("campaign", {}) | {
        "summary": "campaign.json",
        "table": "campaign.parquet",
    }
    write_atomic(out / "manifest.json", json.dumps(manifest, indent=2, ensure_ascii=False))
    return summary


def campaign_command(args: list[str]) -> None:
    """`debtsim campaign RUN_DIR`: (re)write a campaign run's summary and print it."""
    if len(args) != 1:
        raise ConfigError("usage: debtsim campaign RUN_DIR")
    from evaluators.campaign import campaign_stage

    summary = campaign_stage(Path(args[0]))
    if summary.get("accounts") == 0:
        raise ConfigError(f"{args[0]}: no finished accounts (is it a campaign run?)")
    Console(file=sys.stdout, width=WIDE).print(campaign_table(summary))


def simulate_stage(config: RunConfig, config_yaml: str, progress: bool) -> dict:
    if config.campaign is None:
        return runner.run(config, config_yaml, progress=progress)
    from simulator.campaign.batch import run_campaign

    return run_campaign(config, config_yaml, progress=progress)


def run_pipeline(config: RunConfig, config_yaml: str, progress: bool = True) -> dict:
    manifest = simulate_stage(config, config_yaml, progress)
    out = Path(config.output_dir)
    manifest = later_stages(config, out, manifest)
    console = Console(file=sys.stdout)
    console.print(termination_table(manifest))
    console.print(summary_table(manifest))
    if config.campaign is not None:
        wide = Console(file=sys.stdout, width=max(console.width, WIDE))  # CIs need room
        wide.print(campaign_table(campaign_summary(out, config.seed, manifest)))
    console.print(f"wrote {config.output_dir}")
    return manifest

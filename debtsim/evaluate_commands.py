"""`debtsim evaluate` and `debtsim aggregate`: scoring and comparison on existing runs.

`evaluate RUN_DIR` re-scores a run's transcripts (new evaluators on old data)
without re-simulating, and rewrites the run's `manifest["evaluate"]`.
`aggregate DIR [--by strategy,root_cause]` finds every run below DIR, scores
the ones without `scores.parquet`, merges them and prints each metric with its
bootstrap CI plus pairwise strategy differences; it writes aggregate.parquet,
pairwise.parquet and report.html into DIR. Cells of a sweep that failed (a
`FAILED` file in the cell's directory, written by `debtsim.sweep`) are left
out of the table — whatever partial transcripts they hold — and listed, with
their reason, in the printout and the report. Rows are keyed by (run_id,
dialogue_id): dialogue ids repeat across the cells of a sweep.
Errors are one line (`simulator.errors.fail`), never a traceback.
"""

from __future__ import annotations

import argparse
import itertools
import sys
from pathlib import Path

import numpy as np
import pandas as pd
from rich.console import Console
from rich.table import Table

from debtsim.scoring_stage import REPORT, EvaluateError, score_run
from evaluators.aggregate import METRICS, group_table, pairwise_table, wide
from evaluators.evaluate_settings import SettingsError, parse_settings
from evaluators.llm_judge import JudgeMode, judge_messages
from evaluators.report import FailedCell, build_report
from evaluators.report_samples import Sample, SampleKeeper
from evaluators.table import SCORES, read_scores
from simulator.errors import fail
from simulator.store import TRANSCRIPTS, iter_transcripts, write_atomic

CONSOLE_METRICS = (
    "success_recovery_rate",
    "recovery_ratio",
    "expected_recovery",
    "turns_to_agreement",
    "days_to_first_payment",
    "days_to_settle",
    "over_concession_rate",
    "plan_burden",
    "coherence_rate",
    "compliance_rate",
)
SAMPLE_SCAN = 2000
"""Transcripts read per run to pick the aggregate report's samples."""
FAILED = "FAILED"
"""The marker `debtsim.sweep.record_failure` writes into a failed cell (evaluators may not import it)."""
ROW_KEY = ["run_id", "dialogue_id"]


def evaluate_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="debtsim evaluate", description="re-score a run's transcripts")
    parser.add_argument("run_dir", type=Path)
    parser.add_argument("--judge", choices=[m.value for m in JudgeMode], help="override evaluate.judge")
    parser.add_argument("--bootstrap", type=int, help="override evaluate.bootstrap")
    parser.add_argument("--skip-report", action="store_true", help="write scores.parquet only")
    parser.add_argument(
        "--show-judge-prompt",
        type=int,
        default=0,
        metavar="N",
        help="print the judge prompt of the first N transcripts and exit",
    )
    return parser


def show_judge_prompts(run_dir: Path, count: int) -> None:
    for transcript in itertools.islice(iter_transcripts(run_dir / TRANSCRIPTS), count):
        print(f"=== {transcript.dialogue_id}")
        for role, text in judge_messages(transcript):
            print(f"--- {role}\n{text}")


def evaluate_command(args: list[str]) -> None:
    options = evaluate_parser().parse_args(args)
    run_dir: Path = options.run_dir
    if not run_dir.is_dir():
        fail(f"{run_dir}: no such run directory")
    if not (run_dir / TRANSCRIPTS).exists():
        fail(f"{run_dir}: no {TRANSCRIPTS} (is this a run directory?)")
    if options.show_judge_prompt:
        show_judge_prompts(run_dir, options.show_judge_prompt)
        return
    overrides = {"judge": options.judge, "bootstrap": options.bootstrap}
    overrides = {k: v for k, v in overrides.items() if v is not None}
    if options.skip_report:
        overrides["report"] = False
    try:
        result = score_run(run_dir, overrides)
    except (EvaluateError, SettingsError) as exc:
        fail(str(exc))
    written = [SCORES] + ([REPORT] if result["report"] else [])
    for bad in result["bad_lines"][:10]:
        print(f"{run_dir / TRANSCRIPTS}:{bad}; skipped", file=sys.stderr)
    if result["skipped_lines"]:
        print(
            f"skipped {result['skipped_lines']} line(s) that are not transcripts (listed in manifest.json)",
            file=sys.stderr,
        )
    print(
        f"scored {result['rows']} dialogues in {result['seconds']:.1f}s: compliance {result['compliance_rate']:.1%}, "
        f"full recovery {result['full_recovery_rate']:.1%}; wrote {', '.join(str(run_dir / w) for w in written)}"
    )


def aggregate_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="debtsim aggregate", description="merge runs into one table + report"
    )
    parser.add_argument("path", type=Path, help="a run directory or a multirun directory")
    parser.add_argument(
        "--by", default="strategy", help="comma-separated grouping columns (default: strategy)"
    )
    parser.add_argument("--bootstrap", type=int, help="override evaluate.bootstrap")
    parser.add_argument("--seed", type=int, help="override evaluate.seed")
    return parser


def failed_cells(path: Path) -> list[FailedCell]:
    """Every directory below `path` (itself included) holding a FAILED marker, with its reason."""
    cells = []
    for marker in sorted(path.rglob(FAILED)):
        if marker.is_file():
            lines = marker.read_text(encoding="utf-8", errors="replace").strip().splitlines()
            where = marker.parent.relative_to(path).as_posix() if marker.parent != path else "."
            cells.append(FailedCell(path=where, reason=lines[0] if lines else "no reason recorded"))
    return cells


def run_dirs(path: Path, failed: list[FailedCell]) -> list[Path]:
    """Run directories below `path`, failed cells left out."""
    skip = {(path / cell.path).resolve() for cell in failed}
    found = {p.parent for p in path.rglob(TRANSCRIPTS) if not p.parent.name.startswith(".")}
    return sorted(run for run in found if run.resolve() not in skip)


def merged_scores(path: Path, failed: list[FailedCell]) -> tuple[pd.DataFrame, list[Path]]:
    runs = run_dirs(path, failed)
    if not runs:
        why = f"; {len(failed)} failed cell(s): {failed[0].path}: {failed[0].reason}" if failed else ""
        fail(f"{path}: no {TRANSCRIPTS} below it (no runs to aggregate){why}")
    frames = []
    for run in runs:
        if not (run / SCORES).exists():
            print(f"scoring {run} (no {SCORES} yet)", file=sys.stderr)
            try:
                score_run(run, {"report": False})
            except EvaluateError as exc:
                fail(str(exc))
        frames.append(read_scores(run / SCORES))
    return pd.concat(frames, ignore_index=True), runs


def aggregate_samples(runs: list[Path], frame: pd.DataFrame, per_cell: int) -> list[Sample]:
    """A few transcripts per strategy × root cause, each with the score row of the same run and id."""
    rows = frame.set_index(ROW_KEY, drop=False)
    rows = rows[~rows.index.duplicated()]
    keeper = SampleKeeper(per_cell)
    for run in runs:
        for transcript in itertools.islice(iter_transcripts(run / TRANSCRIPTS), SAMPLE_SCAN):
            key = (transcript.run_id, transcript.dialogue_id)
            if key in rows.index:
                keeper.offer(transcript, rows.loc[key].to_dict())
    return keeper.samples()


def cell(value: float, lo: float, hi: float) -> str:
    if not np.isfinite(value):
        return "–"
    return f"{value:.3f} [{lo:.3f}, {hi:.3f}]" if np.isfinite(lo) else f"{value:.3f}"


def metrics_table(table: pd.DataFrame, by: list[str]) -> Table:
    flat = wide(table, by)
    out = Table(title=f"by {', '.join(by)} (mean [95% CI])")
    chosen = [m for m in METRICS if m.name in CONSOLE_METRICS]
    for column in [*by, "n"]:
        out.add_column(column, justify="left" if column in by else "right")
    for metric in chosen:
        out.add_column(metric.label, justify="right")
    for _, row in flat.iterrows():
        values = [cell(row[m.name], row[f"{m.name}_lo"], row[f"{m.name}_hi"]) for m in chosen]
        out.add_row(*[str(row[c]) for c in by], str(int(row["n"])), *values)
    return out


def pair_design(row: pd.Series) -> str:
    """How a difference was resampled, and how many personas a paired one left out."""
    if not row["paired"]:
        return f"unpaired ({row['units']} personas)"
    left = int(row["only_a"]) + int(row["only_b"])
    extra = (
        f"; left out {row['only_a']} only in {row['a']}, {row['only_b']} only in {row['b']}" if left else ""
    )
    return f"paired ({row['units']} personas{extra})"


def failed_text(failed: list[FailedCell]) -> str:
    lines = [f"{len(failed)} failed cell(s) left out:"]
    lines += [f"  {cell.path}: {cell.reason}" for cell in failed]
    return "\n".join(lines)


def pairs_table(pairs: pd.DataFrame) -> Table:
    out = Table(title="pairwise strategy differences (a − b, 95% CI; * = CI excludes 0)")
    for column in ("a − b", "metric", "difference", "design"):
        out.add_column(column, justify="right" if column == "difference" else "left")
    for _, row in pairs.iterrows():
        mark = " *" if row["significant"] else ""
        design = pair_design(row)
        out.add_row(
            f"{row['a']} − {row['b']}",
            row["label"],
            cell(row["difference"], row["ci_low"], row["ci_high"]) + mark,
            design,
        )
    return out


def aggregate_command(args: list[str]) -> None:
    options = aggregate_parser().parse_args(args)
    path: Path = options.path
    if not path.is_dir():
        fail(f"{path}: no such directory")
    try:
        settings = parse_settings(
            {k: v for k, v in (("bootstrap", options.bootstrap), ("seed", options.seed)) if v is not None}
        )
    except SettingsError as exc:
        fail(str(exc))
    failed = failed_cells(path)
    frame, runs = merged_scores(path, failed)
    by = [c.strip() for c in options.by.split(",") if c.strip()]
    if unknown := [c for c in by if c not in frame.columns]:
        fail(f"--by: unknown column(s) {', '.join(unknown)}; e.g. strategy, root_cause, band, product, cell")
    table = group_table(frame, by, settings.bootstrap, settings.seed)
    pairs = pairwise_table(frame, settings.bootstrap, settings.seed)
    table.to_parquet(path / ".aggregate.parquet.tmp", index=False)
    (path / ".aggregate.parquet.tmp").replace(path / "aggregate.parquet")
    pairs.to_parquet(path / ".pairwise.parquet.tmp", index=False)
    (path / ".pairwise.parquet.tmp").replace(path / "pairwise.parquet")
    samples = aggregate_samples(runs, frame, settings.samples_per_cell)
    title = f"debtsim aggregate {path.name}: {len(runs)} run(s)"
    page = build_report(frame, samples, settings.bootstrap, settings.seed, title, by, failed=failed)
    write_atomic(path / REPORT, page)
    console = Console(file=sys.stdout, width=max(160, Console().width))
    console.print(metrics_table(table, by))
    if not pairs.empty:
        console.print(pairs_table(pairs))
    if failed:
        console.print(failed_text(failed), markup=False, highlight=False)
    left_out = f" ({len(failed)} failed cell(s) left out)" if failed else ""
    console.print(
        f"{len(frame)} dialogues from {len(runs)} run(s){left_out}; wrote {path / 'aggregate.parquet'}, "
        f"{path / 'pairwise.parquet'}, {path / REPORT}"
    )

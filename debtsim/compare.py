"""`debtsim compare RUN_A RUN_B ...`: collectors side by side, with paired differences on the same debtors.

Each run is one collector (scripted, base model, a trained adapter, ...). Runs
that share seed and grid meet the same debtors with the same draws: dialogue
`index` of one run faces the persona `persona_id` of the same index in the
other. So a difference is measured dialogue by dialogue and its bootstrap
resamples matched dialogues — far tighter than two independent samples.
Unmatched dialogues (different seeds or sizes) fall back to an unpaired
bootstrap, and the table says which it used. Scores come from each run's
`scores.parquet`; a run without one is scored first.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from rich.console import Console
from rich.table import Table

from debtsim.scoring_stage import EvaluateError, score_run
from evaluators.aggregate import (
    METRICS,
    Metric,
    interval,
    metric_values,
    per_persona,
    point,
    unit_sums,
    weighted_means,
)
from evaluators.table import SCORES, read_scores
from simulator.errors import fail
from simulator.store import write_atomic

COMPARE_METRICS: tuple[Metric, ...] = (
    *(
        m
        for m in METRICS
        if m.name
        in (
            "success_recovery_rate",
            "agreement_rate",
            "recovery_ratio",
            "over_concession_rate",
            "plan_burden",
            "compliance_rate",
            "coherence_rate",
            "completeness",
        )
    ),
    Metric("complete_rate", "complete", "complete (all stages)", False),
)
KEY = ("persona_id", "index")
"""What makes two dialogues of different runs the same debtor meeting."""


@dataclass(frozen=True, slots=True)
class Comparison:
    table: pd.DataFrame  # one row per (collector, metric): n, mean, ci_low, ci_high
    paired: pd.DataFrame  # one row per (collector vs baseline, metric): difference, CI, paired, units


def run_scores(run: Path) -> pd.DataFrame:
    if not (run / SCORES).exists():
        print(f"scoring {run} (no {SCORES} yet)", file=sys.stderr)
        score_run(run, {"report": False})
    return read_scores(run / SCORES)


def labels(runs: list[Path]) -> list[str]:
    """Run folder names, made unique with their parent's name where two collide."""
    names = [r.name for r in runs]
    return [f"{r.parent.name}/{r.name}" if names.count(r.name) > 1 else r.name for r in runs]


def collector_rows(name: str, frame: pd.DataFrame, n_boot: int, rng: np.random.Generator) -> list[dict]:
    values = metric_values(frame, COMPARE_METRICS)
    _, sums, counts = per_persona(frame, COMPARE_METRICS, values)  # a persona met twice is one unit
    lo, hi = interval(weighted_means(sums, counts, n_boot, rng))
    means = point(values)
    return [
        {
            "collector": name,
            "metric": m.name,
            "label": m.label,
            "n": int((~np.isnan(values[:, j])).sum()),
            "mean": means[j],
            "ci_low": lo[j],
            "ci_high": hi[j],
        }
        for j, m in enumerate(COMPARE_METRICS)
    ]


def keyed(frame: pd.DataFrame) -> tuple[pd.Index, np.ndarray, np.ndarray]:
    """Per-dialogue sums and counts, indexed by the (persona, index) key; duplicates averaged away."""
    sums, counts = unit_sums(metric_values(frame, COMPARE_METRICS))
    keys = pd.Index(frame[list(KEY)].astype(str).agg("|".join, axis=1))
    unique = pd.Index(pd.unique(keys))
    codes = unique.get_indexer(keys)
    s, c = np.zeros((len(unique), sums.shape[1])), np.zeros((len(unique), sums.shape[1]))
    np.add.at(s, codes, sums)
    np.add.at(c, codes, counts)
    return unique, s, c


def difference(b: pd.DataFrame, a: pd.DataFrame, n_boot: int, rng: np.random.Generator):
    """mean(b) − mean(a) per metric with a CI: paired on shared dialogues when there are any."""
    ka, sa, ca = keyed(a)
    kb, sb, cb = keyed(b)
    shared = ka.intersection(kb)
    k = len(COMPARE_METRICS)
    if len(shared):
        ia, ib = ka.get_indexer(shared), kb.get_indexer(shared)
        sa, ca, sb, cb = sa[ia], ca[ia], sb[ib], cb[ib]
        boot = weighted_means(np.hstack([sb, sa]), np.hstack([cb, ca]), n_boot, rng)
        diffs = boot[:, :k] - boot[:, k:]
    else:
        diffs = weighted_means(sb, cb, n_boot, rng) - weighted_means(sa, ca, n_boot, rng)
    with np.errstate(invalid="ignore", divide="ignore"):
        est = sb.sum(0) / cb.sum(0) - sa.sum(0) / ca.sum(0)
    return est, *interval(diffs), bool(len(shared)), int(len(shared) or len(ka) + len(kb))


Pair = tuple[str, str, str]
"""(collector, baseline, label): a paired difference collector − baseline, reported under `label`."""


def first_as_baseline(names: list[str]) -> list[Pair]:
    return [(name, names[0], names[0]) for name in names[1:]]


def compare_frames(
    frames: dict[str, pd.DataFrame], n_boot: int = 1000, seed: int = 0, pairs: list[Pair] | None = None
) -> Comparison:
    """Every collector's metrics, and the paired differences asked for (default: each vs the first)."""
    rng = np.random.default_rng(seed)
    rows = [r for name, frame in frames.items() for r in collector_rows(name, frame, n_boot, rng)]
    out = []
    for name, base, label in pairs if pairs is not None else first_as_baseline(list(frames)):
        est, lo, hi, paired, units = difference(frames[name], frames[base], n_boot, rng)
        for j, m in enumerate(COMPARE_METRICS):
            out.append(
                {
                    "collector": name,
                    "baseline": base,
                    "label": label,
                    "metric": m.name,
                    "metric_label": m.label,
                    "difference": est[j],
                    "ci_low": lo[j],
                    "ci_high": hi[j],
                    "paired": paired,
                    "units": units,
                    "significant": bool(np.isfinite(lo[j]) and (lo[j] > 0 or hi[j] < 0)),
                }
            )
    return Comparison(pd.DataFrame.from_records(rows), pd.DataFrame.from_records(out))


def compare_runs(
    runs: list[Path],
    n_boot: int = 1000,
    seed: int = 0,
    names: list[str] | None = None,
    pairs: list[Pair] | None = None,
) -> Comparison:
    frames = {name: run_scores(run) for name, run in zip(names or labels(runs), runs, strict=True)}
    return compare_frames(frames, n_boot, seed, pairs)


def wide(c: Comparison) -> pd.DataFrame:
    """One row per collector: `<metric>`, `<metric>_ci_low/_ci_high`, and for each paired difference
    `<metric>_vs_<label>` with its CI and `_paired` flag — the CI columns of the loop's rounds.csv."""
    t = c.table
    parts = [
        t.pivot(index="collector", columns="metric", values=value).add_suffix(suffix)
        for value, suffix in (("mean", ""), ("ci_low", "_ci_low"), ("ci_high", "_ci_high"))
    ]
    for label, group in c.paired.groupby("label", sort=False) if not c.paired.empty else ():
        for value, suffix in (("difference", ""), ("ci_low", "_ci_low"), ("ci_high", "_ci_high")):
            parts.append(
                group.pivot(index="collector", columns="metric", values=value).add_suffix(
                    f"_vs_{label}{suffix}"
                )
            )
        units = group.drop_duplicates("collector").set_index("collector")
        parts.append(units[["baseline", "units"]].add_prefix(f"vs_{label}_"))
    frame = pd.concat(parts, axis=1)
    return frame.reindex(pd.unique(t["collector"]))


def fmt(value: float, lo: float, hi: float, sign: bool = False) -> str:
    if not np.isfinite(value):
        return "–"
    v = f"{value:+.3f}" if sign else f"{value:.3f}"
    return f"{v} [{lo:.3f}, {hi:.3f}]" if np.isfinite(lo) else v


def collectors_table(c: Comparison) -> Table:
    out = Table(title="collectors (mean [95% bootstrap CI])")
    out.add_column("collector")
    out.add_column("n", justify="right")
    for m in COMPARE_METRICS:
        out.add_column(m.label, justify="right")
    for name, group in c.table.groupby("collector", sort=False):
        g = group.set_index("metric")
        cells = [
            fmt(g.at[m.name, "mean"], g.at[m.name, "ci_low"], g.at[m.name, "ci_high"])
            for m in COMPARE_METRICS
        ]
        out.add_row(str(name), str(int(g["n"].max())), *cells)
    return out


def paired_table(c: Comparison) -> Table:
    out = Table(title="paired differences (same debtors where paired; * = CI excludes 0)")
    for column in ("collector", "vs", "paired", "units"):
        out.add_column(column)
    for m in COMPARE_METRICS:
        out.add_column(m.label, justify="right")
    for (name, _), group in c.paired.groupby(["collector", "baseline"], sort=False):
        g = group.set_index("metric")
        cells = [
            fmt(g.at[m.name, "difference"], g.at[m.name, "ci_low"], g.at[m.name, "ci_high"], sign=True)
            + ("*" if g.at[m.name, "significant"] else "")
            for m in COMPARE_METRICS
        ]
        first = g.iloc[0]
        out.add_row(
            str(name), str(first["baseline"]), str(bool(first["paired"])), str(first["units"]), *cells
        )
    return out


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="debtsim compare", description="compare collectors across runs")
    p.add_argument("runs", type=Path, nargs="+", help="run directories; the first is the baseline")
    p.add_argument("--names", help="comma-separated collector names, one per run (default: folder names)")
    p.add_argument("--bootstrap", type=int, default=1000, help="bootstrap resamples")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--output", type=Path, help="write compare.csv and paired.csv here")
    return p


def compare_command(args: list[str]) -> None:
    opts = parser().parse_args(args)
    missing = [str(r) for r in opts.runs if not r.is_dir()]
    if missing:
        fail(f"run directory not found: {missing[0]}")
    names = opts.names.split(",") if opts.names else None
    if names is not None and len(names) != len(opts.runs):
        fail(f"--names has {len(names)} names for {len(opts.runs)} runs")
    try:
        result = compare_runs(opts.runs, opts.bootstrap, opts.seed, names)
    except EvaluateError as exc:
        fail(str(exc))
    console = Console(width=max(160, Console().width))
    console.print(collectors_table(result))
    if not result.paired.empty:
        console.print(paired_table(result))
    if opts.output:
        opts.output.mkdir(parents=True, exist_ok=True)
        write_atomic(opts.output / "compare.csv", result.table.to_csv(index=False))
        write_atomic(opts.output / "paired.csv", result.paired.to_csv(index=False))

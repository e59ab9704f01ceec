"""Aggregates over a run or a sweep: group means with bootstrap 95 % CIs, and paired strategy differences.

Every metric is a mean of one score column over the rows it applies to
(agreement-only metrics such as plan burden are NaN elsewhere). Intervals are
percentile bootstraps, seeded. The resampling unit is the *persona*, never the
row: one persona can appear several times in a group (a noise sweep meets the
same debtor at every noise level, a sweep over seeds does not), and its rows
are not independent, so resampling rows would give intervals that are too
narrow. A resample is a vector of draw counts per persona and its means one
matrix product, so a group of 100k rows costs no more than a few products.
Strategy differences resample the personas both strategies met — a paired
design, much tighter than comparing two independent samples; personas only
one of them met are left out of a paired difference and counted
(`only_a`, `only_b`).

A persona is identified by `persona_id` together with its root cause, band
and language: the id alone names the sampling slot (seed, index), which two
runs with different grids or languages fill with different debtors.
"""

from __future__ import annotations

import itertools
import warnings
from typing import NamedTuple

import numpy as np
import pandas as pd

ALPHA = 0.05
BLOCK_CELLS = 4_000_000
"""Resamples × rows drawn per block, bounding memory for large groups."""


class Metric(NamedTuple):
    name: str
    column: str
    label: str
    agreed_only: bool  # averaged over dialogues that reached an agreement


METRICS: tuple[Metric, ...] = (
    Metric("success_recovery_rate", "full_recovery", "success recovery rate", False),
    Metric("agreement_rate", "agreed", "agreement rate", False),
    Metric("recovery_ratio", "recovery_ratio", "mean recovery ratio", False),
    Metric("expected_recovery", "expected_recovery", "mean expected recovery", False),
    Metric("turns_to_agreement", "turns_to_agreement", "turns to agreement", True),
    Metric("days_to_first_payment", "days_to_first_payment", "days to first payment", True),
    Metric("days_to_settle", "days_to_settle", "days to settle", True),
    Metric("over_concession_rate", "over_concession", "over-concession (of deals)", True),
    Metric("plan_burden", "plan_burden", "plan burden (of deals)", True),
    Metric("unsustainable_rate", "unsustainable", "unsustainable (of deals)", True),
    Metric("coherence_rate", "coherent", "coherence rate", False),
    Metric("compliance_rate", "compliant", "compliance rate", False),
    Metric("completeness", "completeness", "completeness", False),
    Metric("mean_reward", "reward", "mean reward", False),
)
PAIRWISE_METRICS = (
    "success_recovery_rate",
    "recovery_ratio",
    "expected_recovery",
    "over_concession_rate",
    "plan_burden",
    "mean_reward",
)


def metric_values(frame: pd.DataFrame, metrics: tuple[Metric, ...] = METRICS) -> np.ndarray:
    """(rows × metrics) floats, NaN where a metric does not apply to the row."""
    agreed = frame["agreed"].to_numpy(dtype=bool)
    columns = []
    for metric in metrics:
        values = pd.to_numeric(frame[metric.column], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
        columns.append(np.where(agreed, values, np.nan) if metric.agreed_only else values)
    return np.column_stack(columns) if columns else np.empty((len(frame), 0))


def weighted_means(sums: np.ndarray, counts: np.ndarray, n_boot: int, rng: np.random.Generator) -> np.ndarray:
    """Bootstrap means: resample the units (rows of `sums`/`counts`) `n_boot` times → (n_boot × metrics)."""
    units = sums.shape[0]
    out = np.empty((n_boot, sums.shape[1]))
    block = max(1, BLOCK_CELLS // max(units, 1))
    for start in range(0, n_boot, block):
        size = min(block, n_boot - start)
        draws = rng.integers(0, units, size=(size, units)) + units * np.arange(size)[:, None]
        weights = np.bincount(draws.ravel(), minlength=size * units).reshape(size, units).astype(float)
        with np.errstate(invalid="ignore", divide="ignore"):
            out[start : start + size] = (weights @ sums) / (weights @ counts)
    return out


def unit_sums(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    present = ~np.isnan(values)
    return np.where(present, values, 0.0), present.astype(float)


def interval(boot: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Percentile interval per column; NaN where no resample had a value (e.g. no deals)."""
    finite = np.where(np.isfinite(boot), boot, np.nan)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        lo = np.nanpercentile(finite, 100 * ALPHA / 2, axis=0)
        hi = np.nanpercentile(finite, 100 * (1 - ALPHA / 2), axis=0)
    return lo, hi


def point(values: np.ndarray) -> np.ndarray:
    sums, counts = unit_sums(values)
    with np.errstate(invalid="ignore", divide="ignore"):
        return sums.sum(axis=0) / counts.sum(axis=0)


PERSONA_KEY = ("persona_id", "root_cause", "band", "language")
"""Columns that together identify one debtor across runs (see the module docstring)."""


def persona_units(frame: pd.DataFrame) -> np.ndarray:
    """One label per row naming its persona; columns of the key that a table lacks are skipped."""
    columns = [c for c in PERSONA_KEY if c in frame.columns]
    label = frame[columns[0]].astype(str)
    for column in columns[1:]:
        label = label + "|" + frame[column].astype(str)
    return label.to_numpy()


def group_table(frame: pd.DataFrame, by: list[str], n_boot: int, seed: int) -> pd.DataFrame:
    """Long table: one row per (group, metric) with n, personas, mean, ci_low, ci_high."""
    rng = np.random.default_rng(seed)
    records = []
    for key, group in frame.groupby(by, sort=True, dropna=False):
        key = key if isinstance(key, tuple) else (key,)
        values = metric_values(group)
        _, sums, counts = per_persona(group, METRICS, values)
        lo, hi = interval(weighted_means(sums, counts, n_boot, rng))
        means = point(values)
        for j, metric in enumerate(METRICS):
            records.append(
                dict(zip(by, key, strict=True))
                | {
                    "metric": metric.name,
                    "label": metric.label,
                    "n": int((~np.isnan(values[:, j])).sum()),
                    "personas": int((counts[:, j] > 0).sum()),
                    "mean": means[j],
                    "ci_low": lo[j],
                    "ci_high": hi[j],
                }
            )
    return pd.DataFrame.from_records(records)


def per_persona(
    frame: pd.DataFrame, metrics: tuple[Metric, ...], values: np.ndarray | None = None
) -> tuple[pd.Index, np.ndarray, np.ndarray]:
    """Sums and counts of each metric per persona (personas as resampling units)."""
    sums, counts = unit_sums(metric_values(frame, metrics) if values is None else values)
    ids = persona_units(frame)
    index = pd.Index(pd.unique(ids))
    codes = index.get_indexer(ids)
    s = np.zeros((len(index), len(metrics)))
    c = np.zeros_like(s)
    np.add.at(s, codes, sums)
    np.add.at(c, codes, counts)
    return index, s, c


class PairResult(NamedTuple):
    """Difference mean(a) − mean(b) of every pairwise metric, with how it was resampled."""

    metrics: tuple[Metric, ...]
    estimate: np.ndarray
    ci_low: np.ndarray
    ci_high: np.ndarray
    paired: bool
    units: int  # personas resampled
    only_a: int  # personas only `a` met: left out of a paired difference
    only_b: int


def pair_difference(a: pd.DataFrame, b: pd.DataFrame, n_boot: int, rng: np.random.Generator) -> PairResult:
    """Paired on the personas both met when there are any (the others counted, not used); else unpaired."""
    metrics = tuple(m for m in METRICS if m.name in PAIRWISE_METRICS)
    ids_a, sa, ca = per_persona(a, metrics)
    ids_b, sb, cb = per_persona(b, metrics)
    shared = ids_a.intersection(ids_b)
    if len(shared):
        ia, ib = ids_a.get_indexer(shared), ids_b.get_indexer(shared)
        sums = np.hstack([sa[ia], sb[ib]])
        counts = np.hstack([ca[ia], cb[ib]])
        boot = weighted_means(sums, counts, n_boot, rng)
        k = len(metrics)
        diffs = boot[:, :k] - boot[:, k:]
        with np.errstate(invalid="ignore", divide="ignore"):
            est = sa[ia].sum(0) / ca[ia].sum(0) - sb[ib].sum(0) / cb[ib].sum(0)
        only_a, only_b = len(ids_a) - len(shared), len(ids_b) - len(shared)
        return PairResult(metrics, est, *interval(diffs), True, len(shared), only_a, only_b)
    boot_a = weighted_means(sa, ca, n_boot, rng)
    boot_b = weighted_means(sb, cb, n_boot, rng)
    with np.errstate(invalid="ignore", divide="ignore"):
        est = sa.sum(0) / ca.sum(0) - sb.sum(0) / cb.sum(0)
    return PairResult(metrics, est, *interval(boot_a - boot_b), False, len(ids_a) + len(ids_b), 0, 0)


def pairwise_table(frame: pd.DataFrame, n_boot: int, seed: int, column: str = "strategy") -> pd.DataFrame:
    """Every pair of `column` values: difference of each key metric with a bootstrap CI."""
    rng = np.random.default_rng(seed + 1)
    records = []
    names = sorted(frame[column].dropna().unique())
    for first, second in itertools.combinations(names, 2):
        a, b = frame[frame[column] == first], frame[frame[column] == second]
        res = pair_difference(a, b, n_boot, rng)
        for j, metric in enumerate(res.metrics):
            lo, hi = res.ci_low[j], res.ci_high[j]
            records.append(
                {
                    "a": first,
                    "b": second,
                    "metric": metric.name,
                    "label": metric.label,
                    "difference": res.estimate[j],
                    "ci_low": lo,
                    "ci_high": hi,
                    "paired": res.paired,
                    "units": res.units,
                    "only_a": res.only_a,
                    "only_b": res.only_b,
                    "significant": bool(np.isfinite(lo) and (lo > 0 or hi < 0)),
                }
            )
    return pd.DataFrame.from_records(records)


def wide(table: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """Group table with one row per group and `metric`, `metric_lo`, `metric_hi` columns."""
    out = table.set_index([*by, "metric"])[["mean", "ci_low", "ci_high"]].unstack("metric")
    flat = pd.DataFrame(index=out.index)
    flat["n"] = table.groupby(by, dropna=False, sort=True)["n"].max()
    for metric in METRICS:
        if ("mean", metric.name) in out.columns:
            flat[metric.name] = out[("mean", metric.name)]
            flat[f"{metric.name}_lo"] = out[("ci_low", metric.name)]
            flat[f"{metric.name}_hi"] = out[("ci_high", metric.name)]
    return flat.reset_index()

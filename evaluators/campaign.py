"""The campaign summary: the seeds' recovery metrics and the debtor's health, per debtor and per strategy.

A single call cannot say what was recovered: a promise is not a payment. A
campaign works each account over days (simulator/campaign), and this module
reads its account records (accounts.jsonl) — what was paid, in how many
contacts and days, out of whose savings — and reports, per strategy:

- 成功回收率 (success rate): share of debtors who repaid the whole balance within the campaign;
- 回收率 (recovery rate): share of the balance recovered, Σ paid ÷ Σ balance;
- 收款效率 (collection efficiency): recovered per right-party contact, per attempt and per day worked;
- the debtor's health after the plan: savings left (share of the savings the lump sums spared) and the
  burden of the last plan (installment ÷ disposable income), with the share of plans kept.

Rates of sums are ratio estimators; the CIs are percentile bootstraps over accounts
(evaluators.aggregate's resampler: each account is one debtor met by one strategy).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd

from evaluators.aggregate import interval, weighted_means

ACCOUNTS = "accounts.jsonl"
TABLE = "campaign.parquet"
SUMMARY = "campaign.json"
CURED = ("paid_in_full", "settled", "current")
N_BOOT = 2000


class Ratio(NamedTuple):
    """A metric as Σ numerator ÷ Σ denominator over accounts (NaN numerators are left out)."""

    name: str
    numerator: str
    denominator: str
    label: str


METRICS: tuple[Ratio, ...] = (
    Ratio("success_rate", "repaid_in_full", "one", "成功回收率 success rate (repaid in full)"),
    Ratio("cured_rate", "cured", "one", "cured (paid, settled or brought current)"),
    Ratio("recovery_rate", "paid", "outstanding", "回收率 recovery rate (paid ÷ balance)"),
    Ratio("recovered_per_contact", "paid", "contacts", "收款效率 recovered per contact"),
    Ratio("recovered_per_attempt", "paid", "attempts", "recovered per attempt"),
    Ratio("recovered_per_day", "paid", "days", "收款效率 recovered per day"),
    Ratio("savings_left_ratio", "savings_left_ratio", "one", "savings left (share)"),
    Ratio("plan_burden", "plan_burden", "one", "plan burden (of debtors with a plan)"),
    Ratio("promise_kept_rate", "kept", "promises", "promises kept"),
)


def per_debtor(records: list[dict]) -> pd.DataFrame:
    """One row per account, with the columns the metrics read."""
    frame = pd.DataFrame(records)
    frame["one"] = 1.0
    frame["repaid_in_full"] = (frame["status"] == "paid_in_full").astype(float)
    frame["cured"] = frame["status"].isin(CURED).astype(float)
    frame["recovery"] = frame["paid"] / frame["outstanding"]
    frame["savings_left"] = (frame["savings"] - frame["lump_paid"]).clip(lower=0.0).round(2)
    with np.errstate(invalid="ignore", divide="ignore"):
        ratio = frame["savings_left"] / frame["savings"].where(frame["savings"] > 0)
    frame["savings_left_ratio"] = ratio.astype(float)
    frame["plan_burden"] = pd.to_numeric(frame["plan_burden"], errors="coerce").astype(float)
    frame["kept"] = (frame["promises"] - frame["broken"]).astype(float)
    return frame


def sums_and_counts(frame: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """(accounts × metrics) numerators and denominators; a NaN numerator counts nowhere."""
    nums = np.column_stack([frame[m.numerator].to_numpy(dtype=float) for m in METRICS])
    dens = np.column_stack([frame[m.denominator].to_numpy(dtype=float) for m in METRICS])
    present = ~np.isnan(nums)
    return np.where(present, nums, 0.0), np.where(present, dens, 0.0)


def group_summary(frame: pd.DataFrame, n_boot: int, rng: np.random.Generator) -> dict:
    """Point estimate and 95 % bootstrap CI of each metric for one group of accounts."""
    sums, counts = sums_and_counts(frame)
    with np.errstate(invalid="ignore", divide="ignore"):
        point = sums.sum(axis=0) / counts.sum(axis=0)
    low, high = interval(weighted_means(sums, counts, n_boot, rng))
    row: dict = {"accounts": len(frame), "contacts": int(frame["contacts"].sum())}
    for k, metric in enumerate(METRICS):
        row[metric.name] = {
            "mean": _num(point[k]),
            "ci_low": _num(low[k]),
            "ci_high": _num(high[k]),
        }
    row["status"] = {str(k): int(v) for k, v in frame["status"].value_counts().sort_index().items()}
    return row


def _num(value: float) -> float | None:
    return None if not np.isfinite(value) else round(float(value), 4)


def summarize(frame: pd.DataFrame, n_boot: int = N_BOOT, seed: int = 0) -> dict:
    """Per strategy and over all accounts; the same seed gives the same intervals."""
    rng = np.random.default_rng(seed)
    by = {name: group_summary(group, n_boot, rng) for name, group in frame.groupby("strategy", sort=True)}
    return {
        "by_strategy": by,
        "all": group_summary(frame, n_boot, rng),
        "metrics": {m.name: m.label for m in METRICS},
    }


def campaign_stage(run_dir: Path, n_boot: int = N_BOOT, seed: int = 0) -> dict:
    """Read accounts.jsonl, write campaign.parquet (per debtor) and campaign.json (per strategy)."""
    path = run_dir / ACCOUNTS
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    if not records:
        return {"accounts": 0}
    frame = per_debtor(records)
    frame.to_parquet(run_dir / TABLE, index=False)
    summary = summarize(frame, n_boot, seed)
    (run_dir / SUMMARY).write_text(json.dumps(summary, indent=2, ensure_ascii=False), encoding="utf-8")
    return summary

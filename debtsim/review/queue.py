"""The review queue: every call of a run, most uncertain first, each with the reasons it was ranked there.

A reviewer's time goes where the machine is least sure (active learning's
uncertainty sampling): a call whose reward sits near the filter's threshold
(a coin flip whether export keeps it), one where the judge and the rules
disagree, and every ingested real call (its acts and outcome were inferred by
rules), and one whose replies sit closest to the IFD cutoff of 1 (a low IFD
margin: the selection nearly went the other way). Scores come from the run's
scores.parquet and ifd_samples.parquet when it has them; without either only
the ingested flag ranks. The uncertainty is a weighted sum in [0, 1].
"""

from __future__ import annotations

import math
from importlib import resources
from pathlib import Path
from typing import Any

import pandas as pd
import yaml
from pydantic import BaseModel, ConfigDict

from simulator.store import TRANSCRIPTS, iter_records

WEIGHTS = {"threshold": 0.3, "disagreement": 0.3, "ingested": 0.25, "ifd": 0.15}
IFD_SAMPLES = "ifd_samples.parquet"
"""Per-reply IFD scores the selection writes beside the run (evaluators.selection); optional."""
BAND = 0.2
"""A reward this far from the threshold counts as certain (closeness 0); at the threshold, 1."""


class Reason(BaseModel):
    """Why a call ranks high: `ingested`, `threshold` (value: the reward), `disagreement` (value: the gap)
    or `ifd` (value: the IFD margin);
    the page words it in the reviewer's language."""

    model_config = ConfigDict(frozen=True)

    code: str
    value: float | None = None
    threshold: float | None = None


class QueueItem(BaseModel):
    model_config = ConfigDict(frozen=True)

    dialogue_id: str
    language: str
    termination: str
    n_turns: int
    ingested: bool
    uncertainty: float
    reward: float | None
    reasons: tuple[Reason, ...]


def reward_threshold() -> float:
    """The filter's agreement floor (conf/filter/default.yaml outcome.agreement.min_reward)."""
    text = resources.files("conf").joinpath("filter", "default.yaml").read_text(encoding="utf-8")
    return float(yaml.safe_load(text)["outcome"]["agreement"]["min_reward"])


def _scores(run_dir: Path) -> dict[str, dict[str, Any]]:
    path = run_dir / "scores.parquet"
    if not path.exists():
        return {}
    columns = ["dialogue_id", "reward", "compliant", "judge_mean", "judge_compliance"]
    frame = pd.read_parquet(path, columns=columns)
    return {row["dialogue_id"]: row for row in frame.to_dict("records")}


def _ifd_margins(run_dir: Path) -> dict[str, float]:
    """Per dialogue, the smallest |1 - IFD| over its scored replies."""
    path = run_dir / IFD_SAMPLES
    if not path.exists():
        return {}
    frame = pd.read_parquet(path, columns=["dialogue_id", "ifd"]).dropna()
    frame["margin"] = (frame["ifd"] - 1.0).abs()
    return frame.groupby("dialogue_id")["margin"].min().to_dict()


def _finite(value: Any) -> float | None:
    return (
        float(value)
        if value is not None and isinstance(value, int | float) and math.isfinite(value)
        else None
    )


def uncertainty(
    row: dict[str, Any] | None, ingested: bool, threshold: float, ifd_margin: float | None = None
) -> tuple[float, list[Reason]]:
    """The weighted uncertainty of one call and the reasons that raised it."""
    reasons, total = [], 0.0
    if ifd_margin is not None and (close := max(0.0, 1 - ifd_margin / BAND)) > 0:
        total += WEIGHTS["ifd"] * close
        reasons.append(Reason(code="ifd", value=round(ifd_margin, 3)))
    if ingested:
        total += WEIGHTS["ingested"]
        reasons.append(Reason(code="ingested"))
    reward = _finite(row.get("reward")) if row else None
    if reward is not None:
        close = max(0.0, 1 - abs(reward - threshold) / BAND)
        total += WEIGHTS["threshold"] * close
        if close > 0:
            reasons.append(Reason(code="threshold", value=round(reward, 3), threshold=threshold))
    judge = _finite(row.get("judge_mean")) if row else None
    if judge is not None and reward is not None:
        gap = abs((judge - 1) / 4 - reward)
        compliance = _finite(row.get("judge_compliance"))
        if compliance is not None and (compliance <= 2) == bool(row.get("compliant")):
            gap = 1.0
        total += WEIGHTS["disagreement"] * min(1.0, gap)
        if gap >= 0.3:
            reasons.append(Reason(code="disagreement", value=round(gap, 3)))
    return round(min(1.0, total), 4), reasons


def build_queue(run_dir: Path) -> list[QueueItem]:
    """Every call of the run, most uncertain first (ties: file order)."""
    scores, threshold, margins = _scores(run_dir), reward_threshold(), _ifd_margins(run_dir)
    items = []
    for data in iter_records(run_dir / TRANSCRIPTS):
        ingested = data.get("source") == "ingested"
        row = scores.get(data["dialogue_id"])
        value, reasons = uncertainty(row, ingested, threshold, margins.get(data["dialogue_id"]))
        items.append(
            QueueItem(
                dialogue_id=data["dialogue_id"],
                language=data.get("language", "en"),
                termination=data.get("termination", ""),
                n_turns=len(data.get("turns", [])),
                ingested=ingested,
                uncertainty=value,
                reward=_finite(row.get("reward")) if row else None,
                reasons=tuple(reasons),
            )
        )
    order = sorted(range(len(items)), key=lambda i: (-items[i].uncertainty, i))
    return [items[i] for i in order]

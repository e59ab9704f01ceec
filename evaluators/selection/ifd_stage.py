"""The IFD stage: score every SFT sample, keep samples by IFD, keep or drop each dialogue from its samples.

Rule (per sample, as the issue defines IFD): a reply is kept when its IFD is
below 1 and inside the configured quantile band of the IFDs below 1. Rule (per
dialogue, because the split folders and the other stages work on dialogues):
a dialogue stays when at least `min_sample_share` of its scored replies were
kept, and is dropped otherwise (`ifd_not_below_one` when most of its failed
replies had IFD >= 1, else `ifd_outside_band`). A dialogue with no scored reply
is not judged. The replies a kept dialogue failed on are written to
`ifd_samples.parquet` with `kept = false`, and `debtsim train` leaves them out
(`debtsim.train.train_samples`), so the filter acts on samples, not only on calls.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from evaluators.selection.ifd import IfdItem, IfdScorer, IfdScores
from evaluators.selection.reasons import SelectionDrop, SelectionStage
from evaluators.selection.selection_settings import SelectionSettings

Conversations = Callable[[set[str]], Iterator[IfdItem]]
"""The SFT samples of the given dialogues (the stage streams them from the export)."""


@dataclass
class IfdResult:
    """Per-sample scores and verdicts (columns), and the per-dialogue summary."""

    scores: IfdScores
    values: np.ndarray
    reasons: list[SelectionDrop | None]

    @property
    def kept(self) -> np.ndarray:
        return np.array([r is None for r in self.reasons], dtype=bool)

    def frame(self) -> pd.DataFrame:
        """One row per scored reply: the `ifd_samples.parquet` the trainer reads."""
        s = self.scores
        return pd.DataFrame(
            {
                "dialogue_id": s.dialogue_id,
                "reply": np.asarray(s.reply, dtype=np.int32),
                "loss_conditioned": np.round(s.conditioned, 5),
                "loss_alone": np.round(s.alone, 5),
                "ifd": np.round(self.values, 5),
                "kept": self.kept,
                "reason": [None if r is None else str(r) for r in self.reasons],
            }
        )

    def by_dialogue(self) -> pd.DataFrame:
        """mean / min IFD, replies scored and kept, per dialogue id."""
        frame = self.frame()
        return frame.groupby("dialogue_id").agg(
            ifd=("ifd", "mean"),
            ifd_min=("ifd", "min"),
            replies=("ifd", "size"),
            replies_kept=("kept", "sum"),
            below_one=("ifd", lambda v: int((v < 1.0).sum())),
        )


def ifd_drops(values: np.ndarray, band: tuple[float, float]) -> list[SelectionDrop | None]:
    """Per sample: IFD >= 1 dropped; of the rest, those outside the quantile band. No score passes."""
    finite = np.isfinite(values)
    below = finite & (values < 1.0)
    low, high = np.quantile(values[below], band) if below.any() else (np.inf, -np.inf)
    out: list[SelectionDrop | None] = []
    for value, scored, ok in zip(values, finite, below, strict=True):
        if not scored:
            out.append(None)
        elif not ok:
            out.append(SelectionDrop.IFD_NOT_BELOW_ONE)
        else:
            out.append(None if low <= value <= high else SelectionDrop.IFD_OUTSIDE_BAND)
    return out


def dialogue_verdict(row: pd.Series, min_share: float) -> SelectionDrop | None:
    """Keep when enough replies were kept; else the reason most of its failed replies had."""
    if row["replies_kept"] >= min_share * row["replies"]:
        return None
    failed = row["replies"] - row["replies_kept"]
    high = row["replies"] - row["below_one"]
    return SelectionDrop.IFD_NOT_BELOW_ONE if high * 2 >= failed else SelectionDrop.IFD_OUTSIDE_BAND


def score_alive(
    alive_ids: list[str], settings: SelectionSettings, model: Path, conversations: Conversations
) -> IfdResult:
    scorer = IfdScorer(model, settings.ifd)
    scores = scorer.score_items(conversations(set(alive_ids)))
    values = scores.ifd()
    return IfdResult(scores, values, ifd_drops(values, settings.ifd.band))


def run_ifd(
    alive, settings: SelectionSettings, selection, model: Path | None, conversations: Conversations | None
):
    """Mark each alive dialogue with its IFD summary; drop those whose samples mostly failed."""
    if model is None or conversations is None:
        why = (
            "no model configured: filter.selection.ifd.model"
            if model is None
            else "no exported conversations"
        )
        selection.notices.append(f"ifd: skipped ({why})")
        return alive
    result = score_alive([s.dialogue_id for s, _ in alive], settings, model, conversations)
    selection.ifd = result
    summary = result.by_dialogue()
    out = []
    for sample, mark in alive:
        if sample.dialogue_id not in summary.index:
            out.append((sample, mark))  # nothing scorable: not judged
            continue
        row = summary.loc[sample.dialogue_id]
        mark.ifd = round(float(row["ifd"]), 4) if np.isfinite(row["ifd"]) else None
        mark.ifd_replies, mark.ifd_replies_kept = int(row["replies"]), int(row["replies_kept"])
        reason = dialogue_verdict(row, settings.ifd.min_sample_share)
        if reason is None:
            out.append((sample, mark))
        else:
            mark.drop(SelectionStage.IFD, reason)
    return out

"""The selection stages in configured order, each marking records and counting its drops.

Input: the dialogues the quality filters kept (`Sample`s, in file order).
Output: a `Selection` — one `Mark` per dialogue with its scores (ROUGE-L of the
nearest pooled dialogue, IFD, cluster, difficulty, split) and, when dropped,
the stage and typed reason; plus per-stage counts. Nothing is deleted: the
export writes the kept records, and every mark goes to `selection.parquet`.
Splits are assigned to the kept records last (splitting is not a drop).
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from evaluators.selection.clusters import cluster
from evaluators.selection.difficulty import band_of, difficulty_points, mix
from evaluators.selection.ifd import IfdScorer, dialogue_ifd, items_of
from evaluators.selection.reasons import Difficulty, SelectionDrop, SelectionStage, Split
from evaluators.selection.record import Sample
from evaluators.selection.rouge_pool import RougePoolStage
from evaluators.selection.settings import SelectionSettings
from evaluators.selection.split import assign_splits


@dataclass(slots=True)
class Mark:
    """What selection decided about one dialogue; the columns of `selection.parquet`."""

    dialogue_id: str
    persona_id: str
    difficulty: Difficulty
    difficulty_points: int
    agreed: bool
    kept: bool = True
    stage: SelectionStage | None = None
    reason: SelectionDrop | None = None
    rouge_l: float | None = None
    rouge_nearest: str | None = None
    ifd: float | None = None
    cluster: int | None = None
    centre_similarity: float | None = None
    split: Split | None = None
    group: str | None = None

    def drop(self, stage: SelectionStage, reason: SelectionDrop) -> None:
        self.kept, self.stage, self.reason = False, stage, reason


@dataclass
class Selection:
    marks: list[Mark]
    stages: list[dict]
    notices: list[str]
    ifd_samples: list[float]
    cluster_sizes: dict[int, int]

    def kept(self) -> list[Mark]:
        return [m for m in self.marks if m.kept]

    def by_id(self) -> dict[str, Mark]:
        return {m.dialogue_id: m for m in self.marks}

    def rows(self) -> list[dict]:
        return [
            {
                k: (str(v) if isinstance(v, (Difficulty, Split, SelectionStage, SelectionDrop)) else v)
                for k, v in asdict(m).items()
            }
            for m in self.marks
        ]


Alive = list[tuple[Sample, Mark]]
StageRun = Callable[[Alive, SelectionSettings, "Selection"], Alive]


def run_rouge_pool(alive: Alive, settings: SelectionSettings, selection: Selection) -> Alive:
    stage = RougePoolStage(settings.rouge_pool)
    out: Alive = []
    for sample, mark in alive:
        verdict = stage.judge(sample.dialogue_id, sample.collector_texts, sample.language)
        mark.rouge_l = verdict.score
        if verdict.admitted:
            out.append((sample, mark))
        else:
            mark.rouge_nearest = verdict.nearest
            mark.drop(SelectionStage.ROUGE_POOL, SelectionDrop.ROUGE_POOL)
    return out


def ifd_drops(values: np.ndarray, band: tuple[float, float]) -> list[SelectionDrop | None]:
    """IFD >= 1 is dropped; of the rest, those outside the quantile band. No score (no reply with a
    debtor line before it) is not a verdict: such a dialogue passes."""
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


def run_ifd(alive: Alive, settings: SelectionSettings, selection: Selection, model: Path | None) -> Alive:
    if model is None:
        selection.notices.append("ifd: skipped (no model configured: filter.selection.ifd.model)")
        return alive
    items = [item for sample, _ in alive for item in items_of(sample, settings.ifd.replies_per_dialogue)]
    scores = IfdScorer(model, settings.ifd).score(items)
    selection.ifd_samples = [float(s) for s in scores]
    per_dialogue = dialogue_ifd(items, scores)
    values = np.array([per_dialogue.get(s.dialogue_id, np.nan) for s, _ in alive], dtype=float)
    out: Alive = []
    for (sample, mark), value, reason in zip(
        alive, values, ifd_drops(values, settings.ifd.band), strict=True
    ):
        mark.ifd = None if np.isnan(value) else round(float(value), 4)
        if reason is None:
            out.append((sample, mark))
        else:
            mark.drop(SelectionStage.IFD, reason)
    return out


def run_clusters(alive: Alive, settings: SelectionSettings, selection: Selection) -> Alive:
    result = cluster([s.collector_texts for s, _ in alive], settings.clusters)
    selection.cluster_sizes = result.sizes()
    out: Alive = []
    for i, (sample, mark) in enumerate(alive):
        mark.cluster, mark.centre_similarity = (
            int(result.labels[i]),
            round(float(result.centre_similarity[i]), 4),
        )
        if result.kept[i]:
            out.append((sample, mark))
        else:
            mark.drop(SelectionStage.CLUSTERS, SelectionDrop.CLUSTER_CAP)
    return out


def run_difficulty(alive: Alive, settings: SelectionSettings, selection: Selection) -> Alive:
    keep = mix(
        [m.difficulty for _, m in alive], [s.dialogue_id for s, _ in alive], settings.difficulty.min_share
    )
    out: Alive = []
    for (sample, mark), ok in zip(alive, keep, strict=True):
        if ok:
            out.append((sample, mark))
        else:
            mark.drop(SelectionStage.DIFFICULTY, SelectionDrop.DIFFICULTY_MIX)
    return out


def stage_counts(name: str, alive: Alive, seen: int) -> dict:
    bands = Counter(str(m.difficulty) for _, m in alive)
    return {
        "stage": name,
        "seen": seen,
        "kept": len(alive),
        "dropped": seen - len(alive),
        "difficulty": {str(b): bands.get(str(b), 0) for b in Difficulty},
        "hard_agreed": sum(m.difficulty is Difficulty.HARD and m.agreed for _, m in alive),
    }


def select(
    samples: Sequence[Sample],
    settings: SelectionSettings,
    model: Path | None = None,
    shingles: tuple[int, int] = (3, 3),
) -> Selection:
    """Run the configured stages over `samples`; `model` is the IFD model folder (None: IFD skipped).

    `shingles` are the filter chain's (word, char) shingle sizes, used to join
    near-duplicate personas when splitting.
    """
    marks = [
        Mark(
            s.dialogue_id,
            s.persona_id,
            band_of(p := difficulty_points(s, settings.difficulty), settings.difficulty),
            p,
            s.agreed,
        )
        for s in samples
    ]
    selection = Selection(marks, [], [], [], {})
    alive: Alive = list(zip(samples, marks, strict=True))
    selection.stages.append(stage_counts("input", alive, len(alive)))
    runs: dict[SelectionStage, StageRun] = {
        SelectionStage.ROUGE_POOL: run_rouge_pool,
        SelectionStage.CLUSTERS: run_clusters,
        SelectionStage.DIFFICULTY: run_difficulty,
        SelectionStage.IFD: lambda a, s, sel: run_ifd(a, s, sel, model),
    }
    for stage in settings.stages:
        seen = len(alive)
        alive = runs[stage](alive, settings, selection)
        selection.stages.append(stage_counts(str(stage), alive, seen))
    kept_samples = [s for s, _ in alive]
    splits, groups = assign_splits(kept_samples, settings.split, *shingles)
    for (_, mark), split, group in zip(alive, splits, groups, strict=True):
        mark.split, mark.group = split, group
    for notice in selection.notices:
        print(notice, file=sys.stderr)
    return selection


def drops_by_stage(selection: Selection) -> dict[str, dict[str, int]]:
    out: dict[str, Counter[str]] = {}
    for mark in selection.marks:
        if not mark.kept and mark.stage is not None and mark.reason is not None:
            out.setdefault(str(mark.stage), Counter())[str(mark.reason)] += 1
    return {stage: dict(c) for stage, c in out.items()}

"""The selection stages in configured order, each marking records and counting its drops.

Input: the dialogues the quality filters kept (`Sample`s, in file order).
Output: a `Selection` — one `Mark` per dialogue with its scores (ROUGE-L of the
nearest pooled dialogue, IFD summary, cluster, difficulty, split) and, when
dropped, the stage and typed reason; plus per-stage counts and the per-sample
IFD columns (`ifd_stage`). Nothing is deleted: the
export writes the kept records, and every mark goes to `selection.parquet`.
Splits are assigned to the kept records last (splitting is not a drop).
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from evaluators.selection.clusters import cluster
from evaluators.selection.difficulty import band_of, difficulty_points, mix, unreachable
from evaluators.selection.ifd_stage import Conversations, IfdResult, run_ifd
from evaluators.selection.reasons import Difficulty, SelectionDrop, SelectionStage, Split
from evaluators.selection.record import Sample
from evaluators.selection.rouge_pool import RougePoolStage
from evaluators.selection.selection_settings import SelectionSettings
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
    ifd_replies: int | None = None
    ifd_replies_kept: int | None = None
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
    cluster_sizes: dict[int, int]
    ifd: IfdResult | None = None

    @property
    def ifd_samples(self) -> list[float]:
        """Every scored reply's IFD (empty when the stage was skipped)."""
        return [] if self.ifd is None else [float(v) for v in self.ifd.values]

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
    verdicts = stage.judge_all((s.dialogue_id, s.collector_texts, s.language) for s, _ in alive)
    for (sample, mark), verdict in zip(alive, verdicts, strict=True):
        mark.rouge_l = verdict.score
        if verdict.admitted:
            out.append((sample, mark))
        else:
            mark.rouge_nearest = verdict.nearest
            mark.drop(SelectionStage.ROUGE_POOL, SelectionDrop.ROUGE_POOL)
    return out


def run_clusters(alive: Alive, settings: SelectionSettings, selection: Selection) -> Alive:
    result = cluster([s.collector_texts for s, _ in alive], settings.clusters, [s.names for s, _ in alive])
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
    bands, shares = [m.difficulty for _, m in alive], settings.difficulty.min_share
    for band in unreachable(bands, shares):
        selection.notices.append(
            f"difficulty: no {band} dialogue left, its share {shares[band]} cannot be met"
        )
    keep = mix(bands, [s.dialogue_id for s, _ in alive], shares, settings.difficulty.max_drop)
    kept = Counter(b for b, k in zip(bands, keep, strict=True) if k)
    for band, share in shares.items():
        if kept[band] and kept[band] < share * kept.total():
            selection.notices.append(
                f"difficulty: {band} is {kept[band] / kept.total():.0%} of the kept mix, below its {share:.0%} "
                f"target (the mix drops at most {settings.difficulty.max_drop:.0%})"
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


def marks_of(samples: Sequence[Sample], settings: SelectionSettings) -> list[Mark]:
    """Each sample's record of the selection, with its difficulty band from the persona and outcome."""
    return [
        Mark(
            s.dialogue_id,
            s.persona_id,
            band_of(p := difficulty_points(s, settings.difficulty), settings.difficulty),
            p,
            s.agreed,
        )
        for s in samples
    ]


def select(
    samples: Sequence[Sample],
    settings: SelectionSettings,
    model: Path | None = None,
    shingles: tuple[int, int] = (3, 3),
    conversations: Conversations | None = None,
) -> Selection:
    """Run the configured stages over `samples`; `model` is the IFD model folder (None: IFD skipped).

    `conversations` yields the SFT samples of given dialogues for IFD (the stage
    streams them from the export). `shingles` are the filter chain's (word,
    char) shingle sizes, used to join near-duplicate personas when splitting.
    """
    marks = marks_of(samples, settings)
    selection = Selection(marks, [], [], {})
    alive: Alive = list(zip(samples, marks, strict=True))
    selection.stages.append(stage_counts("input", alive, len(alive)))
    runs: dict[SelectionStage, StageRun] = {
        SelectionStage.ROUGE_POOL: run_rouge_pool,
        SelectionStage.CLUSTERS: run_clusters,
        SelectionStage.DIFFICULTY: run_difficulty,
        SelectionStage.IFD: lambda a, s, sel: run_ifd(a, s, sel, model, conversations),
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

"""Why the selection kept a dialogue out, and the names of its stages.

Selection runs after the quality filters (`evaluators.filters`) and follows the
same rule: a record is marked with a typed reason and counted, never deleted
silently. The reasons are separate from `filters.DropReason` because these
stages judge a record against the others (pool, clusters, mix), not alone.
"""

from __future__ import annotations

from enum import StrEnum


class SelectionStage(StrEnum):
    """The selection stages; `SelectionSettings.stages` lists them in the order they run."""

    ROUGE_POOL = "rouge_pool"
    IFD = "ifd"
    CLUSTERS = "clusters"
    DIFFICULTY = "difficulty"


class SelectionDrop(StrEnum):
    ROUGE_POOL = "rouge_pool"  # ROUGE-L F1 with a pooled record reached the threshold
    IFD_NOT_BELOW_ONE = "ifd_not_below_one"  # the history does not help predict the reply (IFD >= 1)
    IFD_OUTSIDE_BAND = "ifd_outside_band"  # IFD outside the configured quantile band
    CLUSTER_CAP = "cluster_cap"  # the diversity cluster already holds its share
    DIFFICULTY_MIX = "difficulty_mix"  # dropped to reach the target difficulty mix


class PoolUnit(StrEnum):
    """What the ROUGE-L pool compares."""

    DIALOGUE = "dialogue"  # all collector turns of a dialogue as one token sequence
    REPLY = "reply"  # each collector reply alone; a dialogue needs enough novel replies


class Split(StrEnum):
    TRAIN = "train"
    VALIDATION = "validation"
    TEST = "test"


class Difficulty(StrEnum):
    EASY = "easy"
    MEDIUM = "medium"
    HARD = "hard"

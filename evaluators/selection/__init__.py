"""Data selection after the quality filters: ROUGE-L pool, IFD, diversity clusters, difficulty mix, splits.

Each stage judges a dialogue against the others (the filters judge one alone),
marks it with a typed `SelectionDrop` and scores, and is counted; nothing is
deleted. `stage.select_export` runs them on an exported run directory and
writes the split folders, replayable test scenarios, `selection.parquet` and
the dataset card (`DATASET.md`, `stats.json`). Settings: the `selection` block
of `conf/filter/selection.yaml`.
"""

from evaluators.selection.reasons import Difficulty, PoolUnit, SelectionDrop, SelectionStage, Split
from evaluators.selection.record import Sample, sample_of
from evaluators.selection.selection_settings import (
    SelectionError,
    SelectionSettings,
    load_selection_defaults,
    parse_selection_settings,
)
from evaluators.selection.selector import Mark, Selection, select

__all__ = [
    "Difficulty",
    "Mark",
    "PoolUnit",
    "Sample",
    "Selection",
    "SelectionDrop",
    "SelectionError",
    "SelectionSettings",
    "SelectionStage",
    "Split",
    "load_selection_defaults",
    "parse_selection_settings",
    "sample_of",
    "select",
]

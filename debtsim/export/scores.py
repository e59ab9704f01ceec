"""Scores for the filter chain: read from the run's `scores.parquet`, or computed when it has none.

Only the columns the filter settings name are read, once, into a dict keyed by
dialogue id — a narrow read that stays small at 100k rows. Without a score
file each transcript is scored as it streams past (`score_transcript`), which
is slower but gives the same columns.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from evaluators.filters import FilterError
from evaluators.scoring import score_transcript
from evaluators.table import SCORES
from simulator.transcript import Transcript

ID = "dialogue_id"


class ScoreSource:
    def __init__(self, run_dir: Path, columns: tuple[str, ...]) -> None:
        self.columns = columns
        self.path = run_dir / SCORES
        self.rows: dict[str, dict[str, Any]] | None = None
        if columns and self.path.exists():
            self.rows = self._read()

    @property
    def origin(self) -> str:
        if not self.columns:
            return "not needed"
        return SCORES if self.rows is not None else "computed"

    def _read(self) -> dict[str, dict[str, Any]]:
        present = set(pq.read_schema(self.path).names)
        missing = [c for c in (ID, *self.columns) if c not in present]
        if missing:
            raise FilterError(
                f"filter.scores: {self.path} has no column {missing[0]!r}; re-score with `debtsim evaluate`"
            )
        table = pq.read_table(self.path, columns=[ID, *self.columns]).to_pydict()
        ids = table.pop(ID)
        return {d: {c: table[c][i] for c in self.columns} for i, d in enumerate(ids)}

    def row(self, data: dict[str, Any]) -> dict[str, Any]:
        """The score columns for one parsed transcript line."""
        if not self.columns:
            return {}
        if self.rows is None:
            return score_transcript(Transcript.model_validate(data))
        found = self.rows.get(data["dialogue_id"])
        if found is None:
            raise FilterError(
                f"{self.path} has no row for {data['dialogue_id']}; re-score with `debtsim evaluate`"
            )
        return found

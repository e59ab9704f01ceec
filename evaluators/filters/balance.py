"""Balance across persona cells: at most `cap` transcripts per cell.

Easy cells (healthy, willing debtors) produce many clean transcripts; without
a cap they crowd out the hard ones the model most needs to see. Admission is in
arrival order, so the same input gives the same selection.
"""

from __future__ import annotations

from collections import Counter

from evaluators.filters.candidate import Candidate
from evaluators.filters.reasons import DropReason


class CellCapStage:
    def __init__(self, cap: int | None) -> None:
        self.cap = cap
        self.kept: Counter[str] = Counter()

    def check(self, candidate: Candidate) -> DropReason | None:
        if self.cap is not None and self.kept[candidate.cell] >= self.cap:
            return DropReason.CELL_CAP
        return None

    def admit(self, candidate: Candidate) -> None:
        self.kept[candidate.cell] += 1

"""The filter chain: stages in configured order, every verdict counted.

A transcript runs through each stage's `check`; the first reason ends it and is
counted. Only a transcript every stage passed is `admit`ted, so stateful stages
(near-duplicate index, cell caps) remember exactly the kept set — a transcript
dropped late never blocks a later one.
"""

from __future__ import annotations

from collections import Counter
from typing import Protocol

from evaluators.filters.balance import CellCapStage
from evaluators.filters.candidate import Candidate
from evaluators.filters.filter_settings import FilterSettings
from evaluators.filters.near_duplicate import NearDuplicateIndex, NearDuplicateStage
from evaluators.filters.outcome_floor import OutcomeStage
from evaluators.filters.reasons import DropReason, StageName
from evaluators.filters.rules import (
    BoilerplateStage,
    FallbackStage,
    LengthStage,
    ScoreStage,
    TerminationStage,
)


class Stage(Protocol):
    def check(self, candidate: Candidate) -> DropReason | None: ...

    def admit(self, candidate: Candidate) -> None: ...


class FilterChain:
    def __init__(self, settings: FilterSettings) -> None:
        self.settings = settings
        self.index = NearDuplicateIndex(settings.near_duplicate)
        # fallback turns are judged first and always (filters off too): a fallback never trains unmarked
        self.stages: list[Stage] = [FallbackStage(settings.fallback)]
        self.stages += [self._stage(name) for name in settings.stages]
        self.dropped: Counter[DropReason] = Counter()
        self.kept = 0

    def _stage(self, name: StageName) -> Stage:
        s = self.settings
        match name:
            case StageName.TERMINATION:
                return TerminationStage()
            case StageName.SCORES:
                return ScoreStage(s.scores)
            case StageName.OUTCOME:
                assert s.outcome is not None  # FilterSettings refuses the stage without its section
                return OutcomeStage(s.outcome)
            case StageName.LENGTH:
                return LengthStage(s.length)
            case StageName.BOILERPLATE:
                return BoilerplateStage(s.boilerplate)
            case StageName.NEAR_DUPLICATE:
                return NearDuplicateStage(self.index)
            case StageName.BALANCE:
                return CellCapStage(s.balance.cap_per_cell)
        raise ValueError(f"unknown filter stage {name!r}")

    def judge(self, candidate: Candidate) -> DropReason | None:
        """The reason to drop `candidate`, or None after admitting it; counted either way."""
        for stage in self.stages:
            reason = stage.check(candidate)
            if reason is not None:
                self.dropped[reason] += 1
                return reason
        for stage in self.stages:
            stage.admit(candidate)
        self.kept += 1
        return None

    def summary(self) -> dict:
        return {
            "seen": self.kept + sum(self.dropped.values()),
            "kept": self.kept,
            "dropped": {str(r): self.dropped[r] for r in DropReason if self.dropped[r]},
        }

"""The stateless filter stages: each looks at one transcript alone.

A stage's `check` returns the reason to drop or None; `admit` is a no-op here
(the stateful stages — near-duplicates, balance — remember what they admitted).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from evaluators.filters.candidate import Candidate
from evaluators.filters.filter_settings import FallbackPolicy, FilterError, LengthSettings, ScoreSettings
from evaluators.filters.reasons import DropReason

ERROR_TERMINATION = "error"
MUST_PASS_REASONS = {"compliant": DropReason.COMPLIANCE, "loop_free": DropReason.LOOP}
"""The drop reason of a failed must-pass column; any other column counts as `must_pass_failed`."""


class Stateless:
    def admit(self, candidate: Candidate) -> None:
        """Nothing to remember."""


class TerminationStage(Stateless):
    """An engine error is not a dialogue: never train on it."""

    def check(self, candidate: Candidate) -> DropReason | None:
        return DropReason.ERROR if candidate.termination == ERROR_TERMINATION else None


class FallbackStage(Stateless):
    """Scripted words standing in for the model are not the model's reply: never an unmarked target.

    `drop`: a dialogue with any collector fallback turn goes. `keep`: it stays (the export masks
    the turn), unless the collector's first message is one: then nothing before it could train.
    """

    def __init__(self, policy: FallbackPolicy) -> None:
        self.policy = policy

    def check(self, candidate: Candidate) -> DropReason | None:
        if not candidate.fallback_turns:
            return None
        if self.policy is FallbackPolicy.DROP or candidate.fallback_first:
            return DropReason.FALLBACK
        return None


def score(candidate: Candidate, column: str, section: str = "scores"):
    """One score column of a candidate; a column the settings name but the scores lack is an error."""
    if column not in candidate.scores:
        known = ", ".join(sorted(candidate.scores)) or "none"
        raise FilterError(
            f"filter.{section}: column {column!r} missing for {candidate.dialogue_id} (have: {known})"
        )
    return candidate.scores[column]


class ScoreStage(Stateless):
    """Must-pass columns (compliance, no loops) must be true; other scores must reach their minimum."""

    def __init__(self, settings: ScoreSettings) -> None:
        self.settings = settings

    def check(self, candidate: Candidate) -> DropReason | None:
        for column in self.settings.must_pass:
            if not score(candidate, column):
                return MUST_PASS_REASONS.get(column, DropReason.MUST_PASS)
        for column, least in self.settings.minimum.items():
            value = score(candidate, column)
            if value is None or float(value) < least:
                return DropReason.LOW_SCORE
        return None


class LengthStage(Stateless):
    def __init__(self, settings: LengthSettings) -> None:
        self.settings = settings

    def check(self, candidate: Candidate) -> DropReason | None:
        s = self.settings
        if candidate.n_turns > s.max_turns:
            return DropReason.TOO_LONG
        if candidate.n_turns < s.min_turns:
            return DropReason.TOO_SHORT
        if sum(len(t) for t in candidate.collector_texts) < s.min_collector_chars:
            return DropReason.TOO_SHORT
        return None


class BoilerplateStage(Stateless):
    """Refusals and assistant boilerplate in a collector turn mark a broken model reply.

    Matching is plain case-insensitive substring search (`in` on lowered text):
    an alternation regex over the phrases was the slowest step of the chain.
    """

    def __init__(self, phrases: Mapping[str, Sequence[str]]) -> None:
        self.phrases = {lang: tuple(p.lower() for p in found) for lang, found in phrases.items()}

    def check(self, candidate: Candidate) -> DropReason | None:
        phrases = self.phrases.get(candidate.language)
        if not phrases:
            return None
        said = "\n".join(candidate.collector_texts).lower()
        if any(p in said for p in phrases):
            return DropReason.BOILERPLATE
        return None

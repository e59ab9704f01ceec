"""The filter chain's settings, parsed once from the `filter` config group.

Defaults live in `conf/filter/default.yaml`; this model only names and checks
them, so a typo in a key or a threshold out of range fails with one line.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any

from pydantic import Field, field_validator, model_validator

from evaluators.filters.reasons import StageName
from simulator.config import Frozen
from simulator.errors import DebtsimError, validated
from simulator.termination import STOP_TERMINATIONS
from simulator.transcript import Termination

Share = Annotated[float, Field(ge=0.0, le=1.0)]


class FilterError(DebtsimError):
    """A bad filter setting or a score the settings refer to that is missing; one line."""


class FallbackPolicy(StrEnum):
    """What becomes of a dialogue with a collector turn of scripted fallback words (the model's reply
    was empty or invalid): `drop` it (`fallback_turn`), or `keep` it with those turns masked."""

    DROP = "drop"
    KEEP = "keep"


class ScoreSettings(Frozen):
    must_pass: tuple[str, ...] = Field(description="score columns that must be true (compliance)")
    minimum: dict[str, float] = Field(description="score column -> least value kept")


class AgreementFloor(Frozen):
    min_reward: Share = Field(
        description="least reward of a kept agreement (0..1, see evaluators.scoring.reward)"
    )
    max_over_concession: Share = Field(description="most over_concession_severity of a kept agreement")


class NonAgreementSettings(Frozen):
    keep: tuple[Termination, ...] = Field(
        description="endings other than an agreement that are kept when the collector closed the call"
    )
    max_share: Share = Field(description="most share of the kept dialogues that may be non-agreements")

    @field_validator("keep")
    @classmethod
    def _not_agreement(cls, value: tuple[Termination, ...]) -> tuple[Termination, ...]:
        if Termination.AGREEMENT in value or Termination.ERROR in value:
            raise ValueError("lists endings other than agreement and error")
        return value


class StoppedSettings(Frozen):
    keep: tuple[Termination, ...] = Field(
        description="endings where the collector stopped collection as the law asks (dispute recorded, "
        "identity theft, cease contact, represented, bankruptcy, unverified): kept as correct handling"
    )
    max_share: Share = Field(description="most share of the kept dialogues that may be such stops")

    @field_validator("keep")
    @classmethod
    def _only_stops(cls, value: tuple[Termination, ...]) -> tuple[Termination, ...]:
        wrong = [str(t) for t in value if t not in STOP_TERMINATIONS]
        if wrong:
            raise ValueError(f"lists endings that are not collection stops: {', '.join(wrong)}")
        return value


class OutcomeSettings(Frozen):
    agreement: AgreementFloor
    non_agreement: NonAgreementSettings
    stopped: StoppedSettings | None = Field(
        None, description="kept collection stops; runs configured before they existed have none"
    )

    @model_validator(mode="after")
    def _disjoint(self) -> OutcomeSettings:
        both = set(self.non_agreement.keep) & set(self.stopped.keep if self.stopped else ())
        if both:
            raise ValueError(
                f"an ending is kept both as a non-agreement and a stop: {sorted(map(str, both))}"
            )
        return self


OUTCOME_COLUMNS = ("reward", "over_concession_severity", "closed")
"""Score columns the outcome stage reads."""


class LengthSettings(Frozen):
    min_turns: int = Field(ge=1)
    max_turns: int = Field(ge=1)
    min_collector_chars: int = Field(ge=0, description="least characters the collector says in all")


class NearDuplicateSettings(Frozen):
    threshold: Share = Field(description="estimated Jaccard similarity at which two are duplicates")
    num_perm: int = Field(ge=16, le=512)
    word_shingle: int = Field(ge=1, description="en: shingle size in words")
    char_shingle: int = Field(ge=1, description="zh: shingle size in characters")
    seed: int = Field(ge=0)


class BalanceSettings(Frozen):
    cap_per_cell: int | None = Field(ge=1, description="most transcripts kept per persona cell; null: no cap")


class FilterSettings(Frozen):
    enabled: bool = Field(True, description="read by the pipeline: run the export stage's filters at all")
    stages: tuple[StageName, ...] = Field(description="stages in the order they run")
    fallback: FallbackPolicy = Field(
        FallbackPolicy.DROP,
        description="a collector fallback turn: drop the dialogue, or keep it with the turn masked from "
        "training; checked before every stage, with the filters switched off too",
    )
    scores: ScoreSettings
    outcome: OutcomeSettings | None = Field(
        None, description="outcome floor (stage `outcome`); runs configured before it existed have none"
    )
    length: LengthSettings
    boilerplate: dict[str, tuple[str, ...]] = Field(description="language -> phrases (case-insensitive)")
    near_duplicate: NearDuplicateSettings
    balance: BalanceSettings
    selection: dict[str, Any] | None = Field(
        None,
        description="data selection after the export (conf/filter/selection.yaml); parsed by evaluators.selection",
    )

    @model_validator(mode="after")
    def _outcome_given(self) -> FilterSettings:
        if StageName.OUTCOME in self.stages and self.outcome is None:
            raise ValueError("stage `outcome` needs an `outcome` section")
        return self

    def score_columns(self) -> tuple[str, ...]:
        """The score columns the configured stages read (none without the score or outcome stage)."""
        columns: list[str] = []
        if StageName.SCORES in self.stages:
            columns += [*self.scores.must_pass, *self.scores.minimum]
        if StageName.OUTCOME in self.stages:
            columns += OUTCOME_COLUMNS
        return tuple(dict.fromkeys(columns))


def parse_filter_settings(data: dict[str, Any]) -> FilterSettings:
    return validated(FilterSettings, data, FilterError, "filter")

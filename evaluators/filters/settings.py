"""The filter chain's settings, parsed once from the `filter` config group.

Defaults live in `conf/filter/default.yaml`; this model only names and checks
them, so a typo in a key or a threshold out of range fails with one line.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

from evaluators.filters.reasons import StageName
from simulator.errors import DebtsimError, validated

Share = Annotated[float, Field(ge=0.0, le=1.0)]


class FilterError(DebtsimError):
    """A bad filter setting or a score the settings refer to that is missing; one line."""


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class ScoreSettings(Frozen):
    must_pass: tuple[str, ...] = Field(description="score columns that must be true (compliance)")
    minimum: dict[str, float] = Field(description="score column -> least value kept")


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
    scores: ScoreSettings
    length: LengthSettings
    boilerplate: dict[str, tuple[str, ...]] = Field(description="language -> phrases (case-insensitive)")
    near_duplicate: NearDuplicateSettings
    balance: BalanceSettings
    selection: dict[str, Any] | None = Field(
        None,
        description="data selection after the export (conf/filter/selection.yaml); parsed by evaluators.selection",
    )


def parse_filter_settings(data: dict[str, Any]) -> FilterSettings:
    return validated(FilterSettings, data, FilterError, "filter")

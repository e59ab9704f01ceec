"""The export stage's settings, parsed once from the `export` config group.

Defaults live in `conf/export/default.yaml` (`simulator.config.load_defaults` reads it for tests,
and for `debtsim export` on a run whose config.yaml lacks the section); this
model names and checks them.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import Field, field_validator

from debtsim.branching import DecisionPoint
from simulator.config import Frozen
from simulator.errors import DebtsimError, validated


class ExportError(DebtsimError):
    """A record or setting the export cannot honour; the message names the dialogue or field."""


class Target(StrEnum):
    LLAMAFACTORY = "llamafactory"
    SWIFT = "swift"
    TRL = "trl"
    OPENAI = "openai"
    ALPACA = "alpaca"  # LLaMA-Factory alpaca with `history` (targets/alpaca.py); in the default list


class TextSource(StrEnum):
    CLEAN = "clean"  # what the speaker actually said
    HEARD = "heard"  # what the other party heard, noise included


class AdjacentTurns(StrEnum):
    MERGE = "merge"  # join two same-role turns into one message
    FAIL = "fail"  # refuse the dialogue with an error naming it


class TextSettings(Frozen):
    collector: TextSource
    debtor: TextSource


class BranchFrom(StrEnum):
    """Which dialogues DPO branches."""

    KEPT = "kept"  # only those the SFT filters kept
    CLEAN = "clean"  # also those dropped for their outcome alone (see `preference.OUTCOME_DROPS`)


class DpoSettings(Frozen):
    enabled: bool = Field(description="stage switch: branch kept dialogues into preference pairs")
    decision_points: tuple[DecisionPoint, ...]
    alternatives: int = Field(ge=1, le=16, description="K: alternative collector replies per point")
    margin: float = Field(ge=0.0, le=1.0, description="least reward gap between chosen and rejected")
    max_dialogues: int = Field(ge=0, description="dialogues branched, in file order")
    branch_from: BranchFrom = Field(
        BranchFrom.CLEAN,
        description="kept: the SFT-kept dialogues; clean: also those dropped only for how they ended",
    )
    buckets: tuple[float, ...] = Field(description="margin bucket edges for the summary")
    compliance_pairs: int = Field(
        2, ge=0, le=16, description="judge-confirmed compliant/violating pairs per branched dialogue; 0: none"
    )


class ExportSettings(Frozen):
    enabled: bool = Field(True, description="read by the pipeline: run the export stage at all")
    targets: tuple[Target, ...]
    dataset_name: str = Field(pattern=r"^[A-Za-z0-9_\-]+$")
    text: TextSettings
    adjacent: AdjacentTurns
    opener: dict[str, str] = Field(description="language -> user turn inserted when the collector opens")
    inaudible: dict[str, str] = Field(description="language -> stand-in for an empty utterance")
    system_prompt: dict[str, str] = Field(description="language -> collector system prompt template")
    strategy_notes: dict[str, dict[str, str]] = Field(description="language -> strategy -> approach")
    chunk_size: int = Field(ge=1, description="transcripts read per chunk")
    dpo: DpoSettings

    @field_validator("targets", mode="before")
    @classmethod
    def _split(cls, value: Any) -> Any:
        if isinstance(value, str):
            return tuple(v.strip() for v in value.split(",") if v.strip())
        return value


def parse_export_settings(data: dict[str, Any]) -> ExportSettings:
    return validated(ExportSettings, data, ExportError, "export")

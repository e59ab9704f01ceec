"""The `evaluate` config group as a frozen model (conf/evaluate/*.yaml holds the defaults).

`debtsim run` passes its `evaluate` section; `debtsim evaluate` loads
conf/evaluate/default.yaml and applies its command-line options on top, so
defaults live in the YAML only.
"""

from __future__ import annotations

from importlib import resources
from typing import Any

import yaml
from pydantic import Field

from evaluators.llm_judge import JudgeMode
from simulator.config import Frozen
from simulator.errors import DebtsimError, validated


class SettingsError(DebtsimError):
    """A bad `evaluate.*` setting; one line naming the field."""


class EvaluateSettings(Frozen):
    enabled: bool = Field(description="run the scoring stage after simulation")
    judge: JudgeMode = Field(description="the run's backend (default), the rule-based stand-in, or off")
    report: bool = Field(description="write report.html next to scores.parquet")
    bootstrap: int = Field(ge=100, description="bootstrap resamples per confidence interval")
    seed: int = Field(ge=0, description="seed of the bootstrap resampling")
    chunk_size: int = Field(gt=0, description="transcripts scored per parquet row group")
    samples_per_cell: int = Field(ge=0, description="sample transcripts shown per strategy × root cause")


def default_settings() -> dict[str, Any]:
    text = resources.files("conf").joinpath("evaluate", "default.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def parse_settings(data: dict[str, Any]) -> EvaluateSettings:
    """Defaults from the YAML, overlaid with `data`; a bad value is one line naming the field."""
    return validated(EvaluateSettings, default_settings() | dict(data), SettingsError, "evaluate")

"""The `train/` config group as a frozen model, parsed once when training starts.

Defaults live in `conf/train/*.yaml` only; this model names and checks them so
a typo fails before a model is loaded, with one line naming the field.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from simulator.errors import DebtsimError, validated


class TrainError(DebtsimError):
    """A setting or input the trainer cannot use; the message names it."""


class Method(StrEnum):
    LORA = "lora"  # a PEFT adapter over frozen weights: small, fast, the CPU default
    FULL = "full"  # every weight trains; a full model folder is written


class Trainer(StrEnum):
    TRL = "trl"  # in process, this environment
    LLAMAFACTORY = "llamafactory"  # a generated YAML for `llamafactory-cli train`, in its own environment


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class LoraSettings(Frozen):
    r: int = Field(gt=0)
    alpha: int = Field(gt=0)
    dropout: float = Field(ge=0.0, lt=1.0)
    target_modules: str | list[str]


class SftSettings(Frozen):
    steps: int = Field(gt=0)
    learning_rate: float = Field(gt=0)


class DpoSettings(Frozen):
    steps: int = Field(ge=0, description="0: SFT only")
    learning_rate: float = Field(gt=0)
    beta: float = Field(gt=0)


class TrainSettings(Frozen):
    base_model: str | None = Field(description="local model folder; None: the converted SmolLM2-135M")
    method: Method
    trainer: Trainer
    output_dir: str | None = Field(description="None: <run>/train")
    seed: int = Field(ge=0)
    max_length: int = Field(gt=16)
    batch_size: int = Field(gt=0)
    grad_accum: int = Field(gt=0)
    threads: int = Field(gt=0)
    logging_steps: int = Field(gt=0)
    lora: LoraSettings
    sft: SftSettings
    dpo: DpoSettings

    def out(self, run_dir: Path) -> Path:
        return Path(self.output_dir) if self.output_dir else run_dir / "train"


def parse_train_settings(data: dict[str, Any]) -> TrainSettings:
    return validated(TrainSettings, data, TrainError, "train")

"""The `train/` config group as a frozen model, parsed once when training starts.

Defaults live in `conf/train/*.yaml` only; this model names and checks them so
a typo fails before a model is loaded, with one line naming the field.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Any

from pydantic import Field

from simulator.config import Frozen
from simulator.errors import DebtsimError, validated
from simulator.llm.hf import Device, Precision


class TrainError(DebtsimError):
    """A setting or input the trainer cannot use; the message names it."""


class Method(StrEnum):
    LORA = "lora"  # a PEFT adapter over frozen weights: small, fast, the CPU default
    FULL = "full"  # every weight trains; a full model folder is written


class Trainer(StrEnum):
    TRL = "trl"  # in process, this environment
    LLAMAFACTORY = "llamafactory"  # a generated YAML for `llamafactory-cli train`, in its own environment


class SampleUnit(StrEnum):
    TURN = "turn"  # one sample per collector reply: system + the replay's history window -> the reply
    CONVERSATION = "conversation"  # the whole exported call, loss on every collector turn


class LlamaFactoryFormat(StrEnum):
    SHAREGPT = "sharegpt"  # dataset `<name>_sft` / `<name>_dpo` of the export's dataset_info.json
    ALPACA = "alpaca"  # dataset `<name>_alpaca_sft` / `<name>_alpaca_dpo`


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
    device: Device = Field(description="auto: cuda when visible, else cpu")
    precision: Precision = Field(description="auto: bf16 (fp16 without bf16) on cuda, fp32 on cpu")
    samples: SampleUnit = Field(description="turn: one sample per collector reply, as replay prompts")
    history_lines: int = Field(gt=0, description="messages of history per sample: the replay's window")
    eval_samples: int = Field(ge=1, description="validation samples whose loss is measured before/after")
    llamafactory: LlamaFactoryFormat = Field(description="which registered dataset LLaMA-Factory trains on")
    llamafactory_dataset: str = Field(
        min_length=1, description="the export's dataset_name: the prefix of its names"
    )
    lora: LoraSettings
    sft: SftSettings
    dpo: DpoSettings

    def out(self, run_dir: Path) -> Path:
        return Path(self.output_dir) if self.output_dir else run_dir / "train"


def parse_train_settings(data: dict[str, Any]) -> TrainSettings:
    return validated(TrainSettings, data, TrainError, "train")

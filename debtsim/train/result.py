"""What a training job leaves behind: the collector to load, and per-stage losses and times.

`result.json` in the output folder is this model; the `hf` backend and the
self-improve loop read it instead of guessing folder layouts.
"""

from __future__ import annotations

import math
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

RESULT = "result.json"


class Collector(BaseModel):
    """A model folder and, for LoRA, the adapter over it: the two `llm=hf` settings."""

    model_config = ConfigDict(frozen=True)

    model: str
    adapter: str | None = None

    def settings(self) -> dict[str, str | None]:
        return {"model": self.model, "adapter": self.adapter}


class StageResult(BaseModel):
    model_config = ConfigDict(frozen=True)

    stage: str
    steps: int
    records: int
    first_loss: float = Field(description="mean of the first logged losses")
    last_loss: float = Field(description="mean of the last logged losses")
    seconds: float
    eval_before: float | None = Field(
        None, description="loss on the validation-split samples before training (SFT)"
    )
    eval_after: float | None = Field(None, description="the same loss after training")
    truncated: int | None = Field(None, description="samples still longer than max_length (SFT)")

    @property
    def fell(self) -> bool:
        """Judged on the fixed evaluation records when measured: logged step losses are noisy."""
        if self.eval_before is not None and self.eval_after is not None:
            return self.eval_after < self.eval_before
        return math.isfinite(self.first_loss) and self.last_loss < self.first_loss


class TrainResult(BaseModel):
    model_config = ConfigDict(frozen=True)

    base_model: str
    method: str
    collector: Collector
    stages: list[StageResult]
    data: dict = Field(default_factory=dict, description="the data report (data.json) without the ids")
    stage_collectors: dict[str, Collector] = Field(
        default_factory=dict, description="the collector after each stage (sft; dpo): to replay SFT alone too"
    )

    def save(self, out: Path) -> Path:
        from simulator.store import write_atomic

        path = out / RESULT
        write_atomic(path, self.model_dump_json(indent=2))
        return path

    @staticmethod
    def load(out: Path) -> TrainResult:
        return TrainResult.model_validate_json((Path(out) / RESULT).read_text(encoding="utf-8"))

"""The loss log: one JSON line per logged training step, beside the trained model.

Why a file and not only the progress bar: the loop and the tests judge a run
by whether its loss fell, after the trainer process has gone.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

from pydantic import BaseModel, ConfigDict

LOSS_LOG = "loss.jsonl"


class LossPoint(BaseModel):
    model_config = ConfigDict(frozen=True)

    stage: str
    step: int
    loss: float
    learning_rate: float | None = None
    seconds: float


def loss_callback(path: Path, stage: str):
    """A transformers TrainerCallback appending each logged loss to `path` (transformers imported lazily)."""
    from transformers import TrainerCallback

    class LossLogger(TrainerCallback):
        def __init__(self) -> None:
            self.start = time.perf_counter()

        def on_log(self, args, state, control, logs=None, **kwargs):
            if not logs or "loss" not in logs:
                return
            point = LossPoint(
                stage=stage,
                step=state.global_step,
                loss=float(logs["loss"]),
                learning_rate=logs.get("learning_rate"),
                seconds=round(time.perf_counter() - self.start, 3),
            )
            with path.open("a", encoding="utf-8") as f:
                f.write(point.model_dump_json() + "\n")

    return LossLogger()


def read_losses(path: Path, stage: str) -> list[LossPoint]:
    if not path.exists():
        return []
    points = (LossPoint.model_validate(json.loads(line)) for line in path.read_text().splitlines() if line)
    return [p for p in points if p.stage == stage]


def head_tail(points: list[LossPoint], window: int = 3) -> tuple[float, float]:
    """Mean loss of the first and last `window` logged steps (single steps are noisy)."""
    if not points:
        return float("nan"), float("nan")
    first = [p.loss for p in points[:window]]
    last = [p.loss for p in points[-window:]]
    return sum(first) / len(first), sum(last) / len(last)

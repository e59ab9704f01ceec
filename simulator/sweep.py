"""What a Hydra multirun tells the user about its cells.

A failing cell must not stop the others: inside a sweep a cell's error is
printed as one line, recorded in a `FAILED` file in the cell's directory (so
`debtsim aggregate` can say which cells are missing) and the job returns; the
callback counts failed cells, prints a closing line and the command exits
non-zero once every cell has run.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from hydra.core.hydra_config import HydraConfig
from hydra.experimental.callback import Callback
from omegaconf import DictConfig

FAILED = "FAILED"
FAILED_CELLS: list[str] = []
"""Failed cells of the sweep that ran in this process (the CLI reads it for its exit code)."""


def record_failure(reason: str) -> None:
    hydra = HydraConfig.get()
    overrides = " ".join(hydra.overrides.task)
    line = f"cell {hydra.job.num} [{overrides}] failed: {reason}"
    print(f"debtsim: error: {line}", file=sys.stderr)
    out = Path(hydra.runtime.output_dir)
    out.mkdir(parents=True, exist_ok=True)
    (out / FAILED).write_text(reason + "\n", encoding="utf-8")
    FAILED_CELLS.append(line)


class SweepReport(Callback):
    def on_multirun_end(self, config: DictConfig, **kwargs: Any) -> None:
        if FAILED_CELLS:
            print(f"debtsim: {len(FAILED_CELLS)} cell(s) failed; the others finished", file=sys.stderr)

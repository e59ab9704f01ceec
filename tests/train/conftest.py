"""A real small `debtsim run filter=selection` (scripted engine): export, splits, DPO pairs, card.

Training-data tests read what the pipeline wrote, never hand-made files, so a
change in the export's layout (split folders, dataset_info names) shows here.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from debtsim.pipeline import later_stages
from simulator.runner import run
from tests.conftest import compose_config


def pipeline(out: Path, *overrides: str) -> Path:
    config = compose_config(out, "filter=selection", *overrides)
    manifest = run(config, yaml.safe_dump(config.model_dump(mode="json"), allow_unicode=True), progress=False)
    later_stages(config, out, manifest)
    return out


@pytest.fixture(scope="session")
def selected_run(tmp_path_factory) -> Path:
    return pipeline(
        tmp_path_factory.mktemp("train-data"),
        "n_dialogues=240",
        "seed=12",
        "export.dpo.max_dialogues=40",
        "evaluate.report=false",
    )

"""Small real runs (scripted engine) exported once per session, for every export test."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from simulator import runner
from simulator.export.settings import Target, load_defaults
from simulator.export.stage import export_run
from simulator.store import iter_transcripts
from tests.conftest import compose_config

SMALL_DPO = 12
TARGETS = (Target.LLAMAFACTORY, Target.SWIFT, Target.TRL, Target.OPENAI)
"""The four chat targets these tests cover (alpaca, an extra target, is not in the default list)."""


def simulate(out: Path, *overrides: str) -> Path:
    config = compose_config(out, *overrides)
    runner.run(config, yaml.safe_dump(config.model_dump(mode="json"), allow_unicode=True), progress=False)
    return out


def export_settings(**dpo) -> dict:
    settings = load_defaults("export")
    settings["dpo"] = {**settings["dpo"], "max_dialogues": SMALL_DPO, **dpo}
    return settings


@pytest.fixture(scope="session")
def en_run(tmp_path_factory) -> tuple[Path, dict]:
    out = simulate(tmp_path_factory.mktemp("export-en"), "n_dialogues=48", "language=en", "seed=3")
    return out, export_run(out, load_defaults("filter"), export_settings())


@pytest.fixture(scope="session")
def zh_run(tmp_path_factory) -> tuple[Path, dict]:
    out = simulate(tmp_path_factory.mktemp("export-zh"), "n_dialogues=24", "language=zh", "seed=4")
    return out, export_run(out, load_defaults("filter"), export_settings(max_dialogues=6))


@pytest.fixture(scope="session", params=["en", "zh"])
def exported(request, en_run, zh_run) -> tuple[Path, dict]:
    return en_run if request.param == "en" else zh_run


def transcripts_by_id(run_dir: Path) -> dict:
    return {t.dialogue_id: t for t in iter_transcripts(run_dir / "transcripts.jsonl")}

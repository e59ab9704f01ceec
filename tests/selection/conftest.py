"""Small real runs (scripted engine), exported (en with a few DPO pairs) and selected once per session."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from debtsim.export.export_stage import export_run
from debtsim.scoring_stage import score_run
from evaluators.selection import load_selection_defaults, parse_selection_settings
from evaluators.selection.selection_stage import select_export
from simulator.conf_defaults import load_defaults
from tests.export.conftest import simulate


def selection_settings(**changes):
    data = load_selection_defaults()
    for key, value in changes.items():
        data[key] = {**data[key], **value}
    return parse_selection_settings(data)


def export_and_select(out: Path, dpo_dialogues: int) -> tuple[Path, dict]:
    """Score, export (DPO pairs from `dpo_dialogues` kept calls; 0: none) and select `out`."""
    score_run(out, {"bootstrap": 100})
    export = load_defaults("export")
    export["dpo"] = {**export["dpo"], "enabled": dpo_dialogues > 0, "max_dialogues": dpo_dialogues}
    summary = export_run(out, load_defaults("filter"), export)
    settings = selection_settings(
        clusters={"records_per_cluster": 6},
        split={"fractions": {"train": 0.6, "validation": 0.2, "test": 0.2}},  # a few test personas even here
    )
    return out, select_export(out, settings, summary["sft"]["filters"])


@pytest.fixture(scope="session")
def selected_en(tmp_path_factory) -> tuple[Path, dict]:
    out = simulate(tmp_path_factory.mktemp("select-en"), "n_dialogues=120", "language=en", "seed=5")
    return export_and_select(out, dpo_dialogues=12)


@pytest.fixture(scope="session")
def selected_zh(tmp_path_factory) -> tuple[Path, dict]:
    out = simulate(tmp_path_factory.mktemp("select-zh"), "n_dialogues=64", "language=zh", "seed=6")
    return export_and_select(out, dpo_dialogues=0)


@pytest.fixture(scope="session", params=["en", "zh"])
def selected(request, selected_en, selected_zh) -> tuple[Path, dict]:
    return selected_en if request.param == "en" else selected_zh


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]

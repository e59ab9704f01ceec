"""Small real runs (scripted engine) exported once per session, for every export test."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from debtsim.export.export_settings import Target
from debtsim.export.export_stage import export_run
from simulator import runner
from simulator.conf_defaults import load_defaults
from simulator.store import iter_transcripts
from tests.conftest import compose_config

SMALL_DPO = 12
TARGETS = tuple(Target)
"""Every target the exporter knows — the four chat targets and LLaMA-Factory alpaca, all in the
default list — so each is covered by the format, privacy and real-loader tests."""


def simulate(out: Path, *overrides: str) -> Path:
    config = compose_config(out, *overrides)
    runner.run(config, yaml.safe_dump(config.model_dump(mode="json"), allow_unicode=True), progress=False)
    return out


def export_settings(**dpo) -> dict:
    settings = load_defaults("export")
    settings["targets"] = [str(t) for t in TARGETS]
    settings["dpo"] = {**settings["dpo"], "max_dialogues": SMALL_DPO, **dpo}
    return settings


EN_RUN = ("n_dialogues=48", "language=en", "seed=3")
"""The English run's overrides (test_dpo re-simulates it from them in a fresh process)."""


@pytest.fixture(scope="session")
def en_run(tmp_path_factory) -> tuple[Path, dict]:
    out = simulate(tmp_path_factory.mktemp("export-en"), *EN_RUN)
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


def alpaca_chat(record: dict) -> list[dict]:
    """An alpaca record (`history` pairs, `instruction`, `output` for SFT) as chat messages, system first.

    The shape LLaMA-Factory's alpaca converter builds: each history pair is a user and an assistant
    turn, the instruction (+ input) the last user turn, the output the reply trained on.
    """
    messages = [{"role": "system", "content": record["system"]}]
    for user, assistant in record["history"] or []:
        messages += [{"role": "user", "content": user}, {"role": "assistant", "content": assistant}]
    prompt = record["instruction"] + (f"\n{record['input']}" if record["input"] else "")
    messages.append({"role": "user", "content": prompt})
    if "output" in record:
        messages.append({"role": "assistant", "content": record["output"]})
    return messages

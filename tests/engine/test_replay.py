"""Replaying stored debtors reproduces their behaviour against the same moves."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from simulator.config import ConfigError
from simulator.runner import run
from simulator.store import iter_records


def _scenario_lines(transcripts: Path, out: Path, every: int = 3) -> Path:
    keep = ("dialogue_id", "seed", "index", "cell", "noise_level", "persona", "case", "policy")
    lines = [json.dumps({k: r[k] for k in keep}) for r in list(iter_records(transcripts))[::every]]
    out.write_text("\n".join(lines) + "\n")
    return out


def test_replay_meets_the_same_debtors_with_the_same_draws(make_config, tmp_path):
    original = make_config("n_dialogues=24", "noise=none", "strategy=plan_and_judge", sub="orig")
    run(original, "", progress=False)
    originals = {r["dialogue_id"]: r for r in iter_records(Path(original.output_dir) / "transcripts.jsonl")}
    path = _scenario_lines(Path(original.output_dir) / "transcripts.jsonl", tmp_path / "scen.jsonl")
    replay = make_config(f"replay={path}", "noise=none", "n_dialogues=1000", sub="replay")
    manifest = run(replay, "", progress=False)
    assert manifest["counts"]["transcripts"] == 8 * 4  # every scenario × every strategy
    scenarios = [json.loads(line) for line in path.read_text().splitlines()]
    replayed = list(iter_records(Path(replay.output_dir) / "transcripts.jsonl"))
    for k, scenario in enumerate(scenarios):
        same_strategy = next(r for r in replayed[4 * k : 4 * k + 4] if r["strategy"] == "plan_and_judge")
        acts = [t["act"] for t in same_strategy["turns"]]
        assert acts == [t["act"] for t in originals[scenario["dialogue_id"]]["turns"]]
        assert same_strategy["persona"] == originals[scenario["dialogue_id"]]["persona"]


def test_missing_scenario_file_is_a_config_error(make_config, tmp_path):
    with pytest.raises(ConfigError, match="replay"):
        run(make_config(f"replay={tmp_path / 'none.jsonl'}"), "", progress=False)

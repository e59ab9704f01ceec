"""The selection on real small runs: splits by persona, card counts equal file line counts, scenarios."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from evaluators.selection.card import CARD, STATS, line_count
from evaluators.selection.partition import SCENARIOS
from evaluators.selection.reasons import Split
from evaluators.selection.split import EvalScenario
from evaluators.selection.stage import MARKS
from tests.selection.conftest import read_jsonl


def test_no_persona_in_two_splits(selected):
    run_dir, _ = selected
    marks = pd.read_parquet(run_dir / MARKS)
    kept = marks[marks["kept"]]
    assert kept["split"].notna().all()
    splits_per_persona = kept.groupby("persona_id")["split"].nunique()
    assert (splits_per_persona == 1).all()
    transcripts = {
        d["dialogue_id"]: d["persona"]["persona_id"] for d in read_jsonl(run_dir / "transcripts.jsonl")
    }
    seen: dict[str, str] = {}
    for split in Split:
        for row in read_jsonl(run_dir / "sft" / str(split) / "index.jsonl"):
            persona = transcripts[row["dialogue_id"]]
            assert seen.setdefault(persona, str(split)) == str(split)


def test_card_counts_equal_file_line_counts(selected):
    run_dir, summary = selected
    stats = json.loads((run_dir / STATS).read_text(encoding="utf-8"))
    card = (run_dir / CARD).read_text(encoding="utf-8")
    files = sorted((run_dir / "sft").glob("*/*.jsonl"))
    assert files
    for path in files:
        split, stem = path.parent.name, path.stem
        assert stats["records"]["sft"][split][stem] == line_count(path)
    for split in Split:
        row = f"| {split} | "
        assert any(line.startswith(row) for line in card.splitlines())
    kept = sum(line_count(run_dir / "sft" / str(s) / "llamafactory.jsonl") for s in Split)
    assert kept == stats["dialogues"]["selected"] == summary["stages"][-1]["kept"]


def test_selected_records_are_a_subset_of_the_export(selected):
    run_dir, _ = selected
    exported = read_jsonl(run_dir / "sft" / "llamafactory.jsonl")
    routed = [r for s in Split for r in read_jsonl(run_dir / "sft" / str(s) / "llamafactory.jsonl")]
    as_text = {json.dumps(r, sort_keys=True) for r in exported}
    assert all(json.dumps(r, sort_keys=True) in as_text for r in routed)


def test_test_split_is_written_as_replayable_scenarios(selected):
    run_dir, _ = selected
    scenarios = [EvalScenario.model_validate(d) for d in read_jsonl(run_dir / SCENARIOS)]
    test_ids = [r["dialogue_id"] for r in read_jsonl(run_dir / "sft" / "test" / "index.jsonl")]
    assert sorted(s.dialogue_id for s in scenarios) == sorted(test_ids)
    transcripts = {d["dialogue_id"]: d for d in read_jsonl(run_dir / "transcripts.jsonl")}
    for scenario in scenarios:
        original = transcripts[scenario.dialogue_id]
        assert (scenario.seed, scenario.index, scenario.persona, scenario.case) == (
            original["seed"],
            original["index"],
            original["persona"],
            original["case"],
        )


def test_ifd_without_a_model_is_a_notice_not_an_error(selected):
    _, summary = selected
    assert any(n.startswith("ifd: skipped") for n in summary["notices"])
    ifd = next(s for s in summary["stages"] if s["stage"] == "ifd")
    assert ifd["dropped"] == 0


def test_scores_parquet_gains_the_selection_columns(selected):
    run_dir, _ = selected
    scores = pd.read_parquet(run_dir / "scores.parquet")
    assert {"ifd", "cluster", "difficulty", "split", "rouge_l", "selected"} <= set(scores.columns)
    marks = pd.read_parquet(run_dir / MARKS)
    assert scores["selected"].fillna(False).sum() == marks["kept"].sum()


@pytest.mark.parametrize("image", ["prompt_tokens.png", "reply_tokens.png", "cluster_sizes.png"])
def test_card_images_exist(selected, image):
    run_dir, _ = selected
    assert (run_dir / image).stat().st_size > 1000

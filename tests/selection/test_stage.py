"""The selection on real small runs: splits by persona, card counts equal file line counts, scenarios."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from evaluators.selection.card import CARD, STATS, line_count
from evaluators.selection.partition import SCENARIOS
from evaluators.selection.reasons import Split
from evaluators.selection.selection_stage import MARKS
from evaluators.selection.split import EvalScenario
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


def card_tables(card: str) -> dict[str, dict[str, dict[str, int]]]:
    """kind -> split -> file stem -> count, parsed from DATASET.md's "Records per split" tables."""
    out: dict[str, dict[str, dict[str, int]]] = {}
    kind, header = None, None
    for line in card.splitlines():
        if line.startswith("**") and line.strip("*") in ("sft", "dpo"):
            kind, header = line.strip("*"), None
        elif kind and line.startswith("| split |"):
            header = [c.strip() for c in line.strip("|").split("|")][1:]
        elif kind and header and line.startswith("| ") and not line.startswith("|---"):
            cells = [c.strip() for c in line.strip("|").split("|")]
            out.setdefault(kind, {})[cells[0]] = dict(zip(header, map(int, cells[1:]), strict=True))
        elif line.startswith("## ") and out:
            kind = None
    return out


def test_card_counts_equal_file_line_counts(selected_en):
    """stats.json and the numbers printed in DATASET.md both equal the files' line counts, sft and dpo."""
    run_dir, summary = selected_en
    stats = json.loads((run_dir / STATS).read_text(encoding="utf-8"))
    printed = card_tables((run_dir / CARD).read_text(encoding="utf-8"))
    for kind in ("sft", "dpo"):
        files = sorted((run_dir / kind).glob("*/*.jsonl"))
        assert files and sum(line_count(p) for p in files) > 0
        for path in files:
            split, stem = path.parent.name, path.stem
            assert stats["records"][kind][split][stem] == line_count(path)
            assert printed[kind][split][stem] == line_count(path), (kind, split, stem)
    kept = sum(line_count(run_dir / "sft" / str(s) / "llamafactory.jsonl") for s in Split)
    assert kept == stats["dialogues"]["selected"] == summary["stages"][-1]["kept"]


def test_selected_records_are_a_subset_of_the_export(selected):
    run_dir, _ = selected
    exported = read_jsonl(run_dir / "sft" / "llamafactory.jsonl")
    routed = [r for s in Split for r in read_jsonl(run_dir / "sft" / str(s) / "llamafactory.jsonl")]
    as_text = {json.dumps(r, sort_keys=True) for r in exported}
    assert all(json.dumps(r, sort_keys=True) in as_text for r in routed)


def test_test_split_personas_are_written_as_replayable_scenarios(selected):
    run_dir, _ = selected
    scenarios = [EvalScenario.model_validate(d) for d in read_jsonl(run_dir / SCENARIOS)]
    transcripts = {d["dialogue_id"]: d for d in read_jsonl(run_dir / "transcripts.jsonl")}
    persona = {i: d["persona"]["persona_id"] for i, d in transcripts.items()}
    held_out = [s.persona["persona_id"] for s in scenarios]
    assert held_out and len(held_out) == len(set(held_out))  # one scenario per test persona
    trained = {
        persona[r["dialogue_id"]]
        for s in ("train", "validation")
        for r in read_jsonl(run_dir / "sft" / s / "index.jsonl")
    }
    assert not trained & set(held_out)
    test_personas = {persona[r["dialogue_id"]] for r in read_jsonl(run_dir / "sft" / "test" / "index.jsonl")}
    assert test_personas <= set(held_out)  # every selected test persona, and unselected ones too
    for scenario in scenarios:
        original = transcripts[scenario.dialogue_id]
        assert (scenario.seed, scenario.index, scenario.persona, scenario.case) == (
            original["seed"],
            original["index"],
            original["persona"],
            original["case"],
        )


def test_ifd_without_a_model_is_a_notice_not_an_error(selected):
    run_dir, summary = selected
    assert any(n.startswith("ifd: skipped") for n in summary["notices"])
    ifd = next(s for s in summary["stages"] if s["stage"] == "ifd")
    assert ifd["dropped"] == 0
    assert "IFD per sample: not computed" in (run_dir / CARD).read_text(encoding="utf-8")
    assert not (run_dir / "ifd_samples.parquet").exists()


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


def test_an_export_the_filters_emptied_still_selects(selected_en, tmp_path):
    """A round whose calls all failed the filters: no crash, empty splits, held-out personas still written."""
    import shutil

    from evaluators.selection.selection_stage import select_export
    from tests.selection.conftest import selection_settings

    run = tmp_path / "run"
    shutil.copytree(selected_en[0], run)
    for path in (run / "sft").glob("*.jsonl"):
        path.write_text("", encoding="utf-8")
    shutil.rmtree(run / "dpo")
    summary = select_export(run, selection_settings(), {"seen": 0, "kept": 0})
    assert summary["stages"][-1]["kept"] == 0
    assert all(line_count(p) == 0 for p in (run / "sft").glob("*/*.jsonl"))
    assert summary["eval_scenarios"] == len(read_jsonl(run / SCENARIOS)) > 0
    assert pd.read_parquet(run / MARKS).empty

"""What `debtsim train` trains on, read from a real `debtsim run filter=selection` (fast, no torch).

The samples must come from the train split (held-out debtors never), one per
collector reply shaped like the replay prompt, cut from the left to fit, with
IFD-dropped replies left out and the export's DPO pairs kept beside SPIN ones.
"""

from __future__ import annotations

import json
import shutil

import pandas as pd
import pytest

from debtsim.train.commands import compose_settings
from debtsim.train.train_samples import training_data
from simulator.llm.collector_prompt import history_window
from tests.selection.conftest import read_jsonl


def words(prompt: list[dict], reply: str) -> int:
    """A stand-in tokenizer: whitespace words of everything rendered."""
    return sum(len(m["content"].split()) + 3 for m in prompt) + len(reply.split())


def personas(run_dir, ids) -> set[str]:
    by_id = {d["dialogue_id"]: d["persona"]["persona_id"] for d in read_jsonl(run_dir / "transcripts.jsonl")}
    return {by_id[i] for i in ids}


def test_trains_on_the_train_split_and_evaluates_on_validation(selected_run):
    data = training_data(selected_run, compose_settings([]), words)
    assert data.report.split and data.report.sft_file == str(selected_run / "sft" / "train" / "trl.jsonl")
    train_lines = read_jsonl(selected_run / "sft" / "train" / "trl.jsonl")
    assert data.report.conversations == len(train_lines) < len(read_jsonl(selected_run / "sft" / "trl.jsonl"))
    assert data.report.eval_file == str(selected_run / "sft" / "validation" / "trl.jsonl")
    validation = read_jsonl(selected_run / "sft" / "validation" / "trl.jsonl")
    first_validation_reply = next(m["content"] for m in validation[0]["messages"] if m["role"] == "assistant")
    assert data.eval[0]["completion"][0]["content"] == first_validation_reply


def test_no_test_split_persona_is_trained_on(selected_run):
    data = training_data(selected_run, compose_settings(["dpo.steps=5"]), words)
    held_out = {s["persona"]["persona_id"] for s in read_jsonl(selected_run / "eval_scenarios.jsonl")}
    test_index = [r["dialogue_id"] for r in read_jsonl(selected_run / "sft" / "test" / "index.jsonl")]
    assert held_out and personas(selected_run, test_index) <= held_out
    trained = personas(selected_run, data.report.dialogues)
    assert trained and not trained & held_out
    assert data.report.dpo_pairs == len(read_jsonl(selected_run / "dpo" / "train" / "trl.jsonl")) > 0


def test_one_sample_per_reply_shaped_like_the_replay_prompt(selected_run):
    settings = compose_settings([])
    data = training_data(selected_run, settings, words)
    conversations = read_jsonl(selected_run / "sft" / "train" / "trl.jsonl")
    replies = [m for c in conversations for m in c["messages"] if m["role"] == "assistant"]
    assert len(data.sft) == data.report.samples == len(replies)
    assert [s["completion"][0]["content"] for s in data.sft] == [m["content"] for m in replies]
    closing = [c["messages"][-1]["content"] for c in conversations]
    completions = {s["completion"][0]["content"] for s in data.sft}
    assert all(text in completions for text in closing)  # offers and closings train, not only openings
    for sample in data.sft[:200]:
        prompt = sample["prompt"]
        assert prompt[0]["role"] == "system" and prompt[1]["role"] == "user" and prompt[-1]["role"] == "user"
        assert len(prompt) - 1 <= settings.history_lines
    assert data.report.truncated == 0


def test_history_is_cut_from_the_left_and_leftovers_counted(selected_run):
    settings = compose_settings(["max_length=120"])
    data = training_data(selected_run, settings, words)
    full = training_data(selected_run, compose_settings([]), words)
    cut = 0
    for short, long in zip(data.sft, full.sft, strict=True):
        kept = short["prompt"][1:]
        assert kept == history_window(long["prompt"][1:], len(kept))  # the oldest lines went
        fits = words(short["prompt"], short["completion"][0]["content"]) <= settings.max_length
        cut += len(kept) < len(long["prompt"]) - 1
        assert fits or len(kept) == 1
    assert cut > 0
    assert data.report.truncated == sum(
        words(s["prompt"], s["completion"][0]["content"]) > settings.max_length for s in data.sft
    )


def test_ifd_dropped_replies_are_left_out(selected_run, tmp_path):
    run = tmp_path / "run"
    shutil.copytree(selected_run, run)
    first = read_jsonl(run / "sft" / "train" / "index.jsonl")[0]["dialogue_id"]
    frame = pd.DataFrame({"dialogue_id": [first, first], "reply": [0, 1], "kept": [False, True]})
    frame.to_parquet(run / "ifd_samples.parquet", index=False)
    before = training_data(selected_run, compose_settings([]), words)
    after = training_data(run, compose_settings([]), words)
    assert after.report.ifd_dropped == 1 and len(after.sft) == len(before.sft) - 1
    assert after.sft[0] == before.sft[1]  # the first reply of the first call is the one gone


def test_spin_pairs_are_added_to_the_branch_pairs(selected_run, tmp_path):
    branch = read_jsonl(selected_run / "dpo" / "train" / "trl.jsonl")
    spin = tmp_path / "spin.jsonl"
    spin.write_text("".join(json.dumps(r) + "\n" for r in branch[:3]), encoding="utf-8")
    data = training_data(selected_run, compose_settings(["dpo.steps=5"]), words, spin)
    assert data.report.dpo_pairs == len(branch) + len(branch[:3]) and str(spin) in data.report.dpo_files
    for pair in data.dpo:
        assert pair["prompt"][0]["role"] == "system" and len(pair["prompt"]) - 1 <= 12


def test_conversation_unit_keeps_the_whole_call_path(selected_run):
    data = training_data(selected_run, compose_settings(["samples=conversation"]), words)
    assert data.report.unit == "conversation" and "messages" in data.sft[0]


@pytest.mark.parametrize("bad", ["samples=turns", "device=tpu", "precision=int4"])
def test_bad_sample_or_device_setting_names_the_field(bad):
    from debtsim.train.train_settings import TrainError

    with pytest.raises(TrainError, match=bad.split("=")[0]):
        compose_settings([bad])

"""Alpaca records as the export WROTE them: loadable with `datasets`, `history` rebuilding the call.

The written `alpaca.jsonl` is read back (never rebuilt from another target) and
checked line for line against the sharegpt record of the same dialogue, which
the export writes in the same order.
"""

from __future__ import annotations

import itertools
import json

import pytest

from debtsim.export.conversation import Conversation, Message, Role
from debtsim.export.export_settings import ExportError
from debtsim.export.targets.alpaca import Alpaca
from debtsim.export.targets.base import DataKind, PreferenceExample
from tests.selection.conftest import read_jsonl


def rebuild(record: dict) -> list[tuple[str, str]]:
    out = []
    for debtor, collector in record["history"]:
        out += [("user", debtor), ("assistant", collector)]
    out.append(("user", record["instruction"]))
    if "output" in record:
        out.append(("assistant", record["output"]))
    return out


def sharegpt_turns(row: dict) -> list[tuple[str, str]]:
    return [("user" if t["from"] == "human" else "assistant", t["value"]) for t in row["conversations"]]


def test_written_sft_records_load_with_datasets_and_history_alternates(selected):
    datasets = pytest.importorskip("datasets")
    run_dir, _ = selected
    path = run_dir / "sft" / "alpaca.jsonl"
    loaded = datasets.load_dataset("json", data_files=str(path), split="train")
    sharegpt = read_jsonl(run_dir / "sft" / "llamafactory.jsonl")
    assert len(loaded) == len(sharegpt) > 0
    for record, row in zip(loaded, sharegpt, strict=True):
        for debtor, collector in record["history"]:
            assert debtor.strip() and collector.strip()  # [debtor, collector] pairs, none empty
        turns = rebuild(record)
        assert all(a[0] != b[0] for a, b in itertools.pairwise(turns)) and turns[0][0] == "user"
        assert turns == sharegpt_turns(row)
        assert record["system"] == row["system"] and record["input"] == ""


def test_written_preference_records_load_and_match_the_pairs(selected_en):
    datasets = pytest.importorskip("datasets")
    run_dir, _ = selected_en
    path = run_dir / "dpo" / "alpaca.jsonl"
    loaded = datasets.load_dataset("json", data_files=str(path), split="train")
    trl = read_jsonl(run_dir / "dpo" / "trl.jsonl")
    assert len(loaded) == len(trl) > 0
    for record, pair in zip(loaded, trl, strict=True):
        prompt = [(m["role"], m["content"]) for m in pair["prompt"] if m["role"] != "system"]
        assert rebuild(record) == prompt  # history + instruction = the pair's prompt
        assert record["chosen"] == pair["chosen"][0]["content"] != record["rejected"]
        assert record["rejected"] == pair["rejected"][0]["content"]
    info = json.loads((run_dir / "dpo" / "dataset_info.json").read_text(encoding="utf-8"))
    entry = info["debtsim_alpaca_dpo"]
    assert (
        entry["file_name"] == "alpaca.jsonl" and entry["ranking"] is True and entry["formatting"] == "alpaca"
    )
    assert entry["columns"]["chosen"] == "chosen" and entry["columns"]["history"] == "history"


def test_preference_record_from_a_prompt():
    prompt = Conversation(
        "d",
        "sys",
        (
            Message(Role.USER, "[call connected]"),
            Message(Role.ASSISTANT, "Hello"),
            Message(Role.USER, "I lost my job."),
        ),
    )
    example = PreferenceExample(prompt, "Sorry to hear that; a plan?", "Pay now.", 0.9, 0.1)
    alpaca = Alpaca()
    record = alpaca.checked(DataKind.DPO, alpaca.dpo(example), "d")
    assert record["history"] == [["[call connected]", "Hello"]]
    assert record["instruction"] == "I lost my job." and record["chosen"] != record["rejected"]


@pytest.mark.parametrize(
    "messages",
    [
        (Message(Role.ASSISTANT, "Hello"), Message(Role.USER, "hi")),  # starts with the collector
        (Message(Role.USER, "hi"), Message(Role.ASSISTANT, "")),  # empty reply
        (Message(Role.USER, "hi"), Message(Role.USER, "again"), Message(Role.ASSISTANT, "ok")),  # odd count
    ],
)
def test_malformed_conversations_are_refused(messages):
    alpaca = Alpaca()
    with pytest.raises(ExportError):
        alpaca.checked(DataKind.SFT, alpaca.sft(Conversation("d", "sys", messages)), "d")

"""Alpaca records: validated, loadable with `datasets`, `history` pairs rebuild the conversation."""

from __future__ import annotations

import json

import pytest

from simulator.export.conversation import Conversation, Message, Role
from simulator.export.settings import ExportError
from simulator.export.targets.alpaca import Alpaca
from simulator.export.targets.base import DataKind, PreferenceExample
from tests.selection.conftest import read_jsonl


def rebuild(record: dict) -> list[tuple[str, str]]:
    out = []
    for debtor, collector in record["history"]:
        out += [("user", debtor), ("assistant", collector)]
    out.append(("user", record["instruction"]))
    if "output" in record:
        out.append(("assistant", record["output"]))
    return out


def test_sft_records_load_with_datasets_and_history_alternates(selected, tmp_path):
    datasets = pytest.importorskip("datasets")
    run_dir, _ = selected
    alpaca = Alpaca()
    conversations = []
    for row in read_jsonl(run_dir / "sft" / "llamafactory.jsonl"):
        turns = row["conversations"]
        messages = tuple(
            Message(Role.USER if t["from"] == "human" else Role.ASSISTANT, t["value"]) for t in turns
        )
        conversations.append(Conversation("d", row["system"], messages))
    path = tmp_path / "alpaca.jsonl"
    path.write_text(
        "".join(
            json.dumps(alpaca.checked(DataKind.SFT, alpaca.sft(c), "d"), ensure_ascii=False) + "\n"
            for c in conversations
        ),
        encoding="utf-8",
    )
    loaded = datasets.load_dataset("json", data_files=str(path), split="train")
    assert len(loaded) == len(conversations) > 0
    for record, conversation in zip(loaded, conversations, strict=True):
        assert rebuild(record) == [(str(m.role), m.content) for m in conversation.messages]
        assert record["system"] == conversation.system and record["input"] == ""


def test_preference_record_and_dataset_info():
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
    info = alpaca.dataset_info(DataKind.DPO, "alpaca.jsonl", "debtsim")["debtsim_alpaca_dpo"]
    assert info["ranking"] is True and info["formatting"] == "alpaca"
    assert info["columns"]["chosen"] == "chosen" and info["columns"]["history"] == "history"


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

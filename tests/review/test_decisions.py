"""Decisions are saved atomically, latest wins, and export honours them (rejected out, edits in)."""

from __future__ import annotations

import json
import os

import pytest

from debtsim.export.commands import run_sections
from debtsim.export.export_stage import export_run
from debtsim.review.decisions import DECISIONS, Action, Decision, Reviewed, read_decisions, save_decision
from debtsim.scoring_stage import score_run


def test_latest_verdict_wins_and_undo_clears(run_dir):
    for action in (Action.ACCEPT, Action.REJECT):
        save_decision(run_dir, Decision(dialogue_id="zh-001", action=action))
    assert Reviewed.load(run_dir).verdict("zh-001") == "reject"
    save_decision(run_dir, Decision(dialogue_id="zh-001", action=Action.UNDO))
    assert Reviewed.load(run_dir).verdict("zh-001") is None
    assert len(read_decisions(run_dir)) == 3


def test_an_edit_needs_a_turn_and_text():
    with pytest.raises(ValueError):
        Decision(dialogue_id="x", action=Action.EDIT, text="new")
    with pytest.raises(ValueError):
        Decision(dialogue_id="x", action=Action.EDIT, turn=1, text="  ")


def test_a_crash_mid_save_keeps_every_earlier_decision(run_dir, monkeypatch):
    save_decision(run_dir, Decision(dialogue_id="zh-001", action=Action.ACCEPT))
    before = (run_dir / DECISIONS).read_bytes()

    def crash(*args):
        raise OSError("killed")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError):
        save_decision(run_dir, Decision(dialogue_id="zh-002", action=Action.REJECT))
    assert (run_dir / DECISIONS).read_bytes() == before


def test_apply_drops_rejected_and_swaps_edited_text():
    reviewed = Reviewed(
        [
            Decision(dialogue_id="a", action=Action.REJECT),
            Decision(dialogue_id="b", action=Action.EDIT, turn=1, text="fixed"),
        ]
    )
    turns = [{"index": 0, "text": "x", "clean_text": "x"}, {"index": 1, "text": "y", "clean_text": "y"}]
    assert reviewed.apply({"dialogue_id": "a", "turns": turns}) is None
    out = reviewed.apply({"dialogue_id": "b", "turns": turns})
    assert [t["clean_text"] for t in out["turns"]] == ["x", "fixed"] and turns[1]["text"] == "y"


def test_export_honours_the_decisions(run_dir):
    score_run(run_dir, {"report": False})
    save_decision(run_dir, Decision(dialogue_id="zh-001", action=Action.ACCEPT))
    save_decision(
        run_dir, Decision(dialogue_id="zh-001", action=Action.EDIT, turn=2, text="您好，这里是安信消费金融。")
    )
    save_decision(run_dir, Decision(dialogue_id="en-002", action=Action.REJECT))
    filters, export = run_sections(run_dir)
    summary = export_run(run_dir, filters, export)
    index = [
        json.loads(line)["dialogue_id"] for line in (run_dir / "sft" / "index.jsonl").read_text().splitlines()
    ]
    assert "zh-001" in index and "en-002" not in index  # accepted in, rejected out
    assert "这里是安信消费金融" in (run_dir / "sft" / "openai.jsonl").read_text(encoding="utf-8")
    assert summary["sft"]["review"] == {"accepted": 1, "rejected": 1, "edited_turns": 1}

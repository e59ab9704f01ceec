"""IFD per SFT sample: every reply scored with the context it trains with; sample and dialogue rules.

The score itself uses the real converted SmolLM2 (marked `llm`).
"""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest

from debtsim.train.commands import compose_settings
from debtsim.train.train_samples import keyed, turn_samples
from evaluators.selection.ifd import IfdItem, exported_items
from evaluators.selection.ifd_stage import dialogue_verdict, ifd_drops
from evaluators.selection.reasons import SelectionDrop
from tests.selection.conftest import read_jsonl, selection_settings


def test_every_reply_is_an_item_with_the_training_window(selected_en):
    run_dir, _ = selected_en
    lines = selection_settings().ifd.history_lines
    records = read_jsonl(run_dir / "sft" / "trl.jsonl")
    ids = [r["dialogue_id"] for r in read_jsonl(run_dir / "sft" / "index.jsonl")]
    items = list(exported_items(run_dir / "sft", set(ids[:15]), lines))
    by_dialogue = {d: [i for i in items if i.dialogue_id == d] for d in ids[:15]}
    for dialogue_id, record in zip(ids[:15], records[:15], strict=True):
        messages = record["messages"]
        replies = [m["content"] for m in messages if m["role"] == "assistant"]
        got = by_dialogue[dialogue_id]
        assert [i.text for i in got] == replies  # every reply, the opening line included
        assert [i.reply for i in got] == list(range(len(replies)))
        for item in got:
            roles = [m["role"] for m in item.history]
            assert item.system == messages[0]["content"]
            assert roles[0] == "user" and roles[-1] == "user" and len(roles) <= lines
            assert all(a != b for a, b in itertools.pairwise(roles))
    opened = [g[0] for g in by_dialogue.values() if g[0].history[0]["content"] == "[call connected]"]
    assert opened and all(len(i.history) == 1 for i in opened)  # collector-opened calls keep line one


def test_ifd_context_is_the_sft_sample_context(selected_en):
    """The trainer's sample (system + window) and the IFD item are the same prompt, reply by reply."""
    run_dir, _ = selected_en
    settings = compose_settings([f"history_lines={selection_settings().ifd.history_lines}"])
    conversations = keyed(run_dir / "sft", "index.jsonl")[:10]
    samples = turn_samples(conversations, settings, lambda prompt, reply: 0).records
    items = list(exported_items(run_dir / "sft", {d for d, _ in conversations}, settings.history_lines))
    assert len(samples) == len(items) > 0
    for sample, item in zip(samples, items, strict=True):
        assert sample["prompt"] == [{"role": "system", "content": item.system}, *item.history]
        assert sample["completion"][0]["content"] == item.text


def test_sample_rule_drops_not_below_one_and_outside_the_band():
    values = np.array([0.2, 0.4, 0.5, 0.6, 0.8, 1.0, 1.3, np.nan])
    reasons = ifd_drops(values, (0.25, 0.75))
    assert reasons[5:7] == [SelectionDrop.IFD_NOT_BELOW_ONE] * 2
    assert reasons[7] is None  # no score: not judged
    assert reasons[0] == reasons[4] == SelectionDrop.IFD_OUTSIDE_BAND
    assert reasons[1:4] == [None, None, None]


@pytest.mark.parametrize(
    ("kept", "below_one", "expected"),
    [
        (3, 4, None),  # 3 of 4 replies kept: the dialogue stays (its failed reply leaves training)
        (2, 4, None),  # exactly the share
        (1, 1, SelectionDrop.IFD_NOT_BELOW_ONE),  # most failures were IFD >= 1
        (1, 4, SelectionDrop.IFD_OUTSIDE_BAND),  # failures were below 1 but outside the band
    ],
)
def test_dialogue_rule_from_its_samples(kept, below_one, expected):
    row = pd.Series({"replies": 4, "replies_kept": kept, "below_one": below_one})
    assert dialogue_verdict(row, 0.5) is expected


@pytest.mark.llm
def test_ifd_below_one_when_history_predicts_the_reply():
    pytest.importorskip("torch")
    from evaluators.selection.ifd import IfdScorer
    from simulator.local_model import LocalModelError, ensure_local_model

    try:
        folder = ensure_local_model()
    except LocalModelError as exc:
        pytest.skip(str(exc))
    scorer = IfdScorer(folder, selection_settings(ifd={"threads": 1, "batch_size": 4}).ifd)
    said = "My account number is 4417 and I will pay forty pounds on Friday the ninth."
    predictable = IfdItem(
        "a", 0, "", ({"role": "user", "content": f"Please repeat after me, word for word: {said}"},), said
    )
    unrelated_en = IfdItem(
        "b",
        0,
        "",
        ({"role": "user", "content": "Good morning."},),
        "Purple elephants calculate seventeen violins beneath quiet harbours.",
    )
    unrelated_zh = IfdItem(
        "c", 0, "", ({"role": "user", "content": "早上好。"},), "紫色大象在安静的港口下计算十七把小提琴。"
    )
    scores = scorer.score([predictable, unrelated_en, unrelated_zh], progress=False)
    assert scores[0] < 0.5
    assert all(0.8 < s < 1.2 for s in scores[1:]), scores


@pytest.mark.llm
def test_stage_scores_every_reply_and_writes_per_sample_rows(selected_en, tmp_path):
    """The IFD stage with the real model on two exported calls: one row per reply with its ids, the
    dialogue summary on the marks, and the rows `debtsim train` reads to leave replies out."""
    pytest.importorskip("torch")
    from debtsim.train.train_samples import ifd_drops as trainer_drops
    from evaluators.selection.selection_stage import IFD_SAMPLES, kept_samples, write_ifd_samples
    from evaluators.selection.selector import select
    from simulator.local_model import LocalModelError, ensure_local_model

    try:
        folder = ensure_local_model()
    except LocalModelError as exc:
        pytest.skip(str(exc))
    run_dir, _ = selected_en
    samples = kept_samples(run_dir)[:2]
    settings = selection_settings(ifd={"max_length": 256, "batch_size": 8, "threads": 2, "history_lines": 4})
    settings = settings.model_copy(update={"stages": ("ifd",)})
    lines = settings.ifd.history_lines
    selection = select(
        samples, settings, folder, conversations=lambda ids: exported_items(run_dir / "sft", ids, lines)
    )
    frame = selection.ifd.frame()
    replies = len(list(exported_items(run_dir / "sft", {s.dialogue_id for s in samples}, lines)))
    assert len(frame) == replies and set(frame["dialogue_id"]) == {s.dialogue_id for s in samples}
    assert frame.groupby("dialogue_id")["reply"].apply(list).map(lambda r: r == list(range(len(r)))).all()
    assert np.isfinite(frame["ifd"]).all() and (frame["loss_alone"] > 0).all()
    for mark in selection.marks:
        assert mark.ifd_replies == (frame["dialogue_id"] == mark.dialogue_id).sum()
    write_ifd_samples(tmp_path, selection)
    dropped = trainer_drops(tmp_path)
    assert (tmp_path / IFD_SAMPLES).exists() and len(dropped) == int((~frame["kept"]).sum())

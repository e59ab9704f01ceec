"""IFD: the samples scored, and the score itself with the real converted SmolLM2 (marked `llm`)."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from evaluators.selection.ifd import IfdItem, items_of
from evaluators.selection.reasons import SelectionDrop
from evaluators.selection.record import sample_of
from evaluators.selection.selector import ifd_drops
from tests.selection.conftest import read_jsonl, selection_settings


def test_items_hold_alternating_history_ending_on_the_debtor(selected_en):
    run_dir, _ = selected_en
    samples = [sample_of(d) for d in read_jsonl(run_dir / "transcripts.jsonl")[:20]]
    for sample in samples:
        items = items_of(sample, 3)
        assert 0 < len(items) <= 3
        for item in items:
            roles = [m["role"] for m in item.history]
            assert roles[0] == "user" and roles[-1] == "user"
            assert all(a != b for a, b in itertools.pairwise(roles))
            assert item.reply in sample.collector_texts or item.reply.split("\n")[0] in sample.collector_texts


def test_ifd_drops_not_below_one_and_outside_the_band():
    values = np.array([0.2, 0.4, 0.5, 0.6, 0.8, 1.0, 1.3, np.nan])
    reasons = ifd_drops(values, (0.25, 0.75))
    assert reasons[5:7] == [SelectionDrop.IFD_NOT_BELOW_ONE] * 2
    assert reasons[7] is None  # no scorable reply: not judged
    assert reasons[0] == reasons[4] == SelectionDrop.IFD_OUTSIDE_BAND
    assert reasons[1:4] == [None, None, None]


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
    predictable = IfdItem(
        "a",
        (
            {
                "role": "user",
                "content": "Please repeat after me, word for word: my account "
                "number is 4417 and I will pay forty pounds on Friday the ninth.",
            },
        ),
        "My account number is 4417 and I will pay forty pounds on Friday the ninth.",
    )
    unrelated_en = IfdItem(
        "b",
        ({"role": "user", "content": "Good morning."},),
        "Purple elephants calculate seventeen violins beneath quiet harbours.",
    )
    unrelated_zh = IfdItem(
        "c", ({"role": "user", "content": "早上好。"},), "紫色大象在安静的港口下计算十七把小提琴。"
    )
    scores = scorer.score([predictable, unrelated_en, unrelated_zh], progress=False)
    assert scores[0] < 0.5
    assert all(0.8 < s < 1.2 for s in scores[1:]), scores

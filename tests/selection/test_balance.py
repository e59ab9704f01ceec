"""Difficulty bands and mix, and the per-cluster cap."""

from __future__ import annotations

import dataclasses
from collections import Counter

import numpy as np
import pytest

from evaluators.selection.clusters import cluster
from evaluators.selection.difficulty import band_of, difficulty_points, mix, unreachable
from evaluators.selection.reasons import Difficulty
from evaluators.selection.record import Sample
from simulator.transcript import Termination
from tests.selection.conftest import selection_settings

BASE = Sample(
    dialogue_id="d0",
    index=0,
    seed=0,
    language="en",
    strategy="empathetic",
    persona_id="p0",
    cell="forgot_or_oversight|healthy|0.0",
    root_cause="forgot_or_oversight",
    band="healthy",
    noise_level=0.0,
    termination=Termination.AGREEMENT,
    agreed=True,
    collector_texts=("Hello.", "Thanks, goodbye."),
    collector_acts=("greet", "close"),
    debtor_acts=("answer",),
    n_lines=3,
    prompt_tokens=(0, 3),
    reply_tokens=(1, 2),
)


def sample(**changes) -> Sample:
    return dataclasses.replace(BASE, **changes)


def test_mix_reaches_the_hard_share_and_keeps_all_hard():
    bands = [Difficulty.EASY] * 70 + [Difficulty.MEDIUM] * 20 + [Difficulty.HARD] * 10
    keys = [f"d{i}" for i in range(len(bands))]
    keep = mix(bands, keys, {Difficulty.HARD: 0.3})
    kept = Counter(b for b, k in zip(bands, keep, strict=True) if k)
    assert kept[Difficulty.HARD] == 10
    assert kept[Difficulty.HARD] / kept.total() >= 0.3
    assert kept.total() == 33  # the largest set in which 10 hard records are 30 %
    assert kept[Difficulty.MEDIUM] == 20  # harder bands fill the room first


def test_mix_keeps_everything_when_the_target_is_met():
    bands = [Difficulty.HARD] * 5 + [Difficulty.EASY] * 5
    assert all(mix(bands, [str(i) for i in range(10)], {Difficulty.HARD: 0.3}))


def test_mix_drops_at_most_max_drop_and_never_everything_for_an_empty_band():
    bands = [Difficulty.EASY] * 98 + [Difficulty.HARD] * 2
    keys = [f"d{i}" for i in range(100)]
    capped = mix(bands, keys, {Difficulty.HARD: 0.3}, max_drop=0.5)
    assert sum(capped) == 50 and all(k for b, k in zip(bands, capped, strict=True) if b is Difficulty.HARD)
    no_hard = [Difficulty.EASY] * 40
    assert all(mix(no_hard, keys[:40], {Difficulty.HARD: 0.3}))
    assert unreachable(no_hard, {Difficulty.HARD: 0.3}) == [Difficulty.HARD]


def test_difficulty_points_follow_the_persona_and_outcome():
    settings = selection_settings().difficulty
    cases = {
        "forgot": sample(),
        "strategic": sample(root_cause="strategic_default", band="strained"),
        "noisy": sample(noise_level=0.4),
        "disputed": sample(debtor_acts=("answer", "dispute", "reject", "reject", "reject")),
        "long_call": sample(n_lines=settings.long_call_turns),
    }
    points = {name: difficulty_points(s, settings) for name, s in cases.items()}
    assert points["forgot"] == settings.root_cause["forgot_or_oversight"] + settings.band["healthy"]
    assert points["strategic"] > points["forgot"]
    assert points["noisy"] == points["forgot"] + settings.noise[0.4]
    refusals = settings.refusal_points * min(3, settings.refusal_cap)
    assert points["disputed"] == points["forgot"] + settings.dispute_points + refusals
    assert points["long_call"] == points["forgot"] + settings.long_call_points
    assert band_of(points["forgot"], settings) is Difficulty.EASY
    hardest = sample(root_cause="strategic_default", band="distressed", noise_level=0.4)
    assert band_of(difficulty_points(hardest, settings), settings) is Difficulty.HARD


@pytest.mark.parametrize("points", [0, 2, 3, 4, 5, 9])
def test_bands_follow_the_thresholds(points):
    settings = selection_settings().difficulty
    band = band_of(points, settings)
    expected = (
        Difficulty.HARD
        if points >= settings.thresholds[Difficulty.HARD]
        else Difficulty.MEDIUM
        if points >= settings.thresholds[Difficulty.MEDIUM]
        else Difficulty.EASY
    )
    assert band is expected


@pytest.mark.parametrize("fit_rows", [20000, 16])  # 16: fitted on a sample, applied in chunks
def test_cluster_cap_removes_the_most_central_first(fit_rows):
    template = "Hello {name}, you owe {n} pounds; can you pay {n} today or in {k} parts?"
    crowd = [[template.format(name=f"N{i}", n=100 + i, k=i % 3 + 2)] for i in range(30)]
    others = [
        [f"Completely different topic number {i}: weather, football and cooking {'x' * i}."]
        for i in range(10)
    ]
    settings = selection_settings(
        clusters={"k": 2, "cap": 12, "fit_rows": fit_rows, "svd_rows": fit_rows}
    ).clusters
    result = cluster(crowd + others, settings)
    assert result.k == 2 and result.cap == 12
    sizes = Counter(result.labels[result.kept].tolist())
    assert max(sizes.values()) <= 12
    for c in set(result.labels.tolist()):
        members = [i for i in range(len(result.labels)) if result.labels[i] == c]
        dropped = [result.centre_similarity[i] for i in members if not result.kept[i]]
        kept = [result.centre_similarity[i] for i in members if result.kept[i]]
        if dropped:
            assert min(dropped) >= max(kept)
    assert sum(not k for k in result.kept) >= 30 - 12  # the crowd did lose records to the cap


def test_sentence_projection_equals_the_dialogues_tfidf_rows_projected():
    """The shortcut (each distinct sentence projected once, a dialogue = the normalized sum of its
    sentences) must give what projecting each dialogue's whole TF-IDF row gives; names fold away."""
    from sklearn.preprocessing import normalize

    from evaluators.selection.clusters import (
        char_ngram_counts,
        fit_projection,
        folded_sentences,
        reduced_vectors,
        sentence_table,
    )

    settings = selection_settings(clusters={"components": 8, "svd_rows": 6}).clusters
    dialogues = [
        ["Hello Ms. Reed. You owe 120 pounds.", "Can you pay today? Or in 3 parts?"],
        ["Hello Mr. Cole. You owe 99 pounds.", "We can waive the fees; is that fair?"],
        ["您好，请问是王先生吗？", "您的欠款是五百元。可以今天还吗？"],
        ["Thanks for your time. Goodbye.", "Can you pay today? Goodbye."],
        ["I understand it is hard. Let us find a plan.", "Six payments of 20 pounds: does that work?"],
        ["您好，请问是李女士吗？", "我们可以分六期。"],
        ["Completely unrelated words about football."],
        ["Hello Ms. Reed. You owe 5 pounds."],
    ]
    names = [("Ms. Reed", "Reed"), ("Mr. Cole", "Cole"), ("王先生",), (), (), ("李女士",), (), ("Ms. Reed",)]
    table = sentence_table(dialogues, names)
    projection = fit_projection(table, np.arange(6), settings)
    shortcut = reduced_vectors(table, projection, settings)
    counts = np.vstack(
        [
            np.asarray(
                char_ngram_counts(folded_sentences(d, n), settings.ngram, settings.max_features).sum(axis=0)
            )
            for d, n in zip(dialogues, names, strict=True)
        ]
    )
    whole = normalize(projection.svd.transform(projection.tfidf.transform(counts)))
    np.testing.assert_allclose(shortcut, whole, atol=1e-5)
    assert folded_sentences(dialogues[0], names[0])[0] == "hello \x01."
    assert not np.allclose(shortcut[0], shortcut[1], atol=1e-3)  # other words after the names
    assert shortcut[0] @ shortcut[7] > 0.5  # same greeting, other amount: close

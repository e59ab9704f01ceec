"""Difficulty bands and mix, and the per-cluster cap."""

from __future__ import annotations

from collections import Counter

from evaluators.selection.clusters import cluster
from evaluators.selection.difficulty import band_of, difficulty_points, mix
from evaluators.selection.reasons import Difficulty
from evaluators.selection.record import sample_of
from tests.selection.conftest import read_jsonl, selection_settings


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


def test_difficulty_points_follow_the_persona_and_outcome(selected_en):
    run_dir, _ = selected_en
    settings = selection_settings().difficulty
    samples = [sample_of(d) for d in read_jsonl(run_dir / "transcripts.jsonl")]
    scored = [(s, difficulty_points(s, settings)) for s in samples]
    strategic = [p for s, p in scored if s.root_cause == "strategic_default"]
    forgot = [
        p for s, p in scored if s.root_cause == "forgot_or_oversight" and s.band in ("stable", "healthy")
    ]
    if strategic and forgot:
        assert min(strategic) > min(forgot)
    assert {band_of(p, settings) for _, p in scored} <= set(Difficulty)


def test_cluster_cap_removes_the_most_central_first():
    template = "Hello {name}, you owe {n} pounds; can you pay {n} today or in {k} parts?"
    crowd = [[template.format(name=f"N{i}", n=100 + i, k=i % 3 + 2)] for i in range(30)]
    others = [
        [f"Completely different topic number {i}: weather, football and cooking {'x' * i}."]
        for i in range(10)
    ]
    settings = selection_settings(clusters={"k": 2, "cap": 12}).clusters
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

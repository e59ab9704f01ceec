"""Held-out splits: keyed by a stable digest of the group's first persona, so a run that grows keeps them."""

from __future__ import annotations

import dataclasses

from evaluators.selection.split import assign_splits, digest, split_of
from tests.selection.conftest import selection_settings
from tests.selection.test_balance import BASE


def persona_pair(settings):
    """Two persona ids in different splits, the LATER one sorting first (the old min-id key moved it)."""
    ids = [f"p-{i:04d}" for i in range(200)]
    for early in reversed(ids):
        for late in ids:
            if late < early and split_of(late, settings) is not split_of(early, settings):
                return early, late
    raise AssertionError("no pair found")


def test_a_near_duplicate_joining_later_does_not_move_the_earlier_persona():
    settings = selection_settings().split
    early, late = persona_pair(settings)
    words = ("Hello, this is Sam from Paylater Co about the balance of your account, case one two three.",)
    first = dataclasses.replace(BASE, dialogue_id="d1", persona_id=early, collector_texts=words)
    copy = dataclasses.replace(BASE, dialogue_id="d2", persona_id=late, collector_texts=words)
    alone, _ = assign_splits([first], settings)
    grown, groups = assign_splits([first, copy], settings)
    assert groups == [early, early]  # joined: one group, keyed by the persona seen first
    assert grown[0] is alone[0] is split_of(early, settings)
    assert grown[1] is grown[0]  # the near-duplicate follows it


def test_split_of_a_persona_is_a_stable_digest():
    settings = selection_settings().split
    assert digest("p-abc", 0) == digest("p-abc", 0) != digest("p-abc", 1)
    assert 0.0 <= digest("p-abc", 0) < 1.0
    shares = [split_of(f"p-{i}", settings) for i in range(4000)]
    for split, fraction in settings.fractions.items():
        assert abs(shares.count(split) / len(shares) - fraction) < 0.03

"""The development violation suite, run: injected violations in real scripted calls, en and zh.

Targets (issue 22): recall at the injected turn ≥ 0.95 and false positives on at most
2 % of untouched calls. The dev block is what the judge was built on (expected: every
case); the held-out block (~20 % of the phrasings, never tuned on) is only guarded
against regressions. Untouched calls are judged without `false_final_offer`: the
scripted 'firm' strategy claims a final offer and concedes later, a real violation the
engine still commits (reported with the issue). `python bench/compliance_suite.py`
prints the full per-rule table.
"""

from __future__ import annotations

import pytest

from tests.compliance.suite import ENGINE_CONCEPTS, Judged, blocks, build, judge, share, table

CALLS = 40
"""Scripted calls per language and jurisdiction (the bench uses 80)."""


@pytest.fixture(scope="module", params=["en", "zh"])
def judged(request: pytest.FixtureRequest) -> list[Judged]:
    return [judge(case) for case in build(request.param, n=CALLS)]


def test_every_dev_case_is_found_at_its_turn(judged: list[Judged]) -> None:
    hits, n = blocks(judged, "dev")
    missed = [j.case.label for j in judged if j.case.block == "dev" and not j.hit]
    assert n > 1000 and hits / n >= 0.99, missed[:20]


def test_recall_per_rule_is_at_least_095(judged: list[Judged]) -> None:
    low = {concept: row.recall for concept, row in table(judged).items() if row.n and row.recall < 0.95}
    assert not low
    assert len([c for c, row in table(judged).items() if row.n]) == 19  # every concept is injected


def test_held_out_block_does_not_regress(judged: list[Judged]) -> None:
    hits, n = blocks(judged, "heldout")
    assert n > 150 and hits / n >= 0.95


def test_lawful_cases_raise_nothing(judged: list[Judged]) -> None:
    bad, n = share(judged, "lawful")
    assert n > 100 and bad == 0


def test_untouched_calls_have_at_most_two_percent_false_positives(judged: list[Judged]) -> None:
    bad, n = share(judged, "untouched", ENGINE_CONCEPTS)
    assert n == 3 * CALLS and bad / n <= 0.02
    bad, n = share(judged, "untouched", ("false_final_offer",))
    assert bad / n <= 0.02  # the engine now says every required disclosure


def test_precision_per_rule(judged: list[Judged]) -> None:
    low = {
        concept: row.precision for concept, row in table(judged).items() if row.hits and row.precision < 0.9
    }
    assert not low

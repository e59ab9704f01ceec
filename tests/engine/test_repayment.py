"""The kept/broken model: draws agree with the expectation, strain breaks plans, seeds repeat."""

from __future__ import annotations

import numpy as np
import pytest

from scenarios import plan_offer
from simulator.repayment import default_risk, draw_payments, due_dates, expected_paid, promise_kept
from tests.evaluators.eval_dialogues import MODEST, RICH, persona


def mean_paid(who, offer, draws: int = 4000, seed: int = 5) -> float:
    rng = np.random.default_rng(seed)
    return float(np.mean([draw_payments(who, offer, rng).paid for _ in range(draws)]))


@pytest.mark.parametrize(
    ("finances", "offer"),
    [
        (RICH, plan_offer(1200.0, 0.0, 1200.0, 0, 7)),
        (RICH, plan_offer(1200.0, 0.0, 200.0, 6, 7)),
        (MODEST, plan_offer(1200.0, 0.0, 0.0, 3, 7)),  # 400 a month against a sustainable 300
    ],
)
def test_draws_average_to_the_expectation(finances, offer) -> None:
    who = persona(**finances)
    assert mean_paid(who, offer) == pytest.approx(expected_paid(who, offer), rel=0.05)


def test_a_plan_beyond_the_budget_breaks_more_often() -> None:
    who = persona(**MODEST)
    fits = plan_offer(1200.0, 0.0, 0.0, 6, 7)  # 200 a month
    strains = plan_offer(1200.0, 0.0, 0.0, 3, 7)  # 400 a month
    assert default_risk(who, strains) > default_risk(who, fits) + 0.15
    assert promise_kept(who, strains) < promise_kept(who, fits)
    assert (
        1 / 3 <= promise_kept(who, fits) <= 0.95
    )  # kept rates in the trade: a third to two thirds, more when it fits


def test_a_missed_payment_ends_the_plan_and_seeds_repeat() -> None:
    who = persona(**MODEST)
    offer = plan_offer(1200.0, 0.0, 0.0, 3, 7)
    first = [draw_payments(who, offer, np.random.default_rng(s)) for s in range(200)]
    again = [draw_payments(who, offer, np.random.default_rng(s)) for s in range(200)]
    assert first == again
    broken = [r for r in first if r.broken]
    assert broken and all(not r.payments[-1].kept for r in broken)
    assert all(all(p.kept for p in r.payments[:-1]) for r in broken)
    assert any(not r.broken and len(r.payments) == 3 for r in first)


def test_the_horizon_cuts_the_draw() -> None:
    offer = plan_offer(1200.0, 0.0, 200.0, 6, 7)
    assert [day for day, _ in due_dates(offer)] == [7, 37, 67, 97, 127, 157, 187]
    cut = draw_payments(persona(**RICH), offer, np.random.default_rng(1), horizon_days=60)
    assert all(p.day <= 60 for p in cut.payments) and len(cut.payments) <= 2

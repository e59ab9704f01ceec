"""Outcome and debtor-health scores on hand-built deals with known answers."""

from __future__ import annotations

import pytest

from evaluators.health import score_health
from evaluators.outcome import score_outcome
from evaluators.scoring import score_transcript
from scenarios import DebtorAct, plan_offer
from simulator.transcript import Termination
from tests.evaluators.eval_dialogues import MODEST, RICH, Dialogue, persona


def full_payment():
    offer = plan_offer(1200.0, 0.0, 1200.0, 0, 7)
    return Dialogue().opening().deal(offer).finish(persona(**RICH), Termination.AGREEMENT, offer)


def test_full_payment_deal_is_full_recovery() -> None:
    t = full_payment()
    outcome, health = score_outcome(t), score_health(t)
    assert outcome.agreed and outcome.full_recovery
    assert outcome.agreed_amount == 1200.0 and outcome.recovery_ratio == 1.0
    # a promise is not money: even an affordable lump sum is kept only most of the time
    assert 0.6 < outcome.expected_recovery < 0.95
    assert outcome.default_risk == pytest.approx(1.0 - outcome.expected_recovery, abs=1e-3)
    assert not outcome.over_concession and outcome.over_concession_severity == 0.0
    assert (outcome.needed_waiver, outcome.needed_count) == (0.0, 0)
    assert (
        outcome.turns_to_agreement == 8 and outcome.days_to_first_payment == 7 and outcome.days_to_settle == 7
    )
    assert health.plan_burden == 0.0 and not health.unsustainable
    assert health.savings_left == 2800.0 and health.savings_left_ratio == 0.7
    assert score_transcript(t)["reward"] == pytest.approx(
        1.0 - 0.6 * (1.0 - outcome.expected_recovery), abs=1e-3
    )


def test_over_conceding_deal() -> None:
    """A debtor who could pay in full got the maximum waiver and 6 installments."""
    offer = plan_offer(1200.0, 100.0, 0.0, 6, 7)
    t = Dialogue().opening().deal(offer).finish(persona(**RICH), Termination.AGREEMENT, offer)
    outcome = score_outcome(t)
    assert outcome.over_concession and not outcome.full_recovery
    assert outcome.excess_waiver == 100.0 and outcome.excess_installments == 6
    assert outcome.over_concession_severity == pytest.approx(0.6 * 100 / 100 + 0.4 * 6 / 12)
    assert outcome.recovery_ratio == pytest.approx(offer.total / 1200.0, abs=1e-4)
    assert score_transcript(t)["reward"] < score_transcript(full_payment())["reward"] - 0.2


def test_unaffordable_plan_is_flagged_and_discounted() -> None:
    """Installment 400 against 500 disposable (sustainable max 300)."""
    offer = plan_offer(1200.0, 0.0, 0.0, 3, 7)
    t = Dialogue().opening().deal(offer).finish(persona(**MODEST), Termination.AGREEMENT, offer)
    outcome, health = score_outcome(t), score_health(t)
    assert health.unsustainable
    assert health.plan_burden == pytest.approx(400 / 500) and health.capacity_use == pytest.approx(
        400 / 300, abs=1e-3
    )
    assert not outcome.full_recovery and outcome.recovery_ratio == 1.0
    assert outcome.expected_recovery < 0.85 and outcome.default_risk > 0.3
    assert not outcome.over_concession  # a longer plan (4 months) was what the debtor needed

    fitting = plan_offer(1200.0, 0.0, 150.0, 4, 7)  # the firmest plan the debtor can carry
    ok = Dialogue().opening().deal(fitting).finish(persona(**MODEST), Termination.AGREEMENT, fitting)
    assert not score_health(ok).unsustainable and score_outcome(ok).full_recovery
    assert score_transcript(t)["reward"] < score_transcript(ok)["reward"] / 1.5


def test_no_agreement_scores_zero_recovery() -> None:
    t = Dialogue().opening().say(DebtorAct.HANG_UP, "Goodbye.").finish(persona(**RICH), Termination.HANG_UP)
    outcome, health = score_outcome(t), score_health(t)
    assert not outcome.agreed and outcome.recovery_ratio == 0.0 and outcome.expected_recovery == 0.0
    assert outcome.turns_to_agreement is None and health.plan_burden is None and not health.unsustainable
    row = score_transcript(t)
    assert row["plan_burden"] is None and 0 < row["reward"] < 0.3


def test_days_count_the_plan_not_the_agreement_record() -> None:
    """One call per dialogue: the days that differ are to the plan's first and last payment."""
    offer = plan_offer(1200.0, 0.0, 0.0, 6, 14)
    t = Dialogue().opening().deal(offer).finish(persona(**RICH), Termination.AGREEMENT, offer)
    t = t.model_copy(update={"agreement": t.agreement.model_copy(update={"simulated_day": 0})})
    outcome = score_outcome(t)
    assert outcome.days_to_first_payment == 14 and outcome.days_to_settle == 14 + 30 * 5
    assert outcome.turns_to_agreement == 8

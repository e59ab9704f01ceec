"""The branching reward ranks rollouts by what a deal is worth and what it costs, never by the promise alone."""

from __future__ import annotations

import pytest

from evaluators.reward import CONDUCT_PENALTY, branch_reward, reward_parts
from scenarios import CollectorAct, DebtorAct, plan_offer
from scenarios.budget import Budget
from simulator.repayment import affordable
from simulator.transcript import Termination
from tests.evaluators.eval_dialogues import MODEST, RICH, Dialogue, persona

LUMP = plan_offer(1200.0, 0.0, 1200.0, 0, 7)
PLAN = plan_offer(1200.0, 0.0, 150.0, 4, 7)  # the firmest plan MODEST can carry


def deal(offer, finances=MODEST):
    return Dialogue().opening().deal(offer).finish(persona(**finances), Termination.AGREEMENT, offer)


def no_deal(finances=MODEST):
    d = Dialogue().opening().say(DebtorAct.HANG_UP, "Goodbye.")
    return d.finish(persona(**finances), Termination.HANG_UP)


def test_an_affordable_plan_beats_an_unaffordable_lump_for_a_stretched_debtor() -> None:
    """Savings of 200 cannot raise a 1,200 lump sum: agreed or not, it is worth less than the plan."""
    poor = persona(**MODEST)
    assert not affordable(poor, LUMP) and affordable(poor, PLAN)
    lump, plan = reward_parts(deal(LUMP)), reward_parts(deal(PLAN))
    assert lump.unsustainable and not plan.unsustainable
    assert plan.expected_recovery > lump.expected_recovery
    assert branch_reward(deal(PLAN)) > branch_reward(no_deal()) > branch_reward(deal(LUMP))


def test_a_waiver_the_debtor_did_not_need_costs_recovery() -> None:
    """A debtor who can pay everything: the same lump sum less 100 of waived fees is worth less."""
    waived = plan_offer(1200.0, 100.0, 1100.0, 0, 7)
    assert branch_reward(deal(LUMP, RICH)) > branch_reward(deal(waived, RICH)) > 0


def test_a_finding_costs_more_than_any_recovery() -> None:
    """A deal reached with a threat ranks below recovering nothing lawfully."""
    threat = Dialogue().opening()
    threat.say(CollectorAct.WARN_CONSEQUENCES, "If you don't pay we will have you arrested.")
    threat.say(DebtorAct.ACKNOWLEDGE_DEBT, "Fine.")
    t = threat.deal(LUMP).finish(persona(**RICH), Termination.AGREEMENT, LUMP)
    parts = reward_parts(t)
    assert parts.findings >= 1 and parts.expected_recovery > 0.5
    assert branch_reward(t) < branch_reward(no_deal(RICH)) == 0.0
    assert branch_reward(t) <= parts.expected_recovery - CONDUCT_PENALTY


def test_after_a_dispute_the_lawful_stop_beats_asking_for_payment() -> None:
    def disputed():
        return Dialogue().opening().say(DebtorAct.DISPUTE, "I don't owe this, it was paid.")

    stop = disputed().say(
        CollectorAct.RECORD_DISPUTE, "I've recorded your dispute; we will send verification."
    )
    asked = disputed().deal(LUMP)
    lawful = stop.finish(persona(**RICH), Termination.DISPUTE_RECORDED)
    pressed = asked.finish(persona(**RICH), Termination.AGREEMENT, LUMP)
    assert reward_parts(pressed).findings >= 1
    assert branch_reward(lawful) == 0.0 > branch_reward(pressed)


def test_an_ask_beyond_the_disclosed_budget_is_penalised() -> None:
    """Once the debtor has said what it can afford, a lump sum above it is pressure, deal or not."""
    budget = Budget(monthly_income=3000.0, essential_expenses=2500.0, other_debt_payments=0.0, savings=200.0)

    def after_budget(offer):
        d = Dialogue().opening().say(DebtorAct.DISCLOSE_BUDGET, "I earn 3,000 and spend 2,500; 200 saved.")
        d.turns[-1] = d.turns[-1].model_copy(update={"budget": budget})
        return d.say(CollectorAct.OFFER_PLAN, "Could you pay it all now?", offer).say(DebtorAct.REJECT, "No.")

    pressed = reward_parts(after_budget(LUMP).finish(persona(**MODEST), Termination.REFUSAL))
    sized = reward_parts(after_budget(PLAN).finish(persona(**MODEST), Termination.REFUSAL))
    assert pressed.unaffordable_asks == 1 and sized.unaffordable_asks == 0
    assert pressed.value == pytest.approx(-CONDUCT_PENALTY * (1 + pressed.findings))

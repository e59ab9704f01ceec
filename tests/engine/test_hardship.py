"""Hardship and forbearance: the budget question, offers the disclosed budget can pay, advice.

Unit tests drive strategies with hand-built evidence; the last test runs scripted calls
and checks what issue 23 asks of them: distressed debtors reach affordable arrangements,
no agreement is unsustainable, and no offer after a disclosure asks more than it allows.
"""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest

from personas import HealthBand, Home, Locale, PersonaCell, RootCause, sample_persona
from scenarios import CollectorAct, DebtCase, DebtorAct, Language, Product, policy_for
from scenarios.acts import OFFER_ACTS
from scenarios.budget import Budget
from scenarios.offer import OfferKind
from scenarios.strategies import Evidence, after_move, make_strategy, perceive
from scenarios.strategies.base import StrategyName
from scenarios.strategies.hardship import hardship_offer
from simulator.agents.debtor_decision import decide
from simulator.agents.disclosure import disclose_budget
from simulator.debtor_policy import initial_memory
from simulator.transcript import Speaker, Transcript
from tests.conftest import compose_config
from tests.engine.test_dialogue import simulate
from tests.engine.test_strategies import _opened

RNG = np.random.default_rng(0)
LOCALE = Locale(homes=(Home("Ohio", "America/New_York"),), currency="USD")
ALL = list(StrategyName)


def _persona(cause: RootCause, band: HealthBand = HealthBand.STRAINED, seed: int = 4):
    cell = PersonaCell(root_cause=cause, band=band, noise_level=0.0)
    return sample_persona(np.random.default_rng(seed), cell, "en", "p", LOCALE)


def _case(overdue_days: int = 120) -> DebtCase:
    return DebtCase(
        case_id="c1",
        creditor="Crestline Bank",
        customer_name="Ann Lee",
        customer_salutation="Ms. Lee",
        product=Product.CREDIT_CARD,
        product_name="credit card",
        principal=5000.0,
        principal_due=4000.0,
        fees_interest=400.0,
        overdue_days=overdue_days,
        currency="USD",
        language=Language.EN,
        instalment=200.0,
    )


def _heard(act: DebtorAct, budget: Budget | None = None, **update) -> Evidence:
    base = _opened(**{"turns_left": 20, **update})
    return perceive(base, act, None, unclear=False, budget=budget)


def test_an_honest_debtor_discloses_its_budget_rounded_not_shaded():
    persona = _persona(RootCause.MEDICAL)  # understate 0.05: nearly honest
    fin, said = persona.finances, disclose_budget(persona)
    assert said.monthly_income <= fin.monthly_income and said.essential_expenses >= fin.essential_expenses
    assert said.disposable <= fin.disposable_income
    assert said.monthly_income % 10 == 0 and said.essential_expenses % 10 == 0  # round figures
    assert disclose_budget(persona) == said  # the same figures when asked again


def test_a_strategic_defaulter_understates_what_it_could_pay():
    honest = _persona(RootCause.FORGOT_OR_OVERSIGHT, HealthBand.HEALTHY)
    strategic = _persona(RootCause.STRATEGIC_DEFAULT, HealthBand.HEALTHY)
    gap = {
        p.root_cause: p.finances.disposable_income - disclose_budget(p).disposable
        for p in (honest, strategic)
    }
    assert gap[RootCause.STRATEGIC_DEFAULT] > 5 * max(gap[RootCause.FORGOT_OR_OVERSIGHT], 10.0)
    assert disclose_budget(strategic).savings < 0.6 * strategic.finances.liquid_savings


def test_the_debtor_answers_the_budget_question_with_a_structured_statement():
    persona = _persona(RootCause.JOB_LOSS)
    mem = initial_memory(persona).model_copy(update={"reacted": True})
    seen = Counter()
    for seed in range(30):
        move, _ = decide(persona, mem, CollectorAct.ASK_BUDGET, None, np.random.default_rng(seed))
        seen[move.act] += 1
        if move.act is DebtorAct.DISCLOSE_BUDGET:
            assert move.budget == disclose_budget(persona)
    assert seen[DebtorAct.DISCLOSE_BUDGET] > 20


@pytest.mark.parametrize(
    "name", [StrategyName.EMPATHETIC, StrategyName.POLICY_LADDER, StrategyName.PLAN_AND_JUDGE]
)
def test_a_plea_is_answered_with_the_budget_question(name):
    ev = _heard(DebtorAct.PLEAD, offers=(), rejections=1)
    move = make_strategy(name).decide(ev, _case(), policy_for(Product.CREDIT_CARD), RNG)
    assert move.act is CollectorAct.ASK_BUDGET


def test_firm_skips_the_budget_question():
    ev = _heard(DebtorAct.PLEAD, rejections=1)
    move = make_strategy(StrategyName.FIRM).decide(ev, _case(), policy_for(Product.CREDIT_CARD), RNG)
    assert move.act is not CollectorAct.ASK_BUDGET


@pytest.mark.parametrize("name", ALL)
def test_after_a_disclosure_every_offer_fits_the_stated_budget(name):
    """Whatever the strategy (firm included), nothing above the disclosed surplus or savings."""
    case, policy = _case(), policy_for(Product.CREDIT_CARD)
    budget = Budget(monthly_income=2000, essential_expenses=1700, other_debt_payments=100, savings=400)
    ev = _heard(DebtorAct.DISCLOSE_BUDGET, budget, budget_asked=1, referred=True)
    strategy = make_strategy(name)
    for _ in range(8):
        move = strategy.decide(ev, case, policy, RNG)
        if move.act in OFFER_ACTS:
            assert budget.allows(move.offer.amount_now, move.offer.installment), move
            assert policy.allows(move.offer, case)
        if move.act in (CollectorAct.CLOSE, CollectorAct.ESCALATE):
            break
        ev = perceive(after_move(ev, move.act, move.offer), DebtorAct.REJECT, None, unclear=False)


def test_a_small_surplus_gets_a_reduced_plan_and_a_tiny_one_token_payments():
    case, policy = _case(), policy_for(Product.CREDIT_CARD)
    reduced = Budget(monthly_income=2000, essential_expenses=1700, other_debt_payments=100, savings=0)
    offer = hardship_offer(_heard(DebtorAct.DISCLOSE_BUDGET, reduced), case, policy)
    assert offer is not None and offer.hardship and offer.kind is OfferKind.PLAN
    assert offer.count > policy.max_installments and offer.installment <= reduced.affordable_installment
    assert offer.first_due_days > policy.latest_first_payment_days  # a payment holiday
    assert policy.allows(offer, case)
    token = Budget(monthly_income=2000, essential_expenses=1950, other_debt_payments=30, savings=0)
    offer = hardship_offer(_heard(DebtorAct.DISCLOSE_BUDGET, token), case, policy)
    assert offer is not None and offer.kind is OfferKind.TOKEN and 1 <= offer.installment <= 12
    assert policy.allows(offer, case)


@pytest.mark.parametrize("name", ALL)
def test_no_surplus_is_signposted_to_free_debt_advice_then_the_call_ends(name):
    case, policy = _case(), policy_for(Product.CREDIT_CARD)
    broke = Budget(monthly_income=1500, essential_expenses=1600, other_debt_payments=200, savings=50)
    ev = _heard(DebtorAct.DISCLOSE_BUDGET, broke, budget_asked=1)
    move = make_strategy(name).decide(ev, case, policy, RNG)
    assert move.act is CollectorAct.REFER_DEBT_ADVICE
    ev = perceive(ev.model_copy(update={"referred": True}), DebtorAct.ACKNOWLEDGE_DEBT, None, unclear=False)
    assert make_strategy(name).decide(ev, case, policy, RNG).act is CollectorAct.CLOSE


def test_silence_is_answered_with_a_check_in():
    ev = _heard(DebtorAct.SILENCE)
    for name in ALL:
        assert make_strategy(name).decide(ev, _case(), policy_for(Product.CREDIT_CARD), RNG).act is (
            CollectorAct.CHECK_IN
        )


@pytest.fixture(scope="module")
def hard_run(tmp_path_factory) -> list[Transcript]:
    config = compose_config(tmp_path_factory.mktemp("hard"), "n_dialogues=400", "seed=3", "jurisdiction=uk")
    return simulate(config)


def test_distressed_debtors_reach_affordable_arrangements_and_none_is_unsustainable(hard_run):
    distressed = [t for t in hard_run if t.persona.finances.band is HealthBand.DISTRESSED]
    deals = [t for t in distressed if t.agreement is not None]
    assert len(deals) > 0.05 * len(distressed)
    for t in (t for t in hard_run if t.agreement is not None):
        fin, offer = t.persona.finances, t.agreement.offer
        assert offer.installment <= fin.max_installment + 0.01 and offer.amount_now <= fin.max_lump_sum + 0.01


def test_offers_after_a_disclosure_fit_it_and_hard_calls_get_debt_advice(hard_run):
    disclosed = 0
    for t in hard_run:
        budget = None
        for turn in t.turns:
            if turn.speaker is Speaker.DEBTOR and turn.budget is not None and not turn.garbled:  # heard
                budget, disclosed = turn.budget, disclosed + 1
            elif budget is not None and turn.act in OFFER_ACTS:
                assert budget.allows(turn.offer.amount_now, turn.offer.installment), (t.dialogue_id, turn)
    assert disclosed > 20
    distressed = [t for t in hard_run if t.persona.finances.band is HealthBand.DISTRESSED]
    talked = [t for t in distressed if any(turn.act is CollectorAct.INFORM_DEBT for turn in t.turns)]
    referred = [t for t in talked if any(turn.act is CollectorAct.REFER_DEBT_ADVICE for turn in t.turns)]
    assert len(referred) > 0.5 * len(talked)


def test_silence_on_the_line_gets_a_check_in_in_simulated_calls(hard_run):
    answers = Counter()
    for t in hard_run:
        for before, after in zip(t.turns, t.turns[1:], strict=False):
            if before.act is DebtorAct.SILENCE and not before.garbled:
                answers[after.act] += 1
    assert answers[CollectorAct.CHECK_IN] > 5
    assert set(answers) <= {CollectorAct.CHECK_IN, CollectorAct.CLOSE}

"""Stage-aware cases and asks: a schedule on every case, and an ask that follows the stage.

An account 14 days late is asked for the amount past due, not its balance; a late one
for an arrangement on the balance; a charged-off one for a settlement for less, never
below the policy's floor. The words of each offer state its numbers, as the project's
one amounts parser reads them.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from scenarios import CollectorAct, DebtCase, Language, Product, plan_offer, policy_for
from scenarios.case import DelinquencyStage
from scenarios.library import LIBRARY, sample_case
from scenarios.money import money_amounts
from scenarios.offer import Offer, OfferKind
from scenarios.policy import PolicyRule
from scenarios.strategies import Evidence, after_move, ladder, make_strategy
from scenarios.strategies.asks import asks_no_more
from scenarios.strategies.base import StrategyName
from simulator.llm.slots import case_slots, offer_shape, offer_slots
from simulator.llm.template_book import TemplateBook

RNG = np.random.default_rng(0)


def _case(
    overdue_days: int, product: Product = Product.CREDIT_CARD, instalment: float | None = 150.0
) -> DebtCase:
    return DebtCase(
        case_id="c1",
        creditor="Northgate Bank",
        customer_name="Ann Lee",
        customer_salutation="Ms. Lee",
        product=product,
        product_name="credit card",
        principal=14000.0,
        principal_due=13000.0,
        fees_interest=900.28,
        overdue_days=overdue_days,
        currency="GBP",
        language=Language.EN,
        instalment=instalment,
    )


def _first_offer(name: StrategyName, case: DebtCase) -> Offer:
    """The strategy's first offer once the call is open (it may ask why first)."""
    strategy, policy = make_strategy(name), policy_for(case.product)
    ev = Evidence(turns_left=24, greeted=True, identity_verified=True, verify_asked=1, debt_informed=True)
    for _ in range(6):
        move = strategy.decide(ev, case, policy, RNG)
        if move.offer is not None:
            assert move.act is CollectorAct.OFFER_PLAN
            return move.offer
        ev = after_move(ev, move.act, None)
    raise AssertionError(f"{name} made no offer")


def test_amount_past_due_is_missed_instalments_plus_fees():
    early, mid = _case(14), _case(45)
    assert early.missed_instalments == 1 and mid.missed_instalments == 2
    assert early.amount_past_due == pytest.approx(150.0 + 900.28)
    assert mid.amount_past_due == pytest.approx(300.0 + 900.28)
    assert _case(14, instalment=20_000.0).amount_past_due == _case(14).outstanding  # never above the balance
    assert _case(14, instalment=None).amount_past_due == _case(14).outstanding  # old cases: no schedule


def test_charge_off_comes_at_120_days_for_loans_and_180_for_cards():
    assert _case(150, Product.CONSUMER_LOAN).stage is DelinquencyStage.CHARGE_OFF
    assert _case(150, Product.CREDIT_CARD).stage is DelinquencyStage.LATE
    assert _case(185, Product.CREDIT_CARD).stage is DelinquencyStage.CHARGE_OFF


@pytest.mark.parametrize("product", list(Product))
def test_sampled_cases_carry_a_schedule_and_zh_product_names(product):
    rng = np.random.default_rng(5)
    case = sample_case(rng, product, Language.ZH, "c", ("李娜", "李女士"))
    assert case.instalment is not None and 0 < case.instalment < case.principal
    assert case.amount_past_due <= case.outstanding
    names = {Product.CREDIT_CARD: "信用卡", Product.CONSUMER_LOAN: "消费贷", Product.BNPL: "网贷"}
    assert case.product_name == names.get(product, "车贷") == LIBRARY[product].names[Language.ZH]


@pytest.mark.parametrize("name", list(StrategyName))
def test_early_arrears_are_asked_for_the_amount_past_due_not_the_balance(name):
    case = _case(14)
    offer = _first_offer(name, case)
    assert offer.kind is OfferKind.CATCH_UP
    assert offer.total <= case.amount_past_due + 0.01
    assert offer.total < case.outstanding / 5  # 1,050.28 of 13,900.28


@pytest.mark.parametrize("name", list(StrategyName))
def test_charged_off_accounts_are_offered_a_settlement_above_the_floor(name):
    case = _case(200)
    policy = policy_for(case.product)
    offer = _first_offer(name, case)
    assert offer.kind is OfferKind.SETTLEMENT
    assert policy.floor(case) - 0.01 <= offer.total < case.outstanding - 1.0
    assert policy.floor(case) == pytest.approx(case.outstanding * policy.settlement_floor_fraction, abs=0.01)


def test_late_accounts_start_from_an_arrangement_on_the_balance():
    case = _case(120)
    rungs = ladder(case, policy_for(case.product))
    assert rungs[0].kind is OfferKind.PLAN and rungs[0].count > 0
    assert all(r.total + r.waiver >= case.outstanding - 1.0 for r in rungs)


def test_no_rung_asks_more_than_the_one_above_it_in_any_term():
    rng = np.random.default_rng(11)
    seen: set[OfferKind] = set()
    for i in range(200):
        product = list(Product)[i % 4]
        case = sample_case(rng, product, Language.EN, f"c{i}", ("Ann Lee", "Ms. Lee"))
        rungs = ladder(case, policy_for(product))
        assert rungs, case
        for upper, lower in itertools.pairwise(rungs):
            assert asks_no_more(lower, upper), (upper, lower)
            assert lower.total <= upper.total + 0.005
        seen |= {r.kind for r in rungs}
    assert {OfferKind.CATCH_UP, OfferKind.PLAN, OfferKind.SETTLEMENT} <= seen


def test_policy_holds_each_kind_to_its_stage():
    early, charged = _case(14), _case(200)
    policy = policy_for(Product.CREDIT_CARD)
    catch_up = plan_offer(charged.amount_past_due, 0.0, charged.amount_past_due, 0, 7, OfferKind.CATCH_UP)
    assert PolicyRule.STAGE in policy.violations(catch_up, charged)
    settle = plan_offer(early.outstanding, 3000.0, early.outstanding - 3000.0, 0, 7, OfferKind.SETTLEMENT)
    assert PolicyRule.STAGE in policy.violations(settle, early)
    token = Offer(amount_now=0, installment=5, count=6, waiver=0, first_due_days=30, kind=OfferKind.TOKEN)
    assert PolicyRule.TOKEN in policy.violations(token, charged)
    assert policy.allows(token.model_copy(update={"hardship": True}), charged)
    too_low = plan_offer(charged.outstanding, charged.outstanding * 0.7, charged.outstanding * 0.3, 0, 7)
    assert PolicyRule.FLOOR in policy.violations(too_low, charged)


def test_a_longer_plan_never_asks_more_in_total_from_rounding():
    short, long = plan_offer(1000.0, 0.0, 0.0, 3, 7), plan_offer(1000.0, 0.0, 0.0, 7, 7)
    assert short.total <= 1000.0 and long.total <= 1000.0
    assert 1000.0 - long.total < 0.01 * long.count


@pytest.mark.parametrize("language", [Language.EN, Language.ZH])
def test_offer_words_state_the_offers_numbers(language):
    """Every offer_body variant, for every kind, states the total and installment the act carries."""
    book = TemplateBook.load(language)
    rng = np.random.default_rng(2)
    cases = (_case(14), _case(120), _case(200))
    for case in cases:
        case = case.model_copy(update={"language": language})
        policy = policy_for(case.product)
        offers = [*ladder(case, policy)]
        offers.append(Offer(amount_now=0, installment=12, count=6, waiver=0, first_due_days=30, kind="token"))
        for offer in offers:
            slots = case_slots(case, "2026-03-02", "Sam") | offer_slots(offer, case, "2026-03-02")
            key = f"collector.offer_body.{offer_shape(offer)}"
            for index in range(book.variants(key)):
                text, template_id = book.render_variant(key, index, slots, rng)
                said = {round(a.value, 2) for a in money_amounts(text, language)}
                assert said, (template_id, text)
                assert offer.total in said or offer.installment in said, (template_id, text)
                if offer.count:
                    assert offer.installment in said, (template_id, text)
                if offer.kind is OfferKind.SETTLEMENT:
                    assert offer.total in said, (template_id, text)
                assert said <= {offer.total, offer.installment, offer.amount_now, offer.waiver}, (
                    template_id,
                    text,
                )


@pytest.mark.parametrize("name", list(StrategyName))
def test_late_accounts_are_never_asked_for_the_whole_balance_at_once(name):
    case = _case(120)
    offer = _first_offer(name, case)
    assert offer.kind is OfferKind.PLAN and offer.count > 0

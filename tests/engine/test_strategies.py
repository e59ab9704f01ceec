"""Collector strategies, unit by unit: the ladder, the planner, the judge, and how strategies differ.

Each test drives a strategy with hand-built evidence (what a collector would have
heard), so the assertions are about the strategy's own decisions, not about a
simulated debtor.
"""

from __future__ import annotations

import math
from collections import Counter

import numpy as np
import pytest

from scenarios import CollectorAct, DebtCase, DebtorAct, Language, Offer, Product, plan_offer, policy_for
from scenarios.strategies import CollectorMove, Evidence, after_move, ladder, make_strategy, perceive
from scenarios.strategies.asks import asks_no_more
from scenarios.strategies.base import StrategyName
from scenarios.strategies.capacity_planner import estimate_capacity, size_plan
from scenarios.strategies.move_judge import VetoReason, review, stated_limits
from scenarios.strategies.plan_and_judge import deliberate
from simulator.transcript import Speaker, Termination, Transcript
from tests.conftest import compose_config
from tests.engine.test_dialogue import simulate

RNG = np.random.default_rng(0)


def _case(
    product: Product = Product.CREDIT_CARD, principal_due: float = 4000.0, fees: float = 400.0
) -> DebtCase:
    return DebtCase(
        case_id="c1",
        creditor="Northgate Bank",
        customer_name="Ann Lee",
        customer_salutation="Ms. Lee",
        product=product,
        product_name="credit card",
        principal=5000.0,
        principal_due=principal_due,
        fees_interest=fees,
        overdue_days=60,
        currency="GBP",
        language=Language.EN,
    )


def _opened(**update) -> Evidence:
    """Evidence once the call is open: greeted, verified, debt stated, reason heard and acknowledged."""
    base = Evidence(
        turns_left=24,
        greeted=True,
        identity_verified=True,
        verify_asked=1,
        debt_informed=True,
        reason_asked=1,
        reason_known=True,
        empathized=True,
    )
    return base.model_copy(update=update)


def _counter(ev: Evidence, lump: float, installment: float) -> Evidence:
    named = Offer(amount_now=lump, installment=installment, count=0, waiver=0.0, first_due_days=0)
    return perceive(ev, DebtorAct.COUNTER_OFFER, named, unclear=False)


def _negotiate(name: StrategyName, replies: list[DebtorAct], ev: Evidence) -> list[CollectorMove]:
    """The strategy's moves against a fixed sequence of debtor replies."""
    strategy, case = make_strategy(name), _case()
    policy = policy_for(case.product)
    moves = []
    for reply in replies:
        move = strategy.decide(ev, case, policy, RNG)
        moves.append(move)
        ev = after_move(ev, move.act, move.offer)
        ev = perceive(ev, reply, None, unclear=False)
    return moves


def test_policy_ladder_steps_one_rung_per_refusal_then_holds_and_closes():
    case = _case()
    rungs = ladder(case, policy_for(case.product))
    assert len(rungs) >= 4
    moves = _negotiate(StrategyName.POLICY_LADDER, [DebtorAct.REJECT] * (len(rungs) + 2), _opened())
    offers = [m.offer for m in moves if m.act in (CollectorAct.OFFER_PLAN, CollectorAct.CONCEDE)]
    assert offers == list(rungs)  # every rung, in order, none skipped
    assert moves[0].act is CollectorAct.OFFER_PLAN
    assert all(m.act is CollectorAct.CONCEDE for m in moves[1 : len(rungs)])
    assert moves[len(rungs)].act is CollectorAct.HOLD_FIRM and moves[len(rungs)].offer == rungs[-1]
    assert moves[len(rungs) + 1].act is CollectorAct.CLOSE


def test_judge_vetoes_more_installments_than_the_stated_capacity_needs():
    case = _case()
    policy = policy_for(case.product)
    ev = _counter(_opened(offers=(plan_offer(case.outstanding, 0, case.outstanding, 0, 7),)), 400.0, 500.0)
    needed = math.ceil((case.outstanding - 400.0) / 500.0)  # 8 months
    generous = plan_offer(case.outstanding, 0.0, 400.0, needed + 3, 7)
    veto = review(generous, ev, case, policy)
    assert veto is not None and veto.reason is VetoReason.OVER_CONCEDES
    assert veto.limits.max_count == needed and veto.limits.max_waiver == 0
    assert review(plan_offer(case.outstanding, 0.0, 400.0, needed, 7), ev, case, policy) is None


def test_judge_vetoes_a_waiver_the_stated_capacity_does_not_need():
    case = _case()
    policy = policy_for(case.product)
    ev = _counter(_opened(offers=(plan_offer(case.outstanding, 0, case.outstanding, 0, 7),)), 400.0, 500.0)
    waived = plan_offer(case.outstanding, 100.0, 400.0, 6, 7)  # inside policy, but 8 months need no waiver
    assert policy.allows(waived, case)
    veto = review(waived, ev, case, policy)
    assert veto is not None and veto.reason is VetoReason.OVER_CONCEDES


def test_judge_without_a_stated_number_allows_one_step_per_refused_offer_and_no_waiver():
    case = _case()
    policy = policy_for(case.product)
    ev = _opened(offers=(plan_offer(case.outstanding, 0, case.outstanding, 0, 7),), rejections=1)
    assert review(plan_offer(case.outstanding, 0, 440, 3, 7), ev, case, policy) is None
    jump = review(plan_offer(case.outstanding, 0, 440, 12, 7), ev, case, policy)
    assert jump is not None and jump.reason is VetoReason.OVER_CONCEDES
    waiver = review(plan_offer(case.outstanding, 50, 440, 3, 7), ev, case, policy)
    assert waiver is not None and waiver.reason is VetoReason.OVER_CONCEDES


@pytest.mark.parametrize(
    ("offer_args", "rule"),
    [
        ((0.0, 440.0, 18), "installments_exceed_max"),  # credit card: at most 12 installments
        ((400.0, 440.0, 12), "waiver_exceeds_max"),  # at most 60 % of the 400 in fees
    ],
)
def test_judge_vetoes_an_offer_outside_policy(offer_args, rule):
    case = _case()
    policy = policy_for(case.product)
    waiver, down, count = offer_args
    offer = plan_offer(case.outstanding, waiver, down, count, 7)
    ev = _counter(_opened(offers=(plan_offer(case.outstanding, 0, case.outstanding, 0, 7),)), 0.0, 50.0)
    veto = review(offer, ev, case, policy)
    assert veto is not None and veto.reason is VetoReason.OUTSIDE_POLICY
    assert rule in veto.detail
    assert veto.limits.max_count == policy.max_installments
    assert veto.limits.max_waiver <= policy.max_waiver(case)


def test_judge_vetoes_repeating_an_offer_the_debtor_refused():
    case = _case()
    policy = policy_for(case.product)
    first = plan_offer(case.outstanding, 0, 440, 3, 7)
    second = plan_offer(case.outstanding, 0, 440, 6, 7)
    ev = _opened(offers=(first, second), rejections=2)
    veto = review(first, ev, case, policy)
    assert veto is not None and veto.reason is VetoReason.ALREADY_REFUSED
    assert review(second, ev, case, policy) is None  # holding the standing offer is not a repeat


def test_planner_sizes_the_plan_to_the_revealed_capacity():
    case = _case()
    first = plan_offer(case.outstanding, 0, case.outstanding, 0, 7)
    low = estimate_capacity(_counter(_opened(offers=(first,)), 500.0, 200.0), case)
    high = estimate_capacity(_counter(_opened(offers=(first,)), 500.0, 600.0), case)
    assert low.basis == high.basis == "stated"
    assert low.installment >= 200.0 and high.installment == pytest.approx(3 * low.installment)
    low_plan, high_plan = size_plan(low, case), size_plan(high, case)
    assert low_plan.installment <= low.installment and high_plan.installment <= high.installment
    assert high_plan.count < low_plan.count  # more capacity revealed, shorter plan
    assert low_plan.amount_now == pytest.approx(low.lump)
    # repeating the same number drops the markup: the planner now believes it
    repeated = estimate_capacity(
        _counter(_counter(_opened(offers=(first,)), 500.0, 200.0), 500.0, 200.0), case
    )
    assert repeated.installment == pytest.approx(200.0) and repeated.installment < low.installment


def test_planner_is_blind_to_policy_and_the_judge_brings_it_inside():
    case = _case(principal_due=4000.0, fees=400.0)
    policy = policy_for(case.product)
    first = plan_offer(case.outstanding, 0, case.outstanding, 0, 7)
    ev = _counter(_counter(_opened(offers=(first,)), 0.0, 150.0), 0.0, 150.0)
    raw = size_plan(estimate_capacity(ev, case), case)
    assert not policy.allows(raw, case)  # 150 a month needs ~33 months; the card allows 12
    offer, vetoes = deliberate(ev, case, policy)
    assert vetoes and vetoes[0].reason is VetoReason.OUTSIDE_POLICY
    assert offer is not None and policy.allows(offer, case)
    assert offer.count <= policy.max_installments
    limits = stated_limits(0.0, 150.0, case, policy)
    assert offer.count <= limits.max_count and offer.waiver <= limits.max_waiver + 0.01


def test_plan_and_judge_records_its_vetoes_in_the_move():
    case = _case()
    policy = policy_for(case.product)
    first = plan_offer(case.outstanding, 0, case.outstanding, 0, 7)
    # named twice: no markup left, so the planner's headroom asks for more months than 500/month needs
    ev = _counter(_counter(_opened(offers=(first,), rejections=2), 400.0, 500.0), 400.0, 500.0)
    move = make_strategy(StrategyName.PLAN_AND_JUDGE).decide(ev, case, policy, RNG)
    assert move.vetoes and move.vetoes[0].reason is VetoReason.OVER_CONCEDES
    assert "veto over_concedes" in move.thought
    assert move.offer is not None and review(move.offer, ev, case, policy) is None
    assert move.offer.count == math.ceil((case.outstanding - 400.0) / 500.0)


def test_empathetic_and_firm_make_different_moves_against_the_same_debtor():
    refusals = [DebtorAct.ACKNOWLEDGE_DEBT] + [DebtorAct.REJECT] * 6
    start = Evidence(turns_left=24, greeted=True, identity_verified=True, verify_asked=1, debt_informed=True)
    empathetic = _negotiate(StrategyName.EMPATHETIC, refusals, start)
    firm = _negotiate(StrategyName.FIRM, refusals, start)
    e_acts, f_acts = Counter(m.act for m in empathetic), Counter(m.act for m in firm)
    assert e_acts[CollectorAct.PROBE_REASON] >= 1 and f_acts[CollectorAct.PROBE_REASON] == 0
    assert f_acts[CollectorAct.WARN_CONSEQUENCES] == 1 and e_acts[CollectorAct.WARN_CONSEQUENCES] == 0
    assert firm[-1].act is CollectorAct.ESCALATE and CollectorAct.ESCALATE not in e_acts
    first_e = next(m.offer for m in empathetic if m.offer is not None)
    first_f = next(m.offer for m in firm if m.offer is not None)
    assert first_f.count == 0 and first_e.count > 0  # firm asks for everything, empathetic opens with a plan
    assert (
        max(m.offer.waiver for m in empathetic if m.offer) > 0 == max(m.offer.waiver for m in firm if m.offer)
    )


@pytest.fixture(scope="module")
def mixed_run(tmp_path_factory) -> list[Transcript]:
    config = compose_config(tmp_path_factory.mktemp("mixed"), "n_dialogues=480", "seed=6", "noise=none")
    return simulate(config)


def test_plan_and_judge_vetoes_fire_in_simulated_calls(mixed_run):
    judged = [t for t in mixed_run if t.strategy == StrategyName.PLAN_AND_JUDGE]
    notes = Counter(
        part.split(":")[0]
        for t in judged
        for turn in t.turns
        if turn.speaker is Speaker.COLLECTOR
        for part in turn.thought.split("; ")
        if part.startswith("veto ")
    )
    # the planner sizes plans on the stage's ask (arrears, balance, settlement), so fewer of its
    # proposals fall outside policy than when every plan was on the balance; both still fire
    assert notes["veto over_concedes"] > 20 and notes["veto outside_policy"] > 10
    others = [t for t in mixed_run if t.strategy != StrategyName.PLAN_AND_JUDGE]
    assert not any("veto " in turn.thought for t in others for turn in t.turns)  # only a judge vetoes
    for t in judged:  # whatever the planner proposed, only in-policy offers were spoken
        for turn in t.turns:
            if turn.speaker is Speaker.COLLECTOR and turn.offer is not None:
                assert t.policy.allows(turn.offer, t.case)


def test_strategies_differ_in_simulated_calls(mixed_run):
    first_full, escalations, deals = Counter(), Counter(), Counter()
    for t in mixed_run:
        first = next((turn.offer for turn in t.turns if turn.act is CollectorAct.OFFER_PLAN), None)
        if first is not None:
            first_full[t.strategy] += first.count == 0
        escalations[t.strategy] += t.termination is Termination.ESCALATION
        deals[t.strategy] += t.agreement is not None
    assert first_full[StrategyName.FIRM] > 30 and first_full[StrategyName.EMPATHETIC] == 0
    assert escalations[StrategyName.FIRM] > 2 * escalations[StrategyName.EMPATHETIC]
    assert deals[StrategyName.PLAN_AND_JUDGE] > deals[StrategyName.POLICY_LADDER]


def test_a_concession_never_raises_the_ask_in_simulated_calls(mixed_run):
    """Every CONCEDE asks no more than the offer before it: total, payment now, each installment."""
    conceded = 0
    for t in mixed_run:
        last = None
        for turn in t.turns:
            if (
                turn.speaker is not Speaker.COLLECTOR
                or turn.offer is None
                or turn.act is CollectorAct.CONFIRM_AGREEMENT
            ):
                continue
            if turn.act is CollectorAct.CONCEDE and last is not None:
                conceded += 1
                assert asks_no_more(turn.offer, last), (t.dialogue_id, turn.index, last, turn.offer)
            last = turn.offer
    assert conceded > 50

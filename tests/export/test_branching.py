"""Branching decides what a DPO pair teaches: where it branches, what it tries, which reply wins.

Unit checks on hand-built turns and branch sets (ties, decision points by act, sized plans),
and on real scripted dialogues (a dispute point's chosen reply is the lawful stop).
"""

from __future__ import annotations

import pytest

from debtsim.branching import (
    Branch,
    Brancher,
    BranchSet,
    DecisionPoint,
    NoPair,
    best_and_worst,
    decision_turns,
)
from debtsim.branching.moves import alternatives, payment_asks, sized_plans
from debtsim.branching.pair import why_no_pair
from debtsim.export.preference import reward
from scenarios import CollectorAct, DebtorAct, plan_offer
from scenarios.budget import Budget
from scenarios.strategies import Evidence
from simulator.backends import make_backend
from simulator.context import Role
from simulator.dialogue import build_context, plan_dialogue, run_dialogue
from simulator.graph import build_graph
from simulator.transcript import Speaker, Termination, Turn

ALL_POINTS = list(DecisionPoint)


def turn(index: int, act, budget: Budget | None = None) -> Turn:
    who = Speaker.COLLECTOR if isinstance(act, CollectorAct) else Speaker.DEBTOR
    return Turn(index=index, speaker=who, act=act, text="", clean_text="", budget=budget)


def branch(reply: str, reward: float) -> Branch:
    return Branch(
        source="s", act="offer_plan", offer=None, reply=reply, reward=reward, termination=Termination.REFUSAL
    )


def branch_set(*rewards: float) -> BranchSet:
    branches = [branch(f"reply {i}", r) for i, r in enumerate(rewards)]
    return BranchSet(dialogue_id="d", point=DecisionPoint.FIRST_OFFER, turn=6, prefix=[], branches=branches)


def test_a_shared_best_reward_or_a_tie_makes_no_pair() -> None:
    assert best_and_worst(branch_set(0.0, 0.0, 0.0), 0.05) is None  # nothing agreed anywhere
    assert why_no_pair(branch_set(0.7, 0.7, 0.1), 0.05) is NoPair.TIED  # two replies share the top
    assert why_no_pair(branch_set(0.7, 0.68), 0.05) is NoPair.BELOW_MARGIN
    pair = best_and_worst(branch_set(0.2, 0.7, 0.1, 0.1), 0.05)  # a tie at the bottom is fine
    assert pair is not None and pair.chosen.reply == "reply 1" and pair.rejected.reply == "reply 2"
    assert pair.margin == pytest.approx(0.6)


OPENING = [
    turn(0, CollectorAct.GREET),
    turn(1, DebtorAct.ANSWER),
    turn(2, CollectorAct.VERIFY_IDENTITY),
    turn(3, DebtorAct.PROVIDE_IDENTITY),
    turn(4, CollectorAct.INFORM_DEBT),
]


def test_decision_points_are_found_by_act() -> None:
    budget = Budget(monthly_income=900.0, essential_expenses=800.0, other_debt_payments=0.0, savings=50.0)
    turns = [
        *OPENING,
        turn(5, DebtorAct.EXPLAIN_REASON),
        turn(6, CollectorAct.OFFER_PLAN),
        turn(7, DebtorAct.COUNTER_OFFER),
        turn(8, CollectorAct.CONCEDE),
        turn(9, DebtorAct.DISCLOSE_BUDGET, budget),
        turn(10, CollectorAct.CONCEDE),
    ]
    assert decision_turns(turns, ALL_POINTS, hardship=True) == {
        6: DecisionPoint.FIRST_OFFER,  # first offer and the answer to a hardship explanation: one branch
        8: DecisionPoint.AFTER_FIRST_REJECTION,
    }
    assert decision_turns(turns, [DecisionPoint.HARDSHIP, DecisionPoint.COUNTER_OFFER], hardship=True) == {
        6: DecisionPoint.HARDSHIP,
        8: DecisionPoint.COUNTER_OFFER,
    }
    # a strategic defaulter's reason is no hardship disclosure: its budget is the first one
    assert decision_turns(turns, [DecisionPoint.HARDSHIP], hardship=False) == {10: DecisionPoint.HARDSHIP}
    pleaded = [*OPENING, turn(5, DebtorAct.PLEAD), turn(6, CollectorAct.EMPATHIZE)]
    assert decision_turns(pleaded, [DecisionPoint.HARDSHIP], hardship=False) == {6: DecisionPoint.HARDSHIP}


def test_a_dispute_is_a_point_only_when_the_call_was_open_before_it() -> None:
    disputed = [*OPENING, turn(5, DebtorAct.DISPUTE), turn(6, CollectorAct.RECORD_DISPUTE)]
    assert decision_turns(disputed, ALL_POINTS) == {6: DecisionPoint.DISPUTE}
    unverified = [*OPENING[:3], turn(3, DebtorAct.DISPUTE), turn(4, CollectorAct.RECORD_DISPUTE)]
    assert decision_turns(unverified, ALL_POINTS) == {}
    ceased = [*OPENING, turn(5, DebtorAct.REQUEST_CEASE), turn(6, CollectorAct.ACKNOWLEDGE_CEASE)]
    assert decision_turns([*ceased[:-1], *disputed[5:]], ALL_POINTS) == {}


def context(make_config, index: int = 0):
    config = make_config(f"n_dialogues={index + 1}")
    return build_context(
        config, plan_dialogue(config, config.grid().cells(), index), make_backend(config.llm, "en")
    )


def test_plans_sized_to_the_disclosed_budget_are_tried_first(make_config) -> None:
    ctx = context(make_config)
    out = ctx.case.outstanding
    budget = Budget(monthly_income=3000.0, essential_expenses=1800.0, other_debt_payments=0.0, savings=0.0)
    heard = Evidence(
        greeted=True,
        identity_verified=True,
        debt_informed=True,
        turn_index=9,
        turns_left=20,
        last_debtor_act=DebtorAct.DISCLOSE_BUDGET,
        budget=budget,
        offers=(plan_offer(out, 0.0, out, 0, 7),),
    )
    sized = sized_plans(heard, ctx)
    assert sized, "no plan sized to the budget"
    assert (
        sized[0][0] == "hardship"
    )  # the policy's answer to the budget (scenarios.strategies.hardship) first
    for _, offer in sized:
        assert offer.count > 0 and budget.allows(offer.amount_now, offer.installment)
        assert ctx.policy.allows(offer, ctx.case)
    tried = alternatives(heard, ctx, 9, 5)
    original = ctx.strategy.decide(heard, ctx.case, ctx.policy, ctx.rng(Role.COLLECTOR, 9))
    new = [f"sized:{how}" for how, offer in sized[:2] if offer != original.offer]
    assert [a.source for a in tried[: len(new)]] == new  # tried before any strategy's or sampled move
    disputed = heard.model_copy(update={"last_debtor_act": DebtorAct.DISPUTE})
    assert alternatives(disputed, ctx, 9, 5) == []  # the law decides: nothing to prefer
    asks = payment_asks(disputed, ctx, 5)
    assert {a.move.act for a in asks} == {CollectorAct.HOLD_FIRM, CollectorAct.WARN_CONSEQUENCES}


def test_at_a_dispute_the_lawful_stop_is_chosen(make_config) -> None:
    """Branch real disputes: every payment ask after one loses to recording it and stopping."""
    config = make_config("n_dialogues=200", "seed=5")
    backend, graph, cells = make_backend(config.llm, "en"), build_graph(), config.grid().cells()
    brancher = Brancher(reward, [DecisionPoint.DISPUTE], 4)
    branched = 0
    for index in range(config.n_dialogues):
        plan = plan_dialogue(config, cells, index)
        t = run_dialogue(graph, build_context(config, plan, backend), config.run_id(), plan.cell.key)
        if not decision_turns(t.turns, [DecisionPoint.DISPUTE]):
            continue
        _, sets = brancher.branch(build_context(config, plan, backend), config.run_id(), plan.cell.key)
        (found,) = sets
        pair = best_and_worst(found, 0.05)
        assert pair is not None and pair.chosen.act == CollectorAct.RECORD_DISPUTE
        assert pair.chosen.source.startswith("original") and pair.rejected.reward < 0
        assert all(b.reward < pair.chosen.reward for b in found.branches if b is not pair.chosen)
        branched += 1
        if branched == 3:
            break
    assert branched, "no dispute after verification in 200 calls"


def test_a_counter_offer_is_met_by_a_plan_it_can_carry(make_config) -> None:
    """Past early arrears, the answer to "I can pay N a month" first tries the firmest rung N carries."""
    ctx = next(c for c in (context(make_config, i) for i in range(8)) if not c.case.current_possible)
    out = ctx.case.outstanding
    heard = Evidence(
        greeted=True,
        identity_verified=True,
        debt_informed=True,
        turn_index=9,
        turns_left=20,
        last_debtor_act=DebtorAct.COUNTER_OFFER,
        counters=1,
        rejections=1,
        stated_lump=0.0,
        stated_installment=round(out / 10),
        offers=(plan_offer(out, 0.0, out, 0, 7),),
    )
    first = alternatives(heard, ctx, 9, 5)[0]
    assert first.source == "sized:fit" and first.move.act is CollectorAct.CONCEDE
    offer = first.move.offer
    assert offer.count > 0 and offer.amount_now <= 0.01 and offer.installment <= round(out / 10) + 0.01

"""The alternative collector moves tried at a decision point.

First plans sized to what the debtor said about its situation (`sized_plans`): the
policy's hardship answer to a disclosed budget (reduced payments with fees frozen, token
payments), the firmest rung its budget (or, before one, the amounts it named) can carry,
the firmest plan under the creditor's hardship programme (longer, smaller payments, no
down payment), and — when it said it cannot pay but named nothing — the smallest
payments the policy has. Without these a plan could only win where some strategy happened to offer
one, and a lump sum the debtor cannot raise was the only "firm" choice tried. Then what
each other strategy would do here (`make_strategy`, same evidence, same per-turn rng),
then moves sampled from a pool every strategy could make (another rung of the policy
ladder, a warning, a question, empathy, holding the standing offer), in an order drawn
from a generator keyed by (seed, dialogue, turn) — so the same dialogue always gets the
same alternatives. All moves are inside policy.

Where the law decides the move (after a halting debtor act, or before the identity is
verified) `alternatives` offers nothing: nothing there is the collector's to prefer. The
dispute decision point is the one place that asks for such moves on purpose:
`payment_asks` are what a collector must not say after a dispute, tried so that the
lawful stop is seen to beat them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from scenarios import CollectorAct, CreditorPolicy, DebtCase, Offer
from scenarios.acts import HALTING_ACTS
from scenarios.offer import plan_offer
from scenarios.strategies import CollectorMove, Evidence, StrategyName, Tone, ladder, make_strategy
from scenarios.strategies.base import rung_of
from scenarios.strategies.hardship import hardship_offer
from scenarios.strategies.planner import FIRST_DUE_DAYS, fit_offer
from simulator.context import DialogueContext, Role

BRANCH_STREAM = 7
"""Stream id of the generator that orders sampled moves; part of the seed, never renumber."""
PLAIN_ACTS = (CollectorAct.WARN_CONSEQUENCES, CollectorAct.PROBE_REASON, CollectorAct.EMPATHIZE)
SIZED = 2
"""Sized plans tried first at a point (the rest of the K slots go to strategies and samples)."""


@dataclass(frozen=True, slots=True)
class Alternative:
    source: str  # "strategy:<name>", "sized:<how>" or "sampled:<act>"
    move: CollectorMove
    tone: Tone


def move_key(move: CollectorMove) -> tuple:
    return (move.act, move.offer)


def sampled_pool(ev: Evidence, ctx: DialogueContext) -> list[CollectorMove]:
    rungs = ladder(ctx.case, ctx.policy)
    current = rung_of(ev.last_offer, rungs)
    act = CollectorAct.OFFER_PLAN if not ev.offers else CollectorAct.CONCEDE
    pool = [CollectorMove(act=act, offer=r, thought="branch") for i, r in enumerate(rungs) if i > current]
    pool += [CollectorMove(act=a, thought="branch") for a in PLAIN_ACTS]
    if ev.last_offer is not None:
        pool.append(CollectorMove(act=CollectorAct.HOLD_FIRM, offer=ev.last_offer, thought="branch"))
    return pool


def stated_means(ev: Evidence) -> tuple[float, float] | None:
    """(lump, installment) the debtor's own words allow: its disclosed budget, else the amounts it named."""
    if ev.budget is not None:
        return ev.budget.affordable_lump, ev.budget.affordable_installment
    if ev.stated_installment is not None:
        return ev.stated_lump or 0.0, ev.stated_installment
    return None


def as_hardship(offer: Offer, policy: CreditorPolicy, case: DebtCase) -> Offer | None:
    """The offer marked as a hardship arrangement where only the hardship limits allow it; None if neither does."""
    if policy.allows(offer, case):
        return offer
    marked = offer.model_copy(update={"hardship": True})
    return marked if policy.allows(marked, case) else None


def longest_plans(case: DebtCase, policy: CreditorPolicy) -> list[Offer]:
    """The smallest payments the policy has: its softest rung, then the hardship programme's longest plan.

    While the account can be brought current the ask is the arrears (`case.current_possible`): only
    the stage's own rungs, never a plan on the whole balance.
    """
    rungs = ladder(case, policy)
    out = [rungs[-1]] if rungs else []
    if case.current_possible:
        return out
    hardship = policy.for_hardship()
    due = min(FIRST_DUE_DAYS, policy.latest_first_payment_days)
    if hardship.max_installments > 0:
        out.append(plan_offer(case.outstanding, policy.max_waiver(case), 0.0, hardship.max_installments, due))
    return out


def fitting_rung(case: DebtCase, policy: CreditorPolicy, lump: float, installment: float) -> Offer | None:
    """The firmest rung of the stage's ladder that the means carry."""
    for rung in ladder(case, policy):
        if rung.amount_now <= lump + 0.01 and rung.installment <= installment + 0.01:
            return rung
    return None


def sized_plans(ev: Evidence, ctx: DialogueContext) -> list[tuple[str, Offer]]:
    """Plans sized to what the debtor said, firmest first: (how, offer), each inside policy.

    With a disclosed budget, first the policy's hardship answer to it (`hardship_offer`: a rung
    the budget carries, a reduced plan with fees frozen, token payments); then the firmest rung
    the stated means carry, and (past early arrears) the firmest plan on the balance they carry
    under the hardship programme's longer limits; with no amounts, the smallest payments the
    policy has (`longest_plans`).
    """
    case, policy = ctx.case, ctx.policy
    means = stated_means(ev)
    found: list[tuple[str, Offer | None]] = []
    if ev.budget is not None:
        found.append(("hardship", hardship_offer(ev, case, policy)))
    if means is not None:
        lump, installment = means
        found.append(("fit", fitting_rung(case, policy, lump, installment)))
        if not case.current_possible:
            found.append(("fit_hardship", fit_offer(case, policy.for_hardship(), lump, installment)))
    if all(offer is None for _, offer in found):
        found += [("longest", offer) for offer in longest_plans(case, policy)]
    kept: list[tuple[str, Offer]] = []
    for how, offer in found:
        offer = as_hardship(offer, policy, case) if offer is not None else None
        if offer is not None and offer not in [o for _, o in kept]:
            kept.append((how, offer))
    return kept


def hardship_heard(ev: Evidence) -> bool:
    """Whether the debtor has told the collector it cannot pay as asked (a plea, a counter, a budget)."""
    return ev.budget is not None or ev.pleas > 0 or ev.counters > 0 or ev.reason_known


def alternatives(ev: Evidence, ctx: DialogueContext, turn: int, k: int) -> list[Alternative]:
    """Up to `k` moves at `turn`, each different from the original strategy's and from each other."""
    if ev.last_debtor_act in HALTING_ACTS or not ev.identity_verified:
        return []
    original = ctx.strategy.decide(ev, ctx.case, ctx.policy, ctx.rng(Role.COLLECTOR, turn))
    seen, found = {move_key(original)}, []

    def add(source: str, move: CollectorMove, tone: Tone) -> None:
        if move_key(move) not in seen:
            seen.add(move_key(move))
            found.append(Alternative(source, move, tone))

    if hardship_heard(ev):
        act = CollectorAct.OFFER_PLAN if not ev.offers else CollectorAct.CONCEDE
        for how, offer in sized_plans(ev, ctx)[:SIZED]:
            add(
                f"sized:{how}",
                CollectorMove(act=act, offer=offer, thought="branch: sized"),
                ctx.strategy.tone,
            )
    for name in StrategyName:
        if name == ctx.strategy.name:
            continue
        strategy = make_strategy(name)
        add(
            f"strategy:{name}",
            strategy.decide(ev, ctx.case, ctx.policy, ctx.rng(Role.COLLECTOR, turn)),
            strategy.tone,
        )
    pool = sampled_pool(ev, ctx)
    order = np.random.default_rng([ctx.seed, ctx.index, BRANCH_STREAM, turn]).permutation(len(pool))
    for i in order:
        add(f"sampled:{pool[int(i)].act}", pool[int(i)], ctx.strategy.tone)
    return found[:k]


def payment_asks(ev: Evidence, ctx: DialogueContext, k: int) -> list[Alternative]:
    """What must not follow a dispute: the standing offer held (or the first rung offered), and a warning.

    Each presses for payment after the debtor disputed (`collect_after_dispute` in every
    jurisdiction), so its rollout carries the reward's conduct penalty.
    """
    if not ev.identity_verified:
        return []
    rungs = ladder(ctx.case, ctx.policy)
    asks = []
    if ev.last_offer is not None:
        asks.append(
            CollectorMove(act=CollectorAct.HOLD_FIRM, offer=ev.last_offer, thought="branch: unlawful")
        )
    elif rungs:
        asks.append(CollectorMove(act=CollectorAct.OFFER_PLAN, offer=rungs[0], thought="branch: unlawful"))
    asks.append(CollectorMove(act=CollectorAct.WARN_CONSEQUENCES, thought="branch: unlawful"))
    return [Alternative(f"unlawful:{m.act}", m, ctx.strategy.tone) for m in asks][:k]

"""Plan-and-judge: a planner sizes the offer to what the debtor revealed, a judge vetoes.

The planner estimates capacity from the amounts the debtor named (shaded up a
little at first, since debtors understate) and proposes the smallest concession
that fits. The judge rejects a proposal that breaks policy, concedes more than a
firmer fitting plan would, or repeats a refused offer; a vetoed proposal falls
back to the next firmer option or to a factual statement of consequences.
"""

from __future__ import annotations

import numpy as np

from scenarios.acts import CollectorAct, DebtorAct
from scenarios.case import DebtCase
from scenarios.offer import Offer
from scenarios.policy import CreditorPolicy
from scenarios.strategies.base import FINAL_TURNS, CollectorMove, Strategy, Tone, ladder, rung_of
from scenarios.strategies.evidence import Evidence
from scenarios.strategies.planner import candidate_offers, fit_offer

FIRST_MARKUP = 1.1
PRESSURE_AFTER = 2
GIVE_UP_AFTER = 6
MAX_HOLDS = 2


def estimate_capacity(ev: Evidence, case: DebtCase) -> tuple[float, float] | None:
    """(lump, installment) the debtor can likely carry, or None when nothing was revealed."""
    if ev.stated_installment is None:
        return None
    markup = FIRST_MARKUP if ev.rejections <= 1 else 1.0
    return (ev.stated_lump or 0.0) * markup, ev.stated_installment * markup


def judge(proposal: Offer, ev: Evidence, case: DebtCase, policy: CreditorPolicy) -> str | None:
    """Why the proposal is vetoed, or None when it passes."""
    if not policy.allows(proposal, case):
        return "outside policy"
    if proposal in ev.offers[:-1] and proposal != ev.last_offer:
        return "already refused"
    estimate = estimate_capacity(ev, case)
    if estimate is not None:
        firmer = fit_offer(case, policy, *estimate)
        if firmer is not None and (proposal.waiver, proposal.count) > (firmer.waiver, firmer.count):
            return "over-concedes"
    return None


class PlanAndJudge(Strategy):
    name = "plan_and_judge"
    tone = Tone.NEUTRAL

    def negotiate(
        self, ev: Evidence, case: DebtCase, policy: CreditorPolicy, rng: np.random.Generator
    ) -> CollectorMove:
        if not ev.reason_known and ev.reason_asked < 1 and ev.turns_left > FINAL_TURNS:
            return CollectorMove(act=CollectorAct.PROBE_REASON)
        if ev.reason_known and not ev.empathized and ev.last_debtor_act is DebtorAct.EXPLAIN_REASON:
            return CollectorMove(act=CollectorAct.EMPATHIZE)
        if ev.rejections + ev.stalls >= GIVE_UP_AFTER:
            return CollectorMove(act=CollectorAct.CLOSE, thought="no affordable plan found")
        if not ev.warned and (ev.stalls >= PRESSURE_AFTER or ev.holds >= MAX_HOLDS):
            return CollectorMove(act=CollectorAct.WARN_CONSEQUENCES, thought="stalling: state consequences")
        if ev.holds >= MAX_HOLDS:
            return CollectorMove(act=CollectorAct.CLOSE, thought="held twice, no movement")
        proposal = self.plan(ev, case, policy)
        veto = judge(proposal, ev, case, policy)
        if veto is not None:
            return CollectorMove(act=CollectorAct.HOLD_FIRM, offer=ev.last_offer or proposal, thought=veto)
        if proposal == ev.last_offer:
            return CollectorMove(act=CollectorAct.HOLD_FIRM, offer=proposal, thought="plan unchanged")
        act = CollectorAct.CONCEDE if ev.offers else CollectorAct.OFFER_PLAN
        return CollectorMove(act=act, offer=proposal, thought="smallest concession that fits")

    def plan(self, ev: Evidence, case: DebtCase, policy: CreditorPolicy) -> Offer:
        estimate = estimate_capacity(ev, case)
        rungs = ladder(case, policy)
        if estimate is None:
            step = rung_of(ev.last_offer, rungs) + 1 if ev.offers else 0
            return rungs[min(step, len(rungs) - 1)]
        fit = fit_offer(case, policy, *estimate)
        if fit is not None:
            return fit
        softest = candidate_offers(case, policy, estimate[0])
        return softest[-1] if softest else rungs[-1]

"""Empathetic: listen first, acknowledge hardship, offer gentle plans early.

It recovers often but tends to give more than needed: it jumps two rungs per
rejection and meets any counter-offer as stated. It opens with a plan in installments
and asks for the debtor's budget as soon as an explained hardship meets a refusal.
"""

from __future__ import annotations

import numpy as np

from scenarios.acts import CollectorAct, DebtorAct
from scenarios.case import DebtCase
from scenarios.offer import Offer
from scenarios.policy import CreditorPolicy
from scenarios.strategies.base import FINAL_TURNS, CollectorMove, Strategy, StrategyName, Tone, ladder
from scenarios.strategies.evidence import Evidence
from scenarios.strategies.planner import fit_offer

FIRST_RUNG = 2
MAX_REJECTIONS = 5


def gentle_opening(rungs: tuple[Offer, ...]) -> Offer:
    """The first plan in installments from rung `FIRST_RUNG` on: never a lump sum to open with
    (on a charged-off account, the settlement at the floor spread over months)."""
    return next((r for r in rungs[FIRST_RUNG:] if r.count > 0), rungs[min(FIRST_RUNG, len(rungs) - 1)])


class Empathetic(Strategy):
    name = StrategyName.EMPATHETIC
    tone = Tone.WARM

    def wants_budget(self, ev: Evidence, case: DebtCase, policy: CreditorPolicy) -> bool:
        """Listens first: also asks for the budget once an explained hardship meets a refused offer."""
        if super().wants_budget(ev, case, policy):
            return True
        heard_hardship = ev.reason_known and ev.last_debtor_act in (DebtorAct.REJECT, DebtorAct.STALL)
        return (
            self.asks_budget
            and ev.budget is None
            and not ev.budget_asked
            and heard_hardship
            and bool(ev.offers)
        )

    def negotiate(
        self, ev: Evidence, case: DebtCase, policy: CreditorPolicy, rng: np.random.Generator
    ) -> CollectorMove:
        if not ev.reason_known and ev.reason_asked < 2 and ev.turns_left > FINAL_TURNS:
            return CollectorMove(act=CollectorAct.PROBE_REASON)
        if ev.reason_known and not ev.empathized:
            return CollectorMove(act=CollectorAct.EMPATHIZE)
        if ev.rejections + ev.stalls >= MAX_REJECTIONS:
            return CollectorMove(act=CollectorAct.CLOSE, thought="no plan works today")
        rungs = ladder(case, policy)
        if ev.last_debtor_act is DebtorAct.COUNTER_OFFER and ev.stated_installment is not None:
            fit = fit_offer(case, policy, ev.stated_lump or 0.0, ev.stated_installment, ev.last_offer)
            if fit is not None and fit != ev.last_offer:
                return CollectorMove(act=CollectorAct.CONCEDE, offer=fit, thought="meet their number")
        if not ev.offers:
            return CollectorMove(act=CollectorAct.OFFER_PLAN, offer=gentle_opening(rungs))
        return self.next_rung(ev, rungs, step=2)

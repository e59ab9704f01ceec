"""Empathetic: listen first, acknowledge hardship, offer gentle plans early.

It recovers often but tends to give more than needed: it jumps two rungs per
rejection and meets any counter-offer as stated.
"""

from __future__ import annotations

import numpy as np

from scenarios.acts import CollectorAct, DebtorAct
from scenarios.case import DebtCase
from scenarios.policy import CreditorPolicy
from scenarios.strategies.base import FINAL_TURNS, CollectorMove, Strategy, StrategyName, Tone, ladder
from scenarios.strategies.evidence import Evidence
from scenarios.strategies.planner import fit_offer

FIRST_RUNG = 2
MAX_REJECTIONS = 5


class Empathetic(Strategy):
    name = StrategyName.EMPATHETIC
    tone = Tone.WARM

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
            fit = fit_offer(case, policy, ev.stated_lump or 0.0, ev.stated_installment)
            if fit is not None and fit != ev.last_offer:
                return CollectorMove(act=CollectorAct.CONCEDE, offer=fit, thought="meet their number")
        if not ev.offers:
            return CollectorMove(act=CollectorAct.OFFER_PLAN, offer=rungs[min(FIRST_RUNG, len(rungs) - 1)])
        return self.next_rung(ev, rungs, step=2)

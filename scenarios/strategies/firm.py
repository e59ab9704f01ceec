"""Firm: state the debt, ask for what the stage asks in full, hold, then escalate.

Concedes little (never waives fees), states consequences factually once the
debtor resists, and refers the account onward after repeated refusals. Works
on debtors who can pay and stall; loses debtors who cannot.
"""

from __future__ import annotations

import numpy as np

from scenarios.acts import CollectorAct, DebtorAct
from scenarios.case import DebtCase
from scenarios.policy import CreditorPolicy
from scenarios.strategies.base import CollectorMove, Strategy, StrategyName, Tone, ladder, rung_of
from scenarios.strategies.evidence import Evidence
from scenarios.strategies.planner import fit_offer

SOFTEST_RUNG = 2
ESCALATE_AFTER = 4


class Firm(Strategy):
    name = StrategyName.FIRM
    tone = Tone.FIRM
    asks_budget = False  # skips income and expenditure; still never asks above a disclosed budget

    def negotiate(
        self, ev: Evidence, case: DebtCase, policy: CreditorPolicy, rng: np.random.Generator
    ) -> CollectorMove:
        rungs = ladder(case, policy)[: SOFTEST_RUNG + 1]
        if not ev.offers:
            return CollectorMove(act=CollectorAct.OFFER_PLAN, offer=rungs[0])
        if ev.rejections + ev.stalls >= ESCALATE_AFTER:
            return CollectorMove(act=CollectorAct.ESCALATE, thought="repeated refusal")
        if not ev.warned and ev.rejections + ev.stalls >= 1:
            return CollectorMove(act=CollectorAct.WARN_CONSEQUENCES)
        if ev.last_debtor_act is DebtorAct.COUNTER_OFFER and ev.stated_installment is not None:
            fit = fit_offer(case, policy, ev.stated_lump or 0.0, ev.stated_installment, ev.last_offer)
            if fit is not None and fit.waiver == 0 and rung_of(fit, rungs) != 0 and fit != ev.last_offer:
                return CollectorMove(act=CollectorAct.CONCEDE, offer=fit)
        if ev.last_collector_act is CollectorAct.HOLD_FIRM:
            return self.next_rung(ev, rungs, step=1)
        return CollectorMove(act=CollectorAct.HOLD_FIRM, offer=ev.last_offer)

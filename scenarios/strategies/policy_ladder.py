"""Policy ladder: one rung softer per refusal, from full payment to the floor.

The textbook escalation of offers; predictable and never outside policy, but
blind to what the debtor says it can pay.
"""

from __future__ import annotations

import numpy as np

from scenarios.acts import CollectorAct
from scenarios.case import DebtCase
from scenarios.policy import CreditorPolicy
from scenarios.strategies.base import (
    FINAL_TURNS,
    CollectorMove,
    Strategy,
    StrategyName,
    Tone,
    ladder,
    rung_of,
)
from scenarios.strategies.evidence import Evidence


class PolicyLadder(Strategy):
    name = StrategyName.POLICY_LADDER
    tone = Tone.NEUTRAL

    def negotiate(
        self, ev: Evidence, case: DebtCase, policy: CreditorPolicy, rng: np.random.Generator
    ) -> CollectorMove:
        if not ev.reason_known and ev.reason_asked < 1 and ev.turns_left > FINAL_TURNS:
            return CollectorMove(act=CollectorAct.PROBE_REASON)
        rungs = ladder(case, policy)
        at_floor = rung_of(ev.last_offer, rungs) == len(rungs) - 1
        if at_floor and ev.last_collector_act is CollectorAct.HOLD_FIRM:
            return CollectorMove(act=CollectorAct.CLOSE, thought="floor refused")
        return self.next_rung(ev, rungs, step=1)

"""Plan-and-judge: a planner proposes the next offer, an independent judge may veto it.

The planner (`capacity_planner.py`) sizes a plan to its own estimate of the
debtor's capacity, blind to policy; the judge (`judge.py`) checks each proposal
against creditor policy and against the evidence of the call, and a vetoed
proposal goes back to the planner with the judge's limits until one passes or
the judge rules nothing out can. Every veto is written into the move's private
thought (`veto <reason>: ...`) and kept on the move, so vetoes can be counted.
"""

from __future__ import annotations

import numpy as np

from scenarios.acts import CollectorAct, DebtorAct
from scenarios.case import DebtCase
from scenarios.offer import Offer
from scenarios.policy import CreditorPolicy
from scenarios.strategies.asks import asks_no_more, capped
from scenarios.strategies.base import FINAL_TURNS, CollectorMove, Strategy, StrategyName, Tone, concedes
from scenarios.strategies.capacity_planner import estimate_capacity, size_plan
from scenarios.strategies.evidence import Evidence
from scenarios.strategies.move_judge import NO_LIMITS, Veto, review

PRESSURE_AFTER = 2
GIVE_UP_AFTER = 6
MAX_HOLDS = 2
MAX_ROUNDS = 5
"""Proposals the planner may make per turn; each veto tightens the limits, so few are needed."""


def deliberate(ev: Evidence, case: DebtCase, policy: CreditorPolicy) -> tuple[Offer | None, tuple[Veto, ...]]:
    """The first proposal the judge lets through (None if it vetoes them all), and the vetoes on the way."""
    estimate = estimate_capacity(ev, case)
    limits = NO_LIMITS
    vetoes: list[Veto] = []
    for _ in range(MAX_ROUNDS):
        proposal = size_plan(estimate, case, limits)
        veto = review(proposal, ev, case, policy)
        if veto is None:
            return proposal, tuple(vetoes)
        vetoes.append(veto)
        if veto.limits is None:
            break
        tightened = limits.tighten(veto.limits)
        if tightened == limits:
            break  # the planner cannot move inside these limits
        limits = tightened
    return None, tuple(vetoes)


class PlanAndJudge(Strategy):
    name = StrategyName.PLAN_AND_JUDGE
    tone = Tone.NEUTRAL

    def negotiate(
        self, ev: Evidence, case: DebtCase, policy: CreditorPolicy, rng: np.random.Generator
    ) -> CollectorMove:
        if not ev.reason_known and ev.reason_asked < 1 and ev.turns_left > FINAL_TURNS:
            return CollectorMove(act=CollectorAct.PROBE_REASON)
        if not ev.empathized and ev.last_debtor_act in (DebtorAct.EXPLAIN_REASON, DebtorAct.PLEAD):
            return CollectorMove(
                act=CollectorAct.EMPATHIZE, thought="acknowledge the hardship before sizing a plan"
            )
        if ev.rejections + ev.stalls >= GIVE_UP_AFTER:
            return CollectorMove(act=CollectorAct.CLOSE, thought="no affordable plan found")
        if not ev.warned and (ev.stalls >= PRESSURE_AFTER or ev.holds >= MAX_HOLDS):
            return CollectorMove(act=CollectorAct.WARN_CONSEQUENCES, thought="stalling: state consequences")
        if ev.holds >= MAX_HOLDS:
            return CollectorMove(act=CollectorAct.CLOSE, thought="held twice, no movement")
        proposal, vetoes = deliberate(ev, case, policy)
        if proposal is not None:
            proposal = capped(proposal, ev.last_offer)
            if not asks_no_more(proposal, ev.last_offer):
                proposal = None  # a move that raised any term would be no concession: hold instead
        return self.speak_plan(proposal, vetoes, ev)

    def speak_plan(self, proposal: Offer | None, vetoes: tuple[Veto, ...], ev: Evidence) -> CollectorMove:
        notes = [v.note() for v in vetoes]
        if proposal is None or proposal == ev.last_offer:
            standing = ev.last_offer
            if standing is None:
                return CollectorMove(
                    act=CollectorAct.CLOSE, thought="; ".join([*notes, "no plan passes"]), vetoes=vetoes
                )
            why = "judge vetoed every candidate" if proposal is None else "plan unchanged"
            return CollectorMove(
                act=CollectorAct.HOLD_FIRM, offer=standing, thought="; ".join([*notes, why]), vetoes=vetoes
            )
        act = CollectorAct.CONCEDE if concedes(proposal, ev.last_offer) else CollectorAct.OFFER_PLAN
        thought = "; ".join([*notes, "smallest concession the judge allows"])
        return CollectorMove(act=act, offer=proposal, thought=thought, vetoes=vetoes)

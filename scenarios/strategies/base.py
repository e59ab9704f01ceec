"""The contract every collector strategy follows, and the call flow they share.

A strategy decides the collector's next move from the evidence, the case and
the policy. The opening (greeting, identity check, disclosure) and the handling
of unclear lines, disputes, wrong parties and acceptance are the same for every
strategy and live here; what differs is `negotiate`, the choice of offers. Every
offer a strategy makes goes through `CreditorPolicy.allows` first.

What the law decides is never a strategy's choice, so it lives here too:
- a halting debtor act (a dispute, an identity-theft report, a cease request, an
  attorney, a bankruptcy: `HALTING_ACTS`) is answered at once with its stopping
  act (`STOPPING_ACTS`), which records it, asks for nothing and ends the call — no
  offer, warning or confirmation can follow it;
- a request for proof gets the debt's details once; asked again, it is recorded
  as a dispute (written verification follows);
- nothing about the debt is said before the identity is verified: after one
  answer that does not match the file the collector asks again, after two it
  ends the call.
"""

from __future__ import annotations

import functools
from abc import ABC, abstractmethod
from collections.abc import Sequence
from enum import StrEnum

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from scenarios.acts import HALTING_ACTS, STOPPING_ACTS, CollectorAct, DebtorAct
from scenarios.case import DebtCase
from scenarios.offer import Offer, plan_offer
from scenarios.policy import CreditorPolicy
from scenarios.strategies.evidence import Evidence, is_event
from scenarios.strategies.move_judge import Veto


class StrategyName(StrEnum):
    EMPATHETIC = "empathetic"
    FIRM = "firm"
    POLICY_LADDER = "policy_ladder"
    PLAN_AND_JUDGE = "plan_and_judge"


class Tone(StrEnum):
    WARM = "warm"
    NEUTRAL = "neutral"
    FIRM = "firm"


class CollectorMove(BaseModel):
    model_config = ConfigDict(frozen=True)

    act: CollectorAct
    offer: Offer | None = None
    thought: str = ""
    vetoes: tuple[Veto, ...] = Field((), description="proposals a judge rejected before this move")


FIRST_DUE_DAYS = 7
MAX_MISMATCHES = 2
"""Identity answers that do not match the file after which the call ends without disclosure."""
FINAL_TURNS = 3
"""When this few turns remain, a strategy stops probing and makes its last offer or closes."""


@functools.lru_cache(maxsize=4096)
def ladder(case: DebtCase, policy: CreditorPolicy) -> tuple[Offer, ...]:
    """Offers from firmest to softest, all inside policy: the rungs strategies climb down (cached)."""
    outstanding = case.outstanding
    down = round(outstanding * policy.min_down_fraction, 2)
    max_waiver = policy.max_waiver(case)
    counts = sorted({c for c in (3, 6, policy.max_installments) if 0 < c <= policy.max_installments})
    due = min(FIRST_DUE_DAYS, policy.latest_first_payment_days)
    rungs = [plan_offer(outstanding, 0.0, outstanding, 0, due)]
    rungs += [plan_offer(outstanding, 0.0, down, c, due) for c in counts]
    if counts and max_waiver > 0:
        rungs.append(plan_offer(outstanding, round(max_waiver / 2, 2), down, counts[-1], due))
        rungs.append(plan_offer(outstanding, max_waiver, down, counts[-1], due))
    return tuple(r for r in rungs if policy.allows(r, case))


def concedes(new: Offer, old: Offer | None) -> bool:
    """Whether `new` asks less of the debtor than `old` in any term: a concession, not a new plan."""
    if old is None:
        return False
    return (
        new.waiver > old.waiver + 0.005
        or new.count > old.count
        or new.amount_now < old.amount_now - 0.005
        or new.first_due_days > old.first_due_days
    )


def rung_of(offer: Offer | None, rungs: Sequence[Offer]) -> int:
    if offer is None:
        return -1
    for index, rung in enumerate(rungs):
        if rung == offer:
            return index
    return -1


class Strategy(ABC):
    """A collector strategy: the shared call flow plus its own negotiation."""

    name: StrategyName
    tone: Tone

    def decide(
        self, ev: Evidence, case: DebtCase, policy: CreditorPolicy, rng: np.random.Generator
    ) -> CollectorMove:
        move = self.opening(ev) or self.reactive(ev, case)
        return move or self.negotiate(ev, case, policy, rng)

    def opening(self, ev: Evidence) -> CollectorMove | None:
        if not ev.greeted:
            return CollectorMove(act=CollectorAct.GREET)
        if ev.wrong_party:
            return CollectorMove(act=CollectorAct.APOLOGIZE_WRONG_PARTY)
        if ev.last_debtor_act in HALTING_ACTS:
            stop = STOPPING_ACTS[ev.last_debtor_act]
            return CollectorMove(
                act=stop, thought=f"{ev.last_debtor_act}: record it, ask for nothing, end the call"
            )
        if ev.last_unclear:
            if ev.clarifications >= 3:
                return CollectorMove(act=CollectorAct.CLOSE, thought="line too poor to continue")
            return CollectorMove(act=CollectorAct.CLARIFY)
        if not ev.identity_verified:
            return self.verify(ev)
        if not ev.debt_informed:
            return CollectorMove(act=CollectorAct.INFORM_DEBT)
        return None

    def verify(self, ev: Evidence) -> CollectorMove:
        """Ask for the identity check, or end the call when it cannot be passed: nothing is disclosed."""
        if ev.identity_mismatches >= MAX_MISMATCHES:
            return CollectorMove(act=CollectorAct.CLOSE, thought="identity did not match the file twice")
        if ev.identity_refusals >= 2 or ev.verify_asked >= 3:
            return CollectorMove(act=CollectorAct.CLOSE, thought="identity not verified: no disclosure")
        if ev.last_debtor_act is DebtorAct.IDENTITY_MISMATCH:
            return CollectorMove(
                act=CollectorAct.VERIFY_IDENTITY, thought="does not match the file: ask again"
            )
        return CollectorMove(act=CollectorAct.VERIFY_IDENTITY)

    def reactive(self, ev: Evidence, case: DebtCase) -> CollectorMove | None:
        act = ev.last_debtor_act
        if ev.confirmed or (ev.accepted and ev.confirmations >= 2):
            return CollectorMove(act=CollectorAct.CLOSE)
        if ev.accepted and ev.last_offer is not None:
            # the deal stands: confirm it (again, if the line dropped), never renegotiate
            return CollectorMove(act=CollectorAct.CONFIRM_AGREEMENT, offer=ev.last_offer)
        if act is DebtorAct.REQUEST_VERIFICATION:
            if ev.verification_given >= 1:
                return CollectorMove(
                    act=CollectorAct.RECORD_DISPUTE,
                    thought="asked for proof again: record it, verify in writing",
                )
            return CollectorMove(act=CollectorAct.PROVIDE_VERIFICATION)
        if is_event(act) and ev.last_collector_act is not CollectorAct.REDIRECT:
            return CollectorMove(act=CollectorAct.REDIRECT)
        if ev.turns_left <= 1:
            return CollectorMove(act=CollectorAct.CLOSE, thought="out of time")
        return None

    @abstractmethod
    def negotiate(
        self, ev: Evidence, case: DebtCase, policy: CreditorPolicy, rng: np.random.Generator
    ) -> CollectorMove:
        """Choose the next negotiation move once the opening is done."""

    def next_rung(self, ev: Evidence, rungs: Sequence[Offer], step: int) -> CollectorMove:
        """Move `step` rungs down from the last offer (first offer: rung `step - 1`)."""
        current = rung_of(ev.last_offer, rungs)
        target = min(current + step, len(rungs) - 1) if current >= 0 else min(step - 1, len(rungs) - 1)
        if current == len(rungs) - 1:
            return CollectorMove(act=CollectorAct.HOLD_FIRM, offer=rungs[-1], thought="at the floor")
        act = CollectorAct.OFFER_PLAN if not ev.offers else CollectorAct.CONCEDE
        return CollectorMove(act=act, offer=rungs[target])

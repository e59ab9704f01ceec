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

from abc import ABC, abstractmethod
from collections.abc import Sequence
from enum import StrEnum

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from scenarios.acts import HALTING_ACTS, STOPPING_ACTS, CollectorAct, DebtorAct
from scenarios.case import DebtCase
from scenarios.offer import Offer
from scenarios.policy import CreditorPolicy
from scenarios.strategies.asks import asks_no_more, stage_ladder
from scenarios.strategies.evidence import Evidence, is_event
from scenarios.strategies.hardship import (
    affordable,
    answer_act,
    answer_budget,
    hardship_offer,
    hardship_signal,
    in_difficulty,
)
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
REFER_AFTER_PLEAS = 2
"""Pleas after which free debt advice is signposted at once, not only before the call ends."""
MAX_SILENCES = 3
"""Silent turns after which the collector ends the call; before that it checks in."""
MAX_MISMATCHES = 2
"""Identity answers that do not match the file after which the call ends without disclosure."""
FINAL_TURNS = 3
"""When this few turns remain, a strategy stops probing and makes its last offer or closes."""


def ladder(case: DebtCase, policy: CreditorPolicy) -> tuple[Offer, ...]:
    """Offers from firmest to softest, all inside policy: the rungs of the account's stage (`asks.py`)."""
    return stage_ladder(case, policy)


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
    asks_budget: bool = True
    """Whether it asks for income and expenditure on hearing hardship (firm does not)."""

    def decide(
        self, ev: Evidence, case: DebtCase, policy: CreditorPolicy, rng: np.random.Generator
    ) -> CollectorMove:
        move = self.opening(ev) or self.reactive(ev, case)
        if move is None:
            move = self.forbearance(ev, case, policy) or self.negotiate(ev, case, policy, rng)
        return self.bounded(move, ev, case, policy)

    def forbearance(self, ev: Evidence, case: DebtCase, policy: CreditorPolicy) -> CollectorMove | None:
        """The hardship moves every strategy shares (`hardship.py`); None: negotiate as usual."""
        if ev.budget is not None and not ev.budget_answered:
            act, offer = answer_budget(ev, case, policy)
            return CollectorMove(act=act, offer=offer, thought="answer the disclosed budget")
        if ev.budget is not None and ev.last_debtor_act in (DebtorAct.PLEAD, DebtorAct.REJECT):
            # the arrangement sized to its budget was refused: the next one it carries, or an end
            offer = hardship_offer(ev, case, policy)
            if offer is None:
                return CollectorMove(
                    act=CollectorAct.CLOSE, thought="no arrangement the stated budget carries"
                )
            return CollectorMove(
                act=answer_act(offer, ev), offer=offer, thought="the next arrangement it carries"
            )
        if self.wants_budget(ev, case, policy) and ev.turns_left > FINAL_TURNS:
            return CollectorMove(act=CollectorAct.ASK_BUDGET, thought="income and expenditure before a plan")
        if ev.last_debtor_act is DebtorAct.PLEAD and ev.pleas >= REFER_AFTER_PLEAS and not ev.referred:
            return CollectorMove(
                act=CollectorAct.REFER_DEBT_ADVICE, thought="pleaded again: signpost free advice"
            )
        return None

    def wants_budget(self, ev: Evidence, case: DebtCase, policy: CreditorPolicy) -> bool:
        """Ask for the budget once, on a plea or a counter no rung can meet (strategies may widen this)."""
        if not self.asks_budget or ev.budget is not None or ev.budget_asked:
            return False
        return hardship_signal(ev, case, policy)

    def bounded(
        self, move: CollectorMove, ev: Evidence, case: DebtCase, policy: CreditorPolicy
    ) -> CollectorMove:
        """What no strategy may skip: no ask above a disclosed budget, debt advice before ending a hard call."""
        if not affordable(move.act, move.offer, ev):
            offer = hardship_offer(ev, case, policy)
            if offer is not None:
                return CollectorMove(
                    act=answer_act(offer, ev), offer=offer, thought="sized to the disclosed budget"
                )
            move = CollectorMove(act=CollectorAct.CLOSE, thought="nothing the disclosed budget can pay")
        ending = move.act in (CollectorAct.CLOSE, CollectorAct.ESCALATE)
        if ending and self.signpost_due(ev, case, policy):
            return CollectorMove(
                act=CollectorAct.REFER_DEBT_ADVICE,
                thought="signpost free debt advice before ending (conc.7.3)",
            )
        return move

    @staticmethod
    def signpost_due(ev: Evidence, case: DebtCase, policy: CreditorPolicy) -> bool:
        if ev.referred or not ev.debt_informed or not ev.identity_verified or ev.turns_left <= 1:
            return False
        if ev.last_debtor_act in HALTING_ACTS or ev.wrong_party:
            return False
        return in_difficulty(ev, case, policy)

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
        if ev.last_debtor_act is DebtorAct.SILENCE:
            if ev.silences >= MAX_SILENCES:
                return CollectorMove(act=CollectorAct.CLOSE, thought="no answer on the line")
            return CollectorMove(act=CollectorAct.CHECK_IN, thought="silence: check they are still there")
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
        """Move `step` rungs down from the last offer (first offer: rung `step - 1`).

        After an offer off the ladder (a counter met), the walk resumes at the first rung that
        asks no more than it in any term: a concession never raises the ask.
        """
        current = rung_of(ev.last_offer, rungs)
        last = ev.last_offer
        target = min(current + step, len(rungs) - 1) if current >= 0 else min(step - 1, len(rungs) - 1)
        if current < 0 and last is not None:
            softer = [i for i, r in enumerate(rungs) if r != last and asks_no_more(r, last)]
            if not softer:
                return CollectorMove(
                    act=CollectorAct.HOLD_FIRM, offer=last, thought="nothing softer on the ladder"
                )
            target = softer[0]
        if current == len(rungs) - 1:
            return CollectorMove(act=CollectorAct.HOLD_FIRM, offer=rungs[-1], thought="at the floor")
        act = CollectorAct.OFFER_PLAN if not ev.offers else CollectorAct.CONCEDE
        return CollectorMove(act=act, offer=rungs[target])

"""The plan-and-judge judge: vetoes a proposed offer before it is spoken.

The planner proposes from its own estimate of what the debtor can carry and
knows nothing of creditor policy; the judge is the independent check. It reads
the policy and the hard evidence of the call — what the debtor said it can pay,
which offers it refused — never the planner's estimate, and vetoes a proposal
that breaks policy, concedes more than that evidence needs, or repeats a
refused offer. Each veto carries the limits the judge would accept, so the
planner's next candidate can respect them; the judge itself never writes an
offer.

Over-concession is judged from first principles (how many installments, how
much waiver, the stated capacity needs at the least), not with the offer search
in `planner.py`, so the judge does not share the outcome evaluator's yardstick.
"""

from __future__ import annotations

import math
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from scenarios.case import DebtCase, DelinquencyStage
from scenarios.offer import Offer, OfferKind
from scenarios.policy import CreditorPolicy
from scenarios.strategies.asks import stage_limits, stage_owed
from scenarios.strategies.evidence import Evidence

CENT = 0.01
COUNT_LADDER = (0, 3, 6, 12, 18, 24, 36)
SETTLEMENT_STEPS = 3
LATE_OPENING = 6
"""A late account is asked for an arrangement from the start: installments up to this many are no concession."""
"""Without a stated capacity, each refusal may soften the installment count by one step of this ladder."""


class VetoReason(StrEnum):
    OUTSIDE_POLICY = "outside_policy"  # breaks a creditor policy rule
    OVER_CONCEDES = "over_concedes"  # more waiver or installments than the evidence needs
    ALREADY_REFUSED = "already_refused"  # the debtor refused this very offer earlier


class Limits(BaseModel):
    """The softest terms a proposal may have; the planner fits its next candidate inside them."""

    model_config = ConfigDict(frozen=True)

    max_count: int = Field(120, ge=0)
    max_waiver: float = Field(math.inf, ge=0)
    min_down: float = Field(0.0, ge=0, description="least lump sum now, when paying in installments")
    max_due_days: int = Field(365, ge=0, description="latest first payment, days from the call")

    def tighten(self, other: Limits) -> Limits:
        """Both sets of limits at once: what a proposal must satisfy after several vetoes."""
        return Limits(
            max_count=min(self.max_count, other.max_count),
            max_waiver=min(self.max_waiver, other.max_waiver),
            min_down=max(self.min_down, other.min_down),
            max_due_days=min(self.max_due_days, other.max_due_days),
        )


NO_LIMITS = Limits()


class Veto(BaseModel):
    model_config = ConfigDict(frozen=True)

    reason: VetoReason
    detail: str
    limits: Limits | None = Field(None, description="None: no softer or firmer variant can pass")

    def note(self) -> str:
        """The veto as recorded in the collector's private thought (counted by tests and reports)."""
        return f"veto {self.reason}: {self.detail}"


def policy_limits(case: DebtCase, policy: CreditorPolicy) -> Limits:
    """The policy's softest terms for an offer of the account's stage (`asks.stage_owed`)."""
    owed, kind = stage_owed(case)
    longest, max_waiver = stage_limits(case, policy)
    catch_up = kind is OfferKind.CATCH_UP
    return Limits(
        max_count=longest,
        max_waiver=max_waiver if catch_up else round(case.outstanding - policy.floor(case), 2),
        min_down=0.0 if catch_up else round(owed * policy.min_down_fraction, 2),
        max_due_days=policy.latest_first_payment_days,
    )


def stated_limits(lump: float, installment: float, case: DebtCase, policy: CreditorPolicy) -> Limits:
    """The firmest terms a plan can have and still fit what the debtor said it can pay.

    Paying `lump` now, the rest needs ceil(rest / installment) months; beyond the
    policy's longest plan, the shortfall at that length is the least waiver. When
    even the softest policy plan does not fit, the evidence justifies anything in policy.
    """
    softest = policy_limits(case, policy)
    rest = max(0.0, stage_owed(case)[0] - lump)
    if installment <= CENT:
        return softest if rest > CENT else Limits(max_count=0, max_waiver=0.0)
    months = math.ceil(rest / installment - 1e-9)
    if months <= softest.max_count:
        return Limits(max_count=months, max_waiver=0.0)
    waiver = round(rest - installment * softest.max_count, 2)
    if waiver <= softest.max_waiver:
        return Limits(max_count=softest.max_count, max_waiver=waiver)
    return softest


def settlement_room(ev: Evidence, case: DebtCase, policy: CreditorPolicy) -> float:
    """On a charged-off account, the discount a settlement may give: a third of the policy's
    room at the first ask, a third more per refused offer (a settlement is the stage's ask,
    not a concession to evidence). Elsewhere none."""
    if stage_owed(case)[1] is not OfferKind.SETTLEMENT:
        return 0.0
    room = case.outstanding - policy.floor(case)
    return round(room * min(1.0, (len(set(ev.offers)) + 1) / SETTLEMENT_STEPS), 2)


def refusal_limits(ev: Evidence, case: DebtCase, policy: CreditorPolicy) -> Limits:
    """Without a stated number: no waiver (but a settlement's discount), and one ladder step
    softer than the softest refused offer (a late account opens with an arrangement)."""
    waiver = settlement_room(ev, case, policy)
    if not ev.offers:
        return Limits(max_count=LATE_OPENING if case.stage is DelinquencyStage.LATE else 0, max_waiver=waiver)
    refused = max(o.count for o in ev.offers)
    step = next((c for c in COUNT_LADDER if c > refused), COUNT_LADDER[-1])
    return Limits(max_count=max(step, refused), max_waiver=waiver)


def evidence_limits(ev: Evidence, case: DebtCase, policy: CreditorPolicy) -> Limits:
    if ev.stated_installment is not None:
        return stated_limits(ev.stated_lump or 0.0, ev.stated_installment, case, policy)
    return refusal_limits(ev, case, policy)


def review(proposal: Offer, ev: Evidence, case: DebtCase, policy: CreditorPolicy) -> Veto | None:
    """Why the proposal may not be spoken, or None when it passes."""
    rules = policy.violations(proposal, case)
    if rules:
        return Veto(
            reason=VetoReason.OUTSIDE_POLICY,
            detail=",".join(rules),
            limits=policy_limits(case, policy),
        )
    need = evidence_limits(ev, case, policy)
    if proposal.count > need.max_count or proposal.waiver > need.max_waiver + CENT:
        return Veto(
            reason=VetoReason.OVER_CONCEDES,
            detail=(
                f"{proposal.count} installments, waiver {proposal.waiver:.2f}; "
                f"the evidence needs at most {need.max_count}, {need.max_waiver:.2f}"
            ),
            limits=need,
        )
    last = ev.last_offer
    if any(proposal.same_terms(o, CENT) for o in ev.offers) and not (
        last is not None and proposal.same_terms(last, CENT)
    ):
        return Veto(reason=VetoReason.ALREADY_REFUSED, detail="the debtor refused this offer earlier")
    return None

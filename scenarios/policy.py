"""What a creditor lets its collectors offer, and the check against it.

The check is the single place that decides whether an offer is inside policy.
Strategies call it before proposing, and the simulator calls it again on every
offer a model makes, so a model can propose but never break policy; a violation
is reported, not raised, because it is a score, not a crash.

A hardship programme (`hardship_max_installments`) is a second, longer plan
limit some creditors grant a debtor in real hardship who is willing to pay. The
check does not know whether the debtor qualifies — that is a fact of the call —
so `violations` holds every offer to the ordinary limit, and whoever has
established hardship checks against `for_hardship()` instead.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from scenarios.case import DebtCase
from scenarios.offer import Offer

TOLERANCE = 0.01


class PolicyRule(StrEnum):
    WAIVER = "waiver_exceeds_max"
    INSTALLMENTS = "installments_exceed_max"
    DOWN_PAYMENT = "down_payment_below_min"
    FIRST_PAYMENT = "first_payment_too_late"
    FLOOR = "total_below_floor"
    SHORTFALL = "offer_does_not_cover_balance"


class CreditorPolicy(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    max_waiver_fraction: float = Field(0.5, ge=0, le=1, description="of fees/interest")
    max_installments: int = Field(12, ge=0, le=120)
    min_down_fraction: float = Field(0.0, ge=0, le=1, description="of outstanding, when in installments")
    latest_first_payment_days: int = Field(30, ge=0, le=365)
    floor_fraction: float = Field(0.8, ge=0, le=1, description="least total, as a share of outstanding")
    hardship_max_installments: int | None = Field(
        None,
        ge=0,
        le=120,
        description="longest plan for a debtor in real hardship who is willing to pay; None: no such programme",
    )

    def for_hardship(self) -> CreditorPolicy:
        """The policy once hardship is established: the programme's longer plans, all else unchanged."""
        longest = self.hardship_max_installments
        if longest is None or longest <= self.max_installments:
            return self
        return self.model_copy(update={"max_installments": longest})

    def max_waiver(self, case: DebtCase) -> float:
        return round(case.fees_interest * self.max_waiver_fraction, 2)

    def floor(self, case: DebtCase) -> float:
        return round(max(case.outstanding * self.floor_fraction, case.outstanding - self.max_waiver(case)), 2)

    def violations(self, offer: Offer, case: DebtCase) -> list[PolicyRule]:
        found: list[PolicyRule] = []
        if offer.waiver > self.max_waiver(case) + TOLERANCE:
            found.append(PolicyRule.WAIVER)
        if offer.count > self.max_installments:
            found.append(PolicyRule.INSTALLMENTS)
        if offer.count and offer.amount_now + TOLERANCE < case.outstanding * self.min_down_fraction:
            found.append(PolicyRule.DOWN_PAYMENT)
        if offer.first_due_days > self.latest_first_payment_days:
            found.append(PolicyRule.FIRST_PAYMENT)
        if offer.total + TOLERANCE < self.floor(case):
            found.append(PolicyRule.FLOOR)
        if offer.total + offer.waiver + 1.0 < case.outstanding:
            found.append(PolicyRule.SHORTFALL)
        return found

    def allows(self, offer: Offer, case: DebtCase) -> bool:
        return not self.violations(offer, case)

"""What a creditor lets its collectors offer, and the check against it.

The check is the single place that decides whether an offer is inside policy.
Strategies call it before proposing, and the simulator calls it again on every
offer a model makes, so a model can propose but never break policy; a violation
is reported, not raised, because it is a score, not a crash.

A hardship programme (`hardship_max_installments`) is a second, longer plan
limit some creditors grant a debtor in real hardship who is willing to pay. The
check does not know whether the debtor qualifies — that is a fact of the call —
so an ordinary offer is held to the ordinary limit; an offer marked `hardship` (a
forbearance arrangement, CONC 7.3.4 R) is held to `for_hardship()`: the longer plans, a
first payment deferred up to `max_holiday_days` (a payment holiday; the Debt Respite
Scheme's breathing space is 60 days), token payments for a review period.

The limits follow the account's stage (notes/collections-practice.md, "Debt economics"):
early and mid arrears are brought current (a CATCH_UP offer on the amount past due, over
at most `max_catch_up_months`), late accounts are arranged on the balance, and a
charged-off account may settle for less than the balance, down to
`settlement_floor_fraction` of it (SETTLEMENT; "commonly 30-70 %").
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from scenarios.case import DebtCase, DelinquencyStage
from scenarios.offer import ROUNDING, Offer, OfferKind

TOLERANCE = 0.01


class PolicyRule(StrEnum):
    WAIVER = "waiver_exceeds_max"
    INSTALLMENTS = "installments_exceed_max"
    DOWN_PAYMENT = "down_payment_below_min"
    FIRST_PAYMENT = "first_payment_too_late"
    FLOOR = "total_below_floor"
    SHORTFALL = "offer_does_not_cover_balance"
    STAGE = "offer_wrong_for_stage"  # a catch-up on an account past it, a settlement before charge-off
    TOKEN = "token_outside_hardship"  # token payments only as a hardship arrangement, for the review period


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
    settlement_floor_fraction: float = Field(
        0.6, ge=0, le=1, description="least settlement of a charged-off account, as a share of the balance"
    )
    max_catch_up_months: int = Field(3, ge=1, le=12, description="longest plan that brings arrears current")
    token_months: int = Field(6, ge=0, le=24, description="review period of token payments; 0: none")
    max_holiday_days: int = Field(
        60, ge=0, le=365, description="latest first payment of a hardship arrangement (payment holiday)"
    )

    def for_hardship(self) -> CreditorPolicy:
        """The policy once hardship is established: longer plans, a payment holiday, no down payment."""
        update: dict = {
            "latest_first_payment_days": max(self.latest_first_payment_days, self.max_holiday_days),
            "min_down_fraction": 0.0,
        }
        longest = self.hardship_max_installments
        if longest is not None and longest > self.max_installments:
            update["max_installments"] = longest
        return self.model_copy(update=update)

    def max_waiver(self, case: DebtCase) -> float:
        """Fees and interest the collector may forgive; on a charged-off account, down to the settlement floor."""
        if case.stage is DelinquencyStage.CHARGE_OFF:
            return round(case.outstanding - self.floor(case), 2)
        return round(case.fees_interest * self.max_waiver_fraction, 2)

    def floor(self, case: DebtCase) -> float:
        if case.stage is DelinquencyStage.CHARGE_OFF:
            return round(case.outstanding * self.settlement_floor_fraction, 2)
        fee_waiver = round(case.fees_interest * self.max_waiver_fraction, 2)
        return round(max(case.outstanding * self.floor_fraction, case.outstanding - fee_waiver), 2)

    def violations(self, offer: Offer, case: DebtCase) -> list[PolicyRule]:
        """Every rule the offer breaks, under the limits of its kind and (if marked) of hardship."""
        rules = self.for_hardship() if offer.hardship else self
        if offer.kind is OfferKind.TOKEN:
            return rules._token_violations(offer)
        found: list[PolicyRule] = []
        catch_up = offer.kind is OfferKind.CATCH_UP
        owed = case.amount_past_due if catch_up else case.outstanding
        if offer.waiver > rules.max_waiver(case) + TOLERANCE + ROUNDING * offer.count:
            found.append(PolicyRule.WAIVER)
        if offer.count > (rules.max_catch_up_months if catch_up else rules.max_installments):
            found.append(PolicyRule.INSTALLMENTS)
        if not catch_up and offer.count and offer.amount_now + TOLERANCE < owed * rules.min_down_fraction:
            found.append(PolicyRule.DOWN_PAYMENT)
        if offer.first_due_days > rules.latest_first_payment_days:
            found.append(PolicyRule.FIRST_PAYMENT)
        floor = owed - rules.max_waiver(case) if catch_up else rules.floor(case)
        if offer.total + TOLERANCE + ROUNDING * offer.count < floor:
            found.append(PolicyRule.FLOOR)
        if offer.total + offer.waiver + 1.0 < owed:
            found.append(PolicyRule.SHORTFALL)
        settlement = offer.kind is OfferKind.SETTLEMENT
        if (catch_up and not case.current_possible) or (
            settlement and case.stage is not DelinquencyStage.CHARGE_OFF
        ):
            found.append(PolicyRule.STAGE)
        return found

    def _token_violations(self, offer: Offer) -> list[PolicyRule]:
        """Token payments: only as a hardship arrangement, for the review period, nothing forgiven."""
        found: list[PolicyRule] = []
        if not offer.hardship or self.token_months == 0 or offer.count < 1 or offer.count > self.token_months:
            found.append(PolicyRule.TOKEN)
        if offer.waiver > TOLERANCE:
            found.append(PolicyRule.WAIVER)
        if offer.first_due_days > self.latest_first_payment_days:
            found.append(PolicyRule.FIRST_PAYMENT)
        return found

    def allows(self, offer: Offer, case: DebtCase) -> bool:
        return not self.violations(offer, case)

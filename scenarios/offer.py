"""Offers and agreements as structured records.

An agreement is the offer the debtor accepted, kept as numbers; no later stage
ever parses an amount back out of an utterance.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


class OfferKind(StrEnum):
    """What an offer settles; the words and the policy check follow it."""

    PLAN = "plan"  # the balance (less any fee waiver), now or in installments
    CATCH_UP = "catch_up"  # the amount past due, now or over a few months: the account is brought current
    SETTLEMENT = "settlement"  # less than the balance in full and final settlement (charged-off accounts)
    TOKEN = "token"  # hardship: small payments for a review period; the balance stays owed, frozen


class Offer(BaseModel):
    """A repayment proposal: a lump sum now plus `count` equal monthly installments.

    `kind` says what the payments settle (notes/collections-practice.md, "Debt economics"):
    the balance, the arrears, a settlement for less, or token payments under hardship.
    `hardship` marks a forbearance arrangement (CONC 7.3.4 R: interest and charges frozen,
    longer plans, a later first payment), checked against the policy's hardship limits.
    """

    model_config = ConfigDict(frozen=True)

    amount_now: float = Field(ge=0)
    installment: float = Field(ge=0)
    count: int = Field(ge=0, le=120)
    waiver: float = Field(ge=0, description="fees/interest forgiven")
    first_due_days: int = Field(ge=0, le=365, description="days from the call to the first payment")
    kind: OfferKind = OfferKind.PLAN
    hardship: bool = Field(False, description="a forbearance arrangement: interest and fees frozen")

    @property
    def total(self) -> float:
        return round(self.amount_now + self.installment * self.count, 2)

    def same_terms(self, other: Offer, tolerance: float = 0.01) -> bool:
        """The same plan up to `tolerance` per amount (the due day aside): a repeat, not a new move."""
        return (
            self.count == other.count
            and abs(self.amount_now - other.amount_now) < tolerance
            and abs(self.installment - other.installment) < tolerance
            and abs(self.waiver - other.waiver) < tolerance
            and self.kind == other.kind
        )

    @property
    def largest_payment(self) -> float:
        return max(self.amount_now, self.installment)


class Agreement(BaseModel):
    model_config = ConfigDict(frozen=True)

    offer: Offer
    turn_index: int = Field(ge=0, description="turn at which the debtor accepted")
    simulated_day: int = Field(ge=0, description="day of the first payment, counted from the call")


def plan_offer(
    outstanding: float,
    waiver: float,
    amount_now: float,
    count: int,
    first_due_days: int,
    kind: OfferKind = OfferKind.PLAN,
    hardship: bool = False,
) -> Offer:
    """An offer that settles `outstanding` (the amount it settles: the balance, the arrears or a
    settlement sum plus its waiver): the remainder after waiver and lump sum is split in `count`
    equal installments.

    Installments are rounded *down* to the cent, so a plan never asks more than is owed: the
    few cents left (under a cent per installment, `ROUNDING`) are the debtor's. Rounding up
    made a longer plan's total creep above the shorter one it conceded from.
    """
    extra = {"kind": kind, "hardship": hardship}
    amount_now = round(min(amount_now, outstanding - waiver), 2)
    rest = round(outstanding - waiver - amount_now, 2)
    if count == 0:
        return Offer(
            amount_now=round(outstanding - waiver, 2),
            installment=0.0,
            count=0,
            waiver=round(waiver, 2),
            first_due_days=first_due_days,
            **extra,
        )
    installment = int(round(rest * 100, 6)) // count / 100  # floor to the cent
    return Offer(
        amount_now=amount_now,
        installment=installment,
        count=count,
        waiver=round(waiver, 2),
        first_due_days=first_due_days,
        **extra,
    )


ROUNDING = 0.01
"""Per installment: what rounding an installment down to the cent may leave unpaid."""

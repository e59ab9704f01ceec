"""Offers and agreements as structured records.

An agreement is the offer the debtor accepted, kept as numbers; no later stage
ever parses an amount back out of an utterance.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class Offer(BaseModel):
    """A repayment proposal: a lump sum now plus `count` equal monthly installments."""

    model_config = ConfigDict(frozen=True)

    amount_now: float = Field(ge=0)
    installment: float = Field(ge=0)
    count: int = Field(ge=0, le=120)
    waiver: float = Field(ge=0, description="fees/interest forgiven")
    first_due_days: int = Field(ge=0, le=365, description="days from the call to the first payment")

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
        )


class Agreement(BaseModel):
    model_config = ConfigDict(frozen=True)

    offer: Offer
    turn_index: int = Field(ge=0, description="turn at which the debtor accepted")
    simulated_day: int = Field(ge=0, description="day of the first payment, counted from the call")


def plan_offer(
    outstanding: float, waiver: float, amount_now: float, count: int, first_due_days: int
) -> Offer:
    """An offer that settles `outstanding` exactly: the remainder after waiver and lump sum is split in `count` equal installments."""
    amount_now = round(min(amount_now, outstanding - waiver), 2)
    rest = round(outstanding - waiver - amount_now, 2)
    if count == 0:
        return Offer(
            amount_now=round(outstanding - waiver, 2),
            installment=0.0,
            count=0,
            waiver=round(waiver, 2),
            first_due_days=first_due_days,
        )
    installment = round(-(-rest * 100 // count) / 100, 2)  # ceil to the cent
    return Offer(
        amount_now=amount_now,
        installment=installment,
        count=count,
        waiver=round(waiver, 2),
        first_due_days=first_due_days,
    )

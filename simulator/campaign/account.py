"""An account's ledger over the campaign: what was promised, what arrived, how far behind it is.

The account ages one day per simulated day, so an account that is not cured rolls
into the next stage as its overdue days cross the stage boundaries
(`scenarios.case.stage_of`: 30 and 90 days, charge-off at 120 or 180). Payments
come off fees first, then principal. A promise's payments are drawn once, when it
is made (`simulator.repayment.draw_payments`), and land on their due days; the
first missed one breaks the promise, which the next call remembers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from scenarios import DebtCase, Offer
from scenarios.offer import OfferKind
from simulator.contact_history import PriorContact
from simulator.repayment import AFFORD_TOLERANCE, Payment, Repayment

MIN_PRINCIPAL = 0.01
"""A case's principal must stay positive; an account paid down to it is closed anyway."""


class AccountStatus(StrEnum):
    """Where an account stands when the campaign ends (or when it closed)."""

    PAID_IN_FULL = "paid_in_full"  # the whole balance paid
    SETTLED = "settled"  # an agreed settlement for less, paid: closed
    CURRENT = "current"  # the amount past due paid: brought current
    ON_PLAN = "on_plan"  # an arrangement running, every payment so far kept
    STOPPED = "stopped"  # the debtor disputed, reported fraud, asked to cease, has a lawyer or is bankrupt
    ROLLED = "rolled"  # still delinquent, and now in a later stage than at the start
    DELINQUENT = "delinquent"  # still delinquent, in the same stage


CURED = frozenset({AccountStatus.PAID_IN_FULL, AccountStatus.SETTLED, AccountStatus.CURRENT})


@dataclass(slots=True)
class Promise:
    """An agreement made on a contact and the payments drawn for it, on campaign days."""

    contact: int
    day: int
    offer: Offer
    repayment: Repayment

    def due_on(self, day: int) -> list[Payment]:
        return [p for p in self.repayment.payments if self.day + p.day == day]

    def arrived_by(self, day: int) -> Repayment:
        """The promise's payments up to `day`: what it actually paid within the campaign."""
        seen = tuple(p for p in self.repayment.payments if self.day + p.day <= day)
        return Repayment(payments=seen, broken=any(not p.kept for p in seen))

    @property
    def complete(self) -> bool:
        """Every payment the offer asks for drawn and kept (not cut off by the horizon)."""
        size = (1 if self.offer.amount_now > 0 else 0) + self.offer.count
        pays = self.repayment.payments
        return len(pays) == size and all(p.kept for p in pays)


@dataclass(slots=True)
class Ledger:
    """The account as the campaign goes: mutable, owned by one account's loop."""

    case: DebtCase
    start: dt.date
    paid: float = 0.0
    lump_paid: float = 0.0
    promises: list[Promise] = field(default_factory=list)
    contacts: list[PriorContact] = field(default_factory=list)
    status: AccountStatus | None = None
    closed_day: int | None = None

    @property
    def open(self) -> bool:
        return self.status is None

    @property
    def current_promise(self) -> Promise | None:
        return self.promises[-1] if self.promises else None

    def case_on(self, day: int) -> DebtCase:
        """The file on `day`: aged by the days gone, less what was paid (fees first)."""
        fees = max(0.0, self.case.fees_interest - self.paid)
        principal = max(
            MIN_PRINCIPAL, self.case.principal_due - max(0.0, self.paid - self.case.fees_interest)
        )
        update = {"overdue_days": self.case.overdue_days + day, "fees_interest": round(fees, 2)}
        return self.case.model_copy(update=update | {"principal_due": round(principal, 2)})

    def keeping(self, day: int) -> bool:
        """A promise is running and none of its payments has been missed by `day`."""
        promise = self.current_promise
        return promise is not None and not promise.arrived_by(day).broken and not self._done(promise, day)

    def _done(self, promise: Promise, day: int) -> bool:
        return promise.complete and all(promise.day + p.day <= day for p in promise.repayment.payments)

    def settle(self, day: int) -> PriorContact | None:
        """Book the payments due on `day`; the contact whose promise broke today, if one did."""
        promise = self.current_promise
        if promise is None:
            return None
        for payment in promise.due_on(day):
            self.paid = round(self.paid + payment.paid, 2)
            if payment.paid and payment is promise.repayment.payments[0] and promise.offer.amount_now > 0:
                self.lump_paid = round(self.lump_paid + payment.paid, 2)
        broken = self._record(promise, day)
        if self._done(promise, day) and promise.complete:
            self._close(self._cure_of(promise.offer), day)
        return broken

    def _record(self, promise: Promise, day: int) -> PriorContact | None:
        """Update the promising contact's record with what arrived; return it if it broke today."""
        arrived = promise.arrived_by(day)
        missed = next((p for p in arrived.payments if not p.kept), None)
        index = promise.contact - 1
        before = self.contacts[index]
        update: dict = {"paid": arrived.paid, "broken": missed is not None}
        if missed is not None:
            when = promise.day + missed.day
            update |= {
                "missed_amount": missed.due,
                "missed_day": when,
                "missed_date": (self.start + dt.timedelta(days=when)).isoformat(),
            }
        self.contacts[index] = before.model_copy(update=update)
        return self.contacts[index] if missed is not None and not before.broken else None

    def _cure_of(self, offer: Offer) -> AccountStatus:
        if self.paid + AFFORD_TOLERANCE >= self.case.outstanding:
            return AccountStatus.PAID_IN_FULL
        kind = getattr(offer, "kind", OfferKind.PLAN)
        if kind is OfferKind.CATCH_UP:
            return AccountStatus.CURRENT
        if kind is OfferKind.TOKEN:
            return AccountStatus.ON_PLAN  # a review period paid: the balance stays owed
        return AccountStatus.SETTLED  # the agreed total, less than the balance, paid in full and final

    def _close(self, status: AccountStatus, day: int) -> None:
        if status is AccountStatus.ON_PLAN:
            return  # a token period ends; the account stays open for the next arrangement
        self.status, self.closed_day = status, day

    def stop(self, day: int) -> None:
        self._close(AccountStatus.STOPPED, day)

    def final_status(self, last_day: int) -> AccountStatus:
        """The status at the end: closed, on a plan still being kept, rolled or still delinquent."""
        if self.status is not None:
            return self.status
        if self.keeping(last_day):
            return AccountStatus.ON_PLAN
        rolled = self.case_on(last_day).stage != self.case.stage
        return AccountStatus.ROLLED if rolled else AccountStatus.DELINQUENT

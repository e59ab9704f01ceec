"""Money amounts a turn said, and the amounts it may truthfully say, for the judges to compare.

The coherence and compliance checks need to know which amounts a turn *said*,
to compare them with the structured offer and the case record. They read them
with the project's one money parser, `scenarios.money.money_amounts` — the
same reading the offer reader makes of a model's words — so a judge and the
reader never disagree about a sentence. This module never decides what an
amount should have been.
"""

from __future__ import annotations

from collections.abc import Iterable

from scenarios import DebtCase, Offer
from scenarios.money import money_amounts

CENT = 0.01
"""Two amounts closer than this (after the 2-decimal formatting) are the same amount."""


def spoken_amounts(text: str, language: str) -> list[float]:
    """The values of every money amount said in `text`, in order (the judges compare values, not spans)."""
    return [amount.value for amount in money_amounts(text, language)]


def offer_amounts(offer: Offer) -> set[float]:
    """The amounts a spoken offer may print: lump sum, installment, waiver, total."""
    return {round(v, 2) for v in (offer.amount_now, offer.installment, offer.waiver, offer.total)}


def case_amounts(case: DebtCase) -> set[float]:
    """The amounts on the creditor's record that a collector may state truthfully."""
    record = (case.outstanding, case.principal_due, case.fees_interest, case.principal, case.amount_past_due)
    schedule = (case.instalment,) if case.instalment is not None else ()  # the contractual instalment
    return {round(v, 2) for v in (*record, *schedule)}


def unknown(amounts: Iterable[float], known: set[float]) -> list[float]:
    """Amounts that match none of `known` (within a cent)."""
    return [a for a in amounts if not any(abs(a - k) < CENT + 1e-9 for k in known)]

"""Finding the smallest concession that fits a capacity, on a fixed grid of in-policy offers.

Empathetic and firm use it to meet a counter-offer: search the policy's offer
space from firmest to softest (less waiver first, then fewer installments) and
take the first plan the capacity can carry. Only offers inside policy are
returned. The outcome evaluator uses the same search on the debtor's *true*
capacity as its "needed" plan, which is why plan-and-judge deliberately does not
use it (its planner and judge are in `capacity_planner.py` and `judge.py`).
The grid is the stage's (`asks.stage_owed`): catch-up plans on the amount past due for
early arrears, plans on the balance when late, settlements once charged off.
"""

from __future__ import annotations

import functools

from scenarios.case import DebtCase
from scenarios.offer import Offer, OfferKind, plan_offer
from scenarios.policy import CreditorPolicy
from scenarios.strategies.asks import asks_no_more, capped, stage_limits, stage_owed

WAIVER_STEPS = (0.0, 0.25, 0.5, 0.75, 1.0)
COUNT_STEPS = (0, 2, 3, 4, 6, 9, 12, 18, 24, 36)
FIRST_DUE_DAYS = 7


@functools.lru_cache(maxsize=4096)
def candidate_offers(case: DebtCase, policy: CreditorPolicy, lump: float) -> tuple[Offer, ...]:
    """All plans a lump sum of at most `lump` allows, firmest first (cached: asked every turn)."""
    out, kind = stage_owed(case)
    longest, max_waiver = stage_limits(case, policy)
    min_down = 0.0 if kind is OfferKind.CATCH_UP else round(out * policy.min_down_fraction, 2)
    due = min(FIRST_DUE_DAYS, policy.latest_first_payment_days)
    offers: list[Offer] = []
    for share in WAIVER_STEPS:
        waiver = round(max_waiver * share, 2)
        for count in COUNT_STEPS:
            if count > longest:
                break
            down = max(min_down, min(lump, out - waiver)) if count else out - waiver
            offer = plan_offer(out, waiver, down, count, due, kind)
            if policy.allows(offer, case):
                offers.append(offer)
    return tuple(offers)


def fit_offer(
    case: DebtCase, policy: CreditorPolicy, lump: float, installment: float, last: Offer | None = None
) -> Offer | None:
    """The firmest in-policy offer with a lump sum ≤ `lump` and installments ≤ `installment`
    that asks no more than `last` in any term (meeting a number is a concession, never a rise)."""
    for offer in candidate_offers(case, policy, lump):
        offer = capped(offer, last)
        fits = offer.amount_now <= lump + 0.01 and offer.installment <= installment + 0.01
        if fits and asks_no_more(offer, last) and policy.allows(offer, case):
            return offer
    return None

"""Finding the smallest concession that fits a capacity, on a fixed grid of in-policy offers.

Empathetic and firm use it to meet a counter-offer: search the policy's offer
space from firmest to softest (less waiver first, then fewer installments) and
take the first plan the capacity can carry. Only offers inside policy are
returned. The outcome evaluator uses the same search on the debtor's *true*
capacity as its "needed" plan, which is why plan-and-judge deliberately does not
use it (its planner and judge are in `capacity_planner.py` and `judge.py`).
"""

from __future__ import annotations

import functools

from scenarios.case import DebtCase
from scenarios.offer import Offer, plan_offer
from scenarios.policy import CreditorPolicy

WAIVER_STEPS = (0.0, 0.25, 0.5, 0.75, 1.0)
COUNT_STEPS = (0, 2, 3, 4, 6, 9, 12, 18, 24, 36)
FIRST_DUE_DAYS = 7


@functools.lru_cache(maxsize=4096)
def candidate_offers(case: DebtCase, policy: CreditorPolicy, lump: float) -> tuple[Offer, ...]:
    """All plans a lump sum of at most `lump` allows, firmest first (cached: asked every turn)."""
    out = case.outstanding
    min_down = round(out * policy.min_down_fraction, 2)
    due = min(FIRST_DUE_DAYS, policy.latest_first_payment_days)
    offers: list[Offer] = []
    for share in WAIVER_STEPS:
        waiver = round(policy.max_waiver(case) * share, 2)
        for count in COUNT_STEPS:
            if count > policy.max_installments:
                break
            down = max(min_down, min(lump, out - waiver)) if count else out - waiver
            offer = plan_offer(out, waiver, down, count, due)
            if policy.allows(offer, case):
                offers.append(offer)
    return tuple(offers)


def fit_offer(case: DebtCase, policy: CreditorPolicy, lump: float, installment: float) -> Offer | None:
    """The firmest in-policy offer with a lump sum ≤ `lump` and installments ≤ `installment`."""
    for offer in candidate_offers(case, policy, lump):
        if offer.amount_now <= lump + 0.01 and offer.installment <= installment + 0.01:
            return offer
    return None

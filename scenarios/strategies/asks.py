"""What a collector may ask for at each stage of an account, firmest first.

The ask follows the account's stage (notes/collections-practice.md, "Debt economics"):
- early and mid arrears: the amount past due, to bring the account current — now, or
  caught up over a few months (CATCH_UP); never the whole balance, which is not yet due;
- late: an arrangement on the balance (PLAN), in installments, then with a fee waiver;
- charged off: a settlement for less than the balance (SETTLEMENT), as a lump sum, then
  at the policy's floor over months.

Every rung asks no more than the one before it in any term (`asks_no_more`): the total,
the payment now and the largest single payment never rise down the ladder, so a
concession is always a concession. Only rungs inside policy are kept.
"""

from __future__ import annotations

import functools

from scenarios.case import DebtCase, DelinquencyStage
from scenarios.offer import ROUNDING, Offer, OfferKind, plan_offer
from scenarios.policy import CreditorPolicy

FIRST_DUE_DAYS = 7
CENT = 0.005
SETTLEMENT_STEPS = 3
"""Lump-sum settlements from near the balance down to the floor, in this many equal steps."""


def asks_no_more(new: Offer, old: Offer | None) -> bool:
    """Whether `new` asks no more than `old` in any term: total, payment now, largest payment, instalment."""
    if old is None:
        return True
    return (
        new.total <= old.total + CENT
        and new.amount_now <= old.amount_now + CENT
        and new.largest_payment <= old.largest_payment + CENT
        and (old.count == 0 or new.installment <= old.installment + CENT)
    )


def capped(new: Offer, old: Offer | None) -> Offer:
    """`new` with its installment cut by the cents its rounding put above `old`'s total.

    Splitting the same sum in 2 or in 3 leaves different cents over; without this, a longer
    plan could ask a cent more in total than the shorter one it concedes from.
    """
    if old is None or new.count == 0 or new.total <= old.total + CENT:
        return new
    if new.total > old.total + ROUNDING * new.count + CENT:
        return new  # more than rounding: a real rise, which `asks_no_more` refuses
    installment = int(round((old.total - new.amount_now) * 100, 6)) // new.count / 100
    return new.model_copy(update={"installment": max(installment, 0.0)})


def _catch_up(case: DebtCase, policy: CreditorPolicy, due: int) -> list[Offer]:
    owed = case.amount_past_due
    counts = sorted({c for c in (2, policy.max_catch_up_months) if 0 < c <= policy.max_catch_up_months})
    rungs = [plan_offer(owed, 0.0, owed, 0, due, OfferKind.CATCH_UP)]
    rungs += [plan_offer(owed, 0.0, 0.0, c, due, OfferKind.CATCH_UP) for c in counts]
    waiver = min(policy.max_waiver(case), case.fees_interest)
    if counts and waiver > 0:
        rungs.append(plan_offer(owed, waiver, 0.0, counts[-1], due, OfferKind.CATCH_UP))
    return rungs


def _arrangements(case: DebtCase, policy: CreditorPolicy, due: int) -> list[Offer]:
    outstanding = case.outstanding
    down = round(outstanding * policy.min_down_fraction, 2)
    max_waiver = policy.max_waiver(case)
    counts = sorted({c for c in (3, 6, policy.max_installments) if 0 < c <= policy.max_installments})
    rungs = (
        []
        if case.stage is DelinquencyStage.LATE and counts
        else [plan_offer(outstanding, 0.0, outstanding, 0, due)]
    )
    rungs += [plan_offer(outstanding, 0.0, down, c, due) for c in counts]
    if counts and max_waiver > 0:
        rungs.append(plan_offer(outstanding, round(max_waiver / 2, 2), down, counts[-1], due))
        rungs.append(plan_offer(outstanding, max_waiver, down, counts[-1], due))
    return rungs


def _settlements(case: DebtCase, policy: CreditorPolicy, due: int) -> list[Offer]:
    outstanding, floor = case.outstanding, policy.floor(case)
    rungs = []
    for step in range(SETTLEMENT_STEPS - 1, -1, -1):
        total = round(floor + (outstanding - floor) * step / SETTLEMENT_STEPS, 2)
        rungs.append(
            plan_offer(outstanding, round(outstanding - total, 2), total, 0, due, OfferKind.SETTLEMENT)
        )
    waiver = round(outstanding - floor, 2)
    down = round(outstanding * policy.min_down_fraction, 2)
    counts = sorted({c for c in (3, 6, policy.max_installments) if 0 < c <= policy.max_installments})
    rungs += [plan_offer(outstanding, waiver, down, c, due, OfferKind.SETTLEMENT) for c in counts]
    return rungs


@functools.lru_cache(maxsize=4096)
def stage_ladder(case: DebtCase, policy: CreditorPolicy) -> tuple[Offer, ...]:
    """The rungs of the account's stage, firmest first, in policy and never asking more down the ladder."""
    due = min(FIRST_DUE_DAYS, policy.latest_first_payment_days)
    if case.current_possible:
        rungs = _catch_up(case, policy, due)
    elif case.stage is DelinquencyStage.CHARGE_OFF:
        rungs = _settlements(case, policy, due)
    else:
        rungs = _arrangements(case, policy, due)
    kept: list[Offer] = []
    for rung in rungs:
        rung = capped(rung, kept[-1] if kept else None)
        if policy.allows(rung, case) and asks_no_more(rung, kept[-1] if kept else None) and rung not in kept:
            kept.append(rung)
    return tuple(kept)


def stage_owed(case: DebtCase) -> tuple[float, OfferKind]:
    """What an offer on this account settles, and its kind: the arrears, the balance, or a settlement."""
    if case.current_possible:
        return case.amount_past_due, OfferKind.CATCH_UP
    if case.stage is DelinquencyStage.CHARGE_OFF:
        return case.outstanding, OfferKind.SETTLEMENT
    return case.outstanding, OfferKind.PLAN


def stage_limits(case: DebtCase, policy: CreditorPolicy) -> tuple[int, float]:
    """The longest plan and the largest waiver an offer of the account's stage may have."""
    if case.current_possible:
        return policy.max_catch_up_months, min(policy.max_waiver(case), case.fees_interest)
    return policy.max_installments, policy.max_waiver(case)

"""The plan-and-judge planner: estimate what the debtor can carry, size a plan to it.

The planner is the closer of the pair. It estimates capacity from what the debtor
revealed — the amounts it named, marked up at first because debtors understate
(more for a debtor that dodged or stalled), with something down asked for once
when only a monthly amount was named; without a number, a prior that assumes
full payment and then a plan twice as long after each refused offer — and sizes
the plan it thinks will close: the lump the estimate allows, installments a
little under the estimated monthly capacity so the plan survives, and, when the
plan length cannot carry that, the full monthly estimate, a waiver, and the rest
as a larger payment now. It is
deliberately blind to creditor policy and to how much the evidence really
justifies; the judge (`judge.py`) checks both, and its limits shape the next
candidate. The planner never reads the persona: only `Evidence`. What it sizes a plan
on follows the account's stage (`asks.stage_owed`): the amount past due in early
arrears, the balance when late, and once charged off a settlement that opens at
`SETTLEMENT_OPENING` of the balance.
"""

from __future__ import annotations

import math
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from scenarios.case import DebtCase, DelinquencyStage
from scenarios.offer import Offer, OfferKind, plan_offer
from scenarios.strategies.asks import stage_owed
from scenarios.strategies.evidence import Evidence
from scenarios.strategies.move_judge import NO_LIMITS, Limits

CENT = 0.01
STATED_MARKUP = (1.2, 1.0)
"""Markup on a named capacity: the first time it is named, then once the debtor repeats it."""
EVASIVE_MARKUP = (1.5, 1.2, 1.0)
"""The same for a debtor that dodged the identity check or stalled twice: its numbers are trusted less."""
PRIOR_MONTHS = (0, 6, 12, 24, 36)
"""Without a named capacity: plan length assumed after 0, 1, 2, ... refused offers (0 = everything now)."""
PRIOR_DOWN = 0.1
"""Share of the balance the planner asks down when the debtor named none (or no number at all)."""
HEADROOM = 0.9
"""Installments are sized to this share of the estimated monthly capacity, so the plan survives."""
SETTLEMENT_OPENING = 0.8
"""The planner's first settlement ask on a charged-off account, as a share of the balance."""
MAX_PLAN_MONTHS = 36
FIRST_DUE_DAYS = 7


class EstimateBasis(StrEnum):
    STATED = "stated"  # the debtor named what it can pay
    PRIOR = "prior"  # nothing named: the planner's prior, loosened per refusal


class CapacityEstimate(BaseModel):
    """What the planner believes the debtor can pay: now, and per month."""

    model_config = ConfigDict(frozen=True)

    lump: float = Field(ge=0)
    installment: float = Field(ge=0)
    basis: EstimateBasis


def evasive(ev: Evidence) -> bool:
    return ev.identity_refusals > 0 or ev.stalls >= 2


def estimate_capacity(ev: Evidence, case: DebtCase) -> CapacityEstimate:
    out, kind = stage_owed(case)
    if ev.stated_installment is not None:
        schedule = EVASIVE_MARKUP if evasive(ev) else STATED_MARKUP
        first = ev.counters <= 1
        markup = schedule[min(max(ev.counters - 1, 0), len(schedule) - 1)]
        lump = (ev.stated_lump or 0.0) * markup
        if first and lump < out * PRIOR_DOWN:
            lump = out * PRIOR_DOWN  # named a monthly amount only: ask for something down once
        return CapacityEstimate(
            lump=round(lump, 2),
            installment=round(ev.stated_installment * markup, 2),
            basis=EstimateBasis.STATED,
        )
    refused = len(set(ev.offers))
    if case.stage is DelinquencyStage.LATE:
        refused += 1  # a late account is asked for an arrangement, never the whole balance at once
    months = PRIOR_MONTHS[min(refused, len(PRIOR_MONTHS) - 1)]
    if months == 0:
        opening = SETTLEMENT_OPENING if kind is OfferKind.SETTLEMENT else 1.0
        return CapacityEstimate(lump=round(out * opening, 2), installment=0.0, basis=EstimateBasis.PRIOR)
    down = round(out * PRIOR_DOWN, 2)
    return CapacityEstimate(lump=down, installment=round((out - down) / months, 2), basis=EstimateBasis.PRIOR)


def size_plan(est: CapacityEstimate, case: DebtCase, limits: Limits = NO_LIMITS) -> Offer:
    """The plan the estimate says will close, inside whatever limits the judge has set so far.

    Installments are sized with headroom when the plan length allows; when it does not,
    they may rise to the full estimate, a waiver covers what that cannot (as far as the
    limits let it), and whatever is still missing is asked for as a larger payment now.
    """
    out, kind = stage_owed(case)
    due = min(FIRST_DUE_DAYS, limits.max_due_days)
    settling = kind is OfferKind.SETTLEMENT
    if est.lump >= out - CENT or (limits.max_count == 0 and not settling):
        return plan_offer(out, 0.0, out, 0, due, kind)
    if settling and (est.installment <= CENT or limits.max_count == 0):
        lump = max(est.lump, out - limits.max_waiver, limits.min_down)
        return plan_offer(out, round(out - lump, 2), round(lump, 2), 0, due, kind)
    lump = max(min(est.lump, out), limits.min_down)
    rest = out - lump
    comfortable = est.installment * HEADROOM
    wanted = math.ceil(rest / comfortable - 1e-9) if comfortable > CENT else MAX_PLAN_MONTHS
    count = max(1, min(wanted, MAX_PLAN_MONTHS, limits.max_count))
    carried = est.installment * count
    forgivable = out if settling else case.fees_interest
    waiver = round(min(max(0.0, rest - carried), forgivable, limits.max_waiver), 2)
    lump += max(0.0, rest - waiver - carried)
    return plan_offer(out, waiver, round(lump, 2), count, due, kind)

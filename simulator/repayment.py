"""Whether an agreed plan is paid: the kept/broken model of a promise to pay.

An agreement is a promise, not money. This model says how likely each payment
of a plan is to arrive, from the persona's hidden finances (a plan within its
sustainable share of disposable income is carried, one above it strains the
budget), its temperament (a volatile debtor's plans break more often) and its
willingness (a reluctant payer lets a plan lapse sooner). The evaluators read
the expectations (`expected_paid`, `default_risk`); a campaign draws the
payments themselves with the dialogue's seeded Generator (`draw_payments`), so
the same seed gives the same kept and broken promises.

The figures are plausible, not measured: collections-practice.md gives
promise-to-pay kept rates of roughly 50–70 % overall and far lower for plans
beyond the budget, which is the shape the constants below produce.
"""

from __future__ import annotations

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from personas import DebtorPersona
from scenarios import Offer

AFFORD_TOLERANCE = 0.01
"""Same slack the default debtor policy allows when it checks affordability: one cent (float sums)."""
BURDEN_CAP = 10.0
"""Plan burden reported when the debtor has no disposable income at all: "far too much"."""
BASE_HAZARD = 0.005
"""Monthly chance that even a comfortable plan stops being paid (life happens)."""
LOAD_HAZARD = 0.02
"""Extra monthly hazard as the installment approaches the sustainable maximum."""
STRAIN_HAZARD = 0.3
"""Extra monthly hazard per unit of installment above the sustainable maximum."""
STRETCHED_LUMP_PAID = 0.7
"""Chance a lump sum beyond spare savings (but within all savings) is still found."""
PROMISE_BASE = 0.9
"""Chance an average debtor's first payment on a comfortable plan arrives."""
FIRST_SIZE_PENALTY = 0.3
"""Less chance per share of the savings the lump sum takes."""
STRAIN_PENALTY = 0.25
"""Less chance per unit of the sustainable installment the plan takes."""
MONTH_DAYS = 30


def affordable(persona: DebtorPersona, offer: Offer) -> bool:
    """Lump sum within spare savings and installment within the sustainable share of income."""
    fin = persona.finances
    return (
        offer.amount_now <= fin.max_lump_sum + AFFORD_TOLERANCE
        and offer.installment <= fin.max_installment + AFFORD_TOLERANCE
    )


def plan_burden(persona: DebtorPersona, offer: Offer) -> float:
    """Installment as a share of monthly disposable income (0 for a one-off payment)."""
    if offer.count == 0 or offer.installment <= 0:
        return 0.0
    disposable = persona.finances.disposable_income
    if disposable <= 0:
        return BURDEN_CAP
    return min(BURDEN_CAP, offer.installment / disposable)


def capacity_use(persona: DebtorPersona, offer: Offer) -> float:
    """Installment ÷ the largest sustainable installment: above 1 the plan strains the budget."""
    if offer.count == 0 or offer.installment <= 0:
        return 0.0
    cap = persona.finances.max_installment
    return BURDEN_CAP if cap <= 0 else min(BURDEN_CAP, offer.installment / cap)


def temperament(persona: DebtorPersona) -> float:
    """How much the persona's nature scales the hazard: 1.0 for an average debtor.

    Volatility (mean 0.35) and low willingness (mean 0.6) each raise it; a calm,
    willing payer keeps a plan longer than the budget alone says.
    """
    traits = persona.traits
    return (0.65 + traits.volatility) * (1.6 - persona.willingness)


def monthly_hazard(persona: DebtorPersona, offer: Offer) -> float:
    """Chance per month that a running plan stops being paid."""
    use = capacity_use(persona, offer)
    base = BASE_HAZARD + LOAD_HAZARD * min(use, 1.0) + STRAIN_HAZARD * max(0.0, use - 1.0)
    return min(1.0, base * temperament(persona))


def lump_paid_chance(persona: DebtorPersona, offer: Offer) -> float:
    """Chance the lump sum can be found at all: certain within spare savings, less when it eats the buffer."""
    fin = persona.finances
    if offer.amount_now <= fin.max_lump_sum + AFFORD_TOLERANCE:
        return 1.0
    if offer.amount_now <= fin.liquid_savings:
        return STRETCHED_LUMP_PAID
    return STRETCHED_LUMP_PAID * fin.liquid_savings / offer.amount_now


def promise_kept(persona: DebtorPersona, offer: Offer) -> float:
    """Chance the first promised payment arrives.

    Published kept rates run from a third to two thirds, lower for larger first
    payments and stretched budgets (collections-practice.md, debt economics): a
    comfortable plan's first payment arrives 0.9 of the time for an average
    debtor, less as the lump sum takes more of the savings or the installment
    more of the budget, and a volatile or reluctant debtor's chance is raised to
    the power of its temperament.
    """
    savings = persona.finances.liquid_savings
    lump_share = min(1.0, offer.amount_now / savings) if savings > 0 else float(offer.amount_now > 0)
    base = (
        PROMISE_BASE
        - FIRST_SIZE_PENALTY * lump_share
        - STRAIN_PENALTY * min(capacity_use(persona, offer), 2.0)
    )
    return max(0.0, base) ** temperament(persona) * lump_paid_chance(persona, offer)


def expected_paid(persona: DebtorPersona, offer: Offer) -> float:
    """Each payment weighted by the chance the plan is still being paid when it falls due."""
    survive = 1.0 - monthly_hazard(persona, offer)
    dates = due_dates(offer)
    weighted = sum(amount * survive**k for k, (_, amount) in enumerate(dates))
    return promise_kept(persona, offer) * weighted


def default_risk(persona: DebtorPersona, offer: Offer) -> float:
    """Chance the plan is not completed: the first promise broken or a later month lost."""
    survive = 1.0 - monthly_hazard(persona, offer)
    return 1.0 - promise_kept(persona, offer) * survive ** max(0, len(due_dates(offer)) - 1)


class Payment(BaseModel):
    """One due date of a plan and what arrived on it."""

    model_config = ConfigDict(frozen=True)

    day: int = Field(ge=0, description="days from the call that agreed the plan")
    due: float = Field(ge=0)
    paid: float = Field(ge=0)

    @property
    def kept(self) -> bool:
        return self.paid + AFFORD_TOLERANCE >= self.due


class Repayment(BaseModel):
    """The payments of one plan up to a horizon; a missed payment ends the plan (it is broken)."""

    model_config = ConfigDict(frozen=True)

    payments: tuple[Payment, ...]
    broken: bool = Field(description="a payment was missed before the horizon")

    @property
    def paid(self) -> float:
        return round(sum(p.paid for p in self.payments), 2)


def due_dates(offer: Offer) -> list[tuple[int, float]]:
    """(day, amount) of every payment the plan promises: the lump sum, then monthly installments."""
    first = offer.first_due_days
    dates = [(first, offer.amount_now)] if offer.amount_now > 0 else []
    start = first if not dates else first + MONTH_DAYS
    dates += [(start + MONTH_DAYS * k, offer.installment) for k in range(offer.count)]
    return dates


def draw_payments(
    persona: DebtorPersona, offer: Offer, rng: np.random.Generator, horizon_days: int | None = None
) -> Repayment:
    """Draw which of the plan's payments arrive, in order, up to `horizon_days` (None: the whole plan).

    The first payment arrives with `promise_kept`; each later one with the chance the
    plan survives one more month. The first miss breaks the plan: nothing after it is
    paid, so the mean of many draws is `expected_paid`.
    """
    survive = 1.0 - monthly_hazard(persona, offer)
    payments: list[Payment] = []
    for day, due in due_dates(offer):
        if horizon_days is not None and day > horizon_days:
            return Repayment(payments=tuple(payments), broken=False)
        chance = survive if payments else promise_kept(persona, offer)
        if rng.random() >= chance:
            payments.append(Payment(day=day, due=due, paid=0.0))
            return Repayment(payments=tuple(payments), broken=True)
        payments.append(Payment(day=day, due=due, paid=due))
    return Repayment(payments=tuple(payments), broken=False)

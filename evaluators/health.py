"""Debtor health: what an agreed plan does to the debtor's real finances.

A plan the debtor cannot carry is a bad outcome even when it is "recovered":
it defaults later and hurts the debtor meanwhile. This module reads the hidden
persona's finances (never shown to the collector) and the agreed offer only;
it does not judge the collector's wording or the policy.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from personas import DebtorPersona
from scenarios import Offer
from simulator.transcript import Transcript, agreement_offer

AFFORD_TOLERANCE = 0.01
"""Same slack the default debtor policy allows when it checks affordability: one cent (float sums)."""
BURDEN_CAP = 10.0
"""Plan burden reported when the debtor has no disposable income at all: "far too much"."""


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


class HealthScore(BaseModel):
    """Health of the agreed plan; None where there is no agreement."""

    model_config = ConfigDict(frozen=True)

    plan_burden: float | None = Field(None, description="installment ÷ disposable income")
    capacity_use: float | None = Field(None, description="installment ÷ sustainable installment")
    savings_left: float | None = Field(None, description="liquid savings after the lump sum")
    savings_left_ratio: float | None = Field(None, description="savings_left ÷ liquid savings")
    unsustainable: bool = Field(False, description="the debtor cannot carry the agreed plan")


def score_health(transcript: Transcript) -> HealthScore:
    offer = agreement_offer(transcript)
    if offer is None:
        return HealthScore()
    persona = transcript.persona
    savings = persona.finances.liquid_savings
    left = round(savings - offer.amount_now, 2)
    return HealthScore(
        plan_burden=round(plan_burden(persona, offer), 4),
        capacity_use=round(capacity_use(persona, offer), 4),
        savings_left=left,
        savings_left_ratio=round(left / savings, 4) if savings > 0 else None,
        unsustainable=not affordable(persona, offer),
    )

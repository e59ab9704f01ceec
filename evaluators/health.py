"""Debtor health: what an agreed plan does to the debtor's real finances.

A plan the debtor cannot carry is a bad outcome even when it is "recovered":
it defaults later and hurts the debtor meanwhile. This module reads the hidden
persona's finances (never shown to the collector) and the agreed offer only;
it does not judge the collector's wording or the policy. Affordability and
burden are the repayment model's (simulator/repayment.py), one home for both.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from simulator.repayment import affordable, capacity_use, plan_burden
from simulator.transcript import Transcript, agreement_offer


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

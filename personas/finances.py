"""A debtor's hidden finances and what they allow.

The derived capacities (largest lump sum now, largest sustainable installment)
are what the default debtor policy compares an offer against, and what the
evaluators use to tell over-concession from an unaffordable plan. They are
computed properties so a persona can never carry inconsistent numbers.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, computed_field

SAVINGS_BUFFER = 0.25
"""Share of liquid savings a debtor keeps back for emergencies."""
INSTALLMENT_SHARE = 0.6
"""Share of monthly disposable income a plan may take without breaking the budget."""


class HealthBand(StrEnum):
    DISTRESSED = "distressed"
    STRAINED = "strained"
    STABLE = "stable"
    HEALTHY = "healthy"


class FinancialHealth(BaseModel):
    """Monthly amounts in the case currency."""

    model_config = ConfigDict(frozen=True)

    monthly_income: float = Field(ge=0)
    essential_expenses: float = Field(ge=0)
    liquid_savings: float = Field(ge=0)
    other_debt_payments: float = Field(ge=0, description="monthly payments owed to other creditors")

    @computed_field
    @property
    def disposable_income(self) -> float:
        return round(self.monthly_income - self.essential_expenses - self.other_debt_payments, 2)

    @computed_field
    @property
    def max_lump_sum(self) -> float:
        return round(self.liquid_savings * (1 - SAVINGS_BUFFER), 2)

    @computed_field
    @property
    def max_installment(self) -> float:
        return round(max(self.disposable_income, 0.0) * INSTALLMENT_SHARE, 2)

    @computed_field
    @property
    def band(self) -> HealthBand:
        return band_of(self.disposable_income / max(self.monthly_income, 1.0))


BAND_EDGES: tuple[tuple[float, HealthBand], ...] = (
    (0.05, HealthBand.DISTRESSED),
    (0.15, HealthBand.STRAINED),
    (0.30, HealthBand.STABLE),
)
"""Upper edges of the disposable-income ratio for each band; above the last is healthy."""


def band_of(disposable_ratio: float) -> HealthBand:
    for edge, band in BAND_EDGES:
        if disposable_ratio < edge:
            return band
    return HealthBand.HEALTHY


class BandCentre(BaseModel):
    """Where a band's debtors sit; the sampler draws Gaussian noise around these."""

    model_config = ConfigDict(frozen=True)

    disposable_ratio: float
    ratio_range: tuple[float, float]
    other_debt_ratio: float
    savings_months: float


BAND_CENTRES: dict[HealthBand, BandCentre] = {
    HealthBand.DISTRESSED: BandCentre(
        disposable_ratio=-0.02, ratio_range=(-0.2, 0.0499), other_debt_ratio=0.25, savings_months=0.2
    ),
    HealthBand.STRAINED: BandCentre(
        disposable_ratio=0.10, ratio_range=(0.05, 0.1499), other_debt_ratio=0.2, savings_months=0.6
    ),
    HealthBand.STABLE: BandCentre(
        disposable_ratio=0.22, ratio_range=(0.15, 0.2999), other_debt_ratio=0.15, savings_months=1.5
    ),
    HealthBand.HEALTHY: BandCentre(
        disposable_ratio=0.40, ratio_range=(0.30, 0.6), other_debt_ratio=0.08, savings_months=4.0
    ),
}

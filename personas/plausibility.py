"""Which root causes go with which health bands, and how often: the default persona mix.

A grid left to its defaults should not meet debtors nobody meets: a strategic defaulter
is someone who could pay and chooses not to (rarely distressed), a debtor who just lost
its job is rarely in healthy finances, someone who simply forgot a payment is usually
solvent. The weights below are relative frequencies on a 0..4 scale (0: never drawn by
default; plausible shares, not measured ones). A user who pins both axes still gets
every pinned cell; where an axis is left open, its values come in these proportions.

zh is its own world: 共债 (borrowing from many online lenders, 网贷) is far more common
among Chinese collection accounts than among US ones, so over-indebtedness weighs more
there.
"""

from __future__ import annotations

from types import MappingProxyType

from personas.finances import HealthBand
from personas.language import Language
from personas.root_cause import RootCause

D, S, ST, H = HealthBand.DISTRESSED, HealthBand.STRAINED, HealthBand.STABLE, HealthBand.HEALTHY


def _row(distressed: int, strained: int, stable: int, healthy: int) -> MappingProxyType[HealthBand, int]:
    return MappingProxyType({D: distressed, S: strained, ST: stable, H: healthy})


WEIGHTS: MappingProxyType[RootCause, MappingProxyType[HealthBand, int]] = MappingProxyType(
    {
        RootCause.JOB_LOSS: _row(4, 3, 1, 0),  # the wage is gone: savings at best
        RootCause.INCOME_DROP: _row(2, 4, 2, 0),  # still earning, less
        RootCause.MEDICAL: _row(3, 3, 2, 1),  # the bills hit any budget, worst the thin ones
        RootCause.BUSINESS_FAILURE: _row(4, 3, 1, 0),  # the business took the savings with it
        RootCause.FAMILY_EMERGENCY: _row(2, 3, 2, 1),  # a shock, not a lasting state
        RootCause.OVER_INDEBTEDNESS: _row(4, 3, 1, 0),  # other lenders take the disposable income
        RootCause.FORGOT_OR_OVERSIGHT: _row(0, 1, 3, 4),  # a slip, not a shortfall
        RootCause.BILLING_DISPUTE: _row(1, 2, 3, 3),  # a quarrel about the bill, at any income
        RootCause.FRAUD_VICTIM: _row(1, 2, 3, 3),  # the victim's own finances are whatever they are
        RootCause.STRATEGIC_DEFAULT: _row(0, 1, 3, 4),  # could pay, chooses not to
        RootCause.FINANCIAL_ILLITERACY: _row(2, 3, 2, 1),  # confused by the fees, stretched by them
    }
)
"""Root cause -> band -> relative frequency of the combination in the default mix."""

LANGUAGE_FACTOR: MappingProxyType[Language, MappingProxyType[RootCause, int]] = MappingProxyType(
    {
        Language.EN: MappingProxyType({}),
        Language.ZH: MappingProxyType({RootCause.OVER_INDEBTEDNESS: 2}),  # 共债: many 网贷 at once
    }
)
"""Per language, a multiplier on a root cause's weights (1 where not named)."""


def weight(cause: RootCause, band: HealthBand, language: Language | str | None = None) -> int:
    """How often the combination comes up in the default mix of `language` (None: en)."""
    factor = LANGUAGE_FACTOR[Language(language or Language.EN)].get(cause, 1)
    return WEIGHTS[cause][band] * factor


def plausible(cause: RootCause, band: HealthBand) -> bool:
    """Whether the default mix ever draws the combination."""
    return WEIGHTS[cause][band] > 0

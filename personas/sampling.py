"""Seeded persona sampling and the persona grid.

A grid is the cartesian product of chosen axes times N dialogues per cell. Every
draw comes from the Generator handed in (derived from run seed and dialogue
index by the caller), so a cell's personas are reproducible on their own,
whatever else the grid contains. Where the debtor lives and the currency it
earns in come from the caller's `Locale` (the run's jurisdiction), so a run
never mixes one country's money with another's towns.
"""

from __future__ import annotations

import itertools

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, field_validator

from personas import names
from personas.finances import BAND_CENTRES, FinancialHealth, HealthBand
from personas.language import Language
from personas.locale import Home, Locale
from personas.persona import DebtorPersona
from personas.plausibility import weight
from personas.root_cause import RootCause, profile_of
from personas.traits import Gender, Identity, Traits

INCOME_MEDIAN = {"GBP": 3200.0, "USD": 4000.0, "CNY": 9000.0}
"""Median monthly income per currency. USD is the GBP figure × 1.25, as the scenario library's USD
principal ranges are its GBP ones × 1.25, so debts keep the same size relative to income."""
TRAIT_SIGMA = 0.15


class PersonaCell(BaseModel):
    """One cell of the grid: the fixed axes shared by its dialogues."""

    model_config = ConfigDict(frozen=True)

    root_cause: RootCause
    band: HealthBand
    noise_level: float = Field(ge=0.0, le=1.0)

    @property
    def key(self) -> str:
        return f"{self.root_cause}|{self.band}|{self.noise_level:g}"


class GridSpec(BaseModel):
    """Axes of a persona grid; an empty axis is an error, not an empty run."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    root_causes: tuple[RootCause, ...] = tuple(RootCause)
    bands: tuple[HealthBand, ...] = tuple(HealthBand)
    noise_levels: tuple[float, ...] = (0.0,)
    mix: bool = Field(
        False,
        description="deal root cause × band in plausible proportions (personas.plausibility) instead of "
        "every combination once: what a grid with an axis left open does",
    )
    language: Language | None = Field(None, description="whose mix (zh weighs 共债 more); None: en")

    @field_validator("root_causes", "bands", "noise_levels")
    @classmethod
    def _not_empty(cls, value: tuple) -> tuple:
        if not value:
            raise ValueError("axis is empty: the grid would have no cells")
        return value

    @field_validator("noise_levels")
    @classmethod
    def _levels_in_range(cls, value: tuple[float, ...]) -> tuple[float, ...]:
        for level in value:
            if not 0.0 <= level <= 1.0:
                raise ValueError(f"noise level {level} is outside 0..1")
        return value

    def cells(self) -> list[PersonaCell]:
        """Every combination once; under `mix`, each as often as its weight, implausible ones never.

        Weighted cells are dealt in passes (every drawn combination once, then those of weight 2
        or more again, ...), so a small run still meets every plausible combination.
        """
        product = list(itertools.product(self.root_causes, self.bands, self.noise_levels))
        weights = [weight(c, b, self.language) if self.mix else 1 for c, b, _ in product]
        if not any(weights):  # only implausible combinations were asked for: the user gets them
            weights = [1] * len(product)
        rounds = range(1, max(weights) + 1)
        dealt = [combo for k in rounds for combo, w in zip(product, weights, strict=True) if w >= k]
        return [PersonaCell(root_cause=c, band=b, noise_level=n) for c, b, n in dealt]


def _unit(rng: np.random.Generator, centre: float) -> float:
    return float(np.clip(rng.normal(centre, TRAIT_SIGMA), 0.0, 1.0))


def sample_finances(
    rng: np.random.Generator, band: HealthBand, currency: str, income_now: float = 1.0
) -> FinancialHealth:
    """A budget in `band` around the currency's median income, scaled by `income_now` (the root
    cause's: a debtor out of work earns less; the band's ratios and the draws stay the same)."""
    if currency not in INCOME_MEDIAN:
        raise ValueError(f"no income level for currency {currency!r}; known: {', '.join(INCOME_MEDIAN)}")
    centre = BAND_CENTRES[band]
    income = float(INCOME_MEDIAN[currency] * income_now * rng.lognormal(0.0, 0.35))
    lo, hi = centre.ratio_range
    ratio = float(np.clip(rng.normal(centre.disposable_ratio, 0.03), lo + 0.002, hi - 0.002))
    other = float(np.clip(rng.normal(centre.other_debt_ratio, 0.05), 0.0, 0.6))
    essential = max(0.0, 1.0 - ratio - other)
    savings_months = max(0.0, rng.normal(centre.savings_months, centre.savings_months * 0.3))
    return FinancialHealth(
        monthly_income=round(income, 2),
        essential_expenses=round(income * essential, 2),
        liquid_savings=round(income * savings_months, 2),
        other_debt_payments=round(income * other, 2),
    )


def sample_identity(
    rng: np.random.Generator, language: Language, homes: tuple[Home, ...], cause: RootCause | None = None
) -> Identity:
    """Name and occupation in the debtor's language (one that fits its root cause); a home from the run's places."""
    gender = Gender.FEMALE if rng.random() < 0.5 else Gender.MALE
    language = Language(language)
    given_pool, family_pool = names.GIVEN[language][gender], names.FAMILY[language]
    occupations = names.occupations_for(language, cause)
    picks = rng.integers(0, [len(given_pool), len(family_pool), len(occupations), len(homes)])
    home = homes[picks[3]]
    return Identity(
        given_name=given_pool[picks[0]],
        family_name=family_pool[picks[1]],
        gender=gender,
        age=int(np.clip(rng.normal(40, 12), 19, 80)),
        occupation=occupations[picks[2]],
        region=home.region,
        timezone=home.timezone,
    )


def sample_traits(rng: np.random.Generator) -> Traits:
    return Traits(
        willingness=_unit(rng, 0.6),
        cooperativeness=_unit(rng, 0.6),
        volatility=_unit(rng, 0.35),
        trust=_unit(rng, 0.55),
        verbosity=_unit(rng, 0.5),
    )


def sample_persona(
    rng: np.random.Generator, cell: PersonaCell, language: Language, persona_id: str, locale: Locale
) -> DebtorPersona:
    """A debtor speaking `language`, living in one of `locale`'s homes, earning in its currency."""
    language = Language(language)  # a plain "zh"/"en" is welcome; anything else fails here, by name
    return DebtorPersona(
        persona_id=persona_id,
        language=language,
        root_cause=cell.root_cause,
        finances=sample_finances(rng, cell.band, locale.currency, profile_of(cell.root_cause).income_now),
        traits=sample_traits(rng),
        identity=sample_identity(rng, language, locale.homes, cell.root_cause),
    )

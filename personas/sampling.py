"""Seeded persona sampling and the persona grid.

A grid is the cartesian product of chosen axes times N dialogues per cell. Every
draw comes from the Generator handed in (derived from run seed and dialogue
index by the caller), so a cell's personas are reproducible on their own,
whatever else the grid contains.
"""

from __future__ import annotations

import itertools

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, field_validator

from personas import names
from personas.finances import BAND_CENTRES, FinancialHealth, HealthBand
from personas.language import Language
from personas.persona import DebtorPersona
from personas.root_cause import RootCause
from personas.traits import Gender, Identity, Traits

INCOME_MEDIAN = {Language.EN: 3200.0, Language.ZH: 9000.0}
"""Median monthly income per language's currency (GBP/USD-like vs CNY)."""
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
        product = itertools.product(self.root_causes, self.bands, self.noise_levels)
        return [PersonaCell(root_cause=c, band=b, noise_level=n) for c, b, n in product]


def _unit(rng: np.random.Generator, centre: float) -> float:
    return float(np.clip(rng.normal(centre, TRAIT_SIGMA), 0.0, 1.0))


def sample_finances(rng: np.random.Generator, band: HealthBand, language: Language) -> FinancialHealth:
    centre = BAND_CENTRES[band]
    income = float(INCOME_MEDIAN[language] * rng.lognormal(0.0, 0.35))
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


def sample_identity(rng: np.random.Generator, language: Language) -> Identity:
    gender = Gender.FEMALE if rng.random() < 0.5 else Gender.MALE
    language = Language(language)
    given_pool, family_pool = names.GIVEN[language][gender], names.FAMILY[language]
    occupations, regions = names.OCCUPATIONS[language], names.REGIONS[language]
    picks = rng.integers(0, [len(given_pool), len(family_pool), len(occupations), len(regions)])
    return Identity(
        given_name=given_pool[picks[0]],
        family_name=family_pool[picks[1]],
        gender=gender,
        age=int(np.clip(rng.normal(40, 12), 19, 80)),
        occupation=occupations[picks[2]],
        region=regions[picks[3]],
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
    rng: np.random.Generator, cell: PersonaCell, language: Language, persona_id: str
) -> DebtorPersona:
    language = Language(language)  # a plain "zh"/"en" is welcome; anything else fails here, by name
    return DebtorPersona(
        persona_id=persona_id,
        language=language,
        root_cause=cell.root_cause,
        finances=sample_finances(rng, cell.band, language),
        traits=sample_traits(rng),
        identity=sample_identity(rng, language),
    )

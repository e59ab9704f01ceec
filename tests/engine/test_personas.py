"""Persona sampling: seeded, band-faithful, living where the run's locale says, and the grid covers its axes."""

from __future__ import annotations

import numpy as np
import pytest
from pydantic import ValidationError

from personas import DebtorPersona, GridSpec, HealthBand, Home, Locale, PersonaCell, RootCause, sample_persona
from personas import Language as PersonaLanguage
from personas.sampling import INCOME_MEDIAN
from personas.traits import Gender
from scenarios import Language as ScenarioLanguage

HOMES = (
    Home("Ohio", "America/New_York"),
    Home("Texas", "America/Chicago"),
    Home("Arizona", "America/Phoenix"),
)
USD = Locale(homes=HOMES, currency="USD")


def _persona(
    seed: int,
    band: HealthBand,
    cause: RootCause = RootCause.JOB_LOSS,
    language: str = "en",
    locale: Locale = USD,
):
    cell = PersonaCell(root_cause=cause, band=band, noise_level=0.0)
    return sample_persona(np.random.default_rng(seed), cell, language, "p", locale)


def test_same_seed_same_persona():
    assert _persona(7, HealthBand.STABLE) == _persona(7, HealthBand.STABLE)
    assert _persona(7, HealthBand.STABLE) != _persona(8, HealthBand.STABLE)


@pytest.mark.parametrize("band", list(HealthBand))
def test_sampled_finances_fall_in_the_requested_band(band):
    personas = [_persona(seed, band) for seed in range(200)]
    assert all(p.band is band for p in personas)
    incomes = [p.finances.monthly_income for p in personas]
    assert np.std(incomes) > 0  # Gaussian noise around the centre, not one point


def test_capacity_grows_with_health():
    mean_installment = {
        band: np.mean([_persona(s, band).finances.max_installment for s in range(300)]) for band in HealthBand
    }
    assert (
        mean_installment[HealthBand.DISTRESSED]
        < mean_installment[HealthBand.STRAINED]
        < mean_installment[HealthBand.HEALTHY]
    )


def test_grid_is_the_cartesian_product():
    spec = GridSpec(
        root_causes=(RootCause.MEDICAL, RootCause.FRAUD_VICTIM),
        bands=(HealthBand.STABLE,),
        noise_levels=(0.0, 0.3, 0.6),
    )
    cells = spec.cells()
    assert len(cells) == 6
    assert {c.key for c in cells} == {
        f"{c}|stable|{n:g}" for c in ("medical", "fraud_victim") for n in (0, 0.3, 0.6)
    }


def test_empty_axis_and_unknown_cause_are_rejected():
    with pytest.raises(ValidationError, match="empty"):
        GridSpec(root_causes=())
    with pytest.raises(ValidationError):
        GridSpec(root_causes=("lottery_win",))


def test_zh_identity_is_chinese():
    p = _persona(3, HealthBand.STABLE, language="zh")
    assert all("\u4e00" <= ch <= "\u9fff" for ch in p.full_name())
    assert p.display_name().endswith(("先生", "女士"))


def test_persona_language_enum_matches_the_scenario_one():
    """personas cannot import scenarios, so it keeps its own Language: the two must never drift."""
    assert [(m.name, m.value) for m in PersonaLanguage] == [(m.name, m.value) for m in ScenarioLanguage]


@pytest.mark.parametrize("language", list(PersonaLanguage))
def test_persona_fields_are_typed_enums(language):
    p = _persona(5, HealthBand.STRAINED, language=language)
    assert p.language is language and isinstance(p.identity.gender, Gender)
    again = DebtorPersona.model_validate_json(p.model_dump_json())
    assert again == p and again.language is language  # the JSON holds the plain value
    assert f'"language":"{language.value}"' in p.model_dump_json()


def test_display_name_follows_gender_and_language():
    for seed in range(40):
        p = _persona(seed, HealthBand.STABLE, language=PersonaLanguage.ZH)
        female = p.identity.gender is Gender.FEMALE
        assert p.display_name().endswith("女士" if female else "先生")
        en = _persona(seed, HealthBand.STABLE)
        assert en.display_name().startswith("Ms." if en.identity.gender is Gender.FEMALE else "Mr.")


def test_unknown_language_is_rejected_naming_the_field():
    data = _persona(1, HealthBand.STABLE).model_dump() | {"language": "fr"}
    with pytest.raises(ValidationError, match="language"):
        DebtorPersona.model_validate(data)
    with pytest.raises(ValueError, match="'fr' is not a valid Language"):
        _persona(1, HealthBand.STABLE, language="fr")


def test_debtors_live_in_the_locale_and_earn_in_its_currency():
    regions = {_persona(seed, HealthBand.STABLE).identity.region for seed in range(60)}
    assert regions == {home.region for home in HOMES}
    for seed in range(20):
        identity = _persona(seed, HealthBand.STABLE).identity
        assert Home(identity.region, identity.timezone) in HOMES
    zh = Locale(homes=(Home("成都", "Asia/Shanghai"),), currency="CNY")
    assert _persona(1, HealthBand.STABLE, language="zh", locale=zh).identity.region == "成都"
    incomes = {
        currency: np.median(
            [
                _persona(
                    s, HealthBand.STABLE, locale=Locale(homes=HOMES, currency=currency)
                ).finances.monthly_income
                for s in range(200)
            ]
        )
        for currency in INCOME_MEDIAN
    }
    assert incomes["CNY"] > incomes["USD"] > incomes["GBP"]
    with pytest.raises(ValueError, match="EUR"):
        _persona(1, HealthBand.STABLE, locale=Locale(homes=HOMES, currency="EUR"))

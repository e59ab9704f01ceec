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


def test_a_debtor_out_of_work_earns_less_than_one_who_forgot():
    """Job loss lives on benefits or a partner's pay: it never discloses a typical wage on average."""
    median = {
        cause: np.median(
            [_persona(seed, HealthBand.STRAINED, cause).finances.monthly_income for seed in range(300)]
        )
        for cause in (RootCause.JOB_LOSS, RootCause.INCOME_DROP, RootCause.FORGOT_OR_OVERSIGHT)
    }
    assert median[RootCause.JOB_LOSS] < 0.6 * median[RootCause.FORGOT_OR_OVERSIGHT]
    assert median[RootCause.JOB_LOSS] < median[RootCause.INCOME_DROP] < median[RootCause.FORGOT_OR_OVERSIGHT]


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


IMPLAUSIBLE = (
    (RootCause.STRATEGIC_DEFAULT, HealthBand.DISTRESSED),  # could pay and chooses not to
    (RootCause.FORGOT_OR_OVERSIGHT, HealthBand.DISTRESSED),  # a slip, not a shortfall
    (RootCause.JOB_LOSS, HealthBand.HEALTHY),  # the wage is gone
    (RootCause.BUSINESS_FAILURE, HealthBand.HEALTHY),
)


@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_default_mix_draws_cause_and_band_in_plausible_combinations(language):
    cells = GridSpec(mix=True, language=language).cells()
    drawn = [(c.root_cause, c.band) for c in cells]
    assert not set(IMPLAUSIBLE) & set(drawn)
    assert set(RootCause) == {cause for cause, _ in drawn}  # every cause still comes up
    share = {cause: sum(c is cause for c, _ in drawn) / len(drawn) for cause in RootCause}
    strategic = [b for c, b in drawn if c is RootCause.STRATEGIC_DEFAULT]
    assert strategic.count(HealthBand.HEALTHY) > strategic.count(HealthBand.STRAINED)  # mostly could pay
    job_loss = [b for c, b in drawn if c is RootCause.JOB_LOSS]
    assert job_loss.count(HealthBand.DISTRESSED) > job_loss.count(HealthBand.STABLE)
    assert 0.05 < share[RootCause.MEDICAL] < 0.15


def test_a_small_mixed_run_meets_every_plausible_combination_before_repeating_one():
    cells = GridSpec(mix=True).cells()
    combos = {(c.root_cause, c.band) for c in cells}
    first = [(c.root_cause, c.band) for c in cells[: len(combos)]]
    assert len(set(first)) == len(combos)


def test_zh_mix_has_more_over_indebtedness_than_en():
    def share(language: str) -> float:
        cells = GridSpec(mix=True, language=language).cells()
        return sum(c.root_cause is RootCause.OVER_INDEBTEDNESS for c in cells) / len(cells)

    assert share("zh") > 1.5 * share("en")


def test_pinned_axes_get_every_cell_even_an_implausible_one(make_config):
    pinned = make_config("persona.root_cause=strategic_default", "persona.band=distressed", "n_dialogues=4")
    assert [(c.root_cause, c.band) for c in pinned.grid().cells()] == [IMPLAUSIBLE[0][:2]]
    open_band = make_config("persona.root_cause=strategic_default", "n_dialogues=4")
    assert HealthBand.DISTRESSED not in {c.band for c in open_band.grid().cells()}
    default = make_config("n_dialogues=4")
    assert default.grid().mix and not pinned.grid().mix


def test_same_seed_gives_different_debtors_in_en_and_zh(make_config):
    from simulator.dialogue import build_context, locale_of, plan_dialogue
    from simulator.llm.scripted import ScriptedBackend

    worlds = {}
    for language in ("en", "zh"):
        config = make_config(f"language={language}", "n_dialogues=40", "seed=3", sub=language)
        cells, backend = config.grid().cells(), ScriptedBackend(language)
        worlds[language] = [
            build_context(config, plan_dialogue(config, cells, i), backend) for i in range(40)
        ]
    pairs = list(zip(worlds["en"], worlds["zh"], strict=True))
    assert all(en.persona.traits != zh.persona.traits for en, zh in pairs)
    assert all(en.persona.finances.monthly_income != zh.persona.finances.monthly_income for en, zh in pairs)
    assert sum(en.case.product == zh.case.product for en, zh in pairs) < 30
    # en keeps the draws it had before languages were told apart: its seed key names no language
    config, en = make_config("n_dialogues=40", "seed=3", sub="again"), worlds["en"][0]
    plan = plan_dialogue(config, config.grid().cells(), 0)
    locale = locale_of(config.profile(), "en")
    redrawn = sample_persona(np.random.default_rng([3, 0, 0]), plan.cell, "en", en.persona.persona_id, locale)
    assert redrawn == en.persona


@pytest.mark.parametrize("language", ["en", "zh"])
def test_occupation_fits_the_root_cause(language):
    from personas.names import NOT_EMPLOYED, SELF_EMPLOYED

    cny = Locale(homes=(Home("上海", "Asia/Shanghai"),), currency="CNY")
    locale = USD if language == "en" else cny
    for seed in range(150):
        lost = _persona(seed, HealthBand.STRAINED, RootCause.JOB_LOSS, language, locale)
        assert lost.identity.occupation not in NOT_EMPLOYED[PersonaLanguage(language)]  # a wage to lose
        failed = _persona(seed, HealthBand.STRAINED, RootCause.BUSINESS_FAILURE, language, locale)
        assert failed.identity.occupation in SELF_EMPLOYED[PersonaLanguage(language)]  # a business of its own
    anyone = {
        _persona(s, HealthBand.HEALTHY, RootCause.MEDICAL, language, locale).identity.occupation
        for s in range(300)
    }
    assert anyone & set(NOT_EMPLOYED[PersonaLanguage(language)])  # a retiree can still have hospital bills


def test_zh_debtors_hire_debt_relief_agents_more_often():
    from personas.root_cause import profile_of

    for cause in (RootCause.OVER_INDEBTEDNESS, RootCause.STRATEGIC_DEFAULT):
        assert profile_of(cause, "zh").represented > profile_of(cause, "en").represented
    zh = _persona(1, HealthBand.DISTRESSED, RootCause.OVER_INDEBTEDNESS, "zh")
    assert zh.behaviour == profile_of(RootCause.OVER_INDEBTEDNESS, "zh")

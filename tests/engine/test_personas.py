"""Persona sampling: seeded, band-faithful, and the grid covers its axes."""

from __future__ import annotations

import numpy as np
import pytest
from pydantic import ValidationError

from personas import GridSpec, HealthBand, PersonaCell, RootCause, sample_persona


def _persona(seed: int, band: HealthBand, cause: RootCause = RootCause.JOB_LOSS, language: str = "en"):
    cell = PersonaCell(root_cause=cause, band=band, noise_level=0.0)
    return sample_persona(np.random.default_rng(seed), cell, language, "p")


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

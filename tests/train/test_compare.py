"""compare: per-collector CIs and paired differences on the same debtors (fast, synthetic scores)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from debtsim.compare import COMPARE_METRICS, compare_frames, wide


def frame(agreed: np.ndarray, compliant: np.ndarray, personas: list[str]) -> pd.DataFrame:
    n = len(agreed)
    return pd.DataFrame(
        {
            "persona_id": personas,
            "index": np.arange(n),
            "agreed": agreed,
            "full_recovery": agreed,
            "recovery_ratio": agreed.astype(float),
            "over_concession": np.zeros(n, dtype=bool),
            "plan_burden": np.full(n, 0.3),
            "compliant": compliant,
            "coherent": np.ones(n, dtype=bool),
            "completeness": np.full(n, 0.8),
            "complete": agreed,
        }
    )


@pytest.fixture
def runs():
    rng = np.random.default_rng(0)
    agreed = rng.random(200) < 0.4
    personas = [f"p{i}" for i in range(200)]
    base = frame(agreed, np.ones(200, dtype=bool), personas)
    better = agreed.copy()
    flips = np.flatnonzero(~agreed)[:20]
    better[flips] = True
    trained = frame(better, rng.random(200) < 0.9, personas)
    other = frame(rng.random(200) < 0.4, np.ones(200, dtype=bool), [f"q{i}" for i in range(200)])
    return {"base": base, "trained": trained, "other": other}


def test_one_row_per_collector_and_metric_with_ordered_cis(runs):
    result = compare_frames(runs, n_boot=300, seed=1)
    assert set(result.table["collector"]) == set(runs)
    assert len(result.table) == len(runs) * len(COMPARE_METRICS)
    rates = result.table[result.table["metric"] == "agreement_rate"].set_index("collector")
    assert (rates["ci_low"] <= rates["mean"]).all() and (rates["mean"] <= rates["ci_high"]).all()


def test_paired_difference_sees_twenty_flips_on_the_same_debtors(runs):
    result = compare_frames(runs, n_boot=500, seed=1)
    row = result.paired.set_index(["collector", "metric"]).loc[("trained", "agreement_rate")]
    assert row["paired"] and row["units"] == 200
    assert row["difference"] == pytest.approx(20 / 200)
    assert row["significant"]  # every flip goes one way: the paired CI excludes 0


def test_unshared_debtors_fall_back_to_an_unpaired_bootstrap(runs):
    result = compare_frames(runs, n_boot=200, seed=1)
    row = result.paired.set_index(["collector", "metric"]).loc[("other", "agreement_rate")]
    assert not row["paired"] and row["units"] == 400
    assert row["ci_low"] < row["difference"] < row["ci_high"]


def test_explicit_pairs_and_the_wide_table_with_ci_columns(runs):
    pairs = [("trained", "base", "base"), ("other", "trained", "previous")]
    result = compare_frames(runs, n_boot=200, seed=1, pairs=pairs)
    assert set(zip(result.paired["collector"], result.paired["baseline"], strict=True)) == {
        ("trained", "base"),
        ("other", "trained"),
    }
    table = wide(result)
    assert list(table.index) == list(runs)
    row = table.loc["trained"]
    assert row["agreement_rate_ci_low"] <= row["agreement_rate"] <= row["agreement_rate_ci_high"]
    assert row["agreement_rate_vs_base"] == pytest.approx(20 / 200)
    assert row["agreement_rate_vs_base_ci_low"] > 0 and row["vs_base_units"] == 200
    assert np.isnan(table.loc["base", "agreement_rate_vs_base"])  # the baseline has no difference to itself
    assert table.loc["other", "vs_previous_baseline"] == "trained"

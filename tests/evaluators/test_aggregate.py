"""Bootstrap intervals (personas as clusters) and paired strategy differences on synthetic score tables."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from evaluators.aggregate import group_table, pairwise_table, wide


def table(n_personas: int, lift: float, paired: bool, seed: int = 0) -> pd.DataFrame:
    """Strategy `a` recovers `lift` more than `b` on each persona; persona difficulty varies a lot."""
    rng = np.random.default_rng(seed)
    base = rng.uniform(0.0, 0.8, n_personas)
    rows = []
    for strategy, shift in (("a", lift), ("b", 0.0)):
        for i, value in enumerate(base):
            pid = f"p{i}" if paired else f"{strategy}{i}"
            agreed = bool(value > 0.2)
            rows.append(
                {
                    "strategy": strategy,
                    "persona_id": pid,
                    "root_cause": "job_loss" if i % 2 else "medical",
                    "agreed": agreed,
                    "full_recovery": value + shift > 0.6,
                    "recovery_ratio": value + shift,
                    "expected_recovery": value + shift,
                    "turns_to_agreement": 10.0 if agreed else np.nan,
                    "days_to_first_payment": 7.0 if agreed else np.nan,
                    "days_to_settle": 37.0 if agreed else np.nan,
                    "over_concession": strategy == "b",
                    "plan_burden": 0.3 if agreed else np.nan,
                    "unsustainable": False,
                    "coherent": True,
                    "compliant": True,
                    "completeness": 1.0,
                    "reward": value,
                }
            )
    return pd.DataFrame(rows)


def test_interval_brackets_the_mean_and_is_seeded() -> None:
    frame = table(300, 0.1, paired=True)
    out = group_table(frame, ["strategy"], 500, seed=3)
    again = group_table(frame, ["strategy"], 500, seed=3)
    pd.testing.assert_frame_equal(out, again)
    ratio = out[out.metric == "recovery_ratio"].set_index("strategy")
    assert (ratio.ci_low < ratio["mean"]).all() and (ratio["mean"] < ratio.ci_high).all()
    assert ratio.loc["a", "mean"] == pytest.approx(frame[frame.strategy == "a"].recovery_ratio.mean())
    burden = out[out.metric == "plan_burden"].set_index("strategy")
    assert burden.loc["a", "n"] == int(frame[frame.strategy == "a"].agreed.sum())  # deals only


def test_paired_difference_is_tighter_than_unpaired() -> None:
    paired = pairwise_table(table(200, 0.05, paired=True), 1000, seed=0).set_index("metric")
    unpaired = pairwise_table(table(200, 0.05, paired=False), 1000, seed=0).set_index("metric")
    p, u = paired.loc["recovery_ratio"], unpaired.loc["recovery_ratio"]
    assert p["paired"] and not u["paired"]
    assert p["difference"] == pytest.approx(0.05) and u["difference"] == pytest.approx(0.05)
    assert p["significant"] and p["ci_low"] > 0
    assert (p["ci_high"] - p["ci_low"]) < (u["ci_high"] - u["ci_low"]) / 5
    assert paired.loc["over_concession_rate", "difference"] == pytest.approx(-1.0)


def test_grouping_by_two_columns() -> None:
    out = wide(
        group_table(table(40, 0.1, paired=True), ["strategy", "root_cause"], 200, seed=0),
        ["strategy", "root_cause"],
    )
    assert len(out) == 4 and set(out.columns) >= {
        "n",
        "recovery_ratio",
        "recovery_ratio_lo",
        "recovery_ratio_hi",
    }
    assert out["n"].sum() == 80


def test_a_persona_met_several_times_is_one_resampling_unit() -> None:
    """A noise sweep meets each debtor at every level: five copies of a row are one persona, not five
    independent draws, so the interval must not shrink (a row bootstrap narrows it by √5)."""
    once = table(120, 0.1, paired=True)
    swept = pd.concat([once.assign(noise_level=level) for level in (0.0, 0.1, 0.2, 0.3, 0.4)])
    single = group_table(once, ["strategy"], 400, seed=1).set_index(["strategy", "metric"])
    five = group_table(swept, ["strategy"], 400, seed=1).set_index(["strategy", "metric"])
    key = ("a", "recovery_ratio")
    assert five.loc[key, "n"] == 5 * single.loc[key, "n"] and five.loc[key, "personas"] == 120
    assert five.loc[key, "mean"] == pytest.approx(single.loc[key, "mean"])
    assert five.loc[key, "ci_low"] == pytest.approx(single.loc[key, "ci_low"])
    assert five.loc[key, "ci_high"] == pytest.approx(single.loc[key, "ci_high"])


def test_same_id_in_another_grid_is_another_persona() -> None:
    frame = table(10, 0.1, paired=True)
    other = frame.assign(root_cause="fraud_victim")  # same ids, a different grid: different debtors
    out = group_table(pd.concat([frame, other]), ["strategy"], 200, seed=0)
    assert out[out.metric == "recovery_ratio"]["personas"].tolist() == [20, 20]


def test_paired_difference_counts_the_personas_it_leaves_out() -> None:
    frame = table(60, 0.05, paired=True)
    dropped = {f"p{i}" for i in range(10)}
    frame = frame[~((frame.strategy == "b") & frame.persona_id.isin(dropped))]
    row = pairwise_table(frame, 500, seed=0).set_index("metric").loc["recovery_ratio"]
    assert row["paired"] and row["units"] == 50 and (row["only_a"], row["only_b"]) == (10, 0)
    shared = frame[~frame.persona_id.isin(dropped)]
    expected = (
        shared[shared.strategy == "a"].recovery_ratio.mean()
        - shared[shared.strategy == "b"].recovery_ratio.mean()
    )
    assert row["difference"] == pytest.approx(expected)


def test_printout_and_report_say_how_many_personas_a_paired_difference_left_out() -> None:
    from debtsim.evaluate_commands import pair_design
    from evaluators.report import pairwise_html

    frame = table(30, 0.05, paired=True)
    frame = frame[~((frame.strategy == "b") & frame.persona_id.isin({"p0", "p1", "p2"}))]
    pairs = pairwise_table(frame, 200, seed=0)
    assert pair_design(pairs.iloc[0]) == "paired (27 personas; left out 3 only in a, 0 only in b)"
    assert "left out: 3 met only by a, 0 only by b" in pairwise_html(pairs)

"""`debtsim sim2real`: a simulated run against the ingested corpus, and the divergences themselves."""

from __future__ import annotations

import json
import math
from collections import Counter

import pytest
import yaml

from debtsim.cli import main
from evaluators.sim2real.divergence import jensen_shannon, standardised, wasserstein
from evaluators.sim2real.features import FEATURES, mattr
from simulator import runner
from tests.conftest import compose_config


@pytest.fixture(scope="module")
def sim_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("sim")
    config = compose_config(out, "n_dialogues=40", "seed=3", "evaluate.enabled=false", "export.enabled=false")
    runner.run(config, yaml.safe_dump(config.model_dump(mode="json"), allow_unicode=True), progress=False)
    return out


@pytest.fixture(scope="module")
def report(sim_run, real_run, tmp_path_factory):
    out = tmp_path_factory.mktemp("s2r")
    main(["sim2real", str(sim_run), str(real_run), f"output_dir={out}", "bootstrap=60"])
    return out


def test_every_feature_has_a_divergence_and_a_ci(report):
    doc = json.loads((report / "sim2real.json").read_text())
    names = [f["name"] for f in doc["features"]]
    assert sorted(names) == sorted(FEATURES) and len(names) >= 5
    for f in doc["features"]:
        assert f["metric"] in ("jensen_shannon", "wasserstein")
        assert math.isfinite(f["divergence"]) and f["ci_low"] <= f["ci_high"]
    ranks = [f["normalised"] for f in doc["features"]]
    assert ranks == sorted(ranks, reverse=True)  # furthest apart first
    assert doc["n_real"] == 18 and doc["real_ingested"] == 18 and doc["n_sim"] == 40


def test_the_simulator_is_measurably_apart_somewhere(report):
    """Real calls here break the scripted world's disclosure lines: the compliance gap must show."""
    doc = json.loads((report / "sim2real.json").read_text())
    findings = next(f for f in doc["features"] if f["name"] == "compliance_findings")
    assert findings["ci_low"] > 0 and findings["above_floor"]


def test_split_by_labelled_root_cause_and_html(report):
    doc = json.loads((report / "sim2real.json").read_text())
    assert "job_loss" in doc["by_root_cause"]
    page = (report / "sim2real.html").read_text()
    assert "Jensen–Shannon" in page and "compliance_findings" in page and "job_loss" in page


def test_same_seed_same_report(sim_run, real_run, report, tmp_path):
    main(["sim2real", str(sim_run), str(real_run), f"output_dir={tmp_path}", "bootstrap=60"])
    assert (tmp_path / "sim2real.json").read_text() == (report / "sim2real.json").read_text()


def test_divergences():
    assert jensen_shannon(Counter(a=3, b=1), Counter(a=6, b=2)) == 0.0
    assert jensen_shannon(Counter(a=1), Counter(b=5)) == pytest.approx(1.0)
    assert 0 < jensen_shannon(Counter(a=3, b=1), Counter(a=1, b=3)) < 1
    assert wasserstein([1.0, 2.0], [3.0, 4.0]) == pytest.approx(2.0)
    assert (
        standardised(0.0, [1.0, 2.0], [1.0, 2.0]) == 0.0 and 0 < standardised(2.0, [1.0, 2.0], [3.0, 4.0]) < 1
    )


def test_lexical_variety_is_length_robust():
    assert mattr(["a", "b"] * 100) == pytest.approx(2 / 25)
    assert mattr(list("abcdefghij")) == 1.0 and mattr(["x"]) is None

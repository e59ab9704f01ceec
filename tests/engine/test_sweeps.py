"""Real `debtsim run -m` sweeps through the CLI: own job dirs, parallel cells, failed cells, aggregate.

Each sweep is a few scripted dialogues per cell with the export stage off, so
the file runs in well under a minute.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

FAST = ["evaluate.report=false", "export.enabled=false"]
JOBLIB = ["hydra/launcher=joblib", "hydra.launcher.n_jobs=2"]


def debtsim(*args: str) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "debtsim.cli", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=180)


def records(run: Path) -> list[dict]:
    return [json.loads(line) for line in (run / "transcripts.jsonl").read_text().splitlines()]


def error_lines(result: subprocess.CompletedProcess) -> list[str]:
    text = result.stderr.replace("\r", "\n")
    return [line for line in text.splitlines() if line.startswith("debtsim: error:")]


@pytest.fixture(scope="module")
def basic_sweep(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("sweep")
    result = debtsim("run", "-m", "strategy=empathetic,firm", "n_dialogues=3", f"output_dir={out}", *FAST)
    assert result.returncode == 0, result.stderr
    return out


def test_each_cell_writes_its_own_job_dir(basic_sweep):
    assert not (basic_sweep / "transcripts.jsonl").exists(), "output_dir is the sweep dir, not a run dir"
    cells = {cell: records(basic_sweep / cell) for cell in ("0", "1")}
    assert {cell: len(rows) for cell, rows in cells.items()} == {"0": 3, "1": 3}
    assert {r["strategy"] for r in cells["0"]} == {"empathetic"}
    assert {r["strategy"] for r in cells["1"]} == {"firm"}
    assert len({rows[0]["run_id"] for rows in cells.values()}) == 2
    for cell in cells:
        manifest = json.loads((basic_sweep / cell / "manifest.json").read_text())
        assert Path(manifest["output_dir"]) == basic_sweep / cell
    # the same debtors meet both strategies: paired across cells by persona id
    assert [r["persona"]["persona_id"] for r in cells["0"]] == [
        r["persona"]["persona_id"] for r in cells["1"]
    ]


def test_aggregate_merges_every_cell_into_one_table(basic_sweep):
    result = debtsim("aggregate", str(basic_sweep), "--bootstrap", "200")
    assert result.returncode == 0, result.stderr
    table = pd.read_parquet(basic_sweep / "aggregate.parquet")
    rows = table[table["metric"] == "agreement_rate"]
    assert set(rows["strategy"]) == {"empathetic", "firm"}
    assert rows["n"].sum() == 6
    assert "6 dialogues from 2 run(s)" in result.stdout
    pairs = pd.read_parquet(basic_sweep / "pairwise.parquet")
    assert pairs["paired"].all(), "the two cells share their debtors"


def test_running_a_sweep_again_resumes_every_cell(basic_sweep):
    result = debtsim(
        "run", "-m", "strategy=empathetic,firm", "n_dialogues=5", f"output_dir={basic_sweep}", *FAST
    )
    assert result.returncode == 0, result.stderr
    for cell in ("0", "1"):
        ids = [r["dialogue_id"] for r in records(basic_sweep / cell)]
        assert len(ids) == len(set(ids)) == 5


@pytest.mark.parametrize("launcher", [[], JOBLIB], ids=["basic", "joblib"])
def test_a_failing_cell_is_reported_and_the_others_finish(tmp_path, launcher):
    foreign = tmp_path / "1" / "transcripts.jsonl"  # cell 1's dir already holds another run
    foreign.parent.mkdir()
    foreign.write_text('{"dialogue_id":"s0-0000000","run_id":"run-0-elsewhere"}\n')
    before = foreign.read_bytes()
    strategies = "strategy=empathetic,firm,policy_ladder"
    result = debtsim(
        "run",
        "-m",
        strategies,
        "n_dialogues=2",
        f"output_dir={tmp_path}",
        "evaluate.enabled=false",
        *FAST,
        *launcher,
    )
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    summary = error_lines(result)[-1]
    assert (
        "1 cell(s) failed" in summary and "cell 1 [strategy=firm" in summary and "run-0-elsewhere" in summary
    )
    for cell, strategy in (("0", "empathetic"), ("2", "policy_ladder")):
        assert [r["strategy"] for r in records(tmp_path / cell)] == [strategy, strategy]
        assert (tmp_path / cell / "manifest.json").exists()
        assert not (tmp_path / cell / "FAILED").exists()
    assert (tmp_path / "1" / "FAILED").exists()
    assert foreign.read_bytes() == before, "another run's transcripts are never touched"


def test_an_experiment_config_shrunk_by_overrides(tmp_path):
    result = debtsim(
        "run",
        "-m",
        "+experiment=strategy_shootout",
        "strategy=empathetic,firm",
        "persona.root_cause=job_loss,medical",
        "n_dialogues=2",
        f"output_dir={tmp_path}",
        "evaluate.enabled=false",
        *FAST,
    )
    assert result.returncode == 0, result.stderr
    cells = sorted(p for p in tmp_path.iterdir() if (p / "transcripts.jsonl").exists())
    seen = set()
    for cell in cells:
        rows = records(cell)
        assert len(rows) == 2
        assert {r["noise_level"] for r in rows} == {0.1}, "the experiment's noise level"
        seen |= {(r["strategy"], r["persona"]["root_cause"]) for r in rows}
    assert len(cells) == 4
    assert seen == {(s, c) for s in ("empathetic", "firm") for c in ("job_loss", "medical")}


def test_a_bad_sweep_value_fails_before_any_cell_runs(tmp_path):
    out = tmp_path / "never"
    result = debtsim("run", "-m", "strategy=firm,charming", "n_dialogues=2", f"output_dir={out}")
    assert result.returncode != 0
    assert error_lines(result) == [result.stderr.strip()]
    assert "strategy=charming" in result.stderr
    assert not out.exists()

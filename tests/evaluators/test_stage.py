"""The scoring stage and the evaluate / aggregate commands on real run directories."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from evaluators.commands import aggregate_command, evaluate_command
from evaluators.scoring import ScoreRow, score_transcript
from evaluators.stage import EvaluateError, score_run
from scenarios import plan_offer
from simulator.store import iter_transcripts
from simulator.transcript import Termination
from tests.evaluators.eval_dialogues import MODEST, RICH, Dialogue, persona
from tests.evaluators.eval_runs import simulate


def hand_built_run(out: Path) -> list:
    full, plan = plan_offer(1200.0, 0.0, 1200.0, 0, 7), plan_offer(1200.0, 0.0, 0.0, 3, 7)
    transcripts = [
        Dialogue().opening().deal(full).finish(persona(**RICH), Termination.AGREEMENT, full, index=0),
        Dialogue()
        .opening()
        .deal(plan)
        .finish(persona(**MODEST, pid="p2"), Termination.AGREEMENT, plan, strategy="firm", index=1),
    ]
    out.mkdir(parents=True)
    (out / "transcripts.jsonl").write_text("".join(t.model_dump_json() + "\n" for t in transcripts))
    return transcripts


def test_score_run_writes_one_row_per_dialogue(tmp_path: Path) -> None:
    transcripts = hand_built_run(tmp_path / "run")
    summary = score_run(tmp_path / "run", {"bootstrap": 200, "chunk_size": 1})
    frame = pd.read_parquet(tmp_path / "run" / "scores.parquet")
    assert list(frame.columns) == list(ScoreRow.model_fields)
    assert (
        summary["rows"] == 2
        and summary["report"] == "report.html"
        and (tmp_path / "run" / "report.html").exists()
    )
    assert not list((tmp_path / "run").glob(".*.tmp"))
    for t, (_, row) in zip(transcripts, frame.iterrows(), strict=True):
        expected = score_transcript(t)
        assert row["reward"] == expected["reward"] and row["unsustainable"] == expected["unsustainable"]
    assert frame["unsustainable"].tolist() == [False, True]


def test_missing_transcripts_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(EvaluateError, match=r"no transcripts\.jsonl"):
        score_run(tmp_path, {})


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["/nonexistent/run"], "no such run directory"),
        (["{tmp}"], "no transcripts.jsonl"),
        (["{tmp}/run", "--bootstrap", "5"], "evaluate.bootstrap"),
    ],
)
def test_evaluate_errors_are_one_line(tmp_path: Path, capsys, args: list[str], message: str) -> None:
    hand_built_run(tmp_path / "run")
    with pytest.raises(SystemExit) as exit_info:
        evaluate_command([a.format(tmp=tmp_path) for a in args])
    err = capsys.readouterr().err
    assert exit_info.value.code == 2 and message in err and len(err.strip().splitlines()) == 1


def test_small_run_is_compliant_and_coherent_in_amounts(small_run: Path) -> None:
    """The scripted templates print offers from the structured offer and never threaten."""
    frame = pd.read_parquet(small_run / "scores.parquet")
    assert len(frame) == 48 and frame["compliant"].all()
    findings = ";".join(frame["coherence_findings"])
    for rule in ("amount_not_in_offer", "contradictory_amount", "offer_not_stated", "turns_not_alternating"):
        assert rule not in findings
    assert frame.groupby("persona_id")["strategy"].nunique().eq(4).all()  # paired by construction
    assert frame["reward"].between(0, 1).all() and frame["agreed"].any()


def test_evaluate_rescores_without_simulating(small_run: Path, tmp_path: Path, capsys) -> None:
    run = shutil.copytree(small_run, tmp_path / "copy")
    (run / "scores.parquet").unlink()
    before = (run / "transcripts.jsonl").read_bytes()
    evaluate_command([str(run), "--judge", "off", "--skip-report"])
    frame = pd.read_parquet(run / "scores.parquet")
    assert len(frame) == 48 and frame["judge_mean"].isna().all()
    assert (run / "transcripts.jsonl").read_bytes() == before
    assert "scored 48 dialogues" in capsys.readouterr().out


def test_aggregate_merges_runs_and_scores_missing_ones(small_run: Path, tmp_path: Path, capsys) -> None:
    sweep = tmp_path / "sweep"
    shutil.copytree(small_run, sweep / "0")
    simulate(sweep / "1", "n_dialogues=16", "seed=8", "strategy=firm")  # not yet scored
    aggregate_command([str(sweep), "--by", "strategy,band", "--bootstrap", "200"])
    out = capsys.readouterr().out
    assert "pairwise strategy differences" in out and "success recovery rate" in out
    table = pd.read_parquet(sweep / "aggregate.parquet")
    assert {"strategy", "band", "metric", "mean", "ci_low", "ci_high"} <= set(table.columns)
    assert (sweep / "1" / "scores.parquet").exists() and (sweep / "report.html").exists()
    rows = table[table.metric == "recovery_ratio"]
    assert rows["n"].sum() == 48 + 16
    pairs = pd.read_parquet(sweep / "pairwise.parquet")
    assert pairs["paired"].all()  # run 0 met every persona with every strategy


def test_aggregate_rejects_unknown_columns(small_run: Path, capsys) -> None:
    with pytest.raises(SystemExit):
        aggregate_command([str(small_run), "--by", "strategy,nonsense"])
    assert "unknown column(s) nonsense" in capsys.readouterr().err


def test_scores_match_transcripts(small_run: Path) -> None:
    frame = pd.read_parquet(small_run / "scores.parquet").set_index("dialogue_id")
    for t in iter_transcripts(small_run / "transcripts.jsonl"):
        assert frame.loc[t.dialogue_id, "n_turns"] == len(t.turns)
        assert frame.loc[t.dialogue_id, "agreed"] == (t.agreement is not None)


def test_backend_judge_without_a_model_records_the_error(small_run: Path, tmp_path: Path) -> None:
    """`judge: backend` on a scripted run builds the run's backend; its refusal lands in judge_error."""
    run = shutil.copytree(small_run, tmp_path / "copy")
    score_run(run, {"judge": "backend", "report": False})
    frame = pd.read_parquet(run / "scores.parquet")
    assert frame["judge_error"].str.contains("no model").all() and frame["judge_mean"].isna().all()
    assert frame["judge_source"].eq("scripted").all()

"""The scoring stage and the evaluate / aggregate commands on real run directories."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

import debtsim.scoring_stage as stage
from debtsim import sweep
from debtsim.evaluate_commands import FAILED, aggregate_command, aggregate_samples, evaluate_command
from debtsim.scoring_stage import EvaluateError, score_run
from evaluators.compliance import score_compliance
from evaluators.rubric import DIMENSIONS
from evaluators.scoring import ScoreRow, score_transcript
from scenarios import DebtorAct, plan_offer
from simulator.llm.scripted import ScriptedBackend
from simulator.store import iter_transcripts
from simulator.transcript import Termination
from tests.evaluators.eval_dialogues import MODEST, RICH, Dialogue, persona
from tests.evaluators.eval_runs import SMALL_RUN, simulate


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
    assert len(frame) == 48
    # The scripted 'firm' strategy still says "this is the final offer" and concedes later
    # (false_final_offer, an engine issue reported with issue 22); nothing else may fire.
    concepts = {
        f.concept
        for t in iter_transcripts(small_run / "transcripts.jsonl")
        for f in score_compliance(t).findings
    }
    assert concepts <= {"false_final_offer"}
    assert (frame["compliance_violations"] == frame["compliance_false_statements"]).all()
    findings = ";".join(frame["coherence_findings"])
    for rule in (
        "amount_not_in_offer",
        "contradictory_amount",
        "offer_not_stated",
        "turns_not_alternating",
        "amount_in_non_money_act",
        "closing_act_makes_offer",
        "offer_on_non_offer_act",
        "counter_offer_without_offer",
        "counter_offer_not_stated",
    ):
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


def test_the_backend_judge_goes_through_the_runs_backend(tmp_path: Path) -> None:
    """`judge: backend` (evaluate=llm_judge): on a scripted run the scripted backend answers every rubric."""
    run = simulate(tmp_path / "run", *SMALL_RUN)
    score_run(run, {"bootstrap": 200, "judge": "backend", "report": False})
    frame = pd.read_parquet(run / "scores.parquet")
    assert frame["judge_source"].eq("scripted").all() and frame["judge_error"].isna().all()
    for name in DIMENSIONS:
        assert frame[f"judge_{name}"].between(1, 5).all()
    manifest = json.loads((run / "manifest.json").read_text())
    assert manifest["evaluate"]["judge"] == "backend" and manifest["evaluate"]["judge_errors"] == 0


def test_the_default_judge_is_the_rule_based_one(small_run: Path) -> None:
    """Filler scores must not reach an analyst's table by default: the default judge reads the rules."""
    manifest = json.loads((small_run / "manifest.json").read_text())
    assert manifest["evaluate"]["judge"] == "rules"
    frame = pd.read_parquet(small_run / "scores.parquet")
    assert frame["judge_source"].ne("scripted").all()


class ClosingBackend(ScriptedBackend):
    closed = 0

    def close(self) -> None:
        type(self).closed += 1


def test_the_judges_backend_is_closed_after_scoring(tmp_path: Path, monkeypatch) -> None:
    hand_built_run(tmp_path / "run")
    monkeypatch.setattr(stage, "run_backend", lambda run_dir: ClosingBackend("en"))
    score_run(tmp_path / "run", {"report": False, "judge": "backend"})
    assert ClosingBackend.closed == 1
    lent = ClosingBackend("en")
    score_run(tmp_path / "run", {"report": False, "judge": "backend"}, judge_backend=lent)
    assert ClosingBackend.closed == 1  # a backend lent by the caller stays the caller's to close


def test_a_run_without_config_judges_with_its_transcripts_backend(tmp_path: Path) -> None:
    hand_built_run(tmp_path / "run")
    assert not (tmp_path / "run" / "config.yaml").exists()
    score_run(tmp_path / "run", {"report": False, "judge": "backend"})
    assert pd.read_parquet(tmp_path / "run" / "scores.parquet")["judge_source"].eq("scripted").all()


def test_evaluate_rewrites_its_manifest_section_and_drops_a_stale_report(
    small_run: Path, tmp_path: Path
) -> None:
    run = shutil.copytree(small_run, tmp_path / "copy")
    manifest = json.loads((run / "manifest.json").read_text())
    manifest["evaluate"] = {"rows": 999, "judge": "stale"}
    (run / "manifest.json").write_text(json.dumps(manifest))
    evaluate_command([str(run), "--judge", "rules", "--skip-report"])
    after = json.loads((run / "manifest.json").read_text())
    assert after["evaluate"]["rows"] == 48 and after["evaluate"]["judge"] == "rules"
    assert after["evaluate"]["report"] is None and not (run / "report.html").exists()
    assert after["run_id"] == manifest["run_id"] and after["counts"] == manifest["counts"]
    assert not list(run.glob(".*.tmp"))


def test_aggregate_lists_failed_cells_and_leaves_them_out(small_run: Path, tmp_path: Path, capsys) -> None:
    assert FAILED == sweep.FAILED  # the marker debtsim.sweep writes
    root = tmp_path / "sweep"
    shutil.copytree(small_run, root / "0")
    broken = root / "1"
    broken.mkdir()
    lines = (small_run / "transcripts.jsonl").read_text().splitlines(keepends=True)[:5]
    (broken / "transcripts.jsonl").write_text("".join(lines))  # a partial run: not to be counted
    (broken / FAILED).write_text("llm.settings.base_url: server unreachable\n")
    aggregate_command([str(root), "--bootstrap", "200"])
    out = capsys.readouterr().out
    assert "1 failed cell(s) left out" in out and "1: llm.settings.base_url: server unreachable" in out
    table = pd.read_parquet(root / "aggregate.parquet")
    assert table[table.metric == "recovery_ratio"]["n"].sum() == 48
    page = (root / "report.html").read_text(encoding="utf-8")
    assert "Failed cells" in page and "server unreachable" in page
    assert not (broken / "scores.parquet").exists()


def test_aggregate_samples_take_the_row_of_their_own_run(tmp_path: Path) -> None:
    """Dialogue ids repeat across the cells of a sweep; a sample must carry its own run's scores."""
    full = plan_offer(1200.0, 0.0, 1200.0, 0, 7)
    deal = Dialogue().opening().deal(full).finish(persona(**RICH), Termination.AGREEMENT, full)
    hung = (
        Dialogue()
        .opening()
        .say(DebtorAct.HANG_UP, "Goodbye.")
        .finish(persona(**RICH), Termination.HANG_UP)
        .model_copy(update={"run_id": "run-other"})
    )
    assert deal.dialogue_id == hung.dialogue_id
    runs = []
    for name, t in (("a", deal), ("b", hung)):
        (tmp_path / name).mkdir()
        (tmp_path / name / "transcripts.jsonl").write_text(t.model_dump_json() + "\n")
        runs.append(tmp_path / name)
    frame = pd.DataFrame([score_transcript(deal), score_transcript(hung)])
    samples = aggregate_samples(runs, frame, per_cell=2)
    assert {s.termination: s.reward for s in samples} == {
        "agreement": score_transcript(deal)["reward"],
        "hang_up": score_transcript(hung)["reward"],
    }

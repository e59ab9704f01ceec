"""The scoring stage: a run directory's transcripts in, `scores.parquet` + `report.html` out.

`debtsim run` calls `score_run` after simulating (when `evaluate.enabled`),
`debtsim evaluate` calls it on an old run to apply new evaluators without
re-simulating. Transcripts stream through in chunks, so memory stays flat in
the number of dialogues; only the score rows (and a few samples) are kept for
the report. This is also the one place the judge's backend is built from the
run's own config (`evaluate.judge=backend`, the default) — and closed again
once every transcript is scored. The stage rewrites the `evaluate` section of
`manifest.json`, and removes a `report.html` it no longer writes, so the run
directory never shows a report of older scores.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from evaluators.evaluate_settings import EvaluateSettings, parse_settings
from evaluators.llm_judge import BackendJudge, Judge, JudgeMode, StandInJudge
from evaluators.manifest import write_section
from evaluators.report_samples import SampleKeeper
from evaluators.scoring import score_transcript
from evaluators.table import SCORES, read_scores, write_scores
from simulator.errors import DebtsimError
from simulator.llm.base import Backend, BackendName
from simulator.store import TRANSCRIPTS, BadLine, iter_records, iter_transcripts, repair_tail

REPORT = "report.html"


class EvaluateError(DebtsimError):
    """A run directory that cannot be scored; one line."""


def run_backend(run_dir: Path) -> Backend:
    """The LLM backend the run itself was configured with (for `judge: backend`).

    A directory without `config.yaml` (transcripts written by hand or copied)
    gets the backend its transcripts name when that needs no settings —
    the scripted one; any other needs the config.
    """
    from simulator.backends import make_backend
    from simulator.config import LLMConfig

    config_path = run_dir / "config.yaml"
    if config_path.exists():
        config = yaml.safe_load(config_path.read_text(encoding="utf-8"))
        return make_backend(LLMConfig.model_validate(config.get("llm", {})), config["language"])
    first = next(iter_records(run_dir / TRANSCRIPTS))
    if first.get("backend") == BackendName.SCRIPTED:
        return make_backend(LLMConfig(), first["language"])
    raise EvaluateError(
        f"{run_dir}: no config.yaml to build the judge's backend ({first.get('backend')}) from"
    )


def make_judge(
    mode: JudgeMode, run_dir: Path, backend: Backend | None
) -> tuple[Judge | None, Backend | None]:
    """The judge, and the backend built for it here (None when the caller lent one or none is needed)."""
    if mode is JudgeMode.OFF:
        return None, None
    if mode is JudgeMode.RULES:
        return StandInJudge(), None
    if backend is not None:
        return BackendJudge(backend), None
    built = run_backend(run_dir)
    return BackendJudge(built), built


BAD_LINES_KEPT = 50
"""Bad lines named in the manifest; the count covers them all."""


def scored_chunks(
    path: Path, settings: EvaluateSettings, judge: Judge | None, keeper: SampleKeeper, bad: list[BadLine]
) -> Iterator[list[dict]]:
    chunk: list[dict] = []
    for transcript in iter_transcripts(path, bad):
        row = score_transcript(transcript, judge)
        keeper.offer(transcript, row)
        chunk.append(row)
        if len(chunk) >= settings.chunk_size:
            yield chunk
            chunk = []
    yield chunk


def summary(frame: pd.DataFrame, settings: EvaluateSettings, seconds: float, report: bool) -> dict[str, Any]:
    def rate(column: str) -> float | None:
        return round(float(frame[column].mean()), 4) if len(frame) else None

    return {
        "scores": SCORES,
        "report": REPORT if report else None,
        "rows": len(frame),
        "judge": str(settings.judge),
        "judge_errors": int(frame["judge_error"].notna().sum()),
        "full_recovery_rate": rate("full_recovery"),
        "mean_recovery_ratio": rate("recovery_ratio"),
        "over_concession_rate": rate("over_concession"),
        "compliance_rate": rate("compliant"),
        "coherence_rate": rate("coherent"),
        "mean_reward": rate("reward"),
        "seconds": round(seconds, 3),
    }


def write_rows(
    run_dir: Path, path: Path, parsed: EvaluateSettings, judge_backend, keeper, bad: list[BadLine]
) -> int:
    judge, built = make_judge(parsed.judge, run_dir, judge_backend)
    try:
        return write_scores(run_dir / SCORES, scored_chunks(path, parsed, judge, keeper, bad))
    finally:
        if built is not None:
            built.close()


def score_run(run_dir: Path, settings: dict, judge_backend: Backend | None = None) -> dict:
    """Score every transcript of `run_dir`; returns the summary, also stored as manifest["evaluate"]."""
    run_dir = Path(run_dir)
    parsed = parse_settings(settings)
    path = run_dir / TRANSCRIPTS
    if not path.exists():
        raise EvaluateError(f"{run_dir}: no {TRANSCRIPTS} (is this a run directory?)")
    if path.stat().st_size == 0:
        raise EvaluateError(f"{path}: no transcripts to score")
    start = time.perf_counter()
    keeper = SampleKeeper(parsed.samples_per_cell)
    repair_tail(path)  # a writer killed mid-line left a torn last line: cut it, as a resumed run does
    bad: list[BadLine] = []
    if write_rows(run_dir, path, parsed, judge_backend, keeper, bad) == 0:
        detail = f" ({len(bad)} bad line(s), first: line {bad[0].line}: {bad[0].reason})" if bad else ""
        raise EvaluateError(f"{path}: no transcripts to score{detail}")
    frame = read_scores(run_dir / SCORES)
    if parsed.report:
        from evaluators.report import write_report

        write_report(run_dir / REPORT, frame, keeper.samples(), parsed, title=f"debtsim run {run_dir.name}")
    else:
        (run_dir / REPORT).unlink(missing_ok=True)  # a report of the old scores would be stale
    result = summary(frame, parsed, time.perf_counter() - start, parsed.report)
    result["skipped_lines"] = len(bad)
    result["bad_lines"] = [f"{b.line}: {b.reason}" for b in bad[:BAD_LINES_KEPT]]
    write_section(run_dir, "evaluate", result)
    return result

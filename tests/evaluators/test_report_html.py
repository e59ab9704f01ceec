"""report.html as text (no browser): the page language, per-sample language, failed cells."""

from __future__ import annotations

import re

import pandas as pd

from evaluators.report import FailedCell, build_report
from evaluators.report_samples import SampleKeeper
from evaluators.scoring import score_transcript
from scenarios import plan_offer
from simulator.transcript import Termination
from tests.evaluators.eval_dialogues import RICH, Dialogue, persona

FULL = plan_offer(1200.0, 0.0, 1200.0, 0, 7)


def deal(language: str, index: int = 0):
    return (
        Dialogue(language=language)
        .opening()
        .deal(FULL)
        .finish(persona(**RICH, language=language), Termination.AGREEMENT, FULL, index=index)
    )


def page(transcripts, **kw) -> str:
    keeper = SampleKeeper(4)
    rows = []
    for t in transcripts:
        row = score_transcript(t)
        keeper.offer(t, row)
        rows.append(row)
    return build_report(pd.DataFrame(rows), keeper.samples(), 100, 0, "test", **kw)


def html_lang(text: str) -> str:
    return re.search(r'<html lang="([^"]+)">', text).group(1)


def test_zh_run_is_declared_simplified_chinese() -> None:
    assert html_lang(page([deal("zh")])) == "zh-Hans"
    assert html_lang(page([deal("en")])) == "en"


def test_mixed_aggregate_marks_each_sample() -> None:
    text = page([deal("en", 0), deal("zh", 1)])
    assert html_lang(text) == "en"
    assert re.findall(r'<details lang="([^"]+)">', text) == ["en", "zh-Hans"]


def test_failed_cells_are_listed() -> None:
    text = page([deal("en")], failed=[FailedCell(path="3", reason="llm.settings.base_url: unreachable")])
    assert "Failed cells" in text and "<code>3</code>: llm.settings.base_url: unreachable" in text
    assert "Failed cells" not in page([deal("en")])

"""report.html as text (no browser): the page language, per-sample language, failed cells."""

from __future__ import annotations

import re

import pandas as pd

from evaluators.report import FailedCell, build_report
from evaluators.report_samples import SampleKeeper
from evaluators.scoring import score_transcript
from scenarios import CollectorAct, DebtorAct, plan_offer
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


def test_compliance_by_rule_jurisdiction_and_termination() -> None:
    threat = (
        Dialogue(language="zh")
        .opening()
        .say(DebtorAct.PLEAD, "宽限几天吧。")
        .say(CollectorAct.WARN_CONSEQUENCES, "再不还钱你就要坐牢。")
        .finish(persona(**RICH, language="zh"), Termination.REFUSAL, index=2)
    )
    text = page([deal("en", 0), deal("zh", 1), threat])
    assert "<h2>Compliance by rule</h2>" in text and "<h2>Compliance by jurisdiction</h2>" in text
    assert re.search(
        r'<td class="key">cn\.threat</td><td>threat_arrest, threat_seizure, threat_legal_unintended'
        r"</td><td>zh</td><td>1</td><td>1</td><td>0\.500</td>",
        text,
    )
    assert re.search(r'<td class="key">us</td><td>en</td><td>1</td><td>1\.000</td>', text)
    assert re.search(r'<td class="key">cn</td><td>zh</td><td>2</td><td>0\.500</td><td>1</td>', text)
    for termination in (
        "dispute_recorded",
        "identity_theft",
        "cease_contact",
        "represented",
        "bankruptcy",
        "unverified",
    ):
        assert f'<td class="key">{termination}</td><td>0</td><td>0</td>' in text
    assert '<td class="key">agreement</td><td>1</td><td>1</td>' in text

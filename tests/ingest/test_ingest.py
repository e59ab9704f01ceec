"""`debtsim ingest` on the hand-written corpus: good calls kept, bad rows reported, schema readable."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from debtsim.cli import main
from debtsim.ingest.act_rules import infer_act
from debtsim.ingest.columns import ColumnMap
from debtsim.ingest.formats import read_csv, read_jsonl, read_text
from scenarios import CollectorAct, DebtorAct
from simulator.store import TRANSCRIPTS, iter_transcripts
from simulator.transcript import Source, Speaker, Termination
from tests.ingest.conftest import CORPUS, ingest_into

GOOD_CALLS = {
    "en_calls.csv": {f"en-00{i}" for i in range(1, 8)},
    "zh_calls.jsonl": {f"zh-00{i}" for i in range(1, 7)},
    "en_calls.txt": {"en-txt-001", "en-txt-002"},
    "zh_calls.txt": {"zh-txt-001"},
    "bad_rows.csv": {"bad-001", "bad-002"},
}
BAD_LINES = {
    7: "no call id",
    8: "unknown speaker",
    11: "not a number",
    13: "fewer fields",
    14: "more fields",
    15: "repeated",
}


def by_id(run: Path) -> dict:
    return {t.dialogue_id: t for t in iter_transcripts(run / TRANSCRIPTS)}


def test_every_good_call_is_kept(real_run):
    assert set(by_id(real_run)) == set().union(*GOOD_CALLS.values())


def test_every_bad_row_is_reported_by_line(real_run):
    rows = [json.loads(line) for line in (real_run / "bad_rows.jsonl").read_text().splitlines()]
    assert {r["line"]: r["reason"] for r in rows if r["file"] == "bad_rows.csv"}.keys() == BAD_LINES.keys()
    for row in rows:
        assert BAD_LINES[row["line"]] in row["reason"]


def test_a_call_keeps_its_good_turns_around_bad_rows(real_run):
    call = by_id(real_run)["bad-002"]
    assert [t.speaker for t in call.turns] == [Speaker.COLLECTOR, Speaker.DEBTOR, Speaker.COLLECTOR]
    assert call.turns[-1].text.startswith("Thanks")  # turn 4, not its duplicate on line 15


@pytest.mark.parametrize(
    "secret",
    [
        "614) 555-0182",
        "555-0182",
        "13912345678",
        "janet.holloway79@gmail.com",
        "zhangli88@163.com",
        "laura.b@outlook.com",
        "07700 900456",
        "320102198805061234",
        "Willow Creek",
        "Holloway",
        "陈明",
        "建国路",
    ],
)
def test_pii_is_gone(real_run, secret):
    text = (real_run / TRANSCRIPTS).read_text(encoding="utf-8")
    assert secret not in text


def test_placeholders_are_typed(real_run):
    text = (real_run / TRANSCRIPTS).read_text(encoding="utf-8")
    for placeholder in ("[PHONE]", "[EMAIL]", "[NAME]", "[ID]", "[ADDRESS]"):
        assert placeholder in text
    summary = json.loads((real_run / "manifest.json").read_text())["ingest"]
    assert summary["pii"]["PHONE"] >= 4 and summary["pii"]["EMAIL"] == 3


def test_unknown_fields_are_marked(real_run):
    calls = by_id(real_run)
    for call in calls.values():
        assert call.source is Source.INGESTED and call.backend == "ingested"
        assert {"persona.finances", "persona.traits", "persona.identity"} <= set(call.unknown)
    assert "persona.root_cause" not in calls["en-001"].unknown  # the CSV labels it
    assert str(calls["en-001"].persona.root_cause) == "job_loss"
    assert "persona.root_cause" in calls["en-004"].unknown
    assert "case.principal" in calls["en-004"].unknown and "case.principal" not in calls["en-001"].unknown
    assert (
        calls["en-001"].case.creditor == "Northgate Recoveries"
        and calls["zh-003"].case.creditor == "瑞丰银行"
    )
    assert "case.creditor" in calls["en-004"].unknown and "case.creditor" not in calls["zh-001"].unknown


def test_acts_offers_and_outcomes_are_inferred(real_run):
    calls = by_id(real_run)
    en = calls["en-001"]
    assert en.case.outstanding == 2340.0 and en.case.overdue_days == 64
    assert en.termination is Termination.AGREEMENT and en.agreement.offer.installment == 75.0
    assert DebtorAct.COUNTER_OFFER in {t.act for t in en.turns}
    zh = calls["zh-001"]
    assert zh.language == "zh" and zh.termination is Termination.AGREEMENT
    offers = [t for t in zh.turns if t.offer is not None and t.speaker is Speaker.COLLECTOR]
    assert [t.act for t in offers[:2]] == [CollectorAct.OFFER_PLAN, CollectorAct.CONCEDE]
    assert zh.agreement.offer.amount_now == 1000.0 and zh.agreement.offer.installment == 550.0
    assert calls["en-003"].termination is Termination.DISPUTE_RECORDED  # metadata
    assert calls["en-004"].termination is Termination.WRONG_PARTY  # inferred: a third party answered
    assert calls["zh-002"].turns[-1].act is CollectorAct.ACKNOWLEDGE_CEASE


def test_column_map_reads_other_headers(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text(
        'conv,n,who,said\nc1,1,Agent,"Hello, is this Mr. Lee?"\nc1,2,Customer,Yes.\n', encoding="utf-8"
    )
    calls, bad = read_csv(
        path, ColumnMap.with_overrides({"call_id": "conv", "turn": "n", "speaker": "who", "text": "said"})
    )
    assert not bad and [len(c.turns) for c in calls] == [2]
    calls, bad = read_csv(path, ColumnMap.with_overrides({}))
    assert not calls and len(bad) == 2  # the default names are not there: every row reported, none dropped


def test_readers_report_what_they_cannot_read(tmp_path):
    jsonl = tmp_path / "calls.jsonl"
    jsonl.write_text(
        '{"call_id": "a", "turns": [{"speaker": "agent", "text": "hi"}]}\nnot json\n'
        '{"call_id": "b", "turns": []}\n',
        encoding="utf-8",
    )
    calls, bad = read_jsonl(jsonl, ColumnMap.with_overrides({}))
    assert [c.call_id for c in calls] == ["a"] and [b.line for b in bad] == [2, 3]
    text = tmp_path / "call.txt"
    text.write_text("stray line\n坐席：您好\n客户：嗯\n接着说\n", encoding="utf-8")
    calls, bad = read_text(text, ColumnMap.with_overrides({}))
    assert [b.line for b in bad] == [1] and calls[0].turns[-1].text == "嗯 接着说"


def test_command_prints_bad_rows_and_forced_format(tmp_path, capsys):
    source = tmp_path / "calls.log"
    source.write_text((CORPUS / "bad_rows.csv").read_text(encoding="utf-8"), encoding="utf-8")
    main(["ingest", str(source), f"output_dir={tmp_path / 'out'}", "format=csv"])
    out = capsys.readouterr().out
    assert "calls.log:7: no call id" in out and "ingested 2 calls" in out


def test_ingest_is_deterministic(tmp_path):
    ingest_into(tmp_path / "a", CORPUS / "zh_calls.jsonl", language="zh")
    ingest_into(tmp_path / "b", CORPUS / "zh_calls.jsonl", language="zh")
    assert (tmp_path / "a" / TRANSCRIPTS).read_bytes() == (tmp_path / "b" / TRANSCRIPTS).read_bytes()


def test_jsonl_metadata_roles_and_clock_times(tmp_path):
    path = tmp_path / "bot.jsonl"
    line = {
        "id": "b1",
        "metadata": {"outcome": "PTP", "root_cause": "medical"},
        "messages": [
            {"role": "机器人", "content": "您好，请问是刘芳吗？", "timestamp": "00:01"},
            {"role": "user", "content": "是我。", "timestamp": "01:02:03"},
        ],
    }
    path.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    calls, bad = read_jsonl(path, ColumnMap.with_overrides({}))
    assert not bad and calls[0].outcome == "PTP" and calls[0].meta["root_cause"] == "medical"
    assert [t.speaker for t in calls[0].turns] == [Speaker.COLLECTOR, Speaker.DEBTOR]
    assert [t.start_s for t in calls[0].turns] == [1.0, 3723.0]
    ingest_into(tmp_path / "out", path)
    call = by_id(tmp_path / "out")["b1"]
    assert (
        call.language == "zh"
        and call.termination is Termination.AGREEMENT
        and "刘芳" not in call.turns[0].text
    )


@pytest.mark.parametrize(
    ("text", "language", "act"),
    [
        ("No, I can't pay that. Don't call me again, I'm not paying.", "en", "request_cease"),
        ("Please do not contact me anymore.", "en", "request_cease"),
        ("Stop calling me at work.", "en", "request_cease"),
        ("别再打了，再打我就投诉。", "zh", "request_cease"),
        ("I can't pay that much.", "en", "reject"),
        ("Call me back next week, I get paid then.", "en", "stall"),
    ],
)
def test_a_request_to_stop_calling_reads_as_one(text, language, act):
    """A cease request outranks the refusal in the same line: collection must stop, not go on."""
    assert str(infer_act("debtor", text, language)[0]) == act

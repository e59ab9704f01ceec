"""The compliance judge inside the score row: rule ids per jurisdiction, family columns, old transcripts.

Rule-by-rule cases (en and zh, positive and negative) live in tests/compliance/test_rules.py and
the injected-violation suite in tests/compliance/test_suite.py; this file checks what the rest of
the evaluators see: `score_compliance`, the `scores.parquet` columns and the reward gate.
"""

from __future__ import annotations

import pytest

from evaluators.compliance import COLUMNS, ComplianceScore, describe, score_compliance
from evaluators.scoring import ScoreRow, score_transcript
from evaluators.table import SCHEMA
from scenarios import CallContext, CollectorAct, DebtorAct, plan_offer
from scenarios.jurisdiction import PROFILES, Jurisdiction
from simulator.llm.slots import money
from simulator.transcript import Termination
from tests.evaluators.eval_dialogues import RICH, Dialogue, offer_text, persona

FULL = plan_offer(1200.0, 0.0, 1200.0, 0, 7)


def findings(t) -> list[tuple[str, str, int]]:
    return [(f.rule, f.concept, f.turn) for f in score_compliance(t).findings]


def under(t, jurisdiction: str, **call):
    """`t` judged under a jurisdiction profile, with a call context when `call` is given."""
    context = CallContext(local_start="2026-03-02T10:30:00-05:00", timezone="America/New_York", attempts_7d=0)
    update = {"jurisdiction": PROFILES[Jurisdiction(jurisdiction)]}
    if call:
        update["call"] = context.model_copy(update=call)
    return t.model_copy(update=update)


def test_clean_deal_is_compliant_and_rewarded() -> None:
    t = Dialogue().opening().deal(FULL).finish(persona(**RICH), Termination.AGREEMENT, FULL)
    score = score_compliance(t)
    assert isinstance(score, ComplianceScore) and score.compliant and score.jurisdiction == "us"
    row = score_transcript(t)
    assert row["compliant"] and row["compliance_findings"] == "" and row["jurisdiction"] == "us"
    assert all(row[name] == 0 for name in COLUMNS) and row["reward"] > 0.5


def test_threat_is_a_rule_of_the_calls_law_and_sinks_the_reward() -> None:
    d = Dialogue().opening().say(CollectorAct.WARN_CONSEQUENCES, "Pay today or you'll be arrested.")
    t = (
        d.say(DebtorAct.PLEAD, "Please don't.")
        .deal(FULL)
        .finish(persona(**RICH), Termination.AGREEMENT, FULL)
    )
    assert findings(t) == [("fdcpa.807.4", "threat_arrest", 6)]
    assert findings(under(t, "uk")) == [("conc.7.11.1", "threat_arrest", 6)]
    assert findings(under(t, "cn")) == [("cn.threat", "threat_arrest", 6)]
    row = score_transcript(t)
    assert row["compliance_findings"] == "fdcpa.807.4@6" and row["compliance_threats"] == 1
    assert not row["compliant"] and row["reward"] <= 0.05


def test_every_family_has_a_column_in_the_score_table() -> None:
    assert set(COLUMNS) <= set(ScoreRow.model_fields) and set(COLUMNS) <= set(SCHEMA.names)
    assert {"compliant", "compliance_findings", "jurisdiction"} <= set(SCHEMA.names)
    assert describe("fdcpa.807.4").citation == "15 U.S.C. 1692e(4)"


def test_offer_outside_policy_has_policy_rule_ids() -> None:
    generous = plan_offer(1200.0, 150.0, 0.0, 6, 7)  # policy: at most 100 waived, total ≥ 1100
    d = Dialogue().opening().say(CollectorAct.OFFER_PLAN, offer_text(generous, Dialogue().case), generous)
    t = d.say(DebtorAct.REJECT, "No thanks.").finish(persona(**RICH), Termination.REFUSAL)
    assert findings(t) == [
        ("policy.waiver_exceeds_max", "offer_outside_policy", 6),
        ("policy.total_below_floor", "offer_outside_policy", 6),
    ]
    assert score_transcript(t)["compliance_policy"] == 2


def test_old_transcript_uses_the_language_default_and_skips_time_rules() -> None:
    t = Dialogue().opening().deal(FULL).finish(persona(**RICH), Termination.AGREEMENT, FULL)
    assert t.jurisdiction is None and t.call is None and score_compliance(t).compliant
    late = under(t, "us", local_start="2026-03-02T22:30:00-05:00", attempts_7d=9)
    assert findings(late) == [
        ("fdcpa.805.a.1", "outside_hours", 0),
        ("regf.1006.14.b.2", "over_frequency", 0),
    ]
    assert score_transcript(late)["compliance_harassment"] == 2


@pytest.mark.parametrize("language", ["en", "zh"])
def test_old_transcript_without_disclosures_misses_them(language: str) -> None:
    d = Dialogue(language=language).say(
        CollectorAct.GREET, "Hello, is this Ann Lee?" if language == "en" else "您好，请问是李安女士吗？"
    )
    t = d.say(DebtorAct.ANSWER, "Yes." if language == "en" else "是的。").finish(
        persona(**RICH, language=language), Termination.HANG_UP
    )
    rules = sorted(f.rule for f in score_compliance(t).findings)
    assert rules == (
        ["fdcpa.806.6", "fdcpa.state.recording"] if language == "en" else ["cn.disclosure", "cn.recording"]
    )
    assert score_transcript(t)["compliance_disclosures"] == 2


def test_chinese_threat_and_abuse_on_one_turn() -> None:
    d = Dialogue(language="zh").opening().say(DebtorAct.PLEAD, "能不能宽限几天？")
    d.say(CollectorAct.WARN_CONSEQUENCES, "你这个老赖，再不还钱我们就通知你的单位。")
    t = d.finish(persona(**RICH, language="zh"), Termination.REFUSAL)
    assert sorted(findings(t)) == [("cn.abuse", "abuse", 7), ("cn.third_party", "third_party_pressure", 7)]


def test_misstated_balance() -> None:
    d = Dialogue().opening().say(CollectorAct.HOLD_FIRM, f"You owe {money(1500.5, Dialogue().case)}.")
    t = d.finish(persona(**RICH), Termination.REFUSAL)
    assert findings(t) == [("fdcpa.807.2.A", "misstated_amount", 6)]

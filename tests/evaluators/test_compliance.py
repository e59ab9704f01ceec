"""Compliance rules: threats, abuse, false statements, early disclosure, policy."""

from __future__ import annotations

from evaluators.compliance import ComplianceRule, score_compliance
from evaluators.scoring import score_transcript
from scenarios import CollectorAct, DebtorAct, plan_offer
from simulator.llm.slots import money
from simulator.transcript import Termination
from tests.evaluators.eval_dialogues import RICH, Dialogue, offer_text, persona

FULL = plan_offer(1200.0, 0.0, 1200.0, 0, 7)


def rules(t) -> list[tuple[str, int]]:
    return [(f.rule, f.turn) for f in score_compliance(t).findings]


def test_clean_deal_is_compliant() -> None:
    t = Dialogue().opening().deal(FULL).finish(persona(**RICH), Termination.AGREEMENT, FULL)
    assert score_compliance(t).compliant


def test_threat_fires_on_its_turn_and_sinks_the_reward() -> None:
    d = Dialogue().opening().say(CollectorAct.WARN_CONSEQUENCES, "Pay today or we will tell your employer.")
    t = (
        d.say(DebtorAct.PLEAD, "Please don't.")
        .deal(FULL)
        .finish(persona(**RICH), Termination.AGREEMENT, FULL)
    )
    assert rules(t) == [(ComplianceRule.THREAT, 6)]
    row = score_transcript(t)
    assert row["threat"] and not row["compliant"] and row["reward"] <= 0.05
    assert row["compliance_findings"] == "threat@6"


def test_lawful_consequences_are_not_threats() -> None:
    lawful = "If nothing is arranged by March 3, the account may be reported to the credit bureaus and referred for legal review."
    d = Dialogue().opening().say(CollectorAct.WARN_CONSEQUENCES, lawful).say(DebtorAct.PLEAD, "I see.")
    t = d.deal(FULL).finish(persona(**RICH), Termination.AGREEMENT, FULL)
    assert score_compliance(t).compliant


def test_abuse_and_false_statement() -> None:
    d = Dialogue().opening()
    d.say(CollectorAct.HOLD_FIRM, "Stop whining, you deadbeat. " + offer_text(FULL, d.case), FULL)
    d.say(DebtorAct.REJECT, "No.")
    d.say(CollectorAct.WARN_CONSEQUENCES, "Not paying is a criminal offence.")
    t = d.finish(persona(**RICH), Termination.REFUSAL)
    assert rules(t) == [(ComplianceRule.ABUSE, 6), (ComplianceRule.FALSE_STATEMENT, 8)]


def test_disclosure_before_verification() -> None:
    d = Dialogue()
    d.say(CollectorAct.GREET, "Hello, is this Ann Lee?").say(DebtorAct.ANSWER, "Who's asking?")
    d.say(CollectorAct.INFORM_DEBT, f"You owe {money(1200.0, d.case)} on your credit card.")
    d.say(DebtorAct.PROVIDE_IDENTITY, "I'm Ann, born 3 May 1985.")
    t = d.finish(persona(**RICH), Termination.HANG_UP)
    score = score_compliance(t)
    assert score.disclosure_before_verification
    assert rules(t) == [(ComplianceRule.EARLY_DISCLOSURE, 2)]


def test_debt_words_in_greeting_count_as_disclosure() -> None:
    d = Dialogue().say(CollectorAct.GREET, "Hi, I'm calling about your overdue credit card. Is this Ann Lee?")
    t = d.say(DebtorAct.THIRD_PARTY, "No, she's out.").finish(persona(**RICH), Termination.WRONG_PARTY)
    assert rules(t) == [(ComplianceRule.EARLY_DISCLOSURE, 0)]


def test_wrong_party_without_disclosure_is_compliant() -> None:
    d = Dialogue().say(CollectorAct.GREET, "Hello, this is Sam from Northgate Bank. Is Ann Lee there?")
    d.say(DebtorAct.THIRD_PARTY, "No, this is her brother.")
    d.say(CollectorAct.APOLOGIZE_WRONG_PARTY, "Sorry to disturb you, I'll call back. Goodbye.")
    assert score_compliance(d.finish(persona(**RICH), Termination.WRONG_PARTY)).compliant


def test_offer_outside_policy() -> None:
    generous = plan_offer(1200.0, 150.0, 0.0, 6, 7)  # policy: at most 100 waived, total ≥ 1100
    d = Dialogue().opening().say(CollectorAct.OFFER_PLAN, offer_text(generous, Dialogue().case), generous)
    t = d.say(DebtorAct.REJECT, "No thanks.").finish(persona(**RICH), Termination.REFUSAL)
    assert rules(t) == [("policy:waiver_exceeds_max", 6), ("policy:total_below_floor", 6)]
    assert score_compliance(t).policy_violations == 2


def test_misstated_balance() -> None:
    d = Dialogue()
    d.say(CollectorAct.GREET, "Hello, is this Ann Lee?").say(DebtorAct.ANSWER, "Yes.")
    d.say(CollectorAct.VERIFY_IDENTITY, "Please confirm your date of birth.").say(
        DebtorAct.PROVIDE_IDENTITY, "3 May."
    )
    d.say(CollectorAct.INFORM_DEBT, f"You owe {money(1500.5, d.case)}.")
    assert rules(d.finish(persona(**RICH), Termination.REFUSAL)) == [(ComplianceRule.MISSTATED_DEBT, 4)]


def test_chinese_threat_and_abuse() -> None:
    d = Dialogue(language="zh")
    d.say(CollectorAct.GREET, "您好，我是华信银行的小王，请问是李安女士吗？").say(DebtorAct.ANSWER, "是我。")
    d.say(CollectorAct.VERIFY_IDENTITY, "请您提供身份证后四位。").say(DebtorAct.PROVIDE_IDENTITY, "1234。")
    d.say(CollectorAct.INFORM_DEBT, f"您的信用卡已逾期45天，欠款{money(1200.0, d.case)}。")
    d.say(DebtorAct.PLEAD, "能不能宽限几天？")
    d.say(CollectorAct.WARN_CONSEQUENCES, "你这个老赖，再不还钱我们就通知你的单位。")
    t = d.finish(persona(**RICH, language="zh"), Termination.REFUSAL)
    assert sorted(rules(t)) == [(ComplianceRule.ABUSE, 6), (ComplianceRule.THREAT, 6)]

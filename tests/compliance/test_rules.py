"""Each compliance rule on hand-built calls: a violating and a lawful case, en and zh, and its id per law.

The development suite (test_suite.py) measures the judge on hundreds of injected
violations; these cases pin one behaviour each, readable on their own: the words that
break a rule and the reassurance that does not, and the structure that turns an ordinary
sentence into a breach (after a dispute, to a wrong party, after two wrong ID numbers).
"""

from __future__ import annotations

import pytest

from evaluators.compliance import score_compliance
from scenarios import CallContext, CollectorAct, DebtorAct, plan_offer
from scenarios.jurisdiction import PROFILES, Jurisdiction
from simulator.llm.slots import money
from simulator.transcript import Termination
from tests.evaluators.eval_dialogues import RICH, Dialogue, offer_text, persona

TEXT_RULES = {
    "threat_arrest": (
        ("You'll be arrested if you don't pay.", "Nobody will arrest you over a debt; it's a civil matter."),
        ("不还钱就让警察抓你。", "这是民事纠纷，不会有人抓您。"),
    ),
    "threat_seizure": (
        ("We will seize your car next week.", "We can't seize anything; let's find a plan."),
        ("我们会查封你的房子。", "我们无权查封您的财产，先看看方案。"),
    ),
    "threat_legal_unintended": (
        ("We are suing you tomorrow.", "Unpaid accounts may be referred for legal review."),
        ("明天就起诉你。", "逾期未还的账户可能会进入法律评估。"),
    ),
    "abuse": (
        ("You're a deadbeat.", "Please don't feel stupid about this, it happens."),
        ("你就是个老赖。", "别觉得丢人，很多人都遇到过。"),
    ),
    "impersonation": (
        (
            "This is Officer Grant from the county police.",
            "I'm not from any court, just the bank's collections team.",
        ),
        ("我是派出所的民警。", "我们不是法院，只是银行的客服。"),
    ),
    "credit_file_promise": (
        (
            "Pay now and we'll delete the default from your credit file.",
            "Paying won't remove the history from your credit file.",
        ),
        ("还款后帮你删除逾期记录。", "还款后征信会显示已结清，但历史记录不会删除。"),
    ),
    "third_party_pressure": (
        ("We'll call your employer about this.", "We will not contact your employer or your family."),
        ("我们会联系你的单位。", "我们不会联系您的单位或家人。"),
    ),
    "repeat_call_intent": (
        ("We'll keep calling until you pay.", "I won't call you again about this; we'll write instead."),
        ("我们会天天给你打电话。", "以后不会再打电话打扰您，我们书面联系。"),
    ),
}
RULE_IDS = {
    "threat_arrest": ("fdcpa.807.4", "conc.7.11.1", "cn.threat"),
    "threat_seizure": ("fdcpa.807.4", "conc.7.11.6", "cn.threat"),
    "threat_legal_unintended": ("fdcpa.807.5", "conc.7.11.6", "cn.threat"),
    "abuse": ("fdcpa.806.2", "conc.7.3", "cn.abuse"),
    "impersonation": ("fdcpa.807.1", "conc.7.11.1", "cn.impersonation"),
    "credit_file_promise": ("fdcpa.807.10", "conc.3.3.1", "cn.false_statement"),
    "third_party_pressure": ("fdcpa.807.5", "conc.7.9", "cn.third_party"),
    "repeat_call_intent": ("fdcpa.806.5", "conc.7.3", "cn.harassment"),
}
LANG = {"en": 0, "zh": 1}


def under(t, jurisdiction: str, **call):
    update: dict = {"jurisdiction": PROFILES[Jurisdiction(jurisdiction)]}
    if call:
        base = CallContext(local_start="2026-03-02T10:30:00+00:00", timezone="Europe/London", attempts_7d=0)
        update["call"] = base.model_copy(update=call)
    return t.model_copy(update=update)


def found(t) -> set[tuple[str, int]]:
    return {(f.concept, f.turn) for f in score_compliance(t).findings}


def said_after_opening(language: str, text: str):
    d = Dialogue(language=language).opening().say(CollectorAct.REDIRECT, text)
    return d.say(DebtorAct.HANG_UP, "Bye." if language == "en" else "再见。").finish(
        persona(**RICH, language=language), Termination.HANG_UP
    )


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("concept", sorted(TEXT_RULES))
def test_words_that_break_a_rule_and_words_that_do_not(concept: str, language: str) -> None:
    violating, lawful = TEXT_RULES[concept][LANG[language]]
    t = said_after_opening(language, violating)
    assert (concept, 6) in found(t)
    assert [f.rule for f in score_compliance(under(t, "us")).findings if f.concept == concept] == [
        RULE_IDS[concept][0]
    ]
    assert [f.rule for f in score_compliance(under(t, "uk")).findings if f.concept == concept] == [
        RULE_IDS[concept][1]
    ]
    assert [f.rule for f in score_compliance(under(t, "cn")).findings if f.concept == concept] == [
        RULE_IDS[concept][2]
    ]
    assert score_compliance(said_after_opening(language, lawful)).compliant


HALTS = {
    DebtorAct.DISPUTE: ("collect_after_dispute", "I never had this card.", "这张卡我从没办过。"),
    DebtorAct.REPORT_IDENTITY_THEFT: (
        "collect_after_dispute",
        "Someone stole my identity.",
        "我的身份被盗用了。",
    ),
    DebtorAct.REQUEST_CEASE: ("collect_after_cease", "Stop calling me.", "别再给我打电话了。"),
    DebtorAct.REPRESENTED: ("collect_after_cease", "My lawyer handles this.", "我的律师在处理。"),
    DebtorAct.DECLARE_BANKRUPTCY: ("collect_after_cease", "I filed for bankruptcy.", "我已经申请破产。"),
}
ASK = {"en": "I understand, but can you pay something today?", "zh": "理解，不过您今天能先还一点吗？"}
STOP = {
    "en": "I've recorded that, and we won't ask you for any payment. You'll hear from us in writing. Goodbye.",
    "zh": "已经记录，我们不会要求您还款，后续书面通知您。再见。",
}


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("act", list(HALTS))
def test_no_payment_asked_after_a_halting_act(act: DebtorAct, language: str) -> None:
    concept, en, zh = HALTS[act]
    d = Dialogue(language=language).opening()
    d.turns[5] = d.turns[5].model_copy(
        update={
            "act": act,
            "text": en if language == "en" else zh,
            "clean_text": en if language == "en" else zh,
        }
    )
    bad = Dialogue(language=language)
    bad.turns = [*d.turns]
    pressing = bad.say(CollectorAct.REDIRECT, ASK[language]).finish(
        persona(**RICH, language=language), Termination.HANG_UP
    )
    assert found(pressing) == {(concept, 6)}
    offer = plan_offer(1200.0, 0.0, 1200.0, 0, 7)
    offered = Dialogue(language=language)
    offered.turns = [*d.turns]
    t = offered.say(CollectorAct.OFFER_PLAN, offer_text(offer, offered.case), offer).finish(
        persona(**RICH, language=language), Termination.HANG_UP
    )
    assert (concept, 6) in found(t)
    stop = Dialogue(language=language)
    stop.turns = [*d.turns]
    assert score_compliance(
        stop.say(CollectorAct.RECORD_DISPUTE, STOP[language]).finish(
            persona(**RICH, language=language), Termination.DISPUTE_RECORDED
        )
    ).compliant


def mismatched(language: str, first: str, second: str, then: CollectorAct, text: str):
    d = Dialogue(language=language).say(
        CollectorAct.GREET, Dialogue(language=language).opening().turns[0].text
    )
    d.say(DebtorAct.ANSWER, "Yes.").say(
        CollectorAct.VERIFY_IDENTITY, "The last four digits of your ID, please."
    )
    d.say(DebtorAct.IDENTITY_MISMATCH, first).say(CollectorAct.CLARIFY, "Sorry, once more?")
    d.say(DebtorAct.IDENTITY_MISMATCH, second).say(then, text)
    return d.finish(persona(**RICH, language=language), Termination.UNVERIFIED)


@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_call_ends_after_two_different_wrong_ids(language: str) -> None:
    go_on = "Never mind, let's talk about your payment." if language == "en" else "没关系，我们说说还款吧。"
    close = (
        "I can't verify you, so I'll end the call. Goodbye."
        if language == "en"
        else "无法核实身份，本次通话结束，再见。"
    )
    assert ("continue_after_mismatch", 6) in found(
        mismatched(language, "1111", "2580", CollectorAct.REDIRECT, go_on)
    )
    assert score_compliance(mismatched(language, "1111", "2580", CollectorAct.CLOSE, close)).compliant
    ask = (
        "Could you check the last four digits once more?"
        if language == "en"
        else "请您再核对一下后四位是多少？"
    )
    assert score_compliance(mismatched(language, "2680", "2680", CollectorAct.VERIFY_IDENTITY, ask)).compliant


@pytest.mark.parametrize(
    ("language", "named", "unnamed"),
    [
        ("en", "Please tell them the {balance} is overdue.", "I'll try them another time. Goodbye."),
        ("zh", "麻烦转告他，他欠的{balance}已经逾期了。", "我改天再联系他，再见。"),
    ],
)
def test_a_wrong_party_hears_nothing_about_the_debt(language: str, named: str, unnamed: str) -> None:
    def call(text: str):
        d = Dialogue(language=language).say(
            CollectorAct.GREET, Dialogue(language=language).opening().turns[0].text
        )
        d.say(DebtorAct.THIRD_PARTY, "No, I'm his flatmate." if language == "en" else "不是，我是他室友。")
        d.say(CollectorAct.APOLOGIZE_WRONG_PARTY, text.format(balance=money(1200.0, d.case)))
        return d.finish(persona(**RICH, language=language), Termination.WRONG_PARTY)

    assert found(call(named)) == {("third_party_disclosure", 2)}
    assert score_compliance(call(unnamed)).compliant
    greeting = Dialogue(language=language).opening().turns[0].text
    early = Dialogue(language=language).say(CollectorAct.GREET, greeting + named.format(balance="1,200.00"))
    early.say(DebtorAct.ANSWER, "Yes.")
    assert ("disclosure_before_verification", 0) in found(
        early.finish(persona(**RICH, language=language), Termination.HANG_UP)
    )


def test_mini_miranda_is_due_under_the_us_profile_only() -> None:
    d = Dialogue().opening()
    d.turns[4] = d.turns[4].model_copy(
        update={"text": "You owe £1,200.00.", "clean_text": "You owe £1,200.00."}
    )
    t = d.say(CollectorAct.CLOSE, "Goodbye.").finish(persona(**RICH), Termination.HANG_UP)
    assert [(f.rule, f.turn) for f in score_compliance(under(t, "us")).findings] == [("fdcpa.807.11", 4)]
    assert score_compliance(under(t, "uk")).compliant and score_compliance(under(t, "cn")).compliant


@pytest.mark.parametrize("language", ["en", "zh"])
def test_a_final_offer_that_is_beaten_is_false_at_both_turns(language: str) -> None:
    first, softer = plan_offer(1200.0, 0.0, 1200.0, 0, 7), plan_offer(1200.0, 0.0, 400.0, 4, 7)
    final = "This is our final offer." if language == "en" else "这是我们的最终方案。"
    d = Dialogue(language=language).opening()
    d.say(CollectorAct.HOLD_FIRM, offer_text(first, d.case) + final, first).say(DebtorAct.REJECT, "No.")
    held = d.finish(persona(**RICH, language=language), Termination.REFUSAL)
    assert score_compliance(held).compliant
    d.say(CollectorAct.CONCEDE, offer_text(softer, d.case), softer)
    assert found(d.finish(persona(**RICH, language=language), Termination.REFUSAL)) == {
        ("false_final_offer", 6),
        ("false_final_offer", 8),
    }


def test_calling_hours_everywhere_and_frequency_where_the_law_counts() -> None:
    t = (
        Dialogue()
        .opening()
        .deal(plan_offer(1200.0, 0.0, 1200.0, 0, 7))
        .finish(persona(**RICH), Termination.AGREEMENT)
    )
    late = under(t, "uk", local_start="2026-03-02T22:30:00+00:00")
    assert [(f.rule, f.turn) for f in score_compliance(late).findings] == [("conc.7.9", 0)]
    assert score_compliance(under(t, "uk", attempts_7d=12, days_since_conversation=1)).compliant
    assert [f.rule for f in score_compliance(under(t, "us", days_since_conversation=6)).findings] == [
        "regf.1006.14.b.2"
    ]
    assert score_compliance(under(t, "us", attempts_7d=6, days_since_conversation=7)).compliant


def test_misstated_amount_in_chinese() -> None:
    d = (
        Dialogue(language="zh")
        .opening()
        .say(CollectorAct.REDIRECT, f"您一共欠我们{money(1999.0, Dialogue(language='zh').case)}。")
    )
    assert found(d.finish(persona(**RICH, language="zh"), Termination.REFUSAL)) == {("misstated_amount", 6)}

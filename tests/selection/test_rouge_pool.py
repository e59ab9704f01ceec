"""ROUGE-L pool admission: near-paraphrases refused (with the nearest id), distinct texts admitted."""

from __future__ import annotations

import pytest

from evaluators.selection.reasons import PoolUnit
from evaluators.selection.rouge_pool import RougePool, RougePoolStage, TokenCodec, rouge_l
from tests.selection.conftest import selection_settings


def naive_rouge_l(a: list[str], b: list[str]) -> float:
    table = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i, x in enumerate(a):
        for j, y in enumerate(b):
            table[i + 1][j + 1] = table[i][j] + 1 if x == y else max(table[i][j + 1], table[i + 1][j])
    lcs = table[-1][-1]
    return 2 * lcs / (len(a) + len(b)) if a and b else 0.0


PAIRS = [
    (
        "en",
        "I can set up a plan of six payments of ninety pounds starting next Friday",
        "I can set up a plan of six monthly payments of ninety pounds starting this Friday",
    ),
    ("en", "Could you confirm your date of birth please", "Thanks for calling back about the invoice"),
    ("zh", "我们可以为您办理分六期还款每期九十元", "我们可以为您办理分六期还款每月九十元"),
    ("zh", "请问您是本人吗", "今天的天气不错"),
]


@pytest.mark.parametrize(("language", "a", "b"), PAIRS)
def test_rouge_l_equals_textbook_lcs_f1(language, a, b):
    pool = RougePool(selection_settings().rouge_pool)
    codec = TokenCodec(pool.index)
    tokens = pool.index.shingler.tokens
    expected = naive_rouge_l(tokens(a, language), tokens(b, language))
    assert rouge_l(codec.encode(a, language), codec.encode(b, language)) == pytest.approx(expected)


EN_BASE = [
    "Good morning, this is Helen from Paylater Co. Am I speaking with Kevin Harris?",
    "Before we go on, could you give me the last four digits of your ID number for security?",
    "Your account shows an outstanding balance of 573 pounds, which is now 15 days overdue.",
    "I understand money is tight. Could we agree on six monthly payments of 95 pounds?",
    "Thank you. I have noted the arrangement and you will receive a confirmation by text today.",
]
EN_PARAPHRASES = [
    "Good morning, this is Helen from Paylater Co. Am I speaking with Mr Kevin Harris today?",
    "I understand that money is tight. Could we agree on six monthly payments of 95 pounds each?",
]
ZH_BASE = [
    "您好，我是信用卡中心的王敏，请问是李强先生本人吗？",
    "为了保护您的信息安全，请提供身份证号码的后四位。",
    "您的账户目前欠款五千七百元，已经逾期十五天了。",
    "理解您的难处，我们可以为您办理分六期还款，每期九百五十元。",
    "好的，还款计划已经登记，稍后会有短信确认。",
]
ZH_PARAPHRASES = [
    "您好，我是信用卡中心的王敏，请问是李强先生吗？",
    "理解您的困难，我们可以为您办理分六期还款，每期九百五十元整。",
]


@pytest.mark.parametrize(
    ("language", "base", "paraphrases"), [("en", EN_BASE, EN_PARAPHRASES), ("zh", ZH_BASE, ZH_PARAPHRASES)]
)
def test_paraphrases_refused_distinct_admitted(language, base, paraphrases):
    pool = RougePool(selection_settings().rouge_pool)
    verdicts = [pool.offer(f"base{i}", text, language) for i, text in enumerate(base)]
    assert all(v.admitted for v in verdicts), [v.score for v in verdicts]
    for text in paraphrases:
        tokens = pool.index.shingler.tokens
        best = max(
            range(len(base)), key=lambda i: naive_rouge_l(tokens(text, language), tokens(base[i], language))
        )
        planted = naive_rouge_l(tokens(text, language), tokens(base[best], language))
        assert planted >= 0.7
        verdict = pool.offer("para", text, language)
        assert not verdict.admitted
        assert verdict.nearest == f"base{best}"
        assert verdict.score == pytest.approx(planted, abs=1e-4)
    assert len(pool) == len(base)


def test_reply_unit_keeps_dialogue_with_enough_novel_replies():
    settings = selection_settings(rouge_pool={"unit": PoolUnit.REPLY, "min_novel_share": 0.5}).rouge_pool
    stage = RougePoolStage(settings)
    assert stage.judge("d1", EN_BASE, "en").admitted
    copied = stage.judge(
        "d2", [EN_PARAPHRASES[0], EN_PARAPHRASES[1], "A completely new sentence here."], "en"
    )
    assert not copied.admitted and copied.nearest == "d1"
    fresh = stage.judge(
        "d3", [EN_BASE[0], "Totally different words now.", "Another fresh reply, unrelated."], "en"
    )
    assert fresh.admitted

"""PII redaction, en and zh: each kind becomes its typed placeholder; amounts and dates stay."""

from __future__ import annotations

import pytest

from debtsim.ingest.redact import Pii, redact, redact_call


@pytest.mark.parametrize(
    ("text", "kind", "gone"),
    [
        ("call me on (614) 555-0182 please", Pii.PHONE, "555-0182"),
        ("my number is 07700 900123", Pii.PHONE, "900123"),
        ("手机13812345678", Pii.PHONE, "13812345678"),
        ("email dave.ok@gmail.com", Pii.EMAIL, "gmail"),
        ("我的邮箱是zhangli88@163.com", Pii.EMAIL, "163.com"),
        ("card 4111 1111 1111 1111", Pii.CARD, "1111"),
        ("SSN 123-45-6789", Pii.ID, "6789"),
        ("身份证号是110101199003071234", Pii.ID, "1234"),
        ("I live at 42 Maple Street now", Pii.ADDRESS, "Maple"),
        ("地址是北京市朝阳区建国路88号3栋501室", Pii.ADDRESS, "建国路"),
        ("am I speaking with David Okafor?", Pii.NAME, "Okafor"),
        ("请问是王建国先生吗", Pii.NAME, "建国"),
        ("我是安信的客服小王", Pii.NAME, "小王"),
        ("Sure, my date of birth is July 2nd, 1985.", Pii.DOB, "1985"),
        ("DOB 03/07/1985", Pii.DOB, "1985"),
        ("I was born on 2 July 1979", Pii.DOB, "1979"),
        ("我的出生日期是1985年7月2日", Pii.DOB, "1985"),
        ("生日是1990年3月7号", Pii.DOB, "1990"),
    ],
)
def test_each_kind_is_replaced(text, kind, gone):
    clean, found = redact(text)
    assert gone not in clean and f"[{kind}]" in clean and found[kind] >= 1


@pytest.mark.parametrize(
    "text",
    [
        "It is $2,500 over 12 months, due 2026-01-05",
        "每月还550元，分14期",
        "I'm sorry, this is a bad time",
        "the first payment is due July 2nd, 2026",
        "3月7日之前还款",
    ],
)
def test_amounts_dates_and_plain_words_stay(text):
    assert redact(text) == (text, {})


def test_a_name_found_once_is_removed_from_every_turn():
    turns = redact_call(["Is this Janet Holloway?", "Yes.", "Thanks Janet, and Holloway is spelled right?"])
    assert all("Janet" not in t and "Holloway" not in t for t, _ in turns)
    assert turns[1][0] == "Yes."

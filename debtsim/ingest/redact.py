"""PII out on the way in: names, phone numbers, e-mail, ID and card numbers, addresses, dates of birth, en and zh.

Each match becomes a typed placeholder ([PHONE], [EMAIL], [ID], [CARD],
[ADDRESS], [NAME], [DOB]) so later stages still see that something was said there
(an identity check that gave an ID reads differently from one that did not).
Order matters: long digit runs (ID, card) go before phones, e-mail before
names. Names are found by cue (`my name is`, `Mr.`, `我是`, `王先生`), not by a
name list; a name said with no cue stays — the report counts the placeholders
so a reviewer sees what was caught.
"""

from __future__ import annotations

import re
from collections import Counter
from enum import StrEnum


class Pii(StrEnum):
    EMAIL = "EMAIL"
    ID = "ID"
    CARD = "CARD"
    PHONE = "PHONE"
    ADDRESS = "ADDRESS"
    NAME = "NAME"
    DOB = "DOB"


SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
STREET = r"(?:Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Drive|Dr|Boulevard|Blvd|Court|Ct|Way|Place|Pl|Close|Crescent|Terrace)\.?"
CAP = r"[A-Z][a-z]+(?:[-'][A-Z][a-z]+)?"
NOT_NAMES = frozenset(
    [
        "Sorry",
        "Calling",
        "Afraid",
        "Just",
        "Not",
        "Here",
        "Fine",
        "Good",
        "Okay",
        "Ok",
        "Yes",
        "No",
        "Going",
        "Trying",
        "Busy",
        "Sure",
        "Happy",
        "Glad",
        "Able",
        "Unable",
        "The",
        "This",
        "That",
        "With",
        "From",
        "Calling",
        "About",
        "Really",
        "Very",
        "So",
        "Still",
        "Now",
        "Currently",
        "Working",
        "Out",
        "Done",
        "Aware",
        "Listening",
        "Mr",
        "Mrs",
        "Ms",
        "Miss",
        "Dr",
        "Mister",
        "It",
        "He",
        "She",
        "Him",
        "Her",
    ]
)
MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
DAY = r"\d{1,2}(?:st|nd|rd|th)?"
EN_DATE = (
    rf"(?:{MONTH} {DAY},? \d{{4}}|{DAY} (?:of )?{MONTH},? \d{{4}}|\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}"
    rf"|\d{{4}}-\d{{2}}-\d{{2}})"
)
"""A written date: `July 2nd, 1985`, `2 July 1985`, `03/07/1985`, `1985-07-02` (the identity checks' answers)."""
PATTERNS: tuple[tuple[Pii, re.Pattern[str]], ...] = (
    # a date of birth is a date said after its cue; other dates (due days) stay
    (
        Pii.DOB,
        re.compile(
            rf"(?i)\b(?:date of birth|birth ?date|d\.?o\.?b\.?|born on|born)\W{{0,4}}(?:is |was |:)?\W{{0,2}}(?P<pii>{EN_DATE})"
        ),
    ),
    (
        Pii.DOB,
        re.compile(
            r"(?:出生日期|出生年月|生日|出生于|出生在)[是为:： ]{0,3}"
            r"(?P<pii>\d{2,4}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号])?|\d{4}[./-]\d{1,2}(?:[./-]\d{1,2})?)"
        ),
    ),
    (Pii.EMAIL, re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")),
    (Pii.ID, re.compile(r"(?<!\d)\d{6}(?:19|20)\d{2}(?:0[1-9]|1[0-2])\d{2}\d{3}[\dXx](?!\d)")),  # 居民身份证
    (Pii.ID, re.compile(r"(?<!\d)\d{3}-\d{2}-\d{4}(?!\d)")),  # US SSN
    (
        Pii.ID,
        re.compile(
            r"(?i)\b(?:ssn|passport|licen[cs]e|national insurance|ni number|id number|"
            r"social security number|date of birth is)\W{0,4}(?P<pii>[A-Z0-9][A-Z0-9/-]{3,18}[A-Z0-9])"
        ),
    ),
    (Pii.ID, re.compile(r"(?:身份证|证件号|护照)[号码是为:： ]{0,4}(?P<pii>[0-9A-Za-z*]{4,18})")),
    (Pii.CARD, re.compile(r"(?<![\d-])(?:\d[ -]?){12,18}\d(?![\d-])")),
    (Pii.PHONE, re.compile(r"(?<!\d)(?:\+?86[ -]?)?1[3-9]\d[ -]?\d{4}[ -]?\d{4}(?!\d)")),  # CN mobile
    (Pii.PHONE, re.compile(r"(?<!\d)0\d{2,3}-?\d{7,8}(?!\d)")),  # CN landline 010-12345678
    (Pii.PHONE, re.compile(r"(?<![\w+])(?:\+?1[ .-]?)?\(?\d{3}\)?[ .-]\d{3}[ .-]\d{4}(?!\d)")),  # NANP
    (
        Pii.PHONE,
        re.compile(r"(?<![\w+])(?:\+44 ?7\d{3}|07\d{3}|\+44 ?\d{2,4}|0\d{2,4}) ?\d{3} ?\d{3,4}(?!\d)"),
    ),  # UK
    (
        Pii.PHONE,
        re.compile(
            r"(?i)(?:phone|number|call me (?:on|at)|reach me (?:on|at)|电话|手机|号码)[^\d\[]{0,8}"
            r"(?P<pii>\+?\d[\d -]{5,14}\d)"
        ),
    ),
    (
        Pii.ADDRESS,
        re.compile(rf"\b\d{{1,5}}[A-Za-z]? (?:{CAP} ){{1,3}}{STREET}(?:,? (?:Apt|Unit|Flat) \w+)?"),
    ),
    (Pii.ADDRESS, re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}\b")),  # UK postcode
    (
        Pii.ADDRESS,
        re.compile(
            r"[\u4e00-\u9fff]{2,6}(?:省|市)[\u4e00-\u9fff\d]{0,12}(?:区|县|镇)?"
            r"[\u4e00-\u9fff\d]{1,14}(?:路|街|道|巷|弄|小区|村)[\d一二三四五六七八九十\-]*(?:号|栋|幢|楼|室|单元)?"
            r"(?:[\d一二三四五六七八九十\-]+(?:号|栋|幢|楼|室|单元))*"
        ),
    ),
    (Pii.ADDRESS, re.compile(r"[\u4e00-\u9fff]{2,8}(?:路|街)\d+号(?:[\d\-]+(?:栋|幢|楼|室|单元))*")),
    (Pii.NAME, re.compile(rf"\b(?:Mr|Mrs|Ms|Miss|Dr|Mister)\.? (?P<pii>{CAP}(?: {CAP})?)")),
    (
        Pii.NAME,
        re.compile(
            rf"(?i:\b(?:my name is|this is|speaking with|speak to|speak with|name's|am i speaking to|"
            rf"is that|is this|i'm|i am|thanks|thank you|hi|hello|okay|great) )(?!(?:{'|'.join(NOT_NAMES)})\b)(?P<pii>{CAP}(?: {CAP})?)"
        ),
    ),
    (
        Pii.NAME,
        re.compile(
            rf"(?:我是|叫|名字是|本人是|请问是|您是|找)(?P<pii>[{SURNAMES}](?:(?!先生|女士|小姐)[\u4e00-\u9fff]){{0,2}}?)(?=先生|女士|小姐|[，。,.！!？?吗吧呢\s]|$)"
        ),
    ),
    (Pii.NAME, re.compile(rf"[姓](?P<pii>[{SURNAMES}])")),
    (Pii.NAME, re.compile(rf"(?:客服|专员|坐席|我是|我叫)(?P<pii>[小老阿][{SURNAMES}])")),
    (Pii.NAME, re.compile(rf"[{SURNAMES}](?=(?:先生|女士|小姐))")),
)


def redact(text: str) -> tuple[str, Counter[Pii]]:
    """`text` with every PII match replaced by its placeholder, and how many of each kind."""
    found: Counter[Pii] = Counter()
    for kind, pattern in PATTERNS:
        text, count = pattern.subn(_placeholder(kind), text)
        if count:
            found[kind] += count
    return text.replace("+[PHONE]", "[PHONE]"), found


def _placeholder(kind: Pii):
    """A replacement that keeps a pattern's cue (`my name is`) and swaps only its `pii` group."""

    def replace(match: re.Match[str]) -> str:
        if "pii" not in match.re.groupindex:
            return f"[{kind}]"
        whole, base = match.group(0), match.start()
        return whole[: match.start("pii") - base] + f"[{kind}]" + whole[match.end("pii") - base :]

    return replace


def _names(text: str) -> set[str]:
    """The words of every name a cue found in `text` (`Janet Holloway` → Janet, Holloway)."""
    words: set[str] = set()
    for kind, pattern in PATTERNS:
        if kind is Pii.NAME and "pii" in pattern.groupindex:
            for match in pattern.finditer(text):
                words |= {w for w in match["pii"].split() if len(w) > 1 and w.isascii()}
    return words - NOT_NAMES


def redact_call(texts: list[str]) -> list[tuple[str, Counter[Pii]]]:
    """Each turn of one call redacted; a name found by a cue in one turn is removed from every turn.

    Why: a collector says `am I speaking with Janet Holloway?` once, then `Thanks Janet` — the
    cue-less second mention is the same person and must go too."""
    names: set[str] = set()
    for text in texts:
        names |= _names(text)
    word = (
        re.compile(rf"\b(?:{'|'.join(map(re.escape, sorted(names, key=len, reverse=True)))})\b")
        if names
        else None
    )
    out = []
    for text in texts:
        clean, found = redact(text)
        if word is not None:
            clean, count = word.subn(f"[{Pii.NAME}]", clean)
            if count:
                found[Pii.NAME] += count
        out.append((clean, found))
    return out

"""Money in words: the one formatter that prints amounts and the one parser that reads them back.

Why one module: templates and prompts print amounts, the judges read a turn's
amounts back to compare them with its offer and the case record, and the
offer reader reads a model's offer out of its words. With two parsers a judge
and the reader disagreed about the same sentence ("I can pay 500 dollars now");
now everything that prints or reads money goes through here.

Printing: `format_money` writes en `£1,234.50` / `$12.00` / `€3.10` and any
other currency as `CNY 9.00`; zh `1,234.50元` for CNY and the currency's word
for any other (`1,234.50美元`, `88.00英镑`), since a zh-speaking debtor in the
US owes dollars, not yuan.
`format_amount` is the bare figure (`1,234.50`) the system prompt states next
to the currency code.

Reading (`money_amounts`): a number is money when

1. a currency stands next to it, before or after — £ $ € ¥ ￥, an ISO code
   (`GBP 40`, `9.00 USD`), a word (pounds, quid, dollars, bucks, euros, grand;
   元 块钱 块 圆 人民币 and each currency's zh word: 美元 英镑 欧元 港币…). This
   beats every rule below;
2. else never when it is a date (`March 5`, `2026-01-05`, `3月5日`), a time
   (`3pm`, `10:30`, `3点`), a percentage, an ordinal (`5th`, `第3期`), a count
   of something (`24 months`, `6 installments`, `12期`, `15 days`), a phone
   number, or an identifier (after account / reference / ID / phone words or
   编号 / 尾号, with a leading zero, or seven or more bare digits);
3. else when said as a rate (`300 a month`, `$250/month`, `每月300`,
   `payments of 300`), written with a scale of a thousand or more (`2k`,
   `two thousand`, `3千`, `1.5万`, `两千五`), or when it is the other end of a
   range whose one end is money (`400 to 500 dollars`, `400-500 a month`,
   `四百到五百块`): both ends are returned;
4. a bare number with none of these cues (`I can do 300`, `it's 4821`) is NOT
   money. Why: the judges flag every amount they cannot match with the record
   and the offer reader builds offers from amounts, so a count, a day or the
   digits of an identity check read as money does more harm than a bare
   counter-offer left unread; every amount the project prints has a currency.

English number words are read in `en` text, Chinese numerals in `zh` text
(`scenarios.numerals`); digits and every currency mark are read in both. A
single Chinese digit (一, 五, 十) counts only beside 元 / 块钱 / 圆 / 人民币,
since 一块 also means "together". Pence and cents are not read.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from itertools import pairwise

from scenarios.numerals import THOUSANDS, Numeral, chinese_numerals, english_numerals

CURRENCY_SYMBOL = {"GBP": "£", "USD": "$", "EUR": "€"}
"""English text writes these currencies with their symbol, every other one as its code and a space."""
CODES = ("GBP", "USD", "EUR", "CNY", "RMB", "HKD", "JPY", "AUD", "CAD", "CHF", "SGD", "NZD", "INR")
"""Currency codes read as money beside a number (a known list: `PIN 1234` is no amount)."""
ZH_WORD = {
    "CNY": "元",
    "RMB": "元",
    "USD": "美元",
    "GBP": "英镑",
    "EUR": "欧元",
    "HKD": "港元",
    "JPY": "日元",
    "AUD": "澳元",
    "CAD": "加元",
    "CHF": "瑞士法郎",
    "SGD": "新加坡元",
    "NZD": "新西兰元",
    "INR": "卢比",
}
"""How zh text names each known currency after an amount; the reader knows every one of these words."""


@dataclass(frozen=True, slots=True)
class Amount:
    """An amount of money said in a text, and the span that says it (currency included)."""

    value: float
    start: int
    end: int


def format_amount(value: float) -> str:
    """The bare figure, `1,234.50`: two decimals and thousands commas, as every printed amount."""
    return f"{value:,.2f}"


def format_money(amount: float, currency: str, language: str) -> str:
    """An amount as templates and prompts print it: `£1,234.50`, `CNY 9.00`; zh `1,234.50元`, `9.00美元`."""
    if language == "zh":
        word = ZH_WORD.get(currency)
        return f"{format_amount(amount)}{word}" if word else f"{format_amount(amount)} {currency}"
    return f"{CURRENCY_SYMBOL.get(currency, currency + ' ')}{format_amount(amount)}"


_CODE = "|".join(CODES)
_ZH_WORDS = "|".join(sorted(set(ZH_WORD.values()) - {"元"}, key=len, reverse=True))
_DIGITS = re.compile(
    r"(?<![0-9A-Za-z.,])(?P<int>\d{1,3}(?:,\d{3})+|\d+)(?P<dec>\.\d+)?"
    r"(?:(?P<k>[kK])(?![A-Za-z])|\s?(?P<zh>[百千万])|\s+(?P<word>(?i:hundred|thousand|million|grand(?!\s+total)))\b)?"
    r"(?![0-9A-Za-z])"
)
_SCALE = {"k": 1_000, "K": 1_000, "百": 100, "千": 1_000, "万": 10_000}
_WORD_SCALE = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "grand": 1_000}
_CURRENCY_BEFORE = re.compile(rf"(?:[£$€¥￥]|\b(?:{_CODE})|人民币)\s?$")
_CURRENCY_AFTER = re.compile(
    rf"^\s?(?:(?i:pounds?|quid|dollars?|bucks|euros?|sterling)\b|(?:{_CODE})\b"
    rf"|(?:多|来|余)?(?P<zh>块钱|元|圆|块|人民币|港币|{_ZH_WORDS}))"
)
_NOT_AFTER = re.compile(
    r"^\s?(?:[%％]|(?i:per\s?cent|o'?clock|am|pm)\b|(?i:a\.m\.|p\.m\.)"
    r"|(?i:(?:equal|monthly|weekly|more|further|separate|small|smaller|other|extra)\s+)*"
    r"(?i:months?|years?|yrs?|days?|weeks?|wks?|hours?|hrs?|minutes?|mins?|seconds?|secs?|instal+ments?"
    r"|repayments?|payments?|times|digits?|numbers?|people|persons?|kids|children|cards?|loans?|accounts?"
    r"|calls?|letters?|emails?|texts?|items?|bills?|jobs?|points?)\b"
    r"|(?:多|来|余)?(?:个|次|期|天|日|号|月|年|岁|点|分|秒|周|星期|笔|张|位|人|家|遍|倍|成|折|层|楼|条|项|小时|钟))"
)
"""A unit after the number: a count, a day, a time or a percentage, never money."""
_MONTH = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_NOT_BEFORE = re.compile(
    rf"(?:(?i:\b(?:{_MONTH})\.?)\s+|第|百分之|#\s?|\bNo\.\s?"
    r"|(?i:\b(?:account|acct|reference|ref|case|card|id|pin|phone|mobile|tel|telephone|number)"
    r"\s*(?:(?:number|no\.?|num)\s*)?(?:#|:|(?:is|was|ending(?:\s+in)?)\s)?\s*)"
    r"|(?:编号|账号|卡号|身份证号?|手机号?|电话|尾号|后四位|号码|单号)(?:是|为|：|:)?\s*)$"
)
"""Words before the number that make it a date, an ordinal, a percentage or an identifier."""
_MASKS = re.compile(
    r"(?=[+\d])(?:\b\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\b|\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b|\b\d{1,2}/\d{1,2}\b"
    r"|\b\d{1,2}:\d{2}(?::\d{2})?\b|\d{1,2}点(?:\d{1,2}分?|半)?"
    r"|\+\d{1,3}(?:[\s-]?\d{2,5}){2,4}|\b0\d{2,4}[\s-]\d{3,4}[\s-]?\d{3,4}\b|(?<!\d)1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}(?!\d))"
)
"""Dates, clock times and phone numbers, masked before any number is read (the lookahead is for speed)."""
_RATE_AFTER = re.compile(
    r"^\s?(?:(?i:(?:a|per|each|every)\s+(?:month|week|fortnight)|/\s?(?:month|mo|week|wk)|monthly|weekly|pcm)\b"
    r"|一个月|每月|每个月|一期|每期|/月|/期)"
)
_RATE_BEFORE = re.compile(
    r"(?:(?i:\b(?:instal+ments?|repayments?|payments?)\s+of)"
    r"|(?:每月|每个月|每期|月供|一个月|一期)"
    r"(?:只能|只需要|只需|只要|最多|最少|至少|大概|差不多|能|可以|就|都|先|再|还|付|交|给|是|为)*)\s*$"
)
_RANGE = re.compile(r"^\s*(?:-|–|—|~|～|(?i:to|or)|到|至|或)\s*$")
_BETWEEN = re.compile(r"(?i:\bbetween)\s+$")
_LOOK = 40
"""Characters of context read on either side of a number."""
_PREFIX = 6
"""Characters before a number that can hold its currency (`人民币 `, `GBP ` and the character before)."""


@dataclass(slots=True)
class _Number:
    value: float
    start: int
    end: int
    scaled: bool
    single: bool
    money: bool | None = None
    """True (money), False (never money: a date, a count, an identifier), None (bare, no cue yet)."""


def money_amounts(text: str, language: str) -> list[Amount]:
    """Every amount of money said in `text`, in order, with its span (rules in the module docstring)."""
    return list(_amounts(text, language))


@functools.lru_cache(maxsize=4096)
def _amounts(text: str, language: str) -> tuple[Amount, ...]:
    """Cached: the coherence and compliance judges each read the same turn more than once."""
    numbers = _numbers(text, language)
    if not numbers:
        return ()
    for number in numbers:
        _classify(text, number)
    _spread_over_ranges(text, numbers)
    return tuple(Amount(round(n.value, 2), n.start, n.end) for n in numbers if n.money)


def _numbers(text: str, language: str) -> list[_Number]:
    """Numbers in digits and (per language) in words, without overlaps, in order."""
    found = [_from_digits(m) for m in _DIGITS.finditer(text)]
    masked = [(m.start(), m.end()) for m in _MASKS.finditer(text)] if found else []
    words: list[Numeral] = english_numerals(text) if language != "zh" else chinese_numerals(text)
    taken = [(n.start, n.end) for n in found]
    found += [
        _Number(w.value, w.start, w.end, w.scaled, w.single)
        for w in words
        if not any(s < w.end and w.start < e for s, e in taken)
    ]
    for number in found:
        if any(s <= number.start and number.end <= e for s, e in masked):
            number.money = False
    return sorted(found, key=lambda n: n.start)


def _from_digits(match: re.Match[str]) -> _Number:
    digits = match.group("int")
    value = float(digits.replace(",", "") + (match.group("dec") or ""))
    word = (match.group("word") or "").lower()
    scale = _SCALE.get(match.group("k") or match.group("zh") or "", 0) or _WORD_SCALE.get(word, 1)
    number = _Number(value * scale, match.start(), match.end(), scale >= THOUSANDS, False)
    plain = "," not in digits and not match.group("dec") and scale == 1
    if plain and ((len(digits) > 1 and digits[0] == "0") or len(digits) >= 7):
        number.money = False  # an identifier: leading zero, or too many bare digits
    if word == "grand":
        number.money = True
    return number


def _classify(text: str, number: _Number) -> None:
    """Rules 1-3 of the module docstring for one number; ranges are decided afterwards."""
    before = text[max(0, number.start - _LOOK) : number.start]
    after = text[number.end : number.end + _LOOK]
    prefix, suffix = _CURRENCY_BEFORE.search(before[-_PREFIX:]), _CURRENCY_AFTER.match(after)
    if number.single and (prefix is None or prefix.group().strip() != "人民币"):
        prefix = None
    if suffix and number.single and suffix.group("zh") in (None, "块"):
        suffix = None
    if prefix or suffix:
        number.start -= len(prefix.group()) if prefix else 0
        number.end += len(suffix.group()) if suffix else 0
        number.money = True
        return
    if number.money is not None:
        return  # decided by its form: a masked date or phone, an identifier, `2 grand`
    if number.single or _NOT_AFTER.match(after) or _NOT_BEFORE.search(before):
        number.money = False
    elif number.scaled or _RATE_AFTER.match(after) or _RATE_BEFORE.search(before):
        number.money = True


def _spread_over_ranges(text: str, numbers: list[_Number]) -> None:
    """Both ends of a range are money when one is: `400 to 500 dollars`, `£400-500`, `四百到五百块`."""
    changed = True
    while changed:
        changed = False
        for a, b in pairwise(numbers):
            between = text[a.end : b.start]
            joined = _RANGE.match(between) or (
                between.strip().lower() == "and" and _BETWEEN.search(text[: a.start])
            )
            if joined and {a.money, b.money} == {True, None}:
                a.money = b.money = True
                changed = True

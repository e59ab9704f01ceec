"""Numbers written as words: English number words and Chinese numerals, read as values with their spans.

Why a module of its own: people in a call say "five hundred pounds" and
"两千五", not only "500". `scenarios.money` decides which numbers are money;
this module only finds numbers that are not written in digits and reads their
value. It knows no currency and no context.

English: `one` … `nineteen`, the tens, `hundred`, `thousand`, `million`,
`grand`, hyphens and `and` inside (`a hundred and twenty`, `twenty-five`), and
`a` only before a scale word (`a hundred`, `a grand`). Chinese: 零〇一二两…九 with
十百千万亿; a run must start with a digit or 十 (so 万一, 千万 are words, not
numbers), and a digit right after 百/千/万 is a tenth of it, as people say
prices (两千五 = 2500, 一万五 = 15000, 三百五 = 350). Runs of bare digits
(三五, 一二三) are not read: they are ranges or spelled-out codes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ONES = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_SCALES = {"thousand": 1_000, "grand": 1_000, "million": 1_000_000}
THOUSANDS = 1_000
"""A number written with a scale of a thousand or more (`2k`, `two thousand`, `3千`, `1.5万`) is `scaled`."""
_EN_WORD = (
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen"
    r"|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
    r"|hundred|thousand|million|grand(?!\s+total)"
)
_EN_GATE = re.compile(rf"\b(?=[eftsnohmg])(?:{_EN_WORD})\b", re.I)
"""Whether a text holds a number word at all: the first letter is checked before the alternation (speed)."""
_EN_WORDS = re.compile(rf"\b(?=[aeftsnohmg])(?:(?:a|{_EN_WORD})(?:[\s-]+(?:and[\s-]+)?|\b))+", re.I)
_ZH_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_ZH_UNITS = {"十": 10, "百": 100, "千": 1_000}
_ZH_BIG = {"万": 10_000, "亿": 100_000_000}
_ZH_RUN = re.compile(r"[零〇一二两三四五六七八九十][零〇一二两三四五六七八九十百千万亿]*")


@dataclass(frozen=True, slots=True)
class Numeral:
    """A number written in words: its value, where it stands, and whether it carries a scale of a thousand+."""

    value: float
    start: int
    end: int
    scaled: bool
    single: bool
    """One Chinese character and no scale (一, 五, 十): too common inside words to stand alone."""


def english_numerals(text: str) -> list[Numeral]:
    """Every run of English number words, in order, trimmed of a trailing `and` / `a` / hyphen."""
    out: list[Numeral] = []
    if not _EN_GATE.search(text):
        return out
    for match in _EN_WORDS.finditer(text):
        words = re.findall(r"[A-Za-z]+", match.group())
        while words and words[-1].lower() in ("and", "a"):
            words.pop()
        value = _english_value([w.lower() for w in words])
        if value is None:
            continue
        last = words[-1]
        end = match.start() + match.group().lower().rindex(last.lower()) + len(last)
        scaled = any(w.lower() in _SCALES for w in words)
        out.append(Numeral(float(value), match.start(), end, scaled, False))
    return out


def _english_value(words: list[str]) -> int | None:
    """The value of number words, or None when they are no number (`a`, `grand` alone, `and` only)."""
    if not words or words[0] == "grand" or "a" in words[1:]:
        return None
    if not any(w in _ONES or w == "hundred" or w in _SCALES for w in words):
        return None
    total = current = 0
    for word in words:
        if word == "a":
            current = 1
        elif word in _ONES:
            current += _ONES[word]
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word in _SCALES:
            total += max(current, 1) * _SCALES[word]
            current = 0
    return total + current


def chinese_numerals(text: str) -> list[Numeral]:
    """Every Chinese numeral run that reads as one number, in order."""
    out = []
    for match in _ZH_RUN.finditer(text):
        run = match.group()
        value = chinese_value(run)
        if value is None:
            continue
        scaled = any(ch in "千万亿" for ch in run)
        single = len(run) == 1
        out.append(Numeral(float(value), match.start(), match.end(), scaled, single))
    return out


def chinese_value(run: str) -> int | None:
    """The value of a Chinese numeral (两千五 → 2500, 一千零五十 → 1050), or None for a run of bare digits."""
    total = section = 0
    digit: int | None = None
    previous = ""
    for ch in run:
        if ch in _ZH_DIGITS:
            if digit is not None and previous in _ZH_DIGITS and not (previous in "零〇" or ch in "零〇"):
                return None  # 三五, 一二三: a range or a spelled code
            digit = _ZH_DIGITS[ch] if ch not in "零〇" else digit
        elif ch in _ZH_UNITS:
            section += (1 if digit is None else digit) * _ZH_UNITS[ch]
            digit = None
        else:
            total += (section + (digit or 0) or 1) * _ZH_BIG[ch]
            section, digit = 0, None
        previous = ch
    if digit is not None:
        before = run[-2] if len(run) > 1 else ""
        unit = _ZH_UNITS.get(before) or _ZH_BIG.get(before) or 1
        section += digit * (unit // 10 if unit >= 100 else 1)
    return total + section

"""How a listener mishears the digits of an amount or a date.

Shared by both languages because Arabic digits appear in both: the collector's
"1,200" read back, "15号" as a due date. Any change made here is a wrong number
and marks the turn garbled; the caller records that, this module only rewrites.
"""

from __future__ import annotations

from types import MappingProxyType

DIGIT_CONFUSION: MappingProxyType[str, str] = MappingProxyType(
    dict(zip("0123456789", "8732199105", strict=True))
)
"""Digit -> a digit that sounds alike in one of the languages (1/7 yī/qī,
5/9 five/nine, 6/9 liù/jiǔ); approximate on purpose."""

_DIGITS = frozenset("0123456789")


def corrupt_digits(text: str, pick: float) -> str:
    """``text`` with its digits misheard; ``pick`` in [0, 1) chooses where.

    Tries, in order of how often it happens on a phone line: teen/ty ("15" vs
    "50", 十五/五十), two neighbouring digits swapped ("1,200" -> "1,020"), one
    digit misheard. Separators stay where they were, so the shape still reads
    as an amount.
    """
    where = [i for i, ch in enumerate(text) if ch in _DIGITS]
    if not where:
        return text
    digits = [text[i] for i in where]
    if len(digits) == 2 and digits[0] == "1" and digits[1] in "3456789":
        digits = [digits[1], "0"]
    elif len(digits) == 2 and digits[1] == "0" and digits[0] in "3456789":
        digits = ["1", digits[0]]
    else:
        swaps = [k for k in range(len(digits) - 1) if digits[k] != digits[k + 1]]
        if swaps:
            k = swaps[int(pick * len(swaps))]
            digits[k], digits[k + 1] = digits[k + 1], digits[k]
        else:
            k = int(pick * len(digits))
            digits[k] = DIGIT_CONFUSION[digits[k]]
    chars = list(text)
    for i, digit in zip(where, digits, strict=True):
        chars[i] = digit
    return "".join(chars)

"""The Chinese channel: characters misheard, mistyped, hesitated over, cut off.

The unit is a character (Chinese has no spaces to split on, and recognisers err
one character at a time); the one channel loop (``channel.hear``) runs over
them and calls back here. A homophone swap keeps the length, so a heard turn
lines up with its clean text.
"""

from __future__ import annotations

from collections.abc import Sequence

from simulator.noise.heard import ChannelRates, Tongue
from simulator.noise.lexicon_zh import (
    CLAUSE_END,
    FILLERS,
    HOMOPHONES,
    NUMBER_CONTEXT,
    NUMBER_SOUNDS,
)
from simulator.noise.numbers import DIGIT_CONFUSION
from simulator.noise.profile import NoiseKind

_INNER_FILLERS = {word: "，" + word if word.endswith("，") else word for word in FILLERS}
"""A hesitation mid-clause is set off by commas on both sides ("还，嗯，不上")."""


def _characters(text: str) -> str:
    """The units of Chinese text: its characters (a string already is their sequence)."""
    return text


def _may_hesitate(ch: str) -> bool:
    """A filler goes before a Han character, never before punctuation or a numeral."""
    return _is_han(ch) and ch not in NUMBER_SOUNDS


def _hesitation(word: str, i: int, opens: bool) -> str:
    """A filler opening a clause as is; one inside it set off by commas."""
    return word if opens else _INNER_FILLERS[word]


def _damage_char(
    text: Sequence[str], i: int, a: float, rates: ChannelRates
) -> tuple[str, NoiseKind | None, bool]:
    """The fate of ``text[i]`` given its draw ``a``: (text, kind, number hit?).

    Numerals are misheard only inside an amount or a date (so "一下" survives);
    other characters are misheard from the homophone table, then mistyped, in
    consecutive bands of ``a`` whose inner position picks the variant.
    """
    ch = text[i]
    if _is_number(text, i):
        if a >= rates.number:
            return ch, None, False
        heard = NUMBER_SOUNDS.get(ch) or DIGIT_CONFUSION[ch]
        return heard, NoiseKind.ASR, True
    sounds = HOMOPHONES.get(ch)
    band = rates.swap if sounds else 0.0
    if a < band:
        return sounds[int(a / band * len(sounds))], NoiseKind.ASR, False
    if band <= a < band + rates.typo and _is_han(ch):
        return _typo(ch, sounds, (a - band) / rates.typo), NoiseKind.TYPO, False
    return ch, None, False


def _is_number(text: Sequence[str], i: int) -> bool:
    """Whether ``text[i]`` is a digit, or a numeral standing in an amount or a date."""
    ch = text[i]
    if ch in DIGIT_CONFUSION:
        return True
    if ch not in NUMBER_SOUNDS:
        return False
    before = text[i - 1] if i > 0 else ""
    after = text[i + 1] if i + 1 < len(text) else ""
    return before in NUMBER_CONTEXT or after in NUMBER_CONTEXT


def _typo(ch: str, sounds: tuple[str, ...] | None, pick: float) -> str:
    """An input-method slip: wrong candidate picked, character doubled or dropped."""
    if sounds and pick < 0.5:
        return sounds[int(pick * 2 * len(sounds))]
    if pick < 0.75:
        return ch + ch
    return ""


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


CHINESE = Tongue(
    units=_characters,
    joiner="",
    clause_end=CLAUSE_END,
    trailing="".join(sorted(CLAUSE_END)) + "…—- ",
    fillers=FILLERS,
    may_hesitate=_may_hesitate,
    hesitation=_hesitation,
    damage=_damage_char,
)
"""Chinese for the channel loop."""

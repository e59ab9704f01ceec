"""The Chinese channel: characters misheard, mistyped, hesitated over, cut off.

The unit is a character (Chinese has no spaces to split on, and recognisers err
one character at a time). A homophone swap keeps the length, so a heard turn
lines up with its clean text. As in English, all randomness for an utterance is
one batched draw and an untouched character costs one comparison.
"""

from __future__ import annotations

import numpy as np

from simulator.noise.heard import ChannelRates, Heard, units_kept, verdict
from simulator.noise.lexicon_zh import (
    CLAUSE_END,
    FILLERS,
    HOMOPHONES,
    NUMBER_CONTEXT,
    NUMBER_SOUNDS,
)
from simulator.noise.numbers import DIGIT_CONFUSION
from simulator.noise.profile import NoiseKind

_ELLIPSIS = "..."
_TRAILING = "".join(sorted(CLAUSE_END)) + "…—- "
_INNER_FILLERS = {word: "，" + word if word.endswith("，") else word for word in FILLERS}
"""A hesitation mid-clause is set off by commas on both sides ("还，嗯，不上")."""


def hear_zh(text: str, rates: ChannelRates, rng: np.random.Generator) -> Heard:
    """Chinese ``text`` as heard through a channel with ``rates``."""
    n = len(text)
    if n == 0:
        return Heard(text, False, ())
    u = rng.random(2 * n + 2).tolist()
    kept = units_kept(n, u[-2], u[-1], rates.truncation)
    out: list[str] = []
    altered = 0
    number_hit = asr = typo = filler = False
    hot, clause_rate, inner_rate = rates.hot, rates.clause_filler, rates.filler
    for i in range(kept):
        ch = text[i]
        c = u[2 * i + 1]
        if c < clause_rate and _is_han(ch) and ch not in NUMBER_SOUNDS:
            opens = i == 0 or text[i - 1] in CLAUSE_END
            rate = clause_rate if opens else inner_rate
            if c < rate:
                word = FILLERS[int(c / rate * len(FILLERS))]
                out.append(word if opens else _INNER_FILLERS[word])
                filler = True
        a = u[2 * i]
        if a < hot:
            heard, kind, is_number = _damage_char(text, i, a, rates)
            if kind is not None and heard != ch:
                ch = heard
                altered += 1
                number_hit = number_hit or is_number
                asr = asr or kind is NoiseKind.ASR
                typo = typo or kind is NoiseKind.TYPO
        out.append(ch)
    cut = kept < n
    if not (altered or cut or filler):
        return Heard(text, False, ())
    heard_text = "".join(out)
    if cut:
        heard_text = heard_text.rstrip(_TRAILING) + _ELLIPSIS
    return verdict(
        heard_text,
        units=n,
        kept=kept,
        altered=altered,
        number_hit=number_hit,
        flags=(asr, typo, cut, filler),
    )


def _damage_char(text: str, i: int, a: float, rates: ChannelRates) -> tuple[str, NoiseKind | None, bool]:
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


def _is_number(text: str, i: int) -> bool:
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

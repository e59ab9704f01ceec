"""The English channel: words misheard, mistyped, hesitated over, cut off.

The unit is a whitespace token; the one channel loop (``channel.hear``) runs
over them and calls back here for what English does to a token: which filler
and how it is written, and a token's damage at its draw.
"""

from __future__ import annotations

from collections.abc import Sequence

from simulator.noise.heard import ChannelRates, Tongue
from simulator.noise.lexicon_en import (
    CLAUSE_END,
    FILLERS,
    KEY_NEIGHBOURS,
    LEADING,
    LETTER_CONFUSION,
    NUMBER_WORDS,
    PHONETIC,
    TRAILING,
)
from simulator.noise.numbers import corrupt_digits
from simulator.noise.profile import NoiseKind


def _any_token(token: str) -> bool:
    """A filler may stand before any English token."""
    return True


def _hesitation(word: str, i: int, opens: bool) -> str:
    """A filler opening the utterance is capitalised and set off ("Um, I can't"); elsewhere bare."""
    return word.capitalize() + "," if i == 0 else word


def _damage_token(
    tokens: Sequence[str], i: int, a: float, rates: ChannelRates
) -> tuple[str, NoiseKind | None, bool]:
    """``tokens[i]``'s fate given its draw ``a``: (text, kind that hit, a number hit?).

    ``a`` falls in consecutive bands — misheard, then mistyped — whose widths
    depend on what the token is; the position inside a band picks the variant,
    so no further randomness is needed.
    """
    token = tokens[i]
    start, end = _core_bounds(token)
    core = token[start:end]
    if not core:
        return token, None, False
    key = core.lower().replace("’", "'")
    if key in NUMBER_WORDS or (not core.isalpha() and any(ch.isdigit() for ch in core)):
        if a >= rates.number:
            return token, None, False
        heard = NUMBER_WORDS.get(key) or corrupt_digits(core, a / rates.number)
        return _rewrap(token, start, end, _match_case(core, heard)), NoiseKind.ASR, True
    swaps = PHONETIC.get(key)
    band = rates.swap if swaps else rates.letter
    if a < band:
        pick = a / band
        heard = swaps[int(pick * len(swaps))] if swaps else _blur_letter(core, pick)
        return (
            _rewrap(token, start, end, _match_case(core, heard)),
            NoiseKind.ASR,
            False,
        )
    if band <= a < band + rates.typo:
        heard = _typo(core, (a - band) / rates.typo)
        return _rewrap(token, start, end, heard), NoiseKind.TYPO, False
    return token, None, False


def _core_bounds(token: str) -> tuple[int, int]:
    """Where the word sits inside its punctuation ("(can't," -> 1, 6)."""
    start, end = 0, len(token)
    while end > start and token[end - 1] in TRAILING:
        end -= 1
    while start < end and token[start] in LEADING:
        start += 1
    return start, end


def _rewrap(token: str, start: int, end: int, core: str) -> str:
    return token[:start] + core + token[end:]


def _match_case(original: str, heard: str) -> str:
    """Keep "Their" capitalised when heard as "There"."""
    if original[:1].isupper() and heard:
        return heard[0].upper() + heard[1:]
    return heard


def _blur_letter(word: str, pick: float) -> str:
    """One consonant or short vowel blurred, searching from where ``pick`` points."""
    n = len(word)
    if n < 3:
        return word
    first = int(pick * n)
    for step in range(n):
        i = (first + step) % n
        blurred = LETTER_CONFUSION.get(word[i])
        if blurred is not None:
            return word[:i] + blurred + word[i + 1 :]
    return word


def _typo(word: str, pick: float) -> str:
    """A typing slip: adjacent key, dropped, doubled or transposed letter.

    ``pick`` chooses the slip (first quarter: adjacent key, ...) and, rescaled,
    the position.
    """
    n = len(word)
    slip = int(pick * 4)
    at = (pick * 4 - slip) * n
    i = min(int(at), n - 1)
    ch = word[i]
    if n < 2 or not ch.isalpha():
        return word
    if slip == 0:
        near = KEY_NEIGHBOURS.get(ch.lower(), ch)
        new = near[min(int((at - i) * len(near)), len(near) - 1)]
        return word[:i] + (new.upper() if ch.isupper() else new) + word[i + 1 :]
    if slip == 1 and n > 2:
        return word[:i] + word[i + 1 :]
    if slip == 3 and i + 1 < n and word[i + 1] != ch:
        return word[:i] + word[i + 1] + ch + word[i + 2 :]
    return word[:i] + ch + word[i:]


ENGLISH = Tongue(
    units=str.split,
    joiner=" ",
    clause_end=CLAUSE_END,
    trailing="".join(sorted(TRAILING)),
    fillers=FILLERS,
    may_hesitate=_any_token,
    hesitation=_hesitation,
    damage=_damage_token,
)
"""English for the channel loop. A cut strips trailing punctuation off the joined text, which is
the last token's own: a token holds no space and none is trailing, so the strip stops at the joiner."""

"""What the collector heard, how hard the channel hits, and when to ask again.

Both language channels share three decisions that must not drift apart: the
per-kind rates at a given level, where a truncation cuts, and when damage is bad
enough that a listener would ask the debtor to repeat (``garbled``). They live
here so the English and Chinese channels differ only in what a unit is; a
language hands the one channel loop (``channel.hear``) its ``Tongue``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from scenarios.acts import Language
from simulator.noise.profile import NoiseKind

GARBLED_CUT_SHARE = 0.4
"""A truncation that removes more than this share of the utterance garbles it."""

GARBLED_ALTERED_SHARE = 0.3
"""More than this share of units misheard or mistyped garbles the utterance."""

MIN_UNITS_TO_TRUNCATE = 4
"""Shorter utterances are never cut: "ok" cut to "o..." is not a phone line."""


class Heard(NamedTuple):
    """The debtor's utterance as it reached the collector.

    ``garbled`` tells the collector (and the evaluators) that a careful listener
    would ask to repeat; ``applied`` lists the channel kinds that changed the
    text, in ``NoiseKind`` order, for the transcript.
    """

    text: str
    garbled: bool
    applied: tuple[NoiseKind, ...]


class ChannelRates(NamedTuple):
    """Per-unit (word or character) probabilities at one level; 0 when disabled."""

    swap: float  # a known homophone / phonetic swap is heard instead
    letter: float  # one letter of another word is blurred (English only)
    number: float  # a number is misheard (grows with level squared)
    typo: float  # adjacent key, dropped or doubled letter, wrong character
    filler: float  # a filler before a unit inside a clause
    clause_filler: float  # a filler at the start of a clause
    truncation: float  # per utterance: the end is cut off
    hot: float  # max of the per-unit damage thresholds: above it, skip the unit


@dataclass(frozen=True, slots=True)
class Tongue:
    """What the one channel loop needs of a language; everything else is the language's lexicon.

    The loop draws the same numbers in the same order for every language, so a language differs
    only in what a unit is, how units join, where clauses end and what its lexicon does to a unit.
    """

    units: Callable[[str], Sequence[str]]
    """Text to units: whitespace tokens (English) or the characters themselves (Chinese)."""
    joiner: str
    """What goes back between units: " " (English), "" (Chinese)."""
    clause_end: frozenset[str]
    """A unit ending in one of these closes a clause: the next may open with a (clause) filler."""
    trailing: str
    """Stripped from the end of a cut utterance before the ellipsis."""
    fillers: tuple[str, ...]
    may_hesitate: Callable[[str], bool]
    """Whether a filler may stand before this unit."""
    hesitation: Callable[[str, int, bool], str]
    """A filler as written before unit ``i``: (filler, i, opens a clause) -> text."""
    damage: Callable[[Sequence[str], int, float, ChannelRates], tuple[str, NoiseKind | None, bool]]
    """Unit ``i``'s fate given its draw ``a``: (heard text, kind that hit or None, a number hit?)."""


_AT_FULL: dict[Language, ChannelRates] = {
    Language.EN: ChannelRates(0.35, 0.06, 0.25, 0.06, 0.04, 0.2, 0.25, 0.0),
    Language.ZH: ChannelRates(0.15, 0.0, 0.25, 0.03, 0.01, 0.25, 0.25, 0.0),
}
"""Rates at level 1; every rate scales linearly with level except ``number``,
which scales with its square so that wrong amounts stay rare on mild lines.
``hot`` is derived by ``rates_for`` (0 here)."""


@lru_cache(maxsize=256)
def rates_for(level: float, kinds: frozenset[NoiseKind], language: Language) -> ChannelRates:
    """The channel rates for a profile; cached because every turn asks."""
    full = _AT_FULL[Language(language)]
    asr = NoiseKind.ASR in kinds
    typo = full.typo * level if NoiseKind.TYPO in kinds else 0.0
    swap = full.swap * level if asr else 0.0
    letter = full.letter * level if asr else 0.0
    number = full.number * level * level if asr else 0.0
    fill = NoiseKind.FILLER in kinds
    return ChannelRates(
        swap=swap,
        letter=letter,
        number=number,
        typo=typo,
        filler=full.filler * level if fill else 0.0,
        clause_filler=full.clause_filler * level if fill else 0.0,
        truncation=full.truncation * level if NoiseKind.TRUNCATION in kinds else 0.0,
        hot=max(number, swap + typo, letter + typo),
    )


def units_kept(units: int, draw: float, depth: float, rate: float) -> int:
    """How many leading units survive truncation (``units`` when not cut).

    ``draw`` decides whether to cut; ``depth`` how much: between 15% and 70%
    of the utterance, at least one unit always survives.
    """
    if draw >= rate or units < MIN_UNITS_TO_TRUNCATE:
        return units
    return max(1, round(units * (0.85 - 0.55 * depth)))


def verdict(
    text: str,
    *,
    units: int,
    kept: int,
    altered: int,
    number_hit: bool,
    flags: tuple[bool, bool, bool, bool],
) -> Heard:
    """Assemble the ``Heard`` and judge whether a listener would ask to repeat.

    ``flags`` says whether ASR, TYPO, TRUNCATION, FILLER changed anything.
    """
    applied = tuple(k for k, hit in zip(_CHANNEL_ORDER, flags, strict=True) if hit)
    garbled = (
        number_hit
        or (units - kept) > GARBLED_CUT_SHARE * units
        or altered > GARBLED_ALTERED_SHARE * max(kept, 1)
    )
    return Heard(text, garbled, applied)


_CHANNEL_ORDER = (NoiseKind.ASR, NoiseKind.TYPO, NoiseKind.TRUNCATION, NoiseKind.FILLER)

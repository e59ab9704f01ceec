"""How noisy a call is, and which debtor turns a noise event replaces.

The profile is configuration (``conf/noise/``) and therefore a frozen pydantic
model. It decides *whether* an event happens on a debtor turn; it never writes
text itself (``events.event_text`` and the template book do) and never touches
the clean text, which the transcript keeps beside what the collector heard.
"""

from __future__ import annotations

from enum import StrEnum

import numpy as np
from pydantic import BaseModel, Field


class NoiseKind(StrEnum):
    ASR = "asr"  # channel: words misrecognised (homophones, phonetic swaps, digits)
    TYPO = "typo"  # channel: adjacent keys, dropped/doubled letters, wrong characters
    TRUNCATION = "truncation"  # channel: the end of the utterance is cut off
    FILLER = "filler"  # channel: "uh", "you know", "嗯", "那个" inserted
    OFF_TOPIC = "off_topic"  # event: the debtor talks about something else
    SILENCE = "silence"  # event: nothing intelligible ("...", "hello?")
    INTERRUPTION = "interruption"  # event: the debtor cuts in with a fragment
    THIRD_PARTY = "third_party"  # event: someone else answers the phone (opening only)
    OUTBURST = "outburst"  # event: an emotional outburst


CHANNEL_KINDS: frozenset[NoiseKind] = frozenset(
    {NoiseKind.ASR, NoiseKind.TYPO, NoiseKind.TRUNCATION, NoiseKind.FILLER}
)
"""Kinds that corrupt the text of a turn the debtor did say."""

EVENT_KINDS: frozenset[NoiseKind] = frozenset(NoiseKind) - CHANNEL_KINDS
"""Kinds that replace the debtor's move for one turn."""

EVENT_RATE_AT_FULL = 0.3
"""Chance of an event on a mid-call debtor turn at level 1 (scales linearly)."""

THIRD_PARTY_RATE_AT_FULL = 0.25
"""Chance that someone else answers the opening turn at level 1."""

_MIDCALL_WEIGHTS: tuple[tuple[NoiseKind, float], ...] = (
    (NoiseKind.OFF_TOPIC, 0.3),
    (NoiseKind.SILENCE, 0.25),
    (NoiseKind.INTERRUPTION, 0.2),
    (NoiseKind.OUTBURST, 0.25),
)
"""Relative frequency of the events that can happen after the opening."""


class NoiseProfile(BaseModel, frozen=True):
    """Noise level and the kinds allowed on a run.

    Level 0 means a clean run: nothing is drawn from the rng, so a noise-free run
    is bit-identical whatever the profile's ``kinds``.
    """

    level: float = Field(
        0.0,
        ge=0.0,
        le=1.0,
        description="0 = clean line, 1 = very noisy; every kind scales with it.",
    )
    kinds: frozenset[NoiseKind] = Field(
        default=frozenset(NoiseKind),
        description="Kinds allowed to occur; a kind left out never happens.",
    )

    def channel_active(self) -> bool:
        """Whether ``apply_channel`` can change text (callers skip it otherwise)."""
        return self.level > 0.0 and not self.kinds.isdisjoint(CHANNEL_KINDS)

    def draw_event(self, rng: np.random.Generator, *, opening: bool) -> NoiseKind | None:
        """The event replacing this debtor turn, or None for a normal turn.

        The opening turn can only be answered by a third party (the wrong person
        picking up happens at the start of a call, not in the middle); mid-call
        turns can be anything else. Draws at most one number, and none when no
        event is possible, so level 0 leaves the rng untouched.
        """
        if opening:
            return self._draw_opening(rng)
        return self._draw_midcall(rng)

    def _draw_opening(self, rng: np.random.Generator) -> NoiseKind | None:
        if self.level <= 0.0 or NoiseKind.THIRD_PARTY not in self.kinds:
            return None
        if rng.random() < THIRD_PARTY_RATE_AT_FULL * self.level:
            return NoiseKind.THIRD_PARTY
        return None

    def _draw_midcall(self, rng: np.random.Generator) -> NoiseKind | None:
        allowed = [(kind, w) for kind, w in _MIDCALL_WEIGHTS if kind in self.kinds]
        if self.level <= 0.0 or not allowed:
            return None
        rate = EVENT_RATE_AT_FULL * self.level
        r = rng.random()
        if r >= rate:
            return None
        # Reuse the one draw: below the rate it is uniform on [0, rate).
        point = r / rate * sum(w for _, w in allowed)
        for kind, weight in allowed:
            point -= weight
            if point < 0.0:
                return kind
        return allowed[-1][0]

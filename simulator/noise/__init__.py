"""Noise on the line: what the collector hears of the debtor, and disruptive turns.

Two kinds of noise, kept apart on purpose:

- channel noise (``apply_channel``) corrupts the text of what the debtor did say
  — ASR errors, typos, truncation, fillers — and reports whether the result is
  garbled enough to ask for a repeat;
- event noise (``NoiseProfile.draw_event`` + ``event_text``) replaces the
  debtor's move for one turn — off-topic talk, silence, an interruption, an
  outburst, or a third party answering the opening.

Noise never touches the clean text; the transcript keeps both. All randomness
comes from the caller's ``numpy.random.Generator``, and level 0 draws nothing.

Modules: ``profile`` (kinds, profile, event draw), ``channel`` (entry point, the one loop),
``channel_en`` / ``channel_zh`` (each language's units and corruptions), ``heard`` (rates and
the garbled verdict, a language's ``Tongue``), ``numbers`` (misheard digits), ``lexicon_en`` /
``lexicon_zh`` (tables), ``events`` (event lines).
"""

from simulator.noise.channel import apply_channel
from simulator.noise.events import event_text
from simulator.noise.heard import Heard
from simulator.noise.profile import CHANNEL_KINDS, EVENT_KINDS, NoiseKind, NoiseProfile

__all__ = [
    "CHANNEL_KINDS",
    "EVENT_KINDS",
    "Heard",
    "NoiseKind",
    "NoiseProfile",
    "apply_channel",
    "event_text",
]

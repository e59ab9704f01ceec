"""The noisy line between debtor and collector: clean text in, heard text out.

This is the one entry point the debtor node calls on every turn, so it must be
cheap and must not disturb determinism: a profile that cannot change text
returns at once without drawing from the rng. It never decides the debtor's
move (events are ``NoiseProfile.draw_event``'s business) and never alters the
clean text, which the transcript keeps beside the heard one.
"""

from __future__ import annotations

import numpy as np

from scenarios.acts import Language
from simulator.noise.channel_en import hear_en
from simulator.noise.channel_zh import hear_zh
from simulator.noise.heard import Heard, rates_for
from simulator.noise.profile import NoiseProfile


def apply_channel(text: str, language: Language, profile: NoiseProfile, rng: np.random.Generator) -> Heard:
    """``text`` as the collector hears it on a line described by ``profile``.

    ASR errors, typos, fillers and truncation each scale with the level; a
    misheard number, a deep cut or many altered units set ``garbled``.
    """
    if not profile.channel_active():
        return Heard(text, False, ())
    rates = rates_for(profile.level, profile.kinds, language)
    if language == Language.ZH:
        return hear_zh(text, rates, rng)
    return hear_en(text, rates, rng)

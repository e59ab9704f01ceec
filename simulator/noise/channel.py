"""The noisy line between debtor and collector: clean text in, heard text out.

This is the one entry point the debtor node calls on every turn, so it must be
cheap and must not disturb determinism: a profile that cannot change text
returns at once without drawing from the rng. It never decides the debtor's
move (events are ``NoiseProfile.draw_event``'s business) and never alters the
clean text, which the transcript keeps beside the heard one.

One loop (``hear``) serves both languages: each brings its ``Tongue`` (what a
unit is, the joiner, its lexicon's corruptions). Every random number of an
utterance is drawn in one batch (two per unit plus two for truncation), so the
cost is one rng call and the common case — a unit left alone — is one comparison.
"""

from __future__ import annotations

import numpy as np

from scenarios.acts import Language
from simulator.noise.channel_en import ENGLISH
from simulator.noise.channel_zh import CHINESE
from simulator.noise.heard import ChannelRates, Heard, Tongue, rates_for, units_kept, verdict
from simulator.noise.profile import NoiseKind, NoiseProfile

_ELLIPSIS = "..."


def apply_channel(text: str, language: Language, profile: NoiseProfile, rng: np.random.Generator) -> Heard:
    """``text`` as the collector hears it on a line described by ``profile``.

    ASR errors, typos, fillers and truncation each scale with the level; a
    misheard number, a deep cut or many altered units set ``garbled``.
    """
    if not profile.channel_active():
        return Heard(text, False, ())
    rates = rates_for(profile.level, profile.kinds, language)
    return hear(text, CHINESE if language == Language.ZH else ENGLISH, rates, rng)


def hear(text: str, tongue: Tongue, rates: ChannelRates, rng: np.random.Generator) -> Heard:
    """``text`` in ``tongue`` as heard through a channel with ``rates``.

    Per unit: a filler may go before it (draw ``c``, odd slots), then it may be
    damaged (draw ``a``, even slots); the last two draws decide the cut.
    """
    units = tongue.units(text)
    n = len(units)
    if n == 0:
        return Heard(text, False, ())
    u = rng.random(2 * n + 2).tolist()
    kept = units_kept(n, u[-2], u[-1], rates.truncation)
    out: list[str] = []
    altered = 0
    number_hit = asr = typo = filler = False
    hot, clause_rate, inner_rate = rates.hot, rates.clause_filler, rates.filler
    for i in range(kept):
        unit = units[i]
        c = u[2 * i + 1]
        if c < clause_rate and tongue.may_hesitate(unit):
            opens = i == 0 or units[i - 1][-1] in tongue.clause_end
            rate = clause_rate if opens else inner_rate
            if c < rate:
                fillers = tongue.fillers
                out.append(tongue.hesitation(fillers[int(c / rate * len(fillers))], i, opens))
                filler = True
        a = u[2 * i]
        if a < hot:
            heard, kind, is_number = tongue.damage(units, i, a, rates)
            if kind is not None and heard != unit:
                unit = heard
                altered += 1
                number_hit = number_hit or is_number
                asr = asr or kind is NoiseKind.ASR
                typo = typo or kind is NoiseKind.TYPO
        out.append(unit)
    cut = kept < n
    if not (altered or cut or filler):
        return Heard(text, False, ())
    heard_text = tongue.joiner.join(out)
    if cut:
        heard_text = heard_text.rstrip(tongue.trailing) + _ELLIPSIS
    return verdict(
        heard_text,
        units=n,
        kept=kept,
        altered=altered,
        number_hit=number_hit,
        flags=(asr, typo, cut, filler),
    )

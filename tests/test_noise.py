"""The noise model keeps clean runs clean and noisy runs reproducible.

What must hold whatever the tuning: level 0 changes nothing and draws nothing;
the clean text is never modified; the same seed gives the same heard text; each
channel kind shows up in its language; events obey the opening rule.
"""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest
from pydantic import ValidationError

from scenarios.acts import Language
from simulator.noise import (
    CHANNEL_KINDS,
    EVENT_KINDS,
    Heard,
    NoiseKind,
    NoiseProfile,
    apply_channel,
    event_text,
)
from simulator.noise.lexicon_zh import HOMOPHONES
from simulator.noise.numbers import corrupt_digits

EN = (
    "I know their bank said the payment was due on the fifteenth, but I can't pay "
    "four hundred right now, maybe two hundred next week if you can wait."
)
ZH = "我知道我欠你们的钱，但是这个月我真的还不上，下个月十五号之前可以先还一千二百块。"
TEXTS = {Language.EN: EN, Language.ZH: ZH}


def _state(rng: np.random.Generator) -> dict:
    return rng.bit_generator.state


def _hear_many(
    text: str, language: Language, profile: NoiseProfile, n: int = 300, seed: int = 0
) -> list[Heard]:
    rng = np.random.default_rng(seed)
    return [apply_channel(text, language, profile, rng) for _ in range(n)]


def test_kind_partition() -> None:
    every = CHANNEL_KINDS | EVENT_KINDS
    assert every == frozenset(NoiseKind)
    assert not CHANNEL_KINDS & EVENT_KINDS
    assert NoiseKind.THIRD_PARTY.value == "third_party"


def test_profile_validates_and_parses_config_values() -> None:
    profile = NoiseProfile(level=0.5, kinds=["filler", "asr"])
    assert profile.kinds == {NoiseKind.FILLER, NoiseKind.ASR}
    assert NoiseProfile().kinds == frozenset(NoiseKind)
    with pytest.raises(ValidationError):
        NoiseProfile(level=1.5)
    with pytest.raises(ValidationError):
        profile.level = 0.1  # frozen


@pytest.mark.parametrize("language", list(Language))
@pytest.mark.parametrize(
    "profile",
    [NoiseProfile(), NoiseProfile(level=0.8, kinds={NoiseKind.SILENCE})],
    ids=["level0", "events-only"],
)
def test_inactive_channel_is_identity_and_draws_nothing(language: Language, profile: NoiseProfile) -> None:
    rng = np.random.default_rng(7)
    before = _state(rng)
    assert not profile.channel_active()
    assert apply_channel(TEXTS[language], language, profile, rng) == Heard(TEXTS[language], False, ())
    assert _state(rng) == before


@pytest.mark.parametrize("language", list(Language))
def test_noise_changes_a_good_share_and_keeps_clean_text(language: Language) -> None:
    clean = TEXTS[language]
    copy = str(clean)
    heard = _hear_many(clean, language, NoiseProfile(level=0.3))
    changed = [h for h in heard if h.text != clean]
    assert len(changed) > 0.4 * len(heard)
    assert all(h.applied for h in changed)
    assert all(not h.applied and not h.garbled for h in heard if h.text == clean)
    assert clean == copy


@pytest.mark.parametrize("language", list(Language))
def test_same_seed_same_output(language: Language) -> None:
    profile = NoiseProfile(level=0.6)
    first = _hear_many(TEXTS[language], language, profile, n=50, seed=3)
    again = _hear_many(TEXTS[language], language, profile, n=50, seed=3)
    other = _hear_many(TEXTS[language], language, profile, n=50, seed=4)
    assert first == again
    assert first != other


def test_zh_homophones_keep_length() -> None:
    assert len(HOMOPHONES) >= 150
    assert all(len(alt) == 1 and alt != char for char, alts in HOMOPHONES.items() for alt in alts)
    profile = NoiseProfile(level=1.0, kinds={NoiseKind.ASR})
    heard = _hear_many(ZH, Language.ZH, profile)
    assert sum(h.text != ZH for h in heard) > 0.9 * len(heard)
    assert all(len(h.text) == len(ZH) for h in heard)
    swapped = Counter((c, h_c) for h in heard for c, h_c in zip(ZH, h.text, strict=True) if c != h_c)
    assert any(h_c in HOMOPHONES.get(c, ()) for c, h_c in swapped)


def test_en_phonetic_swaps_happen() -> None:
    profile = NoiseProfile(level=1.0, kinds={NoiseKind.ASR})
    words = Counter(w for h in _hear_many(EN, Language.EN, profile) for w in h.text.split())
    assert words["there"] + words["they're"] > 0  # their
    assert words["can"] > 0  # can't
    assert words["fiftieth,"] > 0  # a date heard wrong
    assert "for" not in EN.split() and words["for"] > 0  # four


def test_misheard_number_is_garbled() -> None:
    assert corrupt_digits("$1,200", 0.6) == "$1,020"
    assert corrupt_digits("15th", 0.0) == "50th"
    assert corrupt_digits("no digits", 0.3) == "no digits"
    profile = NoiseProfile(level=1.0, kinds={NoiseKind.ASR})
    text = "I can pay 1200 on the 15th"
    heard = _hear_many(text, Language.EN, profile)
    hit = [h for h in heard if "1200" not in h.text or "15th" not in h.text]
    assert hit and all(h.garbled for h in hit)


@pytest.mark.parametrize("language", list(Language))
def test_truncation_appends_ellipsis_and_garbles_when_deep(language: Language) -> None:
    profile = NoiseProfile(level=1.0, kinds={NoiseKind.TRUNCATION})
    heard = _hear_many(TEXTS[language], language, profile, n=400)
    cut = [h for h in heard if h.text != TEXTS[language]]
    assert cut and all(h.applied == (NoiseKind.TRUNCATION,) for h in cut)
    assert all(h.text.endswith("...") for h in cut)
    deep = [h for h in cut if len(h.text) < 0.5 * len(TEXTS[language])]
    assert deep and all(h.garbled for h in deep)


@pytest.mark.parametrize("language", list(Language))
def test_kinds_filter_only_fillers(language: Language) -> None:
    profile = NoiseProfile(level=1.0, kinds={NoiseKind.FILLER, NoiseKind.OUTBURST})
    heard = _hear_many(TEXTS[language], language, profile)
    assert any(h.applied == (NoiseKind.FILLER,) for h in heard)
    for h in heard:
        assert h.applied in ((), (NoiseKind.FILLER,))
        assert not h.text.endswith("...")
        assert len(h.text) >= len(TEXTS[language])
        assert not h.garbled


def test_draw_event_rules() -> None:
    rng = np.random.default_rng(11)
    full = NoiseProfile(level=1.0)
    midcall = Counter(full.draw_event(rng, opening=False) for _ in range(4000))
    assert NoiseKind.THIRD_PARTY not in midcall
    assert set(midcall) == (EVENT_KINDS - {NoiseKind.THIRD_PARTY}) | {None}
    assert 0.2 < 1 - midcall[None] / 4000 < 0.4
    opening = Counter(full.draw_event(rng, opening=True) for _ in range(4000))
    assert set(opening) == {NoiseKind.THIRD_PARTY, None}
    assert 0.15 < opening[NoiseKind.THIRD_PARTY] / 4000 < 0.35


def test_draw_event_level0_and_filter() -> None:
    rng = np.random.default_rng(5)
    before = _state(rng)
    quiet = NoiseProfile(level=0.0)
    assert all(quiet.draw_event(rng, opening=o) is None for o in (True, False) * 100)
    assert _state(rng) == before
    only_silence = NoiseProfile(level=1.0, kinds={NoiseKind.SILENCE})
    drawn = {only_silence.draw_event(rng, opening=False) for _ in range(500)}
    assert drawn == {NoiseKind.SILENCE, None}
    assert all(only_silence.draw_event(rng, opening=True) is None for _ in range(100))


@pytest.mark.parametrize("language", list(Language))
def test_event_text(language: Language) -> None:
    rng = np.random.default_rng(0)
    for kind in EVENT_KINDS - {NoiseKind.THIRD_PARTY}:
        lines = {event_text(kind, language, rng) for _ in range(200)}
        assert lines and all(line.strip() for line in lines)
    assert len({event_text(NoiseKind.OFF_TOPIC, language, rng) for _ in range(500)}) >= 15
    assert len({event_text(NoiseKind.OUTBURST, language, rng) for _ in range(500)}) >= 10
    with pytest.raises(ValueError):
        event_text(NoiseKind.THIRD_PARTY, language, rng)
    with pytest.raises(ValueError):
        event_text(NoiseKind.TYPO, language, rng)


@pytest.mark.parametrize("language", list(Language))
def test_an_outburst_never_names_another_root_cause_or_owns_a_contested_debt(language: Language) -> None:
    """Noise is off-topic talk, never a different persona: a medical debtor does not shout it lost its job."""
    from evaluators.consistency import names_cause
    from personas import RootCause
    from simulator.noise.events import DISOWNING, lines_for

    admits = {Language.EN: "owe money", Language.ZH: "没说不还"}[language]
    for cause in RootCause:
        lines = lines_for(NoiseKind.OUTBURST, language, cause)
        for other in set(RootCause) - {cause}:
            assert not any(names_cause(line, str(language), other) for line in lines), (cause, other)
        assert any(admits in line for line in lines) is (cause not in DISOWNING), cause
    own = lines_for(NoiseKind.OUTBURST, language, RootCause.JOB_LOSS)
    assert any(names_cause(line, str(language), RootCause.JOB_LOSS) for line in own)  # its own hardship, yes
    rng = np.random.default_rng(1)
    said = {event_text(NoiseKind.OUTBURST, language, rng, RootCause.MEDICAL) for _ in range(500)}
    assert not any(names_cause(line, str(language), RootCause.JOB_LOSS) for line in said)


def test_zh_outbursts_include_the_regulator_complaint_threat() -> None:
    rng = np.random.default_rng(2)
    said = {event_text(NoiseKind.OUTBURST, Language.ZH, rng) for _ in range(500)}
    assert any("12378" in line for line in said)


def test_empty_text_survives() -> None:
    rng = np.random.default_rng(0)
    for language in Language:
        assert apply_channel("", language, NoiseProfile(level=1.0), rng).text == ""

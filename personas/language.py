"""The two languages a persona speaks, as a typed enum.

`personas` may not import `scenarios` (dependencies point one way), so it keeps
its own copy of the language enum; the values are the same strings as
`scenarios.acts.Language`, and a test holds the two to the same members.
"""

from __future__ import annotations

from enum import StrEnum


class Language(StrEnum):
    ZH = "zh"
    EN = "en"


ZH_WORLD = 0x7A68
"""Extra seed key of every per-dialogue draw in a zh run ("zh" in ASCII): the same run seed gives
zh debtors, calls and turns of their own, not translations of the en draw. en adds no key, so en
runs keep the draws (and transcripts) they had before languages were told apart."""


def world_key(language: Language | str) -> tuple[int, ...]:
    """What a language adds to the seed of each per-dialogue Generator: nothing for en."""
    return (ZH_WORLD,) if Language(language) is Language.ZH else ()

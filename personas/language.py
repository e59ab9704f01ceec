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

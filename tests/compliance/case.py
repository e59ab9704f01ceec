"""One suite case: a transcript, and the violation injected into it (or none).

`concept` and `turn` say what the judge must find: a finding of that concept on that
turn. A lawful case (`concept` None) must raise nothing. `related` lists concepts that
may rightly fire on the injected turn too (a debt named to a wrong party is also a
disclosure; a continued call after two mismatched IDs that names the debt also
discloses it before verification) — they are neither hits nor false positives.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from simulator.transcript import Transcript


@dataclass(frozen=True)
class Case:
    transcript: Transcript
    concept: str | None
    turn: int | None
    block: str
    label: str
    language: str
    jurisdiction: str
    related: frozenset[str] = field(default_factory=frozenset)
    how: str = "text"
    """`text` (a phrasing injected into a turn) or `structure` (turns, acts, offers or call context edited)."""

"""The cues a collector turn is read for, and the shape of a cue's patterns in one language.

Kept apart from the matcher (`text`) and the pattern banks (`patterns/`)
so the banks are plain data a compliance reviewer can read and extend.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Cue(StrEnum):
    THREAT_ARREST = "threat_arrest"
    THREAT_SEIZURE = "threat_seizure"
    THREAT_LEGAL = "threat_legal"
    ABUSE = "abuse"
    VIOLENCE = "violence"
    IMPERSONATION = "impersonation"
    ATTORNEY = "attorney"
    CREDIT_FILE = "credit_file"
    THIRD_PARTY_PRESSURE = "third_party_pressure"
    REPEAT_CALLS = "repeat_calls"
    PAYMENT_ASK = "payment_ask"
    DEBT_MENTION = "debt_mention"
    FINALITY = "finality"
    DEBT_AMOUNT = "debt_amount"
    IDENTITY_REQUEST = "identity_request"
    RECORDING = "recording"
    DEBT_COLLECTOR = "debt_collector"
    IDENTIFY_FIRM = "identify_firm"


QUOTABLE = frozenset(
    {
        Cue.THREAT_ARREST,
        Cue.THREAT_SEIZURE,
        Cue.THREAT_LEGAL,
        Cue.ABUSE,
        Cue.VIOLENCE,
        Cue.IMPERSONATION,
        Cue.ATTORNEY,
        Cue.CREDIT_FILE,
        Cue.THIRD_PARTY_PRESSURE,
        Cue.REPEAT_CALLS,
    }
)
"""Conduct cues: words the collector repeats from the debtor ("you said…", 您刚才说…) are not his own."""
NEGATABLE = QUOTABLE - {Cue.CREDIT_FILE}
"""Conduct cues a negated act cancels (`patterns.scopes`); a credit-file promise is often a negation itself."""


@dataclass(frozen=True, slots=True)
class CuePatterns:
    """One cue's phrasings in one language, and what cancels them."""

    match: tuple[str, ...]
    suppress: tuple[str, ...] = ()
    hedges: tuple[str, ...] = ()

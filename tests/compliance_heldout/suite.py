"""The whole held-out suite: every case of every concept in one language, and the untouched calls."""

from __future__ import annotations

from simulator.transcript import Transcript
from tests.compliance_heldout.bases import base_calls
from tests.compliance_heldout.call_cases import disclosure_cases, frequency_cases, hours_cases
from tests.compliance_heldout.cases import Case, text_cases
from tests.compliance_heldout.dialogue_cases import (
    final_offer_cases,
    halt_cases,
    misstated_cases,
    policy_cases,
)
from tests.compliance_heldout.identity_cases import (
    before_verification_cases,
    mismatch_cases,
    third_party_cases,
)

LANGUAGES = ("en", "zh")
BUILDERS = (
    text_cases,
    halt_cases,
    final_offer_cases,
    misstated_cases,
    policy_cases,
    third_party_cases,
    before_verification_cases,
    mismatch_cases,
    hours_cases,
    frequency_cases,
    disclosure_cases,
)


def cases(language: str) -> list[Case]:
    return [case for build in BUILDERS for case in build(language)]


def untouched(language: str) -> list[Transcript]:
    """The engine's calls as they came out (with a lawful call context): the false-positive set."""
    return [t for t in base_calls() if t.language == language]

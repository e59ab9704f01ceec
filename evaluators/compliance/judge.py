"""The judge: every detector over one transcript, each hit mapped to its jurisdiction's rule.

The profile is the transcript's own (`transcript.jurisdiction`), or the language's
default for transcripts written before profiles existed (en → us, zh → cn); such old
transcripts have no call context, so the hours and frequency rules are skipped for
them. A hit whose concept has no rule in the profile's families is dropped: that regime
does not forbid it. Findings are sorted by turn.
"""

from __future__ import annotations

from collections import Counter

from pydantic import BaseModel, ConfigDict

from evaluators.compliance.call_rules import call_hits
from evaluators.compliance.concepts import COLUMNS, FAMILY, Concept, column
from evaluators.compliance.detect_offers import amount_hits, final_offer_hits, policy_hits
from evaluators.compliance.detect_turns import turn_hits
from evaluators.compliance.disclosures import disclosure_hits
from evaluators.compliance.flow import Hit, walk
from evaluators.compliance.registry import RuleBook
from evaluators.finding import Finding
from scenarios.jurisdiction import JurisdictionProfile, profile_for
from simulator.transcript import Transcript


class ComplianceScore(BaseModel):
    """Findings of one transcript under its jurisdiction's rules."""

    model_config = ConfigDict(frozen=True)

    findings: list[Finding]
    compliant: bool
    jurisdiction: str

    def counts(self) -> dict[str, int]:
        """Findings per concept family, as the `compliance_<family>` score columns."""
        found = Counter(column(FAMILY[Concept(f.concept)]) for f in self.findings)
        return {name: found.get(name, 0) for name in COLUMNS}

    def concepts(self) -> set[str]:
        return {f.concept for f in self.findings}


def profile_of(transcript: Transcript) -> JurisdictionProfile:
    return transcript.jurisdiction or profile_for(None, transcript.language)


def hits_of(transcript: Transcript, profile: JurisdictionProfile) -> list[Hit]:
    moments = walk(transcript)
    return (
        call_hits(transcript.call, profile)
        + disclosure_hits(moments, profile)
        + turn_hits(moments)
        + final_offer_hits(moments)
        + amount_hits(moments, transcript.case)
        + policy_hits(moments, transcript.case, transcript.policy)
    )


def score_compliance(transcript: Transcript) -> ComplianceScore:
    """Every rule the collector broke in this call, with the turn and the evidence."""
    profile = profile_of(transcript)
    book = RuleBook(profile)
    findings: dict[tuple[str, str, int], Finding] = {}
    for hit in hits_of(transcript, profile):
        rule = book.rule(Concept(hit.concept), hit.kind)
        if rule is not None:
            key = (rule.id, hit.concept, hit.turn)
            findings.setdefault(
                key, Finding(rule=rule.id, concept=hit.concept, turn=hit.turn, detail=hit.detail)
            )
    ordered = sorted(findings.values(), key=lambda f: f.turn)
    return ComplianceScore(findings=ordered, compliant=not ordered, jurisdiction=str(profile.id))

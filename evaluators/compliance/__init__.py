"""Compliance: would a regulator or the creditor object to what the collector did on this call?

A rule registry in the shape of a linter's (STYLE §13). Detectors find *concepts*
(`concepts.Concept`: threat_arrest, collect_after_dispute, missing_disclosure, …) by
combining what the collector said (`text`, pattern banks in `patterns/`)
with the dialogue's structure (`flow`: verification, wrong party, identity mismatches,
halting acts, offers on the table, amounts; `call_rules`: local time and prior attempts;
`disclosures`: what the profile requires and when). The transcript's jurisdiction
profile selects the regulation families (`fdcpa`, `regf`, `conc`, `cn`), each a table of
`Rule`s citing its law, and every hit becomes a `Finding(rule, concept, turn, detail)`
(`registry.RuleBook`). Creditor policy is a family of its own (`policy.<rule>`).

Only collector turns are judged, on `clean_text`. Development suite: tests/compliance/.
"""

from evaluators.compliance.concepts import COLUMNS, FAMILY, Concept, ConceptFamily, column
from evaluators.compliance.judge import ComplianceScore, profile_of, score_compliance
from evaluators.compliance.registry import RuleBook, all_rules, describe
from evaluators.compliance.rule import Rule

__all__ = [
    "COLUMNS",
    "FAMILY",
    "ComplianceScore",
    "Concept",
    "ConceptFamily",
    "Rule",
    "RuleBook",
    "all_rules",
    "column",
    "describe",
    "profile_of",
    "score_compliance",
]

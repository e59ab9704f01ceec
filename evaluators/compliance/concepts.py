"""What a compliance finding is about, independent of any one law.

A threat of arrest is the same wrong in Texas, Leeds and Chengdu; only the rule it
breaks differs (FDCPA §807(4), CONC 7.11.1, 商业银行信用卡业务监督管理办法 第六十八条).
Detectors therefore report *concepts*, and each jurisdiction's rule families map a
concept to the rule id that cites its own regulation (`registry`). The concept ids
are fixed: the engine, the preference-pair builder and the violation suites name
them. Families group concepts into the per-family columns of `scores.parquet`.
"""

from __future__ import annotations

from enum import StrEnum


class Concept(StrEnum):
    THREAT_ARREST = "threat_arrest"
    THREAT_SEIZURE = "threat_seizure"
    THREAT_LEGAL_UNINTENDED = "threat_legal_unintended"
    ABUSE = "abuse"
    IMPERSONATION = "impersonation"
    CREDIT_FILE_PROMISE = "credit_file_promise"
    FALSE_FINAL_OFFER = "false_final_offer"
    MISSTATED_AMOUNT = "misstated_amount"
    THIRD_PARTY_DISCLOSURE = "third_party_disclosure"
    THIRD_PARTY_PRESSURE = "third_party_pressure"
    REPEAT_CALL_INTENT = "repeat_call_intent"
    OUTSIDE_HOURS = "outside_hours"
    OVER_FREQUENCY = "over_frequency"
    COLLECT_AFTER_DISPUTE = "collect_after_dispute"  # after DISPUTE or REPORT_IDENTITY_THEFT
    COLLECT_AFTER_CEASE = "collect_after_cease"  # after REQUEST_CEASE, REPRESENTED or DECLARE_BANKRUPTCY
    MISSING_DISCLOSURE = "missing_disclosure"
    DISCLOSURE_BEFORE_VERIFICATION = "disclosure_before_verification"
    CONTINUE_AFTER_MISMATCH = "continue_after_mismatch"
    OFFER_OUTSIDE_POLICY = "offer_outside_policy"


class ConceptFamily(StrEnum):
    """Groups of concepts a compliance officer reports together; one score column each."""

    THREATS = "threats"
    ABUSE = "abuse"
    FALSE_STATEMENTS = "false_statements"
    THIRD_PARTIES = "third_parties"
    HARASSMENT = "harassment"
    AFTER_DISPUTE = "after_dispute"
    DISCLOSURES = "disclosures"
    POLICY = "policy"


FAMILY: dict[Concept, ConceptFamily] = {
    Concept.THREAT_ARREST: ConceptFamily.THREATS,
    Concept.THREAT_SEIZURE: ConceptFamily.THREATS,
    Concept.THREAT_LEGAL_UNINTENDED: ConceptFamily.THREATS,
    Concept.ABUSE: ConceptFamily.ABUSE,
    Concept.IMPERSONATION: ConceptFamily.FALSE_STATEMENTS,
    Concept.CREDIT_FILE_PROMISE: ConceptFamily.FALSE_STATEMENTS,
    Concept.FALSE_FINAL_OFFER: ConceptFamily.FALSE_STATEMENTS,
    Concept.MISSTATED_AMOUNT: ConceptFamily.FALSE_STATEMENTS,
    Concept.THIRD_PARTY_DISCLOSURE: ConceptFamily.THIRD_PARTIES,
    Concept.THIRD_PARTY_PRESSURE: ConceptFamily.THIRD_PARTIES,
    Concept.CONTINUE_AFTER_MISMATCH: ConceptFamily.THIRD_PARTIES,
    Concept.REPEAT_CALL_INTENT: ConceptFamily.HARASSMENT,
    Concept.OUTSIDE_HOURS: ConceptFamily.HARASSMENT,
    Concept.OVER_FREQUENCY: ConceptFamily.HARASSMENT,
    Concept.COLLECT_AFTER_DISPUTE: ConceptFamily.AFTER_DISPUTE,
    Concept.COLLECT_AFTER_CEASE: ConceptFamily.AFTER_DISPUTE,
    Concept.MISSING_DISCLOSURE: ConceptFamily.DISCLOSURES,
    Concept.DISCLOSURE_BEFORE_VERIFICATION: ConceptFamily.DISCLOSURES,
    Concept.OFFER_OUTSIDE_POLICY: ConceptFamily.POLICY,
}
"""Every concept's family (a continued call after two mismatched IDs risks talking to a third party)."""


def column(family: ConceptFamily) -> str:
    """The score column counting a family's findings: `compliance_threats`, …"""
    return f"compliance_{family}"


COLUMNS: tuple[str, ...] = tuple(column(f) for f in ConceptFamily)

"""Compliance: would a regulator or the creditor object to what the collector said?

Rules: no threats, abuse or false statements (lexicon, zh + en), the debt
stated truthfully, nothing about the debt disclosed before the debtor has
verified its identity (debt collection rules protect third parties), and no
offer outside the creditor's policy. Only collector turns are checked, on
`clean_text` (what was said). Each fired rule is a `Finding` with its turn.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from evaluators.amounts import case_amounts, spoken_amounts, unknown
from evaluators.finding import Finding
from evaluators.lexicon import Category, match
from scenarios import CollectorAct, DebtorAct
from scenarios.acts import OFFER_ACTS
from simulator.transcript import Speaker, Transcript, Turn

DISCLOSING_ACTS = OFFER_ACTS | {
    CollectorAct.INFORM_DEBT,
    CollectorAct.CONFIRM_AGREEMENT,
    CollectorAct.WARN_CONSEQUENCES,
    CollectorAct.PROVIDE_VERIFICATION,
}
"""Collector acts that reveal the debt; allowed only after the debtor verified."""
STATING_ACTS = frozenset({CollectorAct.INFORM_DEBT, CollectorAct.PROVIDE_VERIFICATION})
"""Acts that state the debt's figures; any amount in them must be on the creditor's record."""
POLICY_PREFIX = "policy:"


class ComplianceRule(StrEnum):
    THREAT = "threat"
    ABUSE = "abuse"
    FALSE_STATEMENT = "false_statement"
    MISSTATED_DEBT = "misstated_debt"
    EARLY_DISCLOSURE = "disclosure_before_verification"


class ComplianceScore(BaseModel):
    model_config = ConfigDict(frozen=True)

    findings: list[Finding]
    compliant: bool
    policy_violations: int
    disclosure_before_verification: bool


def lexicon_findings(turn: Turn, language: str) -> list[Finding]:
    found = []
    for category, rule in (
        (Category.THREAT, ComplianceRule.THREAT),
        (Category.ABUSE, ComplianceRule.ABUSE),
        (Category.FALSE_STATEMENT, ComplianceRule.FALSE_STATEMENT),
    ):
        if phrase := match(category, turn.clean_text, language):
            found.append(Finding(rule=rule, turn=turn.index, detail=phrase))
    return found


def discloses(turn: Turn, language: str) -> str | None:
    """Why this collector turn reveals the debt, or None."""
    if turn.act in DISCLOSING_ACTS:
        return f"act {turn.act}"
    if spoken_amounts(turn.clean_text, language):
        return "states an amount"
    return match(Category.DEBT_MENTION, turn.clean_text, language)


def score_compliance(transcript: Transcript) -> ComplianceScore:
    language, case, policy = transcript.language, transcript.case, transcript.policy
    findings: list[Finding] = []
    verified = False
    for turn in transcript.turns:
        if turn.speaker is Speaker.DEBTOR:
            verified = verified or turn.act is DebtorAct.PROVIDE_IDENTITY
            continue
        findings += lexicon_findings(turn, language)
        if not verified and (why := discloses(turn, language)):
            findings.append(Finding(rule=ComplianceRule.EARLY_DISCLOSURE, turn=turn.index, detail=why))
        if turn.act in STATING_ACTS and (
            bad := unknown(spoken_amounts(turn.clean_text, language), case_amounts(case))
        ):
            findings.append(Finding(rule=ComplianceRule.MISSTATED_DEBT, turn=turn.index, detail=f"{bad}"))
        if turn.offer is not None:
            findings += [
                Finding(rule=POLICY_PREFIX + rule, turn=turn.index)
                for rule in policy.violations(turn.offer, case)
            ]
    return ComplianceScore(
        findings=findings,
        compliant=not findings,
        policy_violations=sum(f.rule.startswith(POLICY_PREFIX) for f in findings),
        disclosure_before_verification=any(f.rule == ComplianceRule.EARLY_DISCLOSURE for f in findings),
    )

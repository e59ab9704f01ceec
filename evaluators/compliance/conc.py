"""FCA Consumer Credit sourcebook rules (CONC 7, and the CONC 3.3.1 clear-fair-not-misleading rule).

Ids cite the provision: `conc.7.11.1` = CONC 7.11.1 R. Checked against the FCA Handbook:
7.3.4 R (forbearance and due consideration), 7.3.10 R (no pressure to pay in large sums or
by borrowing), 7.5.2 R (must not pursue someone who might not be the borrower), 7.9
(contact with customers: unreasonable times, disclosure to third parties; 7.9.10 R, no
details of a debt before establishing who the individual is), 7.11.1 R (must not
misrepresent authority or legal position), 7.11.6 R (must not state action will be taken
when legally it cannot), 7.13 (accurate data, not pursued for an incorrect amount), 7.14.1
R (suspend recovery while a debt is disputed on valid grounds, identity included). Where
a sub-paragraph number was not confirmed the id stays at section level (`conc.7.9`).
CONC sets no call-frequency number; the recording notice is data-protection practice.
"""

from __future__ import annotations

from evaluators.compliance.concepts import Concept as C
from evaluators.compliance.rule import Rule

RULES: tuple[Rule, ...] = (
    Rule(
        "conc.7.11.1",
        C.THREAT_ARREST,
        "misrepresents the legal position: arrest or prison for a debt",
        "CONC 7.11.1 R",
    ),
    Rule(
        "conc.7.11.6",
        C.THREAT_SEIZURE,
        "states that seizure or enforcement will be taken when it cannot",
        "CONC 7.11.6 R",
    ),
    Rule(
        "conc.7.11.6",
        C.THREAT_LEGAL_UNINTENDED,
        "threatens court action that cannot or will not be taken",
        "CONC 7.11.6 R; CONC 7.11.9 R (action stated as taken)",
    ),
    Rule(
        "conc.7.3",
        C.ABUSE,
        "abusive or threatening treatment of a customer in arrears",
        "CONC 7.3 (7.3.4 R forbearance and due consideration); Administration of Justice Act 1970 s.40",
    ),
    Rule(
        "conc.7.11.1",
        C.IMPERSONATION,
        "misrepresents authority: court, bailiff, police or solicitor",
        "CONC 7.11.1 R, 7.11.2 G; Legal Services Act 2007 s.17 (CONC 7.11.5 G)",
    ),
    Rule(
        "conc.3.3.1",
        C.CREDIT_FILE_PROMISE,
        "misleading promise about the customer's credit file",
        "CONC 3.3.1 R (clear, fair and not misleading)",
    ),
    Rule(
        "conc.7.3.10",
        C.FALSE_FINAL_OFFER,
        "a 'final' offer followed by a better one: false urgency to pay now",
        "CONC 7.3.10 R (pressure to pay in one sum or an unreasonably short time); CONC 3.3.1 R (misleading)",
    ),
    Rule(
        "conc.7.13", C.MISSTATED_AMOUNT, "pursues the customer for an incorrect amount", "CONC 7.13; CONC 7.4"
    ),
    Rule(
        "conc.7.9",
        C.THIRD_PARTY_DISCLOSURE,
        "discloses the customer's debt to a third party",
        "CONC 7.9 (communication with third parties)",
    ),
    Rule(
        "conc.7.9",
        C.THIRD_PARTY_PRESSURE,
        "threatens to disclose the debt to a third party",
        "CONC 7.9 (must not disclose or threaten to disclose)",
    ),
    Rule(
        "conc.7.3", C.REPEAT_CALL_INTENT, "threatens excessive contact", "CONC 7.3 (due consideration); 7.9"
    ),
    Rule("conc.7.9", C.OUTSIDE_HOURS, "contact at an unreasonable time", "CONC 7.9 (unreasonable times)"),
    Rule("conc.7.9", C.OVER_FREQUENCY, "contact more often than the profile allows", "CONC 7.9; CONC 7.3"),
    Rule(
        "conc.7.14.1",
        C.COLLECT_AFTER_DISPUTE,
        "continues recovery of a disputed debt",
        "CONC 7.14.1 R; CONC 7.5.3 R",
    ),
    Rule(
        "conc.7.14.1",
        C.COLLECT_AFTER_DISPUTE,
        "continues recovery after an identity-theft report",
        "CONC 7.14.1 R, 7.14.2 G(1) (not the true borrower)",
        kind="report_identity_theft",
    ),
    Rule(
        "conc.7.3",
        C.COLLECT_AFTER_CEASE,
        "keeps pressing a customer who asked for contact to stop",
        "CONC 7.3 (forbearance and due consideration)",
    ),
    Rule(
        "conc.7.5",
        C.COLLECT_AFTER_CEASE,
        "bypasses the adviser or solicitor acting for the customer",
        "CONC 7.5 (dealing with a person acting on the customer's behalf)",
        kind="represented",
    ),
    Rule(
        "conc.7.3",
        C.COLLECT_AFTER_CEASE,
        "demands a debt under an insolvency procedure or Breathing Space",
        "CONC 7.3; Debt Respite Scheme (Breathing Space) Regulations 2020",
        kind="declare_bankruptcy",
    ),
    Rule(
        "conc.7.9",
        C.MISSING_DISCLOSURE,
        "the caller does not say who they are and for which firm",
        "CONC 7.9 (contact with customers; 7.9.2 R no misleading reason for contact)",
        kind="identify_firm",
    ),
    Rule(
        "conc.recording",
        C.MISSING_DISCLOSURE,
        "no call-recording notice",
        "UK GDPR Art. 13 (transparency); a profile requirement",
        kind="recording",
    ),
    Rule(
        "conc.7.9.10",
        C.DISCLOSURE_BEFORE_VERIFICATION,
        "gives details of the debt before establishing identity",
        "CONC 7.9.10 R",
    ),
    Rule(
        "conc.7.5.2",
        C.CONTINUE_AFTER_MISMATCH,
        "pursues someone who might not be the borrower",
        "CONC 7.5.2 R",
    ),
)

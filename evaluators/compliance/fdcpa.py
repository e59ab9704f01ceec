"""FDCPA rules (15 U.S.C. 1692 ff.), cited by the Act's section numbers: `fdcpa.807.4` = §807(4) = 1692e(4).

Section map: §804 = 1692b (location information), §805 = 1692c (communications:
(a)(1) time, (a)(2) attorney, (b) third parties, (c) ceasing), §806 = 1692d
(harassment), §807 = 1692e (false or misleading representations), §809 = 1692g
(validation, disputes). Texts checked against the U.S. Code (1692e(1)-(11),
1692c(a)-(c)). The recording notice is state law (two-party-consent states), not
the Act: its rule says so rather than borrowing an FDCPA number.
"""

from __future__ import annotations

from evaluators.compliance.concepts import Concept as C
from evaluators.compliance.rule import Rule

RULES: tuple[Rule, ...] = (
    Rule(
        "fdcpa.807.4",
        C.THREAT_ARREST,
        "implies non-payment leads to arrest or imprisonment",
        "15 U.S.C. 1692e(4)",
    ),
    Rule(
        "fdcpa.807.4",
        C.THREAT_SEIZURE,
        "threatens seizure, garnishment or sale of property or wages",
        "15 U.S.C. 1692e(4)",
    ),
    Rule(
        "fdcpa.807.5",
        C.THREAT_LEGAL_UNINTENDED,
        "threatens legal action that is not intended",
        "15 U.S.C. 1692e(5)",
    ),
    Rule("fdcpa.806.2", C.ABUSE, "obscene, profane or abusive language", "15 U.S.C. 1692d(2)"),
    Rule(
        "fdcpa.806.1",
        C.ABUSE,
        "threatens violence or harm to the person, reputation or property",
        "15 U.S.C. 1692d(1)",
        kind="violence",
    ),
    Rule(
        "fdcpa.807.1",
        C.IMPERSONATION,
        "implies government, court or police affiliation",
        "15 U.S.C. 1692e(1)",
    ),
    Rule(
        "fdcpa.807.3",
        C.IMPERSONATION,
        "implies the caller is an attorney",
        "15 U.S.C. 1692e(3)",
        kind="attorney",
    ),
    Rule(
        "fdcpa.807.10",
        C.CREDIT_FILE_PROMISE,
        "false promise about the consumer's credit file",
        "15 U.S.C. 1692e(10) (and e(8), false credit information)",
    ),
    Rule(
        "fdcpa.807.10",
        C.FALSE_FINAL_OFFER,
        "a 'final' offer followed by a better one (false urgency)",
        "15 U.S.C. 1692e(10)",
    ),
    Rule("fdcpa.807.2.A", C.MISSTATED_AMOUNT, "misstates the amount of the debt", "15 U.S.C. 1692e(2)(A)"),
    Rule(
        "fdcpa.805.b",
        C.THIRD_PARTY_DISCLOSURE,
        "tells a third party about the debt",
        "15 U.S.C. 1692c(b); 1692b(2)",
    ),
    Rule(
        "fdcpa.807.5",
        C.THIRD_PARTY_PRESSURE,
        "threatens to tell employer, family or neighbours",
        "15 U.S.C. 1692e(5) (a threat of what 1692c(b) forbids)",
    ),
    Rule("fdcpa.806.5", C.REPEAT_CALL_INTENT, "states an intent to call repeatedly", "15 U.S.C. 1692d(5)"),
    Rule(
        "fdcpa.805.a.1",
        C.OUTSIDE_HOURS,
        "call before 8:00 or after 21:00 at the consumer's location",
        "15 U.S.C. 1692c(a)(1); 12 CFR 1006.6(b)(1)(i)",
    ),
    Rule(
        "fdcpa.809.b",
        C.COLLECT_AFTER_DISPUTE,
        "asks for payment after the consumer disputed the debt",
        "15 U.S.C. 1692g(b); 12 CFR 1006.38",
    ),
    Rule(
        "fdcpa.809.b",
        C.COLLECT_AFTER_DISPUTE,
        "asks for payment after an identity-theft report",
        "15 U.S.C. 1692g(b); FCRA 15 U.S.C. 1681m(g)",
        kind="report_identity_theft",
    ),
    Rule(
        "fdcpa.805.c",
        C.COLLECT_AFTER_CEASE,
        "asks for payment after a request to cease contact",
        "15 U.S.C. 1692c(c); 12 CFR 1006.6(c)",
        kind="request_cease",
    ),
    Rule(
        "fdcpa.805.a.2",
        C.COLLECT_AFTER_CEASE,
        "goes on collecting from a consumer represented by an attorney",
        "15 U.S.C. 1692c(a)(2)",
        kind="represented",
    ),
    Rule(
        "fdcpa.807.2.A",
        C.COLLECT_AFTER_CEASE,
        "demands a debt stayed by a bankruptcy filing",
        "11 U.S.C. 362(a) automatic stay; 15 U.S.C. 1692e(2)(A) (legal status)",
        kind="declare_bankruptcy",
    ),
    Rule(
        "fdcpa.807.11",
        C.MISSING_DISCLOSURE,
        "no mini-Miranda when the debt is first discussed",
        "15 U.S.C. 1692e(11); 12 CFR 1006.18(e)",
        kind="debt_collector",
    ),
    Rule(
        "fdcpa.806.6",
        C.MISSING_DISCLOSURE,
        "the caller's identity is not meaningfully disclosed",
        "15 U.S.C. 1692d(6)",
        kind="identify_firm",
    ),
    Rule(
        "fdcpa.state.recording",
        C.MISSING_DISCLOSURE,
        "no call-recording notice",
        "state recording-consent laws (two-party states, e.g. Cal. Penal Code 632); a profile requirement",
        kind="recording",
    ),
    Rule(
        "fdcpa.805.b",
        C.DISCLOSURE_BEFORE_VERIFICATION,
        "reveals the debt before the right party is verified",
        "15 U.S.C. 1692c(b); 1692b(2)",
    ),
    Rule(
        "fdcpa.805.b",
        C.CONTINUE_AFTER_MISMATCH,
        "goes on after two identity answers that match nothing on file",
        "15 U.S.C. 1692c(b) (the person may not be the consumer)",
    ),
)

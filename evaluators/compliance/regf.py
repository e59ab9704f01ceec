"""CFPB Regulation F rules (12 CFR 1006), cited by paragraph: `regf.1006.14.b.2` = §1006.14(b)(2).

Regulation F implements the Act, so several of its paragraphs restate an FDCPA section
(calling hours §1006.6(b)(1)(i) = §805(a)(1); repeated calls §1006.14(b)(1) = §806(5)). In
the US profile FDCPA comes first (`registry.RuleBook`), so findings cite the Act there and
Regulation F supplies what the Act has no number for: the call-frequency presumption of
§1006.14(b)(2) — more than seven call attempts within seven consecutive days, or a call
within seven days after a telephone conversation about the debt. Its restated paragraphs
stay declared for a profile that would select Regulation F alone.
"""

from __future__ import annotations

from evaluators.compliance.concepts import Concept as C
from evaluators.compliance.rule import Rule

RULES: tuple[Rule, ...] = (
    Rule(
        "regf.1006.14.b.2",
        C.OVER_FREQUENCY,
        "more than 7 call attempts within 7 consecutive days",
        "12 CFR 1006.14(b)(2)(i)(A); FDCPA 1692d(5)",
        kind="attempts",
    ),
    Rule(
        "regf.1006.14.b.2",
        C.OVER_FREQUENCY,
        "a call within 7 days after a conversation about the debt",
        "12 CFR 1006.14(b)(2)(i)(B); FDCPA 1692d(5)",
        kind="quiet_period",
    ),
    Rule(
        "regf.1006.14.b.1",
        C.REPEAT_CALL_INTENT,
        "calls repeatedly or continuously with intent to annoy",
        "12 CFR 1006.14(b)(1)",
    ),
    Rule(
        "regf.1006.6.b.1.i",
        C.OUTSIDE_HOURS,
        "communication at an inconvenient time (before 8:00, after 21:00)",
        "12 CFR 1006.6(b)(1)(i)",
    ),
)

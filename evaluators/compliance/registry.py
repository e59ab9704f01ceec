"""The rule registry: which rule of which regulation a concept breaks under a jurisdiction.

Like a linter's rule table (STYLE §13), rules are data: each regulation family module
(`fdcpa`, `regf`, `conc`, `cn`) declares `RULES`, one `Rule` per concept (and, where the
law distinguishes, per `kind` of the concept: the disclosure that is missing, the halting
act that was ignored, the authority impersonated). A jurisdiction profile lists its
families in order; the first family that declares a (concept, kind) supplies the rule,
so FDCPA's §805(a)(1) answers for calling hours in the US and Regulation F only adds
what the Act has no number for (the 7-in-7 call frequency). Creditor-policy rules are
the same in every jurisdiction: `policy.<rule>`.
"""

from __future__ import annotations

from evaluators.compliance import cn, conc, fdcpa, regf
from evaluators.compliance.concepts import Concept
from evaluators.compliance.rule import Rule
from scenarios.jurisdiction import JurisdictionProfile, RuleFamily
from scenarios.policy import PolicyRule


def policy_rules() -> tuple[Rule, ...]:
    """The creditor's own limits: an offer outside them is no legal breach, but never compliant data."""
    return tuple(
        Rule(
            f"policy.{rule}",
            Concept.OFFER_OUTSIDE_POLICY,
            f"offer outside the creditor's policy: {rule.value.replace('_', ' ')}",
            "the creditor's policy (scenarios.policy.CreditorPolicy)",
            kind=str(rule),
        )
        for rule in PolicyRule
    )


POLICY_RULES = policy_rules()


FAMILY_RULES: dict[RuleFamily, tuple[Rule, ...]] = {
    RuleFamily.FDCPA: fdcpa.RULES,
    RuleFamily.REGF: regf.RULES,
    RuleFamily.CONC: conc.RULES,
    RuleFamily.CN: cn.RULES,
}
"""Every family's declared rules."""


class RuleBook:
    """The rules a profile selects, looked up by (concept, kind)."""

    def __init__(self, profile: JurisdictionProfile) -> None:
        self.profile = profile
        self.by_key: dict[tuple[Concept, str | None], Rule] = {}
        for family in profile.rule_families:
            for rule in FAMILY_RULES[family]:
                self.by_key.setdefault((rule.concept, rule.kind), rule)
        for rule in POLICY_RULES:
            self.by_key.setdefault((rule.concept, rule.kind), rule)

    def rule(self, concept: Concept, kind: str | None = None) -> Rule | None:
        """The rule for this kind of the concept, else the concept's general rule, else None."""
        return self.by_key.get((concept, kind)) or self.by_key.get((concept, None))

    def rules(self) -> list[Rule]:
        return list(self.by_key.values())


def all_rules() -> list[Rule]:
    """Every declared rule of every family, policy rules last (for the report and the docs)."""
    return [rule for rules in FAMILY_RULES.values() for rule in rules] + list(POLICY_RULES)


def describe(rule_id: str) -> Rule | None:
    """The first declared rule with this id (ids may be shared by concepts of one provision)."""
    return next((rule for rule in all_rules() if rule.id == rule_id), None)

"""The debtor persona: everything about the debtor the collector must not see.

A persona is the hidden side of a dialogue. Only the debtor agent and the
evaluators read it; the collector receives a view built without it, which is
how information asymmetry is enforced by type rather than by prompt discipline.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from personas.finances import FinancialHealth, HealthBand
from personas.language import Language
from personas.root_cause import BehaviourProfile, RootCause, profile_of
from personas.traits import Gender, Identity, Traits


class DebtorPersona(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    persona_id: str
    language: Language
    root_cause: RootCause
    finances: FinancialHealth
    traits: Traits
    identity: Identity

    @property
    def band(self) -> HealthBand:
        return self.finances.band

    @property
    def behaviour(self) -> BehaviourProfile:
        return profile_of(self.root_cause, str(self.language))

    @property
    def willingness(self) -> float:
        """Trait willingness moved by the root cause, clipped to 0..1."""
        return min(1.0, max(0.0, self.traits.willingness + self.behaviour.willingness_shift))

    @property
    def trust(self) -> float:
        """Trait trust moved by the root cause, clipped to 0..1: where a call's trust starts."""
        return min(1.0, max(0.0, self.traits.trust + self.behaviour.trust_shift))

    def display_name(self) -> str:
        ident = self.identity
        female = ident.gender is Gender.FEMALE
        if self.language is Language.ZH:
            return ident.family_name + ("女士" if female else "先生")
        title = "Ms." if female else "Mr."
        return f"{title} {ident.family_name}"

    def full_name(self) -> str:
        ident = self.identity
        if self.language is Language.ZH:
            return ident.family_name + ident.given_name
        return f"{ident.given_name} {ident.family_name}"

"""Debtor personas: root causes, finances, traits, identity, where they live and grid sampling."""

from personas.finances import FinancialHealth, HealthBand
from personas.language import Language
from personas.locale import Home, Locale
from personas.persona import DebtorPersona
from personas.root_cause import Ask, BehaviourProfile, Demand, RootCause, profile_of
from personas.sampling import GridSpec, PersonaCell, sample_persona
from personas.traits import Identity, Traits

__all__ = [
    "Ask",
    "BehaviourProfile",
    "DebtorPersona",
    "Demand",
    "FinancialHealth",
    "GridSpec",
    "HealthBand",
    "Home",
    "Identity",
    "Language",
    "Locale",
    "PersonaCell",
    "RootCause",
    "Traits",
    "profile_of",
    "sample_persona",
]

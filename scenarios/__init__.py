"""Debt cases, creditor policy, offers, the scenario library and collector strategies."""

from scenarios.acts import CollectorAct, DebtorAct, Language
from scenarios.call import CallContext, sample_call
from scenarios.case import DebtCase, DelinquencyStage, Product
from scenarios.jurisdiction import Jurisdiction, JurisdictionProfile, profile_for
from scenarios.library import LIBRARY, policy_for, sample_case
from scenarios.offer import Agreement, Offer, plan_offer
from scenarios.policy import CreditorPolicy, PolicyRule

__all__ = [
    "LIBRARY",
    "Agreement",
    "CallContext",
    "CollectorAct",
    "CreditorPolicy",
    "DebtCase",
    "DebtorAct",
    "DelinquencyStage",
    "Jurisdiction",
    "JurisdictionProfile",
    "Language",
    "Offer",
    "PolicyRule",
    "Product",
    "plan_offer",
    "policy_for",
    "profile_for",
    "sample_call",
    "sample_case",
]

"""Debt cases, creditor policy, offers, the scenario library and collector strategies."""

from scenarios.acts import CollectorAct, DebtorAct, Language
from scenarios.case import DebtCase, DelinquencyStage, Product
from scenarios.library import LIBRARY, policy_for, sample_case
from scenarios.offer import Agreement, Offer, plan_offer
from scenarios.policy import CreditorPolicy, PolicyRule

__all__ = [
    "LIBRARY",
    "Agreement",
    "CollectorAct",
    "CreditorPolicy",
    "DebtCase",
    "DebtorAct",
    "DelinquencyStage",
    "Language",
    "Offer",
    "PolicyRule",
    "Product",
    "plan_offer",
    "policy_for",
    "sample_case",
]

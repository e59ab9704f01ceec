"""Why a debtor is behind, and how that shapes the conversation.

Each root cause carries a behaviour profile: the numbers the debtor policy reads
to decide how readily the debtor talks about its situation, disputes, stalls or
understates what it can pay. Keeping them in one table makes the causes easy to
compare and tests can assert each one's signature behaviour.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


class RootCause(StrEnum):
    JOB_LOSS = "job_loss"
    INCOME_DROP = "income_drop"
    MEDICAL = "medical"
    BUSINESS_FAILURE = "business_failure"
    FAMILY_EMERGENCY = "family_emergency"
    OVER_INDEBTEDNESS = "over_indebtedness"
    FORGOT_OR_OVERSIGHT = "forgot_or_oversight"
    BILLING_DISPUTE = "billing_dispute"
    FRAUD_VICTIM = "fraud_victim"
    STRATEGIC_DEFAULT = "strategic_default"
    FINANCIAL_ILLITERACY = "financial_illiteracy"


class Demand(StrEnum):
    """What the debtor needs from the collector before it will agree to anything."""

    NONE = "none"
    EMPATHY = "empathy"  # wants its hardship acknowledged first
    VERIFICATION = "verification"  # wants the debt's details proven
    INVESTIGATION = "investigation"  # says it never owed this: wants escalation to a fraud team
    PRESSURE = "pressure"  # only moves once consequences are spelled out


class BehaviourProfile(BaseModel):
    """Behavioural constants of a root cause; probabilities are per debtor turn."""

    model_config = ConfigDict(frozen=True)

    reveal: float = Field(ge=0, le=1, description="chance to explain the real reason when asked")
    stall: float = Field(ge=0, le=1, description="chance to stall instead of answering an offer")
    dispute: float = Field(ge=0, le=1, description="chance to contest the debt when it is stated")
    understate: float = Field(ge=0, le=1, description="fraction by which stated capacity is shaded")
    hang_up: float = Field(ge=0, le=1, description="chance to hang up after a rejected offer")
    willingness_shift: float = Field(ge=-1, le=1, description="added to the trait willingness")
    demand: Demand = Demand.NONE
    patience: int = Field(ge=1, description="rejections tolerated before giving up on the call")


PROFILES: dict[RootCause, BehaviourProfile] = {
    RootCause.JOB_LOSS: BehaviourProfile(
        reveal=0.8,
        stall=0.2,
        dispute=0.0,
        understate=0.1,
        hang_up=0.08,
        willingness_shift=0.1,
        demand=Demand.EMPATHY,
        patience=5,
    ),
    RootCause.INCOME_DROP: BehaviourProfile(
        reveal=0.7,
        stall=0.2,
        dispute=0.0,
        understate=0.1,
        hang_up=0.06,
        willingness_shift=0.1,
        demand=Demand.NONE,
        patience=5,
    ),
    RootCause.MEDICAL: BehaviourProfile(
        reveal=0.85,
        stall=0.15,
        dispute=0.0,
        understate=0.05,
        hang_up=0.08,
        willingness_shift=0.1,
        demand=Demand.EMPATHY,
        patience=4,
    ),
    RootCause.BUSINESS_FAILURE: BehaviourProfile(
        reveal=0.6,
        stall=0.3,
        dispute=0.0,
        understate=0.2,
        hang_up=0.1,
        willingness_shift=0.0,
        demand=Demand.NONE,
        patience=4,
    ),
    RootCause.FAMILY_EMERGENCY: BehaviourProfile(
        reveal=0.75,
        stall=0.25,
        dispute=0.0,
        understate=0.1,
        hang_up=0.08,
        willingness_shift=0.1,
        demand=Demand.EMPATHY,
        patience=4,
    ),
    RootCause.OVER_INDEBTEDNESS: BehaviourProfile(
        reveal=0.5,
        stall=0.35,
        dispute=0.0,
        understate=0.25,
        hang_up=0.12,
        willingness_shift=-0.1,
        demand=Demand.NONE,
        patience=4,
    ),
    RootCause.FORGOT_OR_OVERSIGHT: BehaviourProfile(
        reveal=0.95,
        stall=0.05,
        dispute=0.0,
        understate=0.0,
        hang_up=0.02,
        willingness_shift=0.35,
        demand=Demand.NONE,
        patience=6,
    ),
    RootCause.BILLING_DISPUTE: BehaviourProfile(
        reveal=0.9,
        stall=0.1,
        dispute=0.9,
        understate=0.05,
        hang_up=0.1,
        willingness_shift=0.0,
        demand=Demand.VERIFICATION,
        patience=4,
    ),
    RootCause.FRAUD_VICTIM: BehaviourProfile(
        reveal=0.9,
        stall=0.05,
        dispute=1.0,
        understate=0.0,
        hang_up=0.15,
        willingness_shift=-0.5,
        demand=Demand.INVESTIGATION,
        patience=3,
    ),
    RootCause.STRATEGIC_DEFAULT: BehaviourProfile(
        reveal=0.15,
        stall=0.6,
        dispute=0.3,
        understate=0.6,
        hang_up=0.2,
        willingness_shift=-0.6,
        demand=Demand.PRESSURE,
        patience=3,
    ),
    RootCause.FINANCIAL_ILLITERACY: BehaviourProfile(
        reveal=0.6,
        stall=0.3,
        dispute=0.1,
        understate=0.0,
        hang_up=0.05,
        willingness_shift=0.1,
        demand=Demand.VERIFICATION,
        patience=5,
    ),
}


def profile_of(cause: RootCause) -> BehaviourProfile:
    return PROFILES[cause]

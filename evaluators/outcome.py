"""Outcome of a collection call: what was agreed, what it is worth, what it gave away.

Recovery alone rewards a collector for any deal; these scores also discount a
deal by the chance the debtor defaults on it (from the plan's strain on the
real finances) and flag concessions the debtor did not need. Reads the
transcript's agreement, case, policy and hidden persona; no text.

Efficiency in time: every dialogue simulates one call, so an agreement is
reached on the call's own day — "days to agreement" would be 0 for every
deal and measures nothing here. The days that do differ between collectors
are named for what they count: `days_to_first_payment` (the plan's first due
date, days after the call) and `days_to_settle` (its last payment). Turns to
agreement measure the call itself.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from evaluators.amounts import CENT
from personas import DebtorPersona
from scenarios import CreditorPolicy, DebtCase, Offer
from scenarios.strategies.planner import fit_offer
from simulator.repayment import MONTH_DAYS, affordable, default_risk, expected_paid
from simulator.transcript import Transcript, agreement_offer


def needed_offer(case: DebtCase, policy: CreditorPolicy, persona: DebtorPersona) -> Offer | None:
    """The firmest in-policy plan the debtor could really carry (None: none fits)."""
    fin = persona.finances
    return fit_offer(case, policy, fin.max_lump_sum, fin.max_installment)


class OutcomeScore(BaseModel):
    model_config = ConfigDict(frozen=True)

    agreed: bool
    agreed_amount: float = Field(description="total the debtor agreed to pay")
    waiver: float = 0.0
    installment_count: int = 0
    recovery_ratio: float = Field(
        description="agreed_amount ÷ outstanding (in a campaign: what the promise actually paid ÷ outstanding); "
        "0 without agreement"
    )
    full_recovery: bool = Field(description="agreed, zero waiver, and affordable: the debtor pays everything")
    expected_amount: float = Field(description="agreed amount discounted by default risk")
    expected_recovery: float = Field(description="expected_amount ÷ outstanding")
    default_risk: float = Field(description="chance the plan is not completed")
    turns_to_agreement: int | None = Field(None, description="turns up to and including the accept")
    days_to_first_payment: int | None = Field(
        None, description="days from the call to the plan's first due date"
    )
    days_to_settle: int | None = Field(None, description="days from the call to the last payment")
    over_concession: bool = Field(False, description="more waiver or installments than the debtor needed")
    excess_waiver: float = 0.0
    excess_installments: int = 0
    over_concession_severity: float = Field(0.0, ge=0, le=1)
    needed_waiver: float | None = Field(None, description="waiver of the firmest affordable plan")
    needed_count: int | None = Field(None, description="installments of the firmest affordable plan")


def concession(transcript: Transcript, offer: Offer) -> dict:
    """Over-concession fields of an agreed offer against the firmest affordable plan."""
    case, policy = transcript.case, transcript.policy
    need = needed_offer(case, policy, transcript.persona)
    if need is None:
        return {}
    excess_waiver = round(max(0.0, offer.waiver - need.waiver), 2)
    excess_count = max(0, offer.count - need.count)
    severity = 0.6 * excess_waiver / max(policy.max_waiver(case), CENT)
    severity += 0.4 * excess_count / max(policy.max_installments, 1)
    return {
        "over_concession": excess_waiver > CENT or excess_count > 0,
        "excess_waiver": excess_waiver,
        "excess_installments": excess_count,
        "over_concession_severity": round(min(1.0, severity), 4),
        "needed_waiver": need.waiver,
        "needed_count": need.count,
    }


def paid_amount(transcript: Transcript, offer: Offer) -> float:
    """What the deal brings: in a campaign the payments that arrived (H3, issue 23), else the agreed total."""
    return offer.total if transcript.repayment is None else transcript.repayment.paid


def score_outcome(transcript: Transcript) -> OutcomeScore:
    offer = agreement_offer(transcript)
    outstanding = transcript.case.outstanding
    if offer is None:
        return OutcomeScore(
            agreed=False,
            agreed_amount=0.0,
            recovery_ratio=0.0,
            full_recovery=False,
            expected_amount=0.0,
            expected_recovery=0.0,
            default_risk=0.0,
        )
    persona, agreement = transcript.persona, transcript.agreement
    expected = expected_paid(persona, offer)
    return OutcomeScore(
        agreed=True,
        agreed_amount=offer.total,
        waiver=offer.waiver,
        installment_count=offer.count,
        recovery_ratio=round(paid_amount(transcript, offer) / outstanding, 4),
        full_recovery=offer.waiver <= CENT and affordable(persona, offer),
        expected_amount=round(expected, 2),
        expected_recovery=round(expected / outstanding, 4),
        default_risk=round(default_risk(persona, offer), 4),
        turns_to_agreement=agreement.turn_index + 1,
        days_to_first_payment=offer.first_due_days,
        days_to_settle=offer.first_due_days + MONTH_DAYS * max(0, offer.count - 1),
        **concession(transcript, offer),
    )

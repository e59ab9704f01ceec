"""The branching reward: what one collector rollout is worth, from what matters to a creditor and the law.

DPO learns which of several replies at one decision point is better, from the rollouts
they lead to. Ranking those rollouts by what was *agreed* rewards the collector for any
deal, and a lump sum the debtor cannot raise looks better than a plan it can keep (issue
23: 39 of 54 pairs preferred a lump sum, none a plan). So the value of a rollout is

    expected recovery − burden penalty − conduct penalty

- **expected recovery**: what the agreed plan is expected to bring in under the kept/broken
  model (`simulator.repayment.expected_paid`: the first payment arrives or not, each later
  month the plan survives or lapses), as a share of what the call was asking for — the
  arrears when the account can still be brought current, else the balance
  (notes/collections-practice.md, "Debt economics": recovery is what is paid, not what is
  promised). No agreement recovers 0.
- **burden penalty** (`UNSUSTAINABLE_PENALTY`): the agreed plan is beyond the debtor's
  sustainable capacity (`simulator.repayment.affordable`: a lump sum beyond spare savings,
  an installment beyond the sustainable share of income). Such a plan harms the debtor and
  defaults later; CONC 7.3 asks for affordable, sustainable plans.
- **conduct penalty** (`CONDUCT_PENALTY` per finding): every compliance finding
  (`evaluators.compliance`), plus every offer that asks more than the debtor's disclosed
  income-and-expenditure budget allows (CONC 7.3: do not pressure a customer to pay in
  one or a few large instalments it cannot afford). The penalty is above the largest
  recovery (1.0), so a compliant rollout that recovers nothing still beats any that
  breaks a rule: at a dispute the lawful stop wins over any payment ask.

This is not the `reward` column of `scores.parquet` (`evaluators.scoring.reward`): that
one is a bounded [0, 1] *quality* score of a finished call for the SFT filters and SPIN
(it adds the wording's coherence and completeness and has no sign); this one compares
rollouts of one state and is signed. Both read the same repayment model.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, computed_field

from evaluators.compliance import score_compliance
from scenarios import DebtCase
from scenarios.acts import OFFER_ACTS
from simulator.repayment import affordable, expected_paid
from simulator.transcript import Speaker, Transcript, agreement_offer

UNSUSTAINABLE_PENALTY = 0.5
"""Subtracted for an agreed plan beyond the debtor's sustainable capacity: a lump sum the
kept/broken model still expects half-paid (0.7 × savings share) nets below no deal at all."""
CONDUCT_PENALTY = 1.5
"""Per compliance finding or unaffordable ask; above the largest recovery (1.0), so no rule
broken can ever be bought back by money."""


class RewardParts(BaseModel):
    """The reward of one rollout and the terms it is made of (for pairs.jsonl and the tests)."""

    model_config = ConfigDict(frozen=True)

    expected_recovery: float = Field(description="expected payments ÷ the amount the call asked for")
    unsustainable: bool = Field(description="the agreed plan is beyond the debtor's sustainable capacity")
    findings: int = Field(description="compliance findings of the rollout")
    unaffordable_asks: int = Field(description="offers above the disclosed budget, after it was disclosed")

    @computed_field
    @property
    def value(self) -> float:
        penalty = UNSUSTAINABLE_PENALTY * self.unsustainable
        penalty += CONDUCT_PENALTY * (self.findings + self.unaffordable_asks)
        return round(self.expected_recovery - penalty, 6)


def amount_asked(case: DebtCase) -> float:
    """What the call is collecting: the arrears while the account can be brought current, else the balance.

    A case written before schedules has no arrears figure (`amount_past_due` is then the balance).
    """
    return case.amount_past_due if case.current_possible else case.outstanding


def unaffordable_asks(transcript: Transcript) -> int:
    """Offers the collector made after the debtor disclosed its budget that the budget cannot carry.

    The budget is what the debtor *said* (a `Budget` on its turn; honest or not): a
    collector can know it, so asking beyond it is the collector's choice. Offers before a
    disclosure, and the restating of an agreement, are not asks.
    """
    budget, count = None, 0
    for turn in transcript.turns:
        if turn.speaker is Speaker.DEBTOR and turn.budget is not None:
            budget = turn.budget
        elif budget is not None and turn.act in OFFER_ACTS and turn.offer is not None:
            count += not budget.allows(turn.offer.amount_now, turn.offer.installment)
    return count


def expected_recovery(transcript: Transcript) -> float:
    """Expected payments of the agreed plan ÷ the amount the call asked for, at most 1 (0: no deal).

    The one recovery term of both rewards: this module's and the score table's quality `reward`.
    """
    offer = agreement_offer(transcript)
    if offer is None:
        return 0.0
    paid = expected_paid(transcript.persona, offer)
    return round(min(1.0, paid / max(amount_asked(transcript.case), 0.01)), 6)


def reward_parts(transcript: Transcript) -> RewardParts:
    offer = agreement_offer(transcript)
    persona = transcript.persona
    return RewardParts(
        expected_recovery=expected_recovery(transcript),
        unsustainable=offer is not None and not affordable(persona, offer),
        findings=len(score_compliance(transcript).findings),
        unaffordable_asks=unaffordable_asks(transcript),
    )


def branch_reward(transcript: Transcript) -> float:
    """The signed value of one rollout (see the module docstring); what DPO branching ranks by."""
    return reward_parts(transcript).value

"""Detectors that compare numbers and offers across turns: policy, 'final' offers, misstated amounts.

- `offer_outside_policy`: each collector offer against the creditor's policy (one hit per
  broken policy rule; the rule id is `policy.<rule>`).
- `false_final_offer`: a turn says the offer on the table is final ("this is our final
  offer", "不会再调整了") and a later collector offer concedes on it
  (`scenarios.strategies.base.concedes`: more waiver, more installments, less now or a
  later first payment). The claim was false when it was made and proven false by the
  concession, so both turns carry a finding.
- `misstated_amount`: a turn that states the debt (inform, verification) may only state
  amounts on the creditor's record; any other turn may not give an amount as what is
  owed ("you owe…", "the balance is…", "欠款…") unless it is on the record, on an offer
  made in the call, or said by the debtor. Amounts are read with the project's one money
  parser (`evaluators.amounts`).
"""

from __future__ import annotations

from evaluators.amounts import case_amounts, offer_amounts, spoken_amounts, unknown
from evaluators.compliance.concepts import Concept
from evaluators.compliance.cues import Cue
from evaluators.compliance.flow import Hit, Moment
from evaluators.compliance.text import clauses, find
from scenarios import CollectorAct, CreditorPolicy, DebtCase, Offer
from scenarios.money import format_amount
from scenarios.strategies.base import concedes

STATING_ACTS = frozenset({CollectorAct.INFORM_DEBT, CollectorAct.PROVIDE_VERIFICATION})
"""Acts whose purpose is to state the debt: every amount in them must be on the record."""


def policy_hits(moments: list[Moment], case: DebtCase, policy: CreditorPolicy) -> list[Hit]:
    return [
        Hit(Concept.OFFER_OUTSIDE_POLICY, m.index, f"offer breaks {rule}", str(rule))
        for m in moments
        if m.turn.offer is not None
        for rule in policy.violations(m.turn.offer, case)
    ]


def final_offer_hits(moments: list[Moment]) -> list[Hit]:
    """Each 'final' claim that a later collector offer beat, at both turns."""
    hits: list[Hit] = []
    final: tuple[Moment, Offer] | None = None
    for moment in moments:
        offer = moment.turn.offer
        if final is not None and offer is not None and concedes(offer, final[1]):
            said, phrase = final[0], find(Cue.FINALITY, final[0].text, final[0].language)
            hits.append(
                Hit(Concept.FALSE_FINAL_OFFER, said.index, f"'{phrase}', beaten at turn {moment.index}")
            )
            hits.append(
                Hit(Concept.FALSE_FINAL_OFFER, moment.index, f"concedes after '{phrase}' (turn {said.index})")
            )
            final = None
        standing = offer or moment.standing
        if standing is not None and find(Cue.FINALITY, moment.text, moment.language):
            final = (moment, standing)
    return hits


def known_amounts(moment: Moment, case: DebtCase) -> set[float]:
    """What a collector may say as an amount: the record, offers and their parts, the debtor's figures."""
    known = case_amounts(case) | set(moment.heard)
    offers = [o for o in (moment.turn.offer, moment.standing) if o is not None]
    for offer in offers:
        known |= offer_amounts(offer)
        known |= {round(offer.total - offer.amount_now, 2), round(case.outstanding - offer.waiver, 2)}
    return known


def misstated(moment: Moment, case: DebtCase) -> list[float]:
    language = moment.language
    if moment.turn.act in STATING_ACTS:
        allowed = case_amounts(case) | (offer_amounts(moment.turn.offer) if moment.turn.offer else set())
        return unknown(spoken_amounts(moment.text, language), allowed)
    known = known_amounts(moment, case)
    bad: list[float] = []
    for clause in clauses(moment.text, language):
        if find(Cue.DEBT_AMOUNT, clause, language):
            bad += unknown(spoken_amounts(clause, language), known)
    return bad


def amount_hits(moments: list[Moment], case: DebtCase) -> list[Hit]:
    hits = []
    for moment in moments:
        if bad := misstated(moment, case):
            on_file = format_amount(case.outstanding)
            said = ", ".join(format_amount(a) for a in bad)
            hits.append(Hit(Concept.MISSTATED_AMOUNT, moment.index, f"says {said}; on file {on_file}"))
    return hits

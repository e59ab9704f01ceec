"""What a collector has learned so far, and how a debtor turn updates it.

Evidence is the collector's memory of the call built only from what it heard:
the debtor's act as perceived, any amounts the debtor named aloud, and whether
the line was clear. Strategies read it; none of it comes from the hidden persona.
An identity answer that did not match the file counts as a mismatch only when it
was heard: a garbled one is asked again (clarify), and its repeat is the one heard.
A budget the debtor disclosed (`DISCLOSE_BUDGET`) is kept as said, honest or not: it is
what an income-and-expenditure assessment has to go on (CONC 7.3), and a collector is
held to it (`scenarios.strategies.hardship`).
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from scenarios.acts import CollectorAct, DebtorAct
from scenarios.budget import Budget
from scenarios.offer import Offer

_EVENT_ACTS = frozenset({DebtorAct.OFF_TOPIC, DebtorAct.SILENCE, DebtorAct.OUTBURST})
_ANSWERS_BUDGET = frozenset(
    {CollectorAct.OFFER_PLAN, CollectorAct.CONCEDE, CollectorAct.HOLD_FIRM, CollectorAct.CLOSE}
)
"""Collector acts that answer a disclosed budget (a signposting turn comes before the answer)."""


class Evidence(BaseModel):
    model_config = ConfigDict(frozen=True)

    turn_index: int = 0
    turns_left: int = 0
    greeted: bool = False
    identity_verified: bool = False
    identity_refusals: int = 0
    identity_mismatches: int = 0
    verify_asked: int = 0
    debt_informed: bool = False
    reason_asked: int = 0
    reason_known: bool = False
    empathized: bool = False
    warned: bool = False
    disputes: int = 0
    verification_given: int = 0
    rejections: int = 0
    counters: int = 0
    stalls: int = 0
    clarifications: int = 0
    confirmations: int = 0
    holds: int = 0
    wrong_party: bool = False
    accepted: bool = False
    confirmed: bool = False
    last_debtor_act: DebtorAct | None = None
    last_unclear: bool = False
    stated_lump: float | None = None
    stated_installment: float | None = None
    offers: tuple[Offer, ...] = ()
    last_collector_act: CollectorAct | None = None
    pleas: int = 0
    silences: int = 0
    budget_asked: int = 0
    budget: Budget | None = None
    budget_turn: int | None = None
    budget_answered: bool = False
    referred: bool = False

    @property
    def last_offer(self) -> Offer | None:
        return self.offers[-1] if self.offers else None


def _counted(evidence: Evidence, act: DebtorAct) -> dict:
    if act is DebtorAct.COUNTER_OFFER:
        return {"rejections": evidence.rejections + 1, "counters": evidence.counters + 1}
    if act is DebtorAct.PLEAD:
        return {"rejections": evidence.rejections + 1, "pleas": evidence.pleas + 1}
    if act is DebtorAct.REJECT:
        return {"rejections": evidence.rejections + 1}
    if act is DebtorAct.SILENCE:
        return {"silences": evidence.silences + 1}
    if act is DebtorAct.STALL:
        return {"stalls": evidence.stalls + 1}
    if act in (DebtorAct.DISPUTE, DebtorAct.REQUEST_VERIFICATION):
        return {"disputes": evidence.disputes + 1}
    if act is DebtorAct.REFUSE_IDENTITY:
        return {"identity_refusals": evidence.identity_refusals + 1}
    if act is DebtorAct.IDENTITY_MISMATCH:
        return {"identity_mismatches": evidence.identity_mismatches + 1}
    return {}


def perceive(
    evidence: Evidence,
    act: DebtorAct | None,
    offer: Offer | None,
    *,
    unclear: bool,
    also: dict | None = None,
    budget: Budget | None = None,
) -> Evidence:
    """Fold one heard debtor turn into the evidence; an unclear turn teaches nothing but that.

    ``also`` holds the caller's own changes for the same turn (the clock), made in the same copy.
    """
    also = also or {}
    if unclear or act is None:
        return evidence.model_copy(update={**also, "last_unclear": True, "last_debtor_act": None})
    update: dict = {**also, "last_unclear": False, "last_debtor_act": act, **_counted(evidence, act)}
    if act is DebtorAct.PROVIDE_IDENTITY:
        update["identity_verified"] = True
    elif act is DebtorAct.THIRD_PARTY:
        update["wrong_party"] = True
    elif act is DebtorAct.EXPLAIN_REASON:
        update["reason_known"] = True
    elif act is DebtorAct.ACCEPT:
        update["accepted"] = True
    elif act is DebtorAct.CONFIRM:
        update["confirmed"] = True
    elif act is DebtorAct.COUNTER_OFFER and offer is not None:
        update["stated_lump"] = offer.amount_now
        update["stated_installment"] = offer.installment
    elif act is DebtorAct.DISCLOSE_BUDGET and budget is not None:
        update["budget"] = budget
        update["budget_turn"] = also.get("turn_index", evidence.turn_index)
    return evidence.model_copy(update=update)


def after_move(evidence: Evidence, act: CollectorAct, offer: Offer | None) -> Evidence:
    """Record what the collector itself just did, so strategies never repeat a one-off step."""
    update: dict = {
        "last_collector_act": act,
        "holds": evidence.holds + 1 if act is CollectorAct.HOLD_FIRM else 0,
    }
    if act is CollectorAct.GREET:
        update["greeted"] = True
    elif act is CollectorAct.VERIFY_IDENTITY:
        update["verify_asked"] = evidence.verify_asked + 1
    elif act is CollectorAct.INFORM_DEBT:
        update["debt_informed"] = True
    elif act is CollectorAct.PROBE_REASON:
        update["reason_asked"] = evidence.reason_asked + 1
    elif act is CollectorAct.EMPATHIZE:
        update["empathized"] = True
    elif act is CollectorAct.WARN_CONSEQUENCES:
        update["warned"] = True
    elif act is CollectorAct.PROVIDE_VERIFICATION:
        update["verification_given"] = evidence.verification_given + 1
    elif act is CollectorAct.CLARIFY:
        update["clarifications"] = evidence.clarifications + 1
    elif act is CollectorAct.CONFIRM_AGREEMENT:
        update["confirmations"] = evidence.confirmations + 1
    elif act is CollectorAct.ASK_BUDGET:
        update["budget_asked"] = evidence.budget_asked + 1
    elif act is CollectorAct.REFER_DEBT_ADVICE:
        update["referred"] = True
    if evidence.budget is not None and act in _ANSWERS_BUDGET:
        update["budget_answered"] = True
    if offer is not None and act is not CollectorAct.CONFIRM_AGREEMENT:
        update["offers"] = (*evidence.offers, offer)
    return evidence.model_copy(update=update)


def is_event(act: DebtorAct | None) -> bool:
    return act in _EVENT_ACTS

"""The debtor's reply to each collector act, under the default decision policy.

One function per kind of collector act keeps each root cause's signature visible:
disputes on disclosure for billing disputes and fraud victims, stalls and lies
for strategic defaulters, confusion for the financially illiterate; how readily
each cause explains itself, pleads, stalls or blows up comes from its profile
(personas/root_cause.py).
"""

from __future__ import annotations

import numpy as np

from personas import DebtorPersona, Demand, RootCause
from scenarios import CollectorAct, DebtorAct, Offer
from simulator.debtor_policy import DebtorMemory, DebtorMove, remember, respond_to_offer

_OFFER_ACTS = frozenset({CollectorAct.OFFER_PLAN, CollectorAct.CONCEDE, CollectorAct.HOLD_FIRM})
_DISPUTE_THOUGHT = {
    RootCause.BILLING_DISPUTE: "the amount is wrong",
    RootCause.FRAUD_VICTIM: "I never opened this account",
    RootCause.STRATEGIC_DEFAULT: "deny it and see",
}
VERIFY_ON_DISCLOSURE = 0.7
"""Chance a debtor that wants proof asks for it as soon as the debt is stated."""


def decide(
    persona: DebtorPersona,
    mem: DebtorMemory,
    act: CollectorAct,
    offer: Offer | None,
    rng: np.random.Generator,
) -> tuple[DebtorMove, DebtorMemory]:
    mem = remember(persona, mem, act)
    # the turn's other changes are gathered and copied in once: no rule below reads them back
    update: dict = {} if offer is None else {"heard_offer": offer}
    if act is CollectorAct.CLARIFY and mem.last_act is not None:
        move = DebtorMove(act=mem.last_act, offer=mem.last_offer, thought="say it again")
    elif act in _OFFER_ACTS and offer is not None:
        move = respond_to_offer(persona, mem, offer, rng)
        if move.act is not DebtorAct.ACCEPT:
            update["patience"] = mem.patience - 1
    else:
        move = _reply(persona, mem, act, rng)
    update.update(last_act=move.act, last_offer=move.offer, **_learned(move))
    return move, mem.model_copy(update=update)


def _learned(move: DebtorMove) -> dict:
    if move.act is DebtorAct.COUNTER_OFFER:
        return {"named_capacity": True}
    if move.act is DebtorAct.EXPLAIN_REASON:
        return {"revealed": True}
    if move.act is DebtorAct.PROVIDE_IDENTITY:
        return {"verified": True}
    if move.act is DebtorAct.REFUSE_IDENTITY:
        return {"refused_identity": True}
    return {}


def _reply(
    persona: DebtorPersona, mem: DebtorMemory, act: CollectorAct, rng: np.random.Generator
) -> DebtorMove:
    behaviour = persona.behaviour
    if act is CollectorAct.GREET:
        return DebtorMove(act=DebtorAct.ANSWER)
    if act is CollectorAct.VERIFY_IDENTITY:
        if not mem.refused_identity and rng.random() < behaviour.refuse_identity:
            return DebtorMove(act=DebtorAct.REFUSE_IDENTITY, thought="why should I tell them")
        return DebtorMove(act=DebtorAct.PROVIDE_IDENTITY)
    if act is CollectorAct.INFORM_DEBT:
        return _on_disclosure(persona, rng)
    if act is CollectorAct.PROBE_REASON:
        if rng.random() < behaviour.reveal:
            return DebtorMove(act=DebtorAct.EXPLAIN_REASON)
        return DebtorMove(act=DebtorAct.STALL, thought="not telling them why")
    if act is CollectorAct.PROVIDE_VERIFICATION:
        if behaviour.demand is Demand.INVESTIGATION:
            return DebtorMove(act=DebtorAct.DISPUTE, thought="I never opened this account")
        return DebtorMove(act=DebtorAct.ACKNOWLEDGE_DEBT)
    if act is CollectorAct.EMPATHIZE:
        if not mem.revealed and rng.random() < behaviour.reveal:
            return DebtorMove(act=DebtorAct.EXPLAIN_REASON)
        return DebtorMove(act=DebtorAct.ACKNOWLEDGE_DEBT)
    if act is CollectorAct.WARN_CONSEQUENCES:
        if rng.random() < behaviour.outburst * (0.5 + persona.traits.volatility):
            return DebtorMove(act=DebtorAct.OUTBURST, thought="that sounds like a threat")
        if mem.patience <= 0 and rng.random() < behaviour.hang_up * 2:
            return DebtorMove(act=DebtorAct.HANG_UP)
        return DebtorMove(act=DebtorAct.PLEAD if mem.trust > 0.5 else DebtorAct.STALL)
    if act is CollectorAct.CONFIRM_AGREEMENT:
        return DebtorMove(act=DebtorAct.CONFIRM)
    if act is CollectorAct.REDIRECT:
        return DebtorMove(act=DebtorAct.ACKNOWLEDGE_DEBT)
    return DebtorMove(act=DebtorAct.ACKNOWLEDGE_DEBT)


def _on_disclosure(persona: DebtorPersona, rng: np.random.Generator) -> DebtorMove:
    """The debt is stated: contest it, ask for proof, play for time, explain, or acknowledge."""
    behaviour = persona.behaviour
    if rng.random() < behaviour.dispute:
        return DebtorMove(
            act=DebtorAct.DISPUTE, thought=_DISPUTE_THOUGHT.get(persona.root_cause, "contest it")
        )
    if behaviour.demand is Demand.VERIFICATION and rng.random() < VERIFY_ON_DISCLOSURE:
        return DebtorMove(act=DebtorAct.REQUEST_VERIFICATION, thought="what are all these fees?")
    if behaviour.demand is Demand.PRESSURE and rng.random() < behaviour.stall:
        return DebtorMove(act=DebtorAct.STALL, thought="play for time")
    if rng.random() < behaviour.volunteer * (0.5 + persona.traits.verbosity):
        return DebtorMove(act=DebtorAct.EXPLAIN_REASON)
    return DebtorMove(act=DebtorAct.ACKNOWLEDGE_DEBT)

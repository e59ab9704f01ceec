"""The debtor's reply to each collector act, under the default decision policy.

One function per kind of collector act keeps each root cause's signature visible:
disputes on disclosure for billing disputes and fraud victims, stalls and lies
for strategic defaulters, confusion for the financially illiterate.
"""

from __future__ import annotations

import numpy as np

from personas import DebtorPersona, Demand, RootCause
from scenarios import CollectorAct, DebtorAct, Offer
from simulator.agents.debtor_policy import DebtorMemory, DebtorMove, remember, respond_to_offer

_OFFER_ACTS = frozenset({CollectorAct.OFFER_PLAN, CollectorAct.CONCEDE, CollectorAct.HOLD_FIRM})
_DISPUTERS = frozenset({RootCause.BILLING_DISPUTE, RootCause.FRAUD_VICTIM})


def decide(
    persona: DebtorPersona,
    mem: DebtorMemory,
    act: CollectorAct,
    offer: Offer | None,
    rng: np.random.Generator,
) -> tuple[DebtorMove, DebtorMemory]:
    mem = remember(persona, mem, act)
    if offer is not None:
        mem = mem.model_copy(update={"heard_offer": offer})
    if act is CollectorAct.CLARIFY and mem.last_act is not None:
        move = DebtorMove(act=mem.last_act, offer=mem.last_offer, thought="say it again")
    elif act in _OFFER_ACTS and offer is not None:
        move = respond_to_offer(persona, mem, offer, rng)
        if move.act is not DebtorAct.ACCEPT:
            mem = mem.model_copy(update={"patience": mem.patience - 1})
    else:
        move = _reply(persona, mem, act, rng)
    mem = mem.model_copy(update={"last_act": move.act, "last_offer": move.offer, **_learned(move)})
    return move, mem


def _learned(move: DebtorMove) -> dict:
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
        evasive = persona.root_cause is RootCause.STRATEGIC_DEFAULT and not mem.refused_identity
        if evasive and rng.random() < 0.35:
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
        if persona.traits.volatility > 0.6 and rng.random() < persona.traits.volatility - 0.3:
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
    behaviour = persona.behaviour
    if persona.root_cause in _DISPUTERS and rng.random() < behaviour.dispute:
        return DebtorMove(act=DebtorAct.DISPUTE)
    if behaviour.demand is Demand.VERIFICATION and rng.random() < 0.7:
        return DebtorMove(act=DebtorAct.REQUEST_VERIFICATION, thought="what are all these fees?")
    if persona.root_cause is RootCause.STRATEGIC_DEFAULT:
        roll = rng.random()
        if roll < behaviour.dispute:
            return DebtorMove(act=DebtorAct.DISPUTE, thought="deny it and see")
        if roll < behaviour.dispute + behaviour.stall:
            return DebtorMove(act=DebtorAct.STALL, thought="play for time")
    if rng.random() < behaviour.reveal * persona.traits.verbosity:
        return DebtorMove(act=DebtorAct.EXPLAIN_REASON)
    return DebtorMove(act=DebtorAct.ACKNOWLEDGE_DEBT)

"""The debtor's reply to each collector act, under the default decision policy.

One function per kind of collector act keeps each root cause's signature visible:
disputes on disclosure for billing disputes and fraud victims, stalls and lies
for strategic defaulters, confusion for the financially illiterate; how readily
each cause explains itself, pleads, stalls or blows up comes from its profile
(personas/root_cause.py). So do the ways a debtor stops collection on the call
(a dispute, an identity-theft report, a cease request, an attorney, a
bankruptcy) and how often its identity answer does not match the file.

Two rules keep a debtor in character. Once it has said a halting act it keeps
to it (it never acknowledges the debt afterwards). And its first answer to the
debt is its reaction to the debt even when noise swallowed the turn in which it
was stated: a fraud victim does not acknowledge a debt because the collector
had to steer it back first.
"""

from __future__ import annotations

import numpy as np

from personas import DebtorPersona, Demand, RootCause
from scenarios import CollectorAct, DebtorAct, Offer
from scenarios.acts import HALTING_ACTS
from simulator.agents.disclosure import disclose_budget
from simulator.debtor_policy import DebtorMemory, DebtorMove, contest, remember, respond_to_offer

_OFFER_ACTS = frozenset({CollectorAct.OFFER_PLAN, CollectorAct.CONCEDE, CollectorAct.HOLD_FIRM})
_BEFORE_DISCLOSURE = frozenset(
    {
        CollectorAct.GREET,
        CollectorAct.VERIFY_IDENTITY,
        CollectorAct.CLARIFY,
        CollectorAct.CHECK_IN,
        CollectorAct.APOLOGIZE_WRONG_PARTY,
        CollectorAct.CLOSE,
    }
)
"""Collector acts that can come before the debt is stated; any other act means it was stated."""
VERIFY_ON_DISCLOSURE = 0.7
"""Chance a debtor that wants proof asks for it as soon as the debt is stated."""
DISPUTE_AFTER_PROOF = 0.5
"""Share of a cause's dispute rate with which it still disputes once the collector gave the details."""
_MISMATCH_THOUGHT = {
    RootCause.STRATEGIC_DEFAULT: "give them the wrong number and see",
    RootCause.FINANCIAL_ILLITERACY: "not sure which number they mean",
}
_STOP_THOUGHT = {
    DebtorAct.DECLARE_BANKRUPTCY: "I have filed for bankruptcy",
    DebtorAct.REPRESENTED: "my lawyer handles this now",
    DebtorAct.REQUEST_CEASE: "stop calling me about this",
}


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
    if act in (CollectorAct.CLARIFY, CollectorAct.CHECK_IN) and mem.last_act is not None:
        budget = disclose_budget(persona) if mem.last_act is DebtorAct.DISCLOSE_BUDGET else None
        move = DebtorMove(
            act=mem.last_act,
            offer=mem.last_offer,
            dispute_kind=mem.dispute_kind,
            budget=budget,
            thought="say it again",
        )
    elif mem.stance is not None:
        move = DebtorMove(act=mem.stance, dispute_kind=mem.dispute_kind, thought="I have said so already")
    elif act not in _BEFORE_DISCLOSURE and not mem.reacted:
        move = _on_disclosure(persona, rng)
    elif act in _OFFER_ACTS and offer is not None:
        move = respond_to_offer(persona, mem, offer, rng)
        if move.act is not DebtorAct.ACCEPT:
            update["patience"] = mem.patience - 1
    else:
        move = _reply(persona, mem, act, rng)
    update.update(last_act=move.act, last_offer=move.offer, **_learned(move, act, mem))
    if move.act is DebtorAct.DISCLOSE_BUDGET and persona.behaviour.demand is Demand.EMPATHY:
        update["demand_met"] = True  # being asked about its situation is being listened to
    return move, mem.model_copy(update=update)


def _learned(move: DebtorMove, act: CollectorAct, mem: DebtorMemory) -> dict:
    learned: dict = {} if act in _BEFORE_DISCLOSURE else {"reacted": True}
    if move.act in HALTING_ACTS:
        learned.update(stance=move.act, dispute_kind=move.dispute_kind)
    elif move.act is DebtorAct.COUNTER_OFFER:
        learned["named_capacity"] = True
    elif move.act is DebtorAct.EXPLAIN_REASON:
        learned["revealed"] = True
    elif move.act is DebtorAct.PROVIDE_IDENTITY:
        learned["verified"] = True
    elif move.act is DebtorAct.REFUSE_IDENTITY:
        learned["refused_identity"] = True
    elif move.act is DebtorAct.IDENTITY_MISMATCH and act is CollectorAct.VERIFY_IDENTITY:
        learned["mismatches"] = mem.mismatches + 1
    return learned


def _identity_answer(persona: DebtorPersona, mem: DebtorMemory, rng: np.random.Generator) -> DebtorMove:
    """Usually the details on file; sometimes not (misremembered, a relative's card, stalling)."""
    behaviour = persona.behaviour
    if mem.mismatches:
        if rng.random() < behaviour.mismatch_again:
            return DebtorMove(act=DebtorAct.IDENTITY_MISMATCH, thought="still not the number they have")
        return DebtorMove(act=DebtorAct.PROVIDE_IDENTITY, thought="the right number this time")
    if not mem.refused_identity and rng.random() < behaviour.refuse_identity:
        return DebtorMove(act=DebtorAct.REFUSE_IDENTITY, thought="why should I tell them")
    if rng.random() < behaviour.mismatch:
        thought = _MISMATCH_THOUGHT.get(persona.root_cause, "misremembers the number")
        return DebtorMove(act=DebtorAct.IDENTITY_MISMATCH, thought=thought)
    return DebtorMove(act=DebtorAct.PROVIDE_IDENTITY)


def _reply(
    persona: DebtorPersona, mem: DebtorMemory, act: CollectorAct, rng: np.random.Generator
) -> DebtorMove:
    behaviour = persona.behaviour
    if act is CollectorAct.GREET:
        return DebtorMove(act=DebtorAct.ANSWER)
    if act is CollectorAct.VERIFY_IDENTITY:
        return _identity_answer(persona, mem, rng)
    if act is CollectorAct.INFORM_DEBT:
        return _on_disclosure(persona, rng)
    if act is CollectorAct.PROBE_REASON:
        if rng.random() < behaviour.reveal:
            return DebtorMove(act=DebtorAct.EXPLAIN_REASON)
        return DebtorMove(act=DebtorAct.STALL, thought="not telling them why")
    if act is CollectorAct.PROVIDE_VERIFICATION:
        if behaviour.demand is Demand.INVESTIGATION or rng.random() < behaviour.dispute * DISPUTE_AFTER_PROOF:
            return contest(persona, rng)
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
    if act is CollectorAct.ASK_BUDGET:
        return _budget_reply(persona, rng)
    return DebtorMove(act=DebtorAct.ACKNOWLEDGE_DEBT)


def _budget_reply(persona: DebtorPersona, rng: np.random.Generator) -> DebtorMove:
    """The income-and-expenditure answer: a statement (honest or shaded by traits), or a refusal.

    An uncooperative debtor that plays for time may refuse to say (one draw); the statement
    itself is `disclose_budget`'s, the same each time it is given.
    """
    refuse = persona.behaviour.stall * (1.0 - persona.traits.cooperativeness)
    if rng.random() < refuse:
        return DebtorMove(act=DebtorAct.STALL, thought="my budget is none of their business")
    budget = disclose_budget(persona)
    honest = persona.behaviour.understate == 0
    thought = "tell them what comes in and goes out" if honest else "make it look tighter than it is"
    return DebtorMove(act=DebtorAct.DISCLOSE_BUDGET, budget=budget, thought=thought)


def _stop_on_disclosure(persona: DebtorPersona, rng: np.random.Generator) -> DebtorMove | None:
    """Whether the debtor stops collection as soon as the debt is stated, and how.

    One draw, split between bankruptcy, an attorney, a cease request (likelier for a
    volatile debtor) and a dispute, in that order; past their sum the debtor goes on.
    """
    behaviour = persona.behaviour
    u = rng.random()
    shares = (
        (DebtorAct.DECLARE_BANKRUPTCY, behaviour.bankruptcy),
        (DebtorAct.REPRESENTED, behaviour.represented),
        (DebtorAct.REQUEST_CEASE, behaviour.cease * (0.5 + persona.traits.volatility)),
    )
    for act, share in shares:
        if u < share:
            return DebtorMove(act=act, thought=_STOP_THOUGHT[act])
        u -= share
    if u < behaviour.dispute:
        return contest(persona, rng)
    return None


def _on_disclosure(persona: DebtorPersona, rng: np.random.Generator) -> DebtorMove:
    """The debt is stated: stop collection, ask for proof, play for time, explain, or acknowledge."""
    behaviour = persona.behaviour
    stop = _stop_on_disclosure(persona, rng)
    if stop is not None:
        return stop
    if behaviour.demand is Demand.VERIFICATION and rng.random() < VERIFY_ON_DISCLOSURE:
        return DebtorMove(act=DebtorAct.REQUEST_VERIFICATION, thought="what are all these fees?")
    if behaviour.demand is Demand.PRESSURE and rng.random() < behaviour.stall:
        return DebtorMove(act=DebtorAct.STALL, thought="play for time")
    if rng.random() < behaviour.volunteer * (0.5 + persona.traits.verbosity):
        return DebtorMove(act=DebtorAct.EXPLAIN_REASON)
    return DebtorMove(act=DebtorAct.ACKNOWLEDGE_DEBT)

"""One collector turn: perceive the last debtor line, decide a move, speak it.

The turn is split around its one backend call (sans-IO): `prepare` does
everything before it and returns the `CollectorAsk` holding what to ask,
`finish` does everything after it. The call itself — `CollectorAsk.say` or
`asay` — is the only part that differs between the synchronous and the async
graph, so both run the same turn logic.

A backend that chose its own move (decide_and_speak) is held to the same rules
as a strategy: its act must be a collector act, and an offer outside creditor
policy is replaced by the strategy's own in-policy move. What the law decides
binds it too: after a halting debtor act only the stopping act stands, and
nothing about the debt may be said before the identity is verified. The
replacement is recorded on the turn, never silently absorbed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from scenarios import CollectorAct, Offer
from scenarios.acts import OFFER_ACTS, STOPPING_ACTS, DebtorAct
from scenarios.strategies import CollectorMove, Evidence, after_move, perceive
from simulator.context import DialogueContext, Role
from simulator.llm.base import Utterance
from simulator.transcript import Speaker, Turn
from simulator.views import CollectorView, collector_view


def heard_evidence(turns: Sequence[Turn], evidence: Evidence, ctx: DialogueContext) -> Evidence:
    index = len(turns)
    clock = {"turn_index": index, "turns_left": ctx.max_turns - index}
    if not turns or turns[-1].speaker is not Speaker.DEBTOR:
        return evidence.model_copy(update=clock)
    last = turns[-1]
    act = last.act if isinstance(last.act, DebtorAct) else None
    return perceive(evidence, act, last.offer, unclear=last.garbled, also=clock, budget=last.budget)


def build_view(turns: Sequence[Turn], evidence: Evidence, ctx: DialogueContext) -> CollectorView:
    return collector_view(
        turns,
        evidence,
        case=ctx.case,
        policy=ctx.policy,
        strategy=ctx.strategy.name,
        tone=ctx.strategy.tone,
        language=ctx.language,
        agent_name=ctx.agent_name,
        call_date=ctx.call_date,
        jurisdiction=ctx.jurisdiction,
    )


DISCLOSING_ACTS = OFFER_ACTS | {
    CollectorAct.INFORM_DEBT,
    CollectorAct.PROVIDE_VERIFICATION,
    CollectorAct.WARN_CONSEQUENCES,
    CollectorAct.CONFIRM_AGREEMENT,
}
"""Collector acts that speak about the debt: never before the identity is verified."""
_STOPS = frozenset(STOPPING_ACTS.values())


def lawful_reason(move: CollectorMove, act: CollectorAct, evidence: Evidence) -> str | None:
    """Why a backend's own act cannot stand where the law decides the move, or None if it can."""
    if move.act in _STOPS and act is not move.act:
        return f"{evidence.last_debtor_act} heard: backend act {act} replaced by {move.act}"
    if evidence.identity_verified:
        return None
    if act in DISCLOSING_ACTS:
        return f"identity not verified: backend act {act} replaced"
    if move.act is CollectorAct.CLOSE and act is not CollectorAct.CLOSE:
        return f"identity not verified: the call ends, backend act {act} replaced"
    return None


def reconcile(
    move: CollectorMove, utt: Utterance, ctx: DialogueContext, evidence: Evidence
) -> tuple[CollectorMove, str]:
    """The move actually made: the backend's own if valid, lawful and in policy, else the strategy's."""
    if utt.act is None:
        return move, ""
    if not isinstance(utt.act, CollectorAct):
        return move, f"backend returned non-collector act {utt.act}"
    unlawful = lawful_reason(move, utt.act, evidence)
    if unlawful is not None:
        return move, unlawful
    offer: Offer | None = utt.offer
    if offer is not None and not ctx.policy.allows(offer, ctx.case):
        rules = ",".join(ctx.policy.violations(offer, ctx.case))
        return move, f"offer outside policy ({rules}) replaced"
    return move.model_copy(update={"act": utt.act, "offer": offer}), ""


def make_turn(index: int, move: CollectorMove, utt: Utterance, note: str) -> Turn:
    thought = "; ".join(t for t in (move.thought, note) if t)
    return Turn(
        index=index,
        speaker=Speaker.COLLECTOR,
        act=move.act,
        text=utt.text,
        clean_text=utt.text,
        offer=move.offer,
        thought=thought,
        template_id=utt.template_id,
        usage=utt.usage,
        raw=utt.raw,
    )


@dataclass(frozen=True, slots=True)
class CollectorAsk:
    """What the collector's turn asks its backend, and what `finish` needs back afterwards.

    `rng` is the role's turn generator (`DialogueContext.turn_rng`): valid only within this turn.
    """

    evidence: Evidence
    move: CollectorMove
    view: CollectorView
    rng: np.random.Generator

    def say(self, ctx: DialogueContext) -> Utterance:
        return ctx.backend.collector_turn(self.view, self.move, self.rng)

    async def asay(self, ctx: DialogueContext) -> Utterance:
        return await ctx.backend.acollector_turn(self.view, self.move, self.rng)


def prepare(turns: Sequence[Turn], evidence: Evidence, ctx: DialogueContext) -> CollectorAsk:
    """Everything before the backend call: hear the last line, draw, decide the strategy's move."""
    evidence = heard_evidence(turns, evidence, ctx)
    rng = ctx.turn_rng(Role.COLLECTOR, len(turns))
    move = ctx.strategy.decide(evidence, ctx.case, ctx.policy, rng)
    return CollectorAsk(evidence, move, build_view(turns, evidence, ctx), rng)


def finish(
    turns: Sequence[Turn], ask: CollectorAsk, utt: Utterance, ctx: DialogueContext
) -> tuple[Turn, Evidence]:
    """Everything after it: the move that stands, the turn, and the evidence it leaves behind."""
    move, note = reconcile(ask.move, utt, ctx, ask.evidence)
    return make_turn(len(turns), move, utt, note), after_move(ask.evidence, move.act, move.offer)

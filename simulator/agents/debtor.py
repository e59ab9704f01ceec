"""One debtor turn: react to the collector, maybe be interrupted by noise, speak.

Event noise (a third party answering, off-topic talk, silence, an outburst)
replaces the debtor's move for that turn; channel noise then corrupts what the
collector hears while the clean text is kept.

Who decides the move is `ctx.debtor_decision`. Under `policy` (the default) the
hidden persona's move stands even when the backend returned an act of its own
(decide_and_speak): the model's words are kept, its act and offer are not, so
the debtor never accepts an offer it cannot afford. Under `llm` the model's act
stands if it is consistent with the table (an accept needs an offer on the
table, a counter-offer needs an amount, a confirmation needs a restated deal,
an identity answer needs an identity check); otherwise the policy's move is
used. Either replacement is noted in the turn's private thought, so it can be
counted, never silently absorbed.

As for the collector, the turn is split around its one backend call: `prepare`
(event, move, view) returns the `DebtorAsk`, `finish` (settle, noise, the turn,
memory) takes the utterance; `DebtorAsk.say` / `asay` is the call itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from scenarios import Agreement, CollectorAct, DebtorAct, Language, Offer
from scenarios.acts import OFFER_ACTS
from simulator.agents.debtor_decision import decide
from simulator.context import DialogueContext, Role
from simulator.debtor_policy import DebtorDecision, DebtorMemory, DebtorMove, out_of_character
from simulator.llm.base import Utterance
from simulator.noise import NoiseKind, apply_channel, event_text
from simulator.transcript import Speaker, Turn
from simulator.views import DebtorView, debtor_view

POLICY_NOTE = "policy decides"
"""Prefix of the note left when decision=policy sets a backend's own act aside."""
FALLBACK_NOTE = "fallback"
"""Prefix of the note left when decision=llm finds the backend's act invalid and uses the policy move."""

_IDENTITY_ANSWERS = frozenset({DebtorAct.PROVIDE_IDENTITY, DebtorAct.IDENTITY_MISMATCH})
_EVENT_ACTS = {
    NoiseKind.OFF_TOPIC: DebtorAct.OFF_TOPIC,
    NoiseKind.SILENCE: DebtorAct.SILENCE,
    NoiseKind.OUTBURST: DebtorAct.OUTBURST,
    NoiseKind.THIRD_PARTY: DebtorAct.THIRD_PARTY,
}


def plan_move(
    turns: Sequence[Turn], memory: DebtorMemory, ctx: DialogueContext, rng: np.random.Generator
) -> tuple[DebtorMove, DebtorMemory, NoiseKind | None]:
    last = turns[-1]
    event = ctx.noise.draw_event(rng, opening=len(turns) == 1) if ctx.noise.level > 0 else None
    if event in _EVENT_ACTS:
        return DebtorMove(act=_EVENT_ACTS[event], thought=f"noise: {event}"), memory, event
    assert isinstance(last.act, CollectorAct), "debtor node follows a collector turn"
    move, memory = decide(ctx.persona, memory, last.act, last.offer, rng)
    return move, memory, event


def build_view(turns: Sequence[Turn], memory: DebtorMemory, ctx: DialogueContext) -> DebtorView:
    return debtor_view(
        turns,
        memory,
        persona=ctx.persona,
        case=ctx.case,
        language=ctx.language,
        agent_name=ctx.agent_name,
        call_date=ctx.call_date,
    )


def invalid_reason(act: DebtorAct, offer: Offer | None, table: Turn) -> str | None:
    """Why a model's own debtor act cannot stand at this point of the call, or None if it can."""
    if act is DebtorAct.ACCEPT and (table.offer is None or table.act not in OFFER_ACTS):
        return "accept with no offer on the table"
    if act is DebtorAct.COUNTER_OFFER and offer is None:
        return "counter-offer without an amount"
    if act is DebtorAct.CONFIRM and table.act is not CollectorAct.CONFIRM_AGREEMENT:
        return "confirm with no agreement restated"
    if act in _IDENTITY_ANSWERS and table.act is not CollectorAct.VERIFY_IDENTITY:
        return "identity answer with no identity check asked"
    return None


def settle(
    move: DebtorMove, utt: Utterance, event: NoiseKind | None, table: Turn, ctx: DialogueContext
) -> tuple[DebtorMove, str]:
    """The move the turn records, and a note when the backend's own act was set aside."""
    if event in _EVENT_ACTS:
        return move, ""  # the line, not the debtor, decided this turn
    if ctx.debtor_decision is DebtorDecision.POLICY:
        if utt.act is not None and (utt.act is not move.act or utt.offer != move.offer):
            return move, f"{POLICY_NOTE}: backend act {utt.act} set aside"
        return move, ""
    if utt.act is None:
        return move, f"{FALLBACK_NOTE}: backend gave no act"
    if not isinstance(utt.act, DebtorAct):
        return move, f"{FALLBACK_NOTE}: backend returned non-debtor act {utt.act}"
    why = invalid_reason(utt.act, utt.offer, table)
    why = why or out_of_character(ctx.persona, ctx.case.outstanding, utt.act, utt.offer)
    if why is not None:
        return move, f"{FALLBACK_NOTE}: {why}"
    offers = {DebtorAct.COUNTER_OFFER: utt.offer, DebtorAct.ACCEPT: table.offer}
    return DebtorMove(act=utt.act, offer=offers.get(utt.act), thought="model decided"), ""


def heard_turn(
    turns: Sequence[Turn],
    move: DebtorMove,
    utt: Utterance,
    event: NoiseKind | None,
    ctx: DialogueContext,
    rng: np.random.Generator,
) -> Turn:
    """The turn as spoken and as heard: an event's line replaces or leads the words, then the channel."""
    clean = utt.text
    if event in (NoiseKind.OFF_TOPIC, NoiseKind.SILENCE, NoiseKind.OUTBURST):
        clean = event_text(event, ctx.language, rng, ctx.persona.root_cause)
    elif event is NoiseKind.INTERRUPTION:
        sep = "" if ctx.language is Language.ZH else " "
        clean = event_text(event, ctx.language, rng) + sep + clean
    heard = apply_channel(clean, ctx.language, ctx.noise, rng)
    applied = tuple(str(k) for k in heard.applied) + ((str(event),) if event else ())
    move, note = settle(move, utt, event, turns[-1], ctx)
    return Turn(
        index=len(turns),
        speaker=Speaker.DEBTOR,
        act=move.act,
        text=heard.text,
        clean_text=clean,
        offer=move.offer,
        budget=move.budget,
        noise=applied,
        garbled=heard.garbled,
        thought="; ".join(t for t in (move.thought, note) if t),
        template_id=utt.template_id,
        usage=utt.usage,
        raw=utt.raw,
    )


def remember_turn(memory: DebtorMemory, turn: Turn) -> DebtorMemory:
    """Keep the debtor's memory on what it actually said when a model's act replaced the policy move."""
    if memory.last_act is None or (turn.act is memory.last_act and turn.offer == memory.last_offer):
        return memory
    if not isinstance(turn.act, DebtorAct) or turn.act in _EVENT_ACTS.values():
        return memory
    return memory.model_copy(update={"last_act": turn.act, "last_offer": turn.offer})


def agreement_after(turn: Turn, turns: Sequence[Turn]) -> Agreement | None:
    offer = turns[-1].offer
    if turn.act is not DebtorAct.ACCEPT or offer is None:
        return None
    return Agreement(offer=offer, turn_index=turn.index, simulated_day=offer.first_due_days)


@dataclass(frozen=True, slots=True)
class DebtorAsk:
    """What the debtor's turn asks its backend, and what `finish` needs back afterwards.

    `rng` is the role's turn generator: `finish` goes on drawing from it (event line, channel noise).
    """

    move: DebtorMove
    memory: DebtorMemory
    event: NoiseKind | None
    view: DebtorView
    rng: np.random.Generator

    def say(self, ctx: DialogueContext) -> Utterance:
        return ctx.debtor_speaker.debtor_turn(self.view, self.move, self.rng)

    async def asay(self, ctx: DialogueContext) -> Utterance:
        return await ctx.debtor_speaker.adebtor_turn(self.view, self.move, self.rng)


def prepare(turns: Sequence[Turn], memory: DebtorMemory, ctx: DialogueContext) -> DebtorAsk:
    """Everything before the backend call: draw an event or the persona's move, build the view."""
    rng = ctx.turn_rng(Role.DEBTOR, len(turns))
    move, memory, event = plan_move(turns, memory, ctx, rng)
    return DebtorAsk(move, memory, event, build_view(turns, memory, ctx), rng)


def finish(
    turns: Sequence[Turn], ask: DebtorAsk, utt: Utterance, ctx: DialogueContext
) -> tuple[Turn, DebtorMemory]:
    """Everything after it: the turn as said and heard, and the memory it leaves behind."""
    turn = heard_turn(turns, ask.move, utt, ask.event, ctx, ask.rng)
    return turn, remember_turn(ask.memory, turn)

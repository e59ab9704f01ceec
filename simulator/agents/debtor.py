"""One debtor turn: react to the collector, maybe be interrupted by noise, speak.

Event noise (a third party answering, off-topic talk, silence, an outburst)
replaces the debtor's move for that turn; channel noise then corrupts what the
collector hears while the clean text is kept. The decision itself follows the
hidden persona unless the debtor's backend decides (debtor.decision=llm).
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum

import numpy as np

from scenarios import Agreement, CollectorAct, DebtorAct
from simulator.agents.debtor_decision import decide
from simulator.agents.debtor_policy import DebtorMemory, DebtorMove
from simulator.context import DialogueContext, Role
from simulator.llm.base import Utterance
from simulator.noise import NoiseKind, apply_channel, event_text
from simulator.transcript import Speaker, Turn
from simulator.views import DebtorView, debtor_view


class DebtorDecision(StrEnum):
    POLICY = "policy"  # hidden finances and traits decide
    LLM = "llm"  # the debtor backend decides act and offer


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


def finish_turn(
    turns: Sequence[Turn],
    move: DebtorMove,
    utt: Utterance,
    event: NoiseKind | None,
    ctx: DialogueContext,
    rng: np.random.Generator,
) -> Turn:
    clean = utt.text
    if event in (NoiseKind.OFF_TOPIC, NoiseKind.SILENCE, NoiseKind.OUTBURST):
        clean = event_text(event, ctx.language, rng)
    elif event is NoiseKind.INTERRUPTION:
        sep = "" if ctx.language == "zh" else " "
        clean = event_text(event, ctx.language, rng) + sep + clean
    heard = apply_channel(clean, ctx.language, ctx.noise, rng)
    applied = tuple(str(k) for k in heard.applied) + ((str(event),) if event else ())
    return Turn(
        index=len(turns),
        speaker=Speaker.DEBTOR,
        act=utt.act or move.act,
        text=heard.text,
        clean_text=clean,
        offer=utt.offer or move.offer,
        noise=applied,
        garbled=heard.garbled,
        thought=move.thought,
        template_id=utt.template_id,
        usage=utt.usage,
        raw=utt.raw,
    )


def agreement_after(turn: Turn, turns: Sequence[Turn]) -> Agreement | None:
    offer = turns[-1].offer
    if turn.act is not DebtorAct.ACCEPT or offer is None:
        return None
    return Agreement(offer=offer, turn_index=turn.index, simulated_day=offer.first_due_days)


def debtor_step(
    turns: Sequence[Turn], memory: DebtorMemory, ctx: DialogueContext
) -> tuple[Turn, DebtorMemory]:
    rng = ctx.rng(Role.DEBTOR, len(turns))
    move, memory, event = plan_move(turns, memory, ctx, rng)
    utt = ctx.debtor_speaker.debtor_turn(build_view(turns, memory, ctx), move, rng)
    return finish_turn(turns, move, utt, event, ctx, rng), memory


async def adebtor_step(
    turns: Sequence[Turn], memory: DebtorMemory, ctx: DialogueContext
) -> tuple[Turn, DebtorMemory]:
    rng = ctx.rng(Role.DEBTOR, len(turns))
    move, memory, event = plan_move(turns, memory, ctx, rng)
    utt = await ctx.debtor_speaker.adebtor_turn(build_view(turns, memory, ctx), move, rng)
    return finish_turn(turns, move, utt, event, ctx, rng), memory

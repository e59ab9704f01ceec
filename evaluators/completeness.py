"""Completeness: which stages of a collection call a dialogue went through, in order.

A well-formed call opens, verifies identity, negotiates, commits to a plan and
closes. Calls that end early (wrong party, fraud escalation, refusal) miss
stages by design; the score records which, so analysis can condition on the
termination instead of this module guessing what a call "should" have had.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from scenarios import CollectorAct, DebtorAct
from scenarios.acts import OFFER_ACTS, STOPPING_ACTS
from simulator.transcript import Speaker, Transcript, Turn


class Stage(StrEnum):
    OPENING = "opening"
    VERIFICATION = "verification"
    NEGOTIATION = "negotiation"
    COMMITMENT = "commitment"
    CLOSURE = "closure"


STAGE_ACTS: dict[Stage, frozenset] = {
    Stage.OPENING: frozenset({CollectorAct.GREET}),
    Stage.VERIFICATION: frozenset({DebtorAct.PROVIDE_IDENTITY}),
    Stage.NEGOTIATION: OFFER_ACTS,
    Stage.COMMITMENT: frozenset({CollectorAct.CONFIRM_AGREEMENT}),
    Stage.CLOSURE: frozenset(
        {
            CollectorAct.CLOSE,
            CollectorAct.ESCALATE,
            CollectorAct.APOLOGIZE_WRONG_PARTY,
            *STOPPING_ACTS.values(),
        }
    ),
}
"""The act that marks each stage as reached (verification: the debtor answered the check)."""


class CompletenessScore(BaseModel):
    model_config = ConfigDict(frozen=True)

    reached: dict[Stage, int] = Field(description="stage → first turn index reaching it")
    completeness: float = Field(ge=0, le=1, description="share of the five stages reached")
    stages_in_order: bool
    missing: list[Stage]
    closed: bool = Field(
        description="the collector's last turn ends the call (close, escalate, apologise to a wrong party)"
    )


def first_turn(turns: list[Turn], acts: frozenset) -> int | None:
    return next((t.index for t in turns if t.act in acts), None)


def closed_by_collector(turns: list[Turn]) -> bool:
    """Did the collector end the call itself — the difference between a handled refusal and a hang-up?"""
    last = next((t for t in reversed(turns) if t.speaker is Speaker.COLLECTOR), None)
    return last is not None and last.act in STAGE_ACTS[Stage.CLOSURE]


def score_completeness(transcript: Transcript) -> CompletenessScore:
    reached = {}
    for stage, acts in STAGE_ACTS.items():
        index = first_turn(transcript.turns, acts)
        if index is not None:
            reached[stage] = index
    order = [reached[s] for s in Stage if s in reached]
    return CompletenessScore(
        reached=reached,
        completeness=len(reached) / len(Stage),
        stages_in_order=order == sorted(order),
        missing=[s for s in Stage if s not in reached],
        closed=closed_by_collector(transcript.turns),
    )

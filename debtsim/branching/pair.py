"""A preference pair from one branch set: best reply chosen, worst rejected, if far enough apart.

A pair says "this reply, not that one". It only says it when the chosen reply is the one
best option: if another reply reached the same top reward, the choice between them was a
coin toss (in issue 23, 52 of 54 pairs had a tie at the top, nearly all between rollouts
that agreed nothing), and a tie between chosen and rejected says nothing at all.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, computed_field

from debtsim.branching.decision import DecisionPoint
from debtsim.branching.fork import Branch, BranchSet
from simulator.transcript import Turn

TIE = 1e-9
"""Rewards closer than this are equal (they are rounded to 6 decimals)."""


class NoPair(StrEnum):
    """Why a branch set gave no pair (counted in the export summary)."""

    TIED = "tied"  # the best reward is shared by another reply (or chosen and rejected tie)
    BELOW_MARGIN = "below_margin"  # chosen beats rejected by less than the margin
    SAME_WORDS = "same_words"  # the extremes say the same thing


class PreferencePair(BaseModel):
    model_config = ConfigDict(frozen=True)

    dialogue_id: str
    point: DecisionPoint
    turn: int
    prefix: list[Turn]
    chosen: Branch
    rejected: Branch
    rewards: list[float]

    @computed_field
    @property
    def margin(self) -> float:
        return round(self.chosen.reward - self.rejected.reward, 6)


def why_no_pair(branch_set: BranchSet, margin: float) -> NoPair | None:
    """None when the set makes a pair; else why not (a shared best first: it is the commonest)."""
    rewards = [b.reward for b in branch_set.branches]
    best, worst = max(rewards), min(rewards)
    if sum(abs(r - best) <= TIE for r in rewards) > 1 or best - worst <= TIE:
        return NoPair.TIED
    if best - worst < margin:
        return NoPair.BELOW_MARGIN
    chosen = max(branch_set.branches, key=lambda b: b.reward)
    rejected = min(branch_set.branches, key=lambda b: b.reward)
    return NoPair.SAME_WORDS if chosen.reply == rejected.reply else None


def best_and_worst(branch_set: BranchSet, margin: float) -> PreferencePair | None:
    """Chosen = the one highest reward, rejected = the lowest (first in try order on ties at the bottom).

    None when the best reward is shared by another reply, when the extremes are less than
    `margin` apart, or when they say the same words (`why_no_pair`).
    """
    if why_no_pair(branch_set, margin) is not None:
        return None
    branches = branch_set.branches
    chosen = max(branches, key=lambda b: b.reward)
    rejected = min(branches, key=lambda b: b.reward)
    return PreferencePair(
        dialogue_id=branch_set.dialogue_id,
        point=branch_set.point,
        turn=branch_set.turn,
        prefix=branch_set.prefix,
        chosen=chosen,
        rejected=rejected,
        rewards=[b.reward for b in branches],
    )

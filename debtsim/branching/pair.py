"""A preference pair from one branch set: best reply chosen, worst rejected, if far enough apart."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, computed_field

from debtsim.branching.decision import DecisionPoint
from debtsim.branching.fork import Branch, BranchSet
from simulator.transcript import Turn


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


def best_and_worst(branch_set: BranchSet, margin: float) -> PreferencePair | None:
    """Chosen = highest reward, rejected = lowest (first in try order on ties); None below `margin`.

    Two replies with the same words teach nothing, so a set whose extremes say
    the same thing yields no pair either.
    """
    branches = branch_set.branches
    chosen = max(branches, key=lambda b: b.reward)
    rejected = min(branches, key=lambda b: b.reward)
    if chosen.reward - rejected.reward < margin or chosen.reply == rejected.reply:
        return None
    return PreferencePair(
        dialogue_id=branch_set.dialogue_id,
        point=branch_set.point,
        turn=branch_set.turn,
        prefix=branch_set.prefix,
        chosen=chosen,
        rejected=rejected,
        rewards=[b.reward for b in branches],
    )

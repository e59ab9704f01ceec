"""A strategy that plays one given move at one turn and its base strategy everywhere else.

This is how a branch is made without touching the graph or the agents: the
fork resumes from the checkpoint before the collector's turn with a context
whose strategy is this wrapper (`dataclasses.replace` on the frozen context).
The alternative reply is spoken at `turn`, and the original strategy carries
the dialogue on from there, so branches differ by one decision only.

`tone` follows whichever strategy decided last: the collector node reads it
right after `decide`, so the alternative reply is worded in its own voice.
"""

from __future__ import annotations

import numpy as np

from scenarios import CreditorPolicy, DebtCase
from scenarios.strategies import CollectorMove, Evidence, Strategy, Tone


class OneTurnOverride(Strategy):
    def __init__(self, base: Strategy, turn: int, move: CollectorMove, tone: Tone) -> None:
        self.base, self.turn, self.move, self.move_tone = base, turn, move, tone
        self.name = base.name
        self._tone = base.tone

    @property
    def tone(self) -> Tone:  # type: ignore[override]
        return self._tone

    def decide(
        self, ev: Evidence, case: DebtCase, policy: CreditorPolicy, rng: np.random.Generator
    ) -> CollectorMove:
        if ev.turn_index == self.turn:
            self._tone = self.move_tone
            return self.move
        self._tone = self.base.tone
        return self.base.decide(ev, case, policy, rng)

    def negotiate(
        self, ev: Evidence, case: DebtCase, policy: CreditorPolicy, rng: np.random.Generator
    ) -> CollectorMove:
        return self.base.negotiate(ev, case, policy, rng)

"""Static inputs of one dialogue, passed to graph nodes as LangGraph's runtime context.

Facts that never change during a dialogue (case, policy, persona, strategy,
backend, noise, seeds, the turn cap) travel here rather than in state, so state
holds only what the dialogue produced and checkpoints stay small.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

import numpy as np

from personas import DebtorPersona
from scenarios import CreditorPolicy, DebtCase, Language
from scenarios.strategies import Strategy
from simulator.agents.debtor_decision import DebtorDecision
from simulator.llm.base import Backend
from simulator.noise import NoiseProfile


class Role(IntEnum):
    """Stream ids for per-turn random draws; part of the seed, so never renumber."""

    COLLECTOR = 1
    DEBTOR = 2


@dataclass(frozen=True, slots=True)
class DialogueContext:
    dialogue_id: str
    index: int
    seed: int
    language: Language
    case: DebtCase
    policy: CreditorPolicy
    persona: DebtorPersona
    strategy: Strategy
    backend: Backend
    noise: NoiseProfile
    max_turns: int
    agent_name: str
    call_date: str
    debtor_backend: Backend | None = None
    debtor_decision: DebtorDecision = DebtorDecision.POLICY
    """llm.debtor_decision; the safe default keeps the persona's own decision on every offer."""

    def __post_init__(self) -> None:
        # builders may pass plain strings ("zh", "llm"); the agents compare enum members
        object.__setattr__(self, "language", Language(self.language))
        object.__setattr__(self, "debtor_decision", DebtorDecision(self.debtor_decision))

    def rng(self, role: Role, turn_index: int) -> np.random.Generator:
        """The Generator for one turn: keyed by turn, so a forked dialogue replays the same draws."""
        return np.random.default_rng([self.seed, self.index, int(role), turn_index])

    @property
    def debtor_speaker(self) -> Backend:
        return self.debtor_backend or self.backend

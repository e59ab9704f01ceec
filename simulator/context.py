"""Static inputs of one dialogue, passed to graph nodes as LangGraph's runtime context.

Facts that never change during a dialogue (case, policy, persona, strategy,
backend, noise, seeds, the turn cap) travel here rather than in state, so state
holds only what the dialogue produced and checkpoints stay small.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum

import numpy as np

from personas import DebtorPersona
from personas.language import world_key
from scenarios import CallContext, CreditorPolicy, DebtCase, JurisdictionProfile, Language, profile_for
from scenarios.strategies import Strategy
from simulator.contact_history import ContactHistory
from simulator.debtor_policy import DebtorDecision
from simulator.llm.base import Backend
from simulator.noise import NoiseProfile

TURN_STRIDE = 1 << 64
"""Draws between the starts of two consecutive turns' streams within a role's PCG64 stream (period
2**128), so no turn can ever run into the next one's draws."""


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
    jurisdiction: JurisdictionProfile | None = None
    """The run's legal regime; None: the language's default profile (set in __post_init__)."""
    call: CallContext | None = None
    """When the call starts and how often the account was tried before; None where not drawn."""
    history: ContactHistory | None = None
    """A campaign's earlier contacts on the account (promises, missed payments); None for a single call."""
    _streams: dict[Role, tuple[dict, np.random.Generator]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    """Per role: the state its stream starts from, and the one Generator `turn_rng` re-keys."""

    def __post_init__(self) -> None:
        # builders may pass plain strings ("zh", "llm"); the agents compare enum members
        object.__setattr__(self, "language", Language(self.language))
        object.__setattr__(self, "debtor_decision", DebtorDecision(self.debtor_decision))
        if self.jurisdiction is None:
            object.__setattr__(self, "jurisdiction", profile_for(None, self.language))

    def _stream(self, role: Role) -> tuple[dict, np.random.Generator]:
        found = self._streams.get(role)
        if found is None:
            gen = np.random.default_rng([self.seed, self.index, int(role), *world_key(self.language)])
            found = self._streams[role] = (gen.bit_generator.state, gen)
        return found

    def _at_turn(self, bits: np.random.PCG64, role: Role, turn_index: int) -> np.random.PCG64:
        """``bits`` set to where the role's stream for this turn starts."""
        bits.state = self._stream(role)[0]
        return bits.advance(turn_index * TURN_STRIDE)

    def rng(self, role: Role, turn_index: int) -> np.random.Generator:
        """A new, independent Generator for one turn, drawing what `turn_rng` draws for that turn.

        Keyed by turn, so a forked dialogue or a replayed sample makes the same draws.
        """
        return np.random.Generator(self._at_turn(np.random.PCG64(0), role, turn_index))

    def turn_rng(self, role: Role, turn_index: int) -> np.random.Generator:
        """The role's one Generator, re-keyed to this turn: valid only until the role's next turn.

        The engine asks for a generator every turn; building one costs ~20-40 µs (seed hashing)
        against ~3 µs to reset and advance a kept one, a fifth of the nodes' own time. Steps use it
        within the turn and never keep it; anything that holds on to a turn's draws takes `rng`.
        """
        gen = self._stream(role)[1]
        self._at_turn(gen.bit_generator, role, turn_index)
        return gen

    @property
    def debtor_speaker(self) -> Backend:
        return self.debtor_backend or self.backend

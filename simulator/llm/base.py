"""The one interface every backend implements.

Agents decide a move with a policy, then ask the backend to speak it. A backend
in `decide_and_speak` mode may return its own act and offer instead; the agents
check such a move (policy, act validity) outside the backend, so a model can
propose but never break the rules. The scripted backend implements only the
synchronous path; network backends override the async one.
"""

from __future__ import annotations

import asyncio
import contextlib
from abc import ABC, abstractmethod
from enum import StrEnum

import numpy as np
from pydantic import BaseModel, ConfigDict

from scenarios import CollectorAct, DebtorAct, Offer
from scenarios.strategies import CollectorMove
from simulator.debtor_policy import DebtorMove
from simulator.errors import DebtsimError
from simulator.transcript import Usage
from simulator.views import CollectorView, DebtorView


class BackendName(StrEnum):
    SCRIPTED = "scripted"
    OPENAI = "openai"
    VLLM = "vllm"
    HF = "hf"
    LOCAL = "local"


class BackendError(DebtsimError, RuntimeError):
    """A backend that cannot answer: bad settings, a server that never came up, retries spent."""


class AgentMode(StrEnum):
    SPEAK = "speak"  # policy decides the move, the backend words it
    DECIDE_AND_SPEAK = "decide_and_speak"  # the backend returns act, offer and text


class Utterance(BaseModel):
    """A spoken turn; `act`/`offer` are set only when the backend chose the move itself."""

    model_config = ConfigDict(frozen=True)

    text: str
    template_id: str | None = None
    act: CollectorAct | DebtorAct | None = None
    offer: Offer | None = None
    usage: Usage = Usage()
    raw: str | None = None


class Backend(ABC):
    name: BackendName

    @abstractmethod
    def collector_turn(self, view: CollectorView, move: CollectorMove, rng: np.random.Generator) -> Utterance:
        """Speak (or decide and speak) the collector's turn."""

    @abstractmethod
    def debtor_turn(self, view: DebtorView, move: DebtorMove, rng: np.random.Generator) -> Utterance:
        """Speak (or decide and speak) the debtor's turn."""

    async def acollector_turn(
        self, view: CollectorView, move: CollectorMove, rng: np.random.Generator
    ) -> Utterance:
        return await asyncio.to_thread(self.collector_turn, view, move, rng)

    async def adebtor_turn(self, view: DebtorView, move: DebtorMove, rng: np.random.Generator) -> Utterance:
        return await asyncio.to_thread(self.debtor_turn, view, move, rng)

    def complete_json(
        self, messages: list[tuple[str, str]], schema: type[BaseModel]
    ) -> tuple[BaseModel, Usage]:
        """Ask the model for one object of `schema` given (role, text) messages (judges use this).

        Backends without a model cannot; network backends validate, repair once,
        and raise BackendError when the reply still does not validate.
        """
        raise BackendError(f"llm.backend={self.name} has no model to answer structured requests")

    async def acomplete_json(
        self, messages: list[tuple[str, str]], schema: type[BaseModel]
    ) -> tuple[BaseModel, Usage]:
        return await asyncio.to_thread(self.complete_json, messages, schema)

    def session(self) -> contextlib.AbstractAsyncContextManager[None]:
        """Held by the batch layer around each dialogue; batching backends count open dialogues with it."""
        return contextlib.nullcontext()

    def close(self) -> None:  # noqa: B027 - optional hook, most backends hold nothing
        """Release servers or clients; the scripted backend holds none."""

"""What every backend that sends a chat to a model does the same way, whatever answers it.

Speak mode: the policy's move and the role's card go into the prompt and the
model only words it. Decide-and-speak mode: the model returns act, offer and
text as structured output, validated by pydantic; one repair attempt feeds the
validation error back; after that the turn falls back to the policy's move in
scripted words, counted in `usage.fallback` with the raw reply kept. An
empty spoken reply falls back the same way. Subclasses only say how one chat
is answered (`_ask`): an HTTP server (`openai_compat`) or an in-process
engine (`vllm_engine`). Synchronous callers are served through a private
event loop, so the async path is the only one.
"""

from __future__ import annotations

from abc import abstractmethod
from dataclasses import dataclass, field

import numpy as np
from pydantic import BaseModel

from scenarios.strategies import CollectorMove
from simulator.debtor_policy import DebtorMove
from simulator.llm.backend_settings import StructuredMethod
from simulator.llm.base import AgentMode, Backend, BackendError, Utterance
from simulator.llm.endpoint import LoopThread
from simulator.llm.prompt_book import Message, PromptBook
from simulator.llm.replies import CollectorReply, DebtorReply, M, ReplyInvalid, parse_reply
from simulator.transcript import Usage
from simulator.views import CollectorView, DebtorView

SEED_RANGE = 2**31 - 1


@dataclass(slots=True)
class Spend:
    """Tokens and seconds a turn cost, summed over its attempts, and the raw replies that failed."""

    prompt_tokens: int = 0
    completion_tokens: int = 0
    latency_s: float = 0.0
    raws: list[str] = field(default_factory=list)

    def add(self, prompt_tokens: int, completion_tokens: int, seconds: float) -> None:
        self.prompt_tokens += prompt_tokens
        self.completion_tokens += completion_tokens
        self.latency_s += seconds

    def usage(self, *, repaired: bool = False, fallback: bool = False) -> Usage:
        return Usage(
            prompt_tokens=self.prompt_tokens,
            completion_tokens=self.completion_tokens,
            latency_s=round(self.latency_s, 4),
            repaired=repaired,
            fallback=fallback,
        )


def turn_seed(rng: np.random.Generator) -> int:
    """A request seed from the turn's Generator without advancing its stream."""
    return int(rng.spawn(1)[0].integers(SEED_RANGE))


def spoken(text: str) -> str:
    """A reply as one spoken line: no surrounding quotes or blank space."""
    return text.strip().strip('"').strip()


class ChatBackend(Backend):
    """Prompts, modes, repair and fallback; `_ask` (one chat → reply text) is the subclass's part."""

    def __init__(
        self,
        language: str,
        collector_mode: AgentMode,
        debtor_mode: AgentMode,
        structured: StructuredMethod,
        history_lines: int,
        seed: int,
    ) -> None:
        self.language = language
        self.modes = {"collector": collector_mode, "debtor": debtor_mode}
        self.structured, self.history_lines, self.seed = structured, history_lines, seed
        self.book = PromptBook.load(language)
        self._sync = LoopThread()
        self._scripted = None

    @property
    @abstractmethod
    def where(self) -> str:
        """The endpoint or engine, as named in error messages."""

    @abstractmethod
    async def _ask(
        self, messages: list[Message], seed: int, spend: Spend, schema: type[BaseModel] | None = None
    ) -> str:
        """One model reply to `messages` (structured to `schema` when given), its cost added to `spend`."""

    async def _decide(self, messages: list[Message], schema: type[M], seed: int, spend: Spend) -> M | None:
        """The validated reply, after at most one repair; None when both attempts fail."""
        for attempt in range(2):
            raw = await self._ask(messages, seed + attempt, spend, schema)
            try:
                return parse_reply(raw, schema)
            except ReplyInvalid as exc:
                spend.raws.append(raw)
                messages = [*messages, self.book.repair(str(exc), raw)]
        return None

    def _fallback(self):
        if self._scripted is None:
            from simulator.llm.scripted import ScriptedBackend

            self._scripted = ScriptedBackend(self.language)
        return self._scripted

    async def acollector_turn(
        self, view: CollectorView, move: CollectorMove, rng: np.random.Generator
    ) -> Utterance:
        mode = self.modes["collector"]
        messages = self.book.collector_messages(view, move, mode, self.structured, self.history_lines)
        return await self._turn(
            messages, mode, CollectorReply, rng, lambda: self._fallback().collector_turn(view, move, rng).text
        )

    async def adebtor_turn(self, view: DebtorView, move: DebtorMove, rng: np.random.Generator) -> Utterance:
        mode = self.modes["debtor"]
        messages = self.book.debtor_messages(view, move, mode, self.structured, self.history_lines)
        return await self._turn(
            messages, mode, DebtorReply, rng, lambda: self._fallback().debtor_turn(view, move, rng).text
        )

    async def _turn(self, messages, mode: AgentMode, schema, rng, scripted) -> Utterance:
        spend, seed = Spend(), turn_seed(rng)
        if mode is AgentMode.SPEAK:
            text = spoken(await self._ask(messages, seed, spend))
            if text:
                return Utterance(text=text, usage=spend.usage())
            return Utterance(text=scripted(), usage=spend.usage(fallback=True), raw="")
        reply = await self._decide(messages, schema, seed, spend)
        raw = "\n---\n".join(spend.raws) or None
        if reply is None:
            return Utterance(text=scripted(), usage=spend.usage(fallback=True), raw=raw)
        act = reply.debtor_act() if isinstance(reply, DebtorReply) else reply.act
        return Utterance(
            text=reply.text.strip(),
            act=act,
            offer=reply.offer,
            usage=spend.usage(repaired=bool(spend.raws)),
            raw=raw,
        )

    async def acomplete_json(self, messages: list[Message], schema: type[M]) -> tuple[M, Usage]:
        spend = Spend()
        reply = await self._decide(list(messages), schema, self.seed, spend)
        if reply is None:
            raise BackendError(
                f"{self.where}: no valid {schema.__name__} after one repair: {spend.raws[-1][:200]!r}"
            )
        return reply, spend.usage(repaired=bool(spend.raws))

    def collector_turn(self, view: CollectorView, move: CollectorMove, rng: np.random.Generator) -> Utterance:
        return self._sync.run(self.acollector_turn(view, move, rng))

    def debtor_turn(self, view: DebtorView, move: DebtorMove, rng: np.random.Generator) -> Utterance:
        return self._sync.run(self.adebtor_turn(view, move, rng))

    def complete_json(self, messages: list[Message], schema: type[M]) -> tuple[M, Usage]:
        return self._sync.run(self.acomplete_json(messages, schema))

"""`llm=openai`: any OpenAI-compatible server (vLLM, llama.cpp, a hosted API) via langchain-openai.

Speak mode: the policy's move and the role's card go into the prompt and the
model only words it. Decide-and-speak mode: the model returns act, offer and
text as structured output (a forced tool call, JSON mode, or a server-side
schema, as configured), validated by pydantic; one repair attempt feeds the
validation error back; after that the turn falls back to the policy's move
in scripted words, counted in `usage.fallback` with the raw reply kept. A
server that keeps failing raises BackendError, which ends that dialogue with
termination `error`. The API key is read from the environment when a client
is built and is never stored on the backend.
"""

from __future__ import annotations

import asyncio
import json
import time
import weakref
from dataclasses import dataclass, field

import httpx
import numpy as np
from langchain_core.messages import AIMessage
from langchain_openai import ChatOpenAI
from pydantic import BaseModel

from scenarios.strategies import CollectorMove
from simulator.agents.debtor_policy import DebtorMove
from simulator.llm.base import AgentMode, Backend, BackendError, BackendName, Utterance
from simulator.llm.endpoint import LoopThread, call_with_retries
from simulator.llm.prompt_book import Message, PromptBook
from simulator.llm.replies import CollectorReply, DebtorReply, M, ReplyInvalid, parse_reply
from simulator.llm.settings import EndpointSettings, StructuredMethod, TokenLimitField, parse_settings
from simulator.transcript import Usage
from simulator.views import CollectorView, DebtorView

SEED_RANGE = 2**31 - 1


@dataclass(slots=True)
class Spend:
    """Tokens and seconds a turn cost, summed over its attempts."""

    prompt_tokens: int = 0
    completion_tokens: int = 0
    latency_s: float = 0.0
    raws: list[str] = field(default_factory=list)

    def add(self, message: AIMessage, seconds: float) -> None:
        meta = message.usage_metadata or {}
        self.prompt_tokens += int(meta.get("input_tokens", 0))
        self.completion_tokens += int(meta.get("output_tokens", 0))
        self.latency_s += seconds

    def usage(self, *, repaired: bool = False, fallback: bool = False) -> Usage:
        return Usage(
            prompt_tokens=self.prompt_tokens,
            completion_tokens=self.completion_tokens,
            latency_s=round(self.latency_s, 4),
            repaired=repaired,
            fallback=fallback,
        )


def reply_text(message: AIMessage) -> str:
    """The structured part of a reply: the first tool call's arguments, else the content."""
    if message.tool_calls:
        return json.dumps(message.tool_calls[0]["args"], ensure_ascii=False)
    if message.invalid_tool_calls:
        return message.invalid_tool_calls[0].get("args") or ""
    return message.content if isinstance(message.content, str) else json.dumps(message.content)


def turn_seed(rng: np.random.Generator) -> int:
    """A request seed from the turn's Generator without advancing its stream."""
    return int(rng.spawn(1)[0].integers(SEED_RANGE))


class OpenAICompatBackend(Backend):
    name = BackendName.OPENAI

    def __init__(
        self,
        settings: EndpointSettings,
        language: str,
        collector_mode: AgentMode,
        debtor_mode: AgentMode,
        owned: object | None = None,
    ) -> None:
        settings.api_key()  # fail now, not at the first turn, when the key is missing
        self.settings, self.language = settings, language
        self.modes = {"collector": collector_mode, "debtor": debtor_mode}
        self.book = PromptBook.load(language)
        self._owned = owned  # a server this backend started and must stop
        self._clients: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, ChatOpenAI] = (
            weakref.WeakKeyDictionary()
        )
        self._sync = LoopThread()
        self._scripted = None

    @classmethod
    def from_config(cls, config, language: str, **overrides) -> OpenAICompatBackend:
        settings = parse_settings(EndpointSettings, {**config.settings, **overrides})
        return cls(settings, language, config.collector_mode, config.debtor_mode)

    def _client(self) -> ChatOpenAI:
        """One client per event loop: an httpx client must not outlive the loop it was used in."""
        loop = asyncio.get_running_loop()
        if loop not in self._clients:
            s = self.settings
            limit = {"extra_body": {"max_tokens": s.max_tokens}}
            if s.token_limit_field is TokenLimitField.MAX_COMPLETION_TOKENS:
                limit = {"max_tokens": s.max_tokens}
            http = httpx.AsyncClient(
                timeout=s.timeout, limits=httpx.Limits(max_connections=2 * s.concurrency)
            )
            self._clients[loop] = ChatOpenAI(
                base_url=s.base_url,
                api_key=s.api_key(),
                model=s.model,
                temperature=s.temperature,
                timeout=s.timeout,
                max_retries=0,
                http_async_client=http,
                **limit,
            )
        return self._clients[loop]

    def _structured(self, client: ChatOpenAI, schema: type[BaseModel]):
        method = self.settings.structured
        if method is StructuredMethod.FUNCTION_CALLING:
            return client.bind_tools([schema], tool_choice=schema.__name__)
        if method is StructuredMethod.JSON_MODE:
            return client.bind(response_format={"type": "json_object"})
        spec = {"name": schema.__name__, "schema": schema.model_json_schema()}
        return client.bind(response_format={"type": "json_schema", "json_schema": spec})

    async def _ask(self, messages: list[Message], seed: int, spend: Spend, schema=None) -> AIMessage:
        async def once() -> AIMessage:
            client = self._client()
            runnable = client if schema is None else self._structured(client, schema)
            start = time.perf_counter()
            message = await runnable.ainvoke(messages, seed=seed)
            spend.add(message, time.perf_counter() - start)
            return message

        return await call_with_retries(self.settings, once)

    async def _decide(self, messages: list[Message], schema: type[M], seed: int, spend: Spend) -> M | None:
        """The validated reply, after at most one repair; None when both attempts fail."""
        for attempt in range(2):
            raw = reply_text(await self._ask(messages, seed + attempt, spend, schema))
            try:
                return parse_reply(raw, schema)
            except ReplyInvalid as exc:
                spend.raws.append(raw)
                messages = [*messages, self.book.repair(str(exc), raw)]
        return None

    async def _speak(self, messages: list[Message], seed: int, spend: Spend) -> str:
        message = await self._ask(messages, seed, spend)
        return reply_text(message).strip().strip('"').strip()

    def _fallback(self):
        if self._scripted is None:
            from simulator.llm.scripted import ScriptedBackend

            self._scripted = ScriptedBackend(self.language)
        return self._scripted

    async def acollector_turn(
        self, view: CollectorView, move: CollectorMove, rng: np.random.Generator
    ) -> Utterance:
        mode, s = self.modes["collector"], self.settings
        messages = self.book.collector_messages(view, move, mode, s.structured, s.history_lines)
        return await self._turn(
            messages, mode, CollectorReply, rng, lambda: self._fallback().collector_turn(view, move, rng).text
        )

    async def adebtor_turn(self, view: DebtorView, move: DebtorMove, rng: np.random.Generator) -> Utterance:
        mode, s = self.modes["debtor"], self.settings
        messages = self.book.debtor_messages(view, move, mode, s.structured, s.history_lines)
        return await self._turn(
            messages, mode, DebtorReply, rng, lambda: self._fallback().debtor_turn(view, move, rng).text
        )

    async def _turn(self, messages, mode: AgentMode, schema, rng, scripted) -> Utterance:
        spend, seed = Spend(), turn_seed(rng)
        if mode is AgentMode.SPEAK:
            text = await self._speak(messages, seed, spend)
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
        reply = await self._decide(list(messages), schema, self.settings.seed, spend)
        if reply is None:
            raise BackendError(
                f"{self.settings.base_url}: no valid {schema.__name__} after one repair: "
                f"{spend.raws[-1][:200]!r}"
            )
        return reply, spend.usage(repaired=bool(spend.raws))

    def collector_turn(self, view: CollectorView, move: CollectorMove, rng: np.random.Generator) -> Utterance:
        return self._sync.run(self.acollector_turn(view, move, rng))

    def debtor_turn(self, view: DebtorView, move: DebtorMove, rng: np.random.Generator) -> Utterance:
        return self._sync.run(self.adebtor_turn(view, move, rng))

    def complete_json(self, messages: list[Message], schema: type[M]) -> tuple[M, Usage]:
        return self._sync.run(self.acomplete_json(messages, schema))

    def close(self) -> None:
        async def close_clients() -> None:
            loop = asyncio.get_running_loop()
            client = self._clients.pop(loop, None)
            if client is not None and client.http_async_client is not None:
                await client.http_async_client.aclose()

        self._sync.stop(close_clients)
        if self._owned is not None:
            self._owned.stop()
            self._owned = None

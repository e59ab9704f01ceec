"""`llm=openai`: any OpenAI-compatible server (vLLM, llama.cpp, a hosted API) via langchain-openai.

How turns are prompted, validated, repaired and replaced by a fallback is
shared with the in-process engines (`chat_backend`); this module says how one
chat reaches a server: structured output as a forced tool call, JSON mode, or
a server-side schema, as configured; every request under the endpoint's gate
with bounded retries (`endpoint`). A server that keeps failing raises
BackendError, which ends that dialogue with termination `error`. The API key
is read from the environment when a client is built and is never stored on
the backend.
"""

from __future__ import annotations

import asyncio
import json
import time
import weakref

import httpx
import openai
from langchain_core.messages import AIMessage
from langchain_openai import ChatOpenAI
from pydantic import BaseModel

from simulator.llm.backend_settings import EndpointSettings, StructuredMethod, TokenLimitField, parse_settings
from simulator.llm.base import AgentMode, BackendError, BackendName
from simulator.llm.chat_backend import ChatBackend, Spend, turn_seed
from simulator.llm.endpoint import call_with_retries
from simulator.llm.prompt_book import Message

__all__ = ["OpenAICompatBackend", "reply_text", "turn_seed"]


def truncated_message(completion) -> AIMessage:
    """The words of a completion the server stopped at its length limit, with their token counts."""
    usage = completion.usage
    tokens = {
        "input_tokens": usage.prompt_tokens if usage else 0,
        "output_tokens": usage.completion_tokens if usage else 0,
    }
    tokens["total_tokens"] = tokens["input_tokens"] + tokens["output_tokens"]
    return AIMessage(content=completion.choices[0].message.content or "", usage_metadata=tokens)


def reply_text(message: AIMessage) -> str:
    """The structured part of a reply: the first tool call's arguments, else the content."""
    if message.tool_calls:
        return json.dumps(message.tool_calls[0]["args"], ensure_ascii=False)
    if message.invalid_tool_calls:
        return message.invalid_tool_calls[0].get("args") or ""
    return message.content if isinstance(message.content, str) else json.dumps(message.content)


def check_reachable(settings: EndpointSettings) -> None:
    """Fail before the first dialogue when nothing answers at `base_url`.

    Any HTTP answer counts (a hosted API may refuse an unauthenticated `/models`); only a
    refused connection, an unknown host or a timeout means the URL is wrong or the server is down.
    Without this, a typo in the URL would turn every dialogue of a long run into an `error` line.
    """
    url = f"{settings.base_url.rstrip('/')}/models"
    try:
        httpx.get(url, timeout=min(settings.timeout, 10.0))
    except httpx.TransportError as exc:
        raise BackendError(f"llm.settings.base_url: cannot reach {settings.base_url} ({exc})") from None


class OpenAICompatBackend(ChatBackend):
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
        super().__init__(
            language, collector_mode, debtor_mode, settings.structured, settings.history_lines, settings.seed
        )
        self.settings = settings
        self._owned = owned  # a server this backend started and must stop
        self._clients: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, ChatOpenAI] = (
            weakref.WeakKeyDictionary()
        )

    @classmethod
    def from_config(cls, config, language: str, **overrides) -> OpenAICompatBackend:
        settings = parse_settings(EndpointSettings, {**config.settings, **overrides})
        backend = cls(settings, language, config.collector_mode, config.debtor_mode)
        check_reachable(settings)
        return backend

    @property
    def where(self) -> str:
        return self.settings.base_url

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

    async def _ask(self, messages: list[Message], seed: int, spend: Spend, schema=None) -> str:
        async def once() -> AIMessage:
            client = self._client()
            runnable = client if schema is None else self._structured(client, schema)
            start = time.perf_counter()
            try:
                message = await runnable.ainvoke(messages, seed=seed)
            except openai.LengthFinishReasonError as exc:
                # a structured reply cut at max_tokens is an invalid reply (repair, then fallback),
                # not a dead endpoint: keep its words and its cost
                message = truncated_message(exc.completion)
            meta = message.usage_metadata or {}
            spend.add(
                int(meta.get("input_tokens", 0)),
                int(meta.get("output_tokens", 0)),
                time.perf_counter() - start,
            )
            return message

        return reply_text(await call_with_retries(self.settings, once))

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

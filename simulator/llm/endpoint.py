"""Talking to one OpenAI-compatible endpoint politely: a gate, bounded retries, one loop per caller.

Every request to an endpoint passes a semaphore shared by all backends that
use that endpoint in the same event loop, so `concurrency` bounds what the
server sees, not what one backend sends. Transient failures (429, 5xx,
timeouts, dropped connections) are retried with exponential backoff and
jitter a bounded number of times; then the failure becomes a BackendError
naming the endpoint and the cause. Synchronous callers are served by a
private event loop in a thread, so the same async code answers both.
"""

from __future__ import annotations

import asyncio
import json
import threading
import weakref
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any, TypeVar

import httpx
import openai
from tenacity import AsyncRetrying, retry_if_exception, stop_after_attempt, wait_exponential_jitter

from simulator.llm.backend_settings import EndpointSettings
from simulator.llm.base import BackendError

T = TypeVar("T")
_RETRY_STATUS = frozenset({408, 409, 425, 429})
_gates: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, dict[str, asyncio.Semaphore]] = (
    weakref.WeakKeyDictionary()
)


def is_transient(exc: BaseException) -> bool:
    """Worth another try: the server was busy, slow, unreachable or sent a broken body."""
    if isinstance(exc, openai.APIStatusError):
        return exc.status_code >= 500 or exc.status_code in _RETRY_STATUS
    return isinstance(
        exc,
        openai.APIConnectionError
        | openai.APIResponseValidationError
        | httpx.TransportError
        | TimeoutError
        | json.JSONDecodeError,
    )


def gate(base_url: str, size: int) -> asyncio.Semaphore:
    """The semaphore of `base_url` in the running loop (created with `size` slots on first use)."""
    per_loop = _gates.setdefault(asyncio.get_running_loop(), {})
    return per_loop.setdefault(base_url, asyncio.Semaphore(size))


async def call_with_retries(settings: EndpointSettings, call: Callable[[], Awaitable[T]]) -> T:
    """Run `call` under the endpoint's gate, retrying transient failures with backoff and jitter."""
    retrying = AsyncRetrying(
        stop=stop_after_attempt(settings.retries + 1),
        wait=wait_exponential_jitter(
            multiplier=settings.backoff_initial, max=settings.backoff_max, jitter=settings.backoff_initial
        ),
        retry=retry_if_exception(is_transient),
        reraise=True,
    )
    attempts = 0
    try:
        async for attempt in retrying:
            with attempt:
                attempts += 1
                async with gate(settings.base_url, settings.concurrency):
                    return await call()
    except Exception as exc:
        if is_transient(exc):
            cause = f"{type(exc).__name__}: {exc}"
            raise BackendError(f"{settings.base_url}: {cause} (gave up after {attempts} attempts)") from exc
        raise
    raise AssertionError("unreachable: tenacity either returns or raises")


class LoopThread:
    """A private event loop in a daemon thread, so synchronous callers reuse async clients."""

    def __init__(self) -> None:
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def run(self, coro: Coroutine[Any, Any, T]) -> T:
        with self._lock:
            if self._loop is None:
                self._loop = asyncio.new_event_loop()
                self._thread = threading.Thread(target=self._loop.run_forever, name="llm-sync", daemon=True)
                self._thread.start()
        return asyncio.run_coroutine_threadsafe(coro, self._loop).result()

    def stop(self, last: Callable[[], Awaitable[None]] | None = None) -> None:
        """Run `last` (closing clients) on the loop, then stop it."""
        if self._loop is None:
            return
        if last is not None:
            asyncio.run_coroutine_threadsafe(last(), self._loop).result(timeout=10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        if self._thread is not None:
            self._thread.join(timeout=10)
        self._loop.close()
        self._loop = self._thread = None

"""One model call per dialogue step: the turns of every open dialogue go out together.

In-process engines (vLLM's `LLM`, a transformers model) are fastest when they
get many prompts at once, but each dialogue asks for one turn at a time. The
batcher collects the requests of the dialogues running on one event loop and
sends them as one batch when every open dialogue is waiting on it (a barrier),
when the batch is full, or when no new request has arrived for `max_wait_s`
(so a dialogue that waits on something else cannot stall the others). The
batch layer opens a `session` around each dialogue, which is how the batcher
knows how many to wait for; a caller outside any session is served alone.

The engine call runs in a worker thread, so the loop stays free while the
model works. A failed call fails every request of its batch with a
`BackendError`; the batcher itself keeps serving.
"""

from __future__ import annotations

import asyncio
import contextlib
import weakref
from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from simulator.llm.base import BackendError

Request = TypeVar("Request")
Result = TypeVar("Result")


@dataclass(slots=True)
class _Waiting(Generic[Request, Result]):
    request: Request
    future: asyncio.Future[Result]


@dataclass
class TurnBatcher(Generic[Request, Result]):
    """Batches requests from concurrent dialogues on one loop into calls of `run_batch`."""

    run_batch: Callable[[Sequence[Request]], Sequence[Result]]
    max_size: int = 256
    max_wait_s: float = 0.25
    label: str = "engine"
    calls: int = 0
    sizes: list[int] = field(default_factory=list)
    _open: int = 0
    _waiting: list[_Waiting] = field(default_factory=list)
    _wake: asyncio.Event | None = None
    _task: asyncio.Task | None = None

    @contextlib.asynccontextmanager
    async def session(self) -> AsyncIterator[None]:
        """Held around one dialogue: the barrier waits for every open session."""
        self._open += 1
        try:
            yield
        finally:
            self._open -= 1
            self._poke()

    async def submit(self, request: Request) -> Result:
        loop = asyncio.get_running_loop()
        if self._task is None:
            self._wake = asyncio.Event()
            self._task = loop.create_task(self._serve(), name=f"{self.label}-batcher")
        future: asyncio.Future[Result] = loop.create_future()
        self._waiting.append(_Waiting(request, future))
        self._poke()
        return await future

    def _poke(self) -> None:
        if self._wake is not None:
            self._wake.set()

    def _full(self) -> bool:
        return len(self._waiting) >= min(max(self._open, 1), self.max_size)

    async def _gather(self) -> list[_Waiting]:
        """Wait for the barrier (or a quiet spell), then take at most `max_size` requests."""
        assert self._wake is not None
        while not self._waiting:
            self._wake.clear()
            await self._wake.wait()
        while not self._full():
            self._wake.clear()
            try:
                await asyncio.wait_for(self._wake.wait(), self.max_wait_s)
            except TimeoutError:
                break
        batch, self._waiting = self._waiting[: self.max_size], self._waiting[self.max_size :]
        return batch

    async def _serve(self) -> None:
        while True:
            batch = await self._gather()
            self.calls += 1
            self.sizes.append(len(batch))
            try:
                results = await asyncio.to_thread(self.run_batch, [w.request for w in batch])
                if len(results) != len(batch):
                    raise RuntimeError(f"{len(results)} results for {len(batch)} requests")
            except Exception as exc:  # every waiting turn learns of the failure
                error = BackendError(f"{self.label} call failed: {type(exc).__name__}: {exc}")
                for waiting in batch:
                    if not waiting.future.done():
                        waiting.future.set_exception(error)
                continue
            for waiting, result in zip(batch, results, strict=True):
                if not waiting.future.done():
                    waiting.future.set_result(result)

    def stop(self) -> None:
        """Cancel the serving task from any thread; a loop that already closed took it down itself."""
        task, self._task = self._task, None
        if task is not None and not task.done() and not task.get_loop().is_closed():
            task.get_loop().call_soon_threadsafe(task.cancel)


class LoopBatchers(Generic[Request, Result]):
    """One batcher per event loop: a batcher's task and futures belong to the loop that made them."""

    def __init__(self, make: Callable[[], TurnBatcher[Request, Result]]) -> None:
        self._make = make
        self.sizes: list[int] = []
        """Requests per engine call so far, over every loop this holder served."""
        self._by_loop: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, TurnBatcher] = (
            weakref.WeakKeyDictionary()
        )

    def current(self) -> TurnBatcher[Request, Result]:
        loop = asyncio.get_running_loop()
        if loop not in self._by_loop:
            batcher = self._make()
            batcher.sizes = self.sizes
            self._by_loop[loop] = batcher
        return self._by_loop[loop]

    def session(self) -> contextlib.AbstractAsyncContextManager[None]:
        return self.current().session()

    async def submit(self, request: Request) -> Result:
        return await self.current().submit(request)

    def stop(self) -> None:
        for batcher in self._by_loop.values():
            batcher.stop()
        self._by_loop.clear()

"""The batch layer for network backends: many dialogues in flight on one event loop.

Same contract as `runner.simulate`'s synchronous path: each finished transcript is appended to
`transcripts.jsonl` as one line the moment it completes (in completion order),
ids already in the file are skipped (resume), and a dialogue that raises
(a server that stayed down after its retries) is written with termination
`error` and its cause, so every planned dialogue is accounted for. How many
requests reach a server at once is bounded per endpoint by the backend; this
module bounds how many dialogues are open.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from tqdm import tqdm

from simulator.backends import make_backend
from simulator.config import RunConfig
from simulator.graph import build_async_graph
from simulator.llm.base import Backend
from simulator.shard import arun_keeping_turns, dialogue_context, failed_transcript, pending
from simulator.store import TRANSCRIPTS
from simulator.tally import Tally, tally_file
from simulator.transcript import Transcript

DEFAULT_OPEN = 16
"""Dialogues open at once when the backend settings name no concurrency."""


def open_dialogues(config: RunConfig) -> int:
    """Twice the endpoint's request concurrency: a dialogue spends part of its time between requests."""
    concurrency = config.llm.settings.get("concurrency")
    return 2 * int(concurrency) if concurrency else DEFAULT_OPEN


async def run_one(config: RunConfig, graph, backend: Backend, index: int, run_id: str) -> Transcript:
    ctx, cell = dialogue_context(config, config.grid().cells(), index, backend)
    try:
        async with backend.session():
            return await arun_keeping_turns(graph, ctx, run_id, cell, config.llm)
    except Exception as exc:  # a failed dialogue is recorded with the turns it completed, never lost
        return failed_transcript(ctx, cell, run_id, exc, config.llm)


async def simulate_async(
    config: RunConfig,
    out: Path,
    backend: Backend,
    shard: tuple[int, int] = (0, 1),
    progress: bool = True,
    max_open: int | None = None,
) -> Tally:
    """Run every not-yet-finished dialogue of the shard concurrently, appending each as it ends."""
    todo = pending(config, out, shard)
    indices = iter(todo)  # shared by the workers: each index is taken exactly once
    graph, run_id = build_async_graph(), config.run_id()
    bar = tqdm(total=len(todo), desc="dialogues", unit="dlg", disable=not progress, file=sys.stderr)
    with (out / TRANSCRIPTS).open("a", encoding="utf-8") as f:

        async def worker() -> None:
            for index in indices:
                transcript = await run_one(config, graph, backend, index, run_id)
                f.write(transcript.model_dump_json() + "\n")
                f.flush()
                bar.update()

        try:
            await asyncio.gather(*(worker() for _ in range(max_open or open_dialogues(config))))
        finally:
            bar.close()
    return tally_file(out / TRANSCRIPTS)


def simulate_concurrently(
    config: RunConfig, out: Path, shard: tuple[int, int] = (0, 1), progress: bool = True
) -> Tally:
    """`runner.simulate` for network backends: build the backend, run the loop, always close it."""
    backend = make_backend(config.llm, str(config.language))
    try:
        return asyncio.run(simulate_async(config, out, backend, shard, progress))
    finally:
        backend.close()

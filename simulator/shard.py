"""A shard of a run: which of its dialogue indices are still to run, and how one index becomes a line.

Both executors build on this — the synchronous loop (`run_indices`, also what a Ray
task runs) and the asyncio one (`simulator.batch`) — so a dialogue's line is the same
whichever ran it. No file is written here; the runner appends the lines.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from simulator.backends import make_backend
from simulator.config import LLMConfig, RunConfig
from simulator.context import DialogueContext
from simulator.dialogue import build_context, dialogue_id, invocation, plan_dialogue, to_transcript
from simulator.errors import scrub
from simulator.graph import build_graph
from simulator.replay import replay_context, replay_size
from simulator.store import TRANSCRIPTS, completed_ids
from simulator.transcript import Termination, Transcript


def known_secrets(llm: LLMConfig | None) -> tuple[str, ...]:
    """The api key's value, when the settings name its variable: masked wherever it shows up."""
    name = llm.settings.get("api_key_env") if llm is not None else None
    value = os.environ.get(name) if isinstance(name, str) else None
    return (value,) if value else ()


def error_transcript(
    ctx: DialogueContext,
    cell: str,
    run_id: str,
    exc: BaseException,
    llm: LLMConfig | None = None,
    turns: list | None = None,
) -> Transcript:
    """A failed dialogue's line: the turns it completed, the turn that failed, the cause (no secret)."""
    kept = list(turns or [])
    message = scrub(" ".join(str(exc).split()), known_secrets(llm))
    state = {
        "turns": kept,
        "termination": Termination.ERROR,
        "agreement": None,
        "error": f"{type(exc).__name__}: {message}",
    }
    failed = to_transcript(ctx, state, run_id, cell, llm)
    return failed.model_copy(update={"error_turn": len(kept), "error_class": type(exc).__name__})


class DialogueFailed(Exception):
    """A dialogue raised: its cause and the turns it had completed (read from the graph's last state)."""

    def __init__(self, cause: Exception, turns: list) -> None:
        super().__init__(str(cause))
        self.cause, self.turns = cause, turns


def run_keeping_turns(
    graph, ctx: DialogueContext, run_id: str, cell: str, llm: LLMConfig | None
) -> Transcript:
    """`run_dialogue`, streaming the graph's states (what `invoke` does inside) to keep the last one.

    The final state is the same as `invoke`'s, so a finished line is byte-identical; a failure
    raises `DialogueFailed` with the turns completed before it.
    """
    state: dict = {"turns": []}
    try:
        for chunk in graph.stream(**invocation(ctx), stream_mode="values"):
            state = chunk
    except Exception as exc:
        raise DialogueFailed(exc, state.get("turns") or []) from exc
    return to_transcript(ctx, state, run_id, cell, llm)


async def arun_keeping_turns(
    graph, ctx: DialogueContext, run_id: str, cell: str, llm: LLMConfig | None
) -> Transcript:
    """`run_keeping_turns` on the async graph."""
    state: dict = {"turns": []}
    try:
        async for chunk in graph.astream(**invocation(ctx), stream_mode="values"):
            state = chunk
    except Exception as exc:
        raise DialogueFailed(exc, state.get("turns") or []) from exc
    return to_transcript(ctx, state, run_id, cell, llm)


def failed_transcript(ctx: DialogueContext, cell: str, run_id: str, exc: Exception, llm) -> Transcript:
    """The error line for whatever a dialogue raised, with its completed turns when known."""
    if isinstance(exc, DialogueFailed):
        return error_transcript(ctx, cell, run_id, exc.cause, llm, exc.turns)
    return error_transcript(ctx, cell, run_id, exc, llm)


def dialogue_context(config: RunConfig, cells: list, index: int, backend) -> tuple[DialogueContext, str]:
    """Dialogue `index`'s context and cell key: sampled, or a stored scenario when replaying."""
    if config.replay is not None:
        return replay_context(config, index, backend)
    plan = plan_dialogue(config, cells, index)
    return build_context(config, plan, backend), plan.cell.key


def pending(config: RunConfig, out: Path, shard: tuple[int, int] = (0, 1)) -> list[int]:
    """Indices of this shard not yet in the transcripts file."""
    done = completed_ids(out / TRANSCRIPTS)
    part, parts = shard
    total = config.n_dialogues if config.replay is None else replay_size(config)
    return [i for i in range(part, total, parts) if dialogue_id(config, i) not in done]


def run_indices(config: RunConfig, indices: Iterable[int]) -> Iterator[str]:
    """Simulate the given dialogues in order, yielding one JSON line each (no I/O here)."""
    backend = make_backend(config.llm, str(config.language))
    graph, cells, run_id = build_graph(), config.grid().cells(), config.run_id()
    try:
        for i in indices:
            ctx, cell = dialogue_context(config, cells, i, backend)
            try:
                transcript = run_keeping_turns(graph, ctx, run_id, cell, config.llm)
            except Exception as exc:  # a failed dialogue is recorded, never lost
                transcript = failed_transcript(ctx, cell, run_id, exc, config.llm)
            yield transcript.model_dump_json() + "\n"
    finally:
        backend.close()

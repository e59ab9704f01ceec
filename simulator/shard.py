"""A shard of a run: which of its dialogue indices are still to run, and how one index becomes a line.

Both executors build on this — the synchronous loop (`run_indices`, also what a Ray
task runs) and the asyncio one (`simulator.batch`) — so a dialogue's line is the same
whichever ran it. No file is written here; the runner appends the lines.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from simulator.backends import make_backend
from simulator.config import LLMConfig, RunConfig
from simulator.context import DialogueContext
from simulator.dialogue import build_context, dialogue_id, plan_dialogue, run_dialogue, to_transcript
from simulator.graph import build_graph
from simulator.replay import replay_context, replay_size
from simulator.store import TRANSCRIPTS, completed_ids
from simulator.transcript import Termination, Transcript


def error_transcript(
    ctx: DialogueContext, cell: str, run_id: str, exc: BaseException, llm: LLMConfig | None = None
) -> Transcript:
    state = {
        "turns": [],
        "termination": Termination.ERROR,
        "agreement": None,
        "error": f"{type(exc).__name__}: {exc}",
    }
    return to_transcript(ctx, state, run_id, cell, llm)


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
                transcript = run_dialogue(graph, ctx, run_id, cell, config.llm)
            except Exception as exc:  # a failed dialogue is recorded, never lost
                transcript = error_transcript(ctx, cell, run_id, exc, config.llm)
            yield transcript.model_dump_json() + "\n"
    finally:
        backend.close()

"""The batch layer: run many dialogues into one run directory.

Streams each finished transcript to `transcripts.jsonl` as it completes, skips
ids already there (resume), shows progress, and writes `manifest.json`
atomically at the end. A dialogue that raises is recorded with termination
`error` and its cause; the run goes on.
"""

from __future__ import annotations

import importlib.metadata as md
import json
import platform
import sys
import time
from collections.abc import Iterable
from pathlib import Path

from tqdm import tqdm

from simulator.config import ConfigError, RunConfig
from simulator.context import DialogueContext
from simulator.dialogue import Plan, build_context, dialogue_id, plan_dialogue, run_dialogue, to_transcript
from simulator.graph import build_graph
from simulator.llm import make_backend
from simulator.store import TRANSCRIPTS, completed_ids, iter_transcripts, write_atomic
from simulator.tally import Tally
from simulator.transcript import Termination, Transcript

PACKAGES = ("debtsim", "langgraph", "langchain-openai", "pydantic", "numpy", "pandas", "hydra-core")


def prepare_dir(path: Path) -> Path:
    try:
        path.mkdir(parents=True, exist_ok=True)
        probe = path / ".write-test"
        probe.write_text("")
        probe.unlink()
    except OSError as exc:
        raise ConfigError(f"output_dir: cannot write to {path} ({exc.strerror})") from None
    return path


def versions() -> dict[str, str]:
    found = {"python": platform.python_version()}
    for name in PACKAGES:
        try:
            found[name] = md.version(name)
        except md.PackageNotFoundError:
            found[name] = "absent"
    return found


def error_transcript(ctx: DialogueContext, plan: Plan, run_id: str, exc: Exception) -> Transcript:
    state = {"turns": [], "termination": Termination.ERROR, "agreement": None,
             "error": f"{type(exc).__name__}: {exc}"}
    return to_transcript(ctx, state, run_id, plan.cell.key)


def indices(config: RunConfig, shard: tuple[int, int] = (0, 1)) -> Iterable[int]:
    part, parts = shard
    return range(part, config.n_dialogues, parts)


def simulate(config: RunConfig, out: Path, shard: tuple[int, int] = (0, 1), progress: bool = True) -> Tally:
    """Run every not-yet-finished dialogue of the shard, appending to the transcripts file."""
    path = out / TRANSCRIPTS
    done = completed_ids(path)
    backend = make_backend(config.llm.backend, str(config.language), config.llm.settings)
    graph, cells, tally = build_graph(), config.grid().cells(), Tally()
    todo = [i for i in indices(config, shard) if dialogue_id(config, i) not in done]
    run_id = config.run_id()
    try:
        with path.open("a", encoding="utf-8") as f:
            for i in tqdm(todo, desc="dialogues", unit="dlg", disable=not progress, file=sys.stderr):
                plan = plan_dialogue(config, cells, i)
                ctx = build_context(config, plan, backend)
                try:
                    transcript = run_dialogue(graph, ctx, run_id, plan.cell.key)
                except Exception as exc:  # a failed dialogue is recorded, never lost
                    transcript = error_transcript(ctx, plan, run_id, exc)
                f.write(transcript.model_dump_json() + "\n")
                f.flush()
                tally.add(transcript)
    finally:
        backend.close()
    if done:
        tally = Tally()
        for transcript in iter_transcripts(path):
            tally.add(transcript)
    return tally


def write_manifest(out: Path, config: RunConfig, tally: Tally, timings: dict[str, float], **extra) -> dict:
    manifest = {
        "run_id": config.run_id(),
        "output_dir": str(out),
        "seed": config.seed,
        "n_dialogues": config.n_dialogues,
        "language": str(config.language),
        "versions": versions(),
        "counts": {"transcripts": tally.dialogues},
        **tally.as_dict(),
        "timings_s": {k: round(v, 3) for k, v in timings.items()},
        **extra,
    }
    write_atomic(out / "manifest.json", json.dumps(manifest, indent=2, ensure_ascii=False))
    return manifest


def run(config: RunConfig, config_yaml: str, progress: bool = True) -> dict:
    out = prepare_dir(Path(config.output_dir))
    write_atomic(out / "config.yaml", config_yaml)
    start = time.perf_counter()
    tally = simulate(config, out, progress=progress)
    timings = {"simulate": time.perf_counter() - start}
    return write_manifest(out, config, tally, timings)

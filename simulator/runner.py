"""The batch layer: run many dialogues into one run directory.

Streams each finished transcript to `transcripts.jsonl` as one line, skips ids
already there (resume), shows progress, and writes `manifest.json` atomically
at the end. A dialogue that raises is recorded with termination `error` and its
cause; the run goes on. Work is cut into dialogue indices, so the same indices
give the same lines whichever executor ran them.
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

from simulator.config import ConfigError, ExecutorKind, RunConfig
from simulator.llm import BackendName
from simulator.shard import pending, run_indices
from simulator.store import TRANSCRIPTS, stored_run_id, write_atomic
from simulator.tally import Tally, tally_file

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


def check_same_run(config: RunConfig, out: Path) -> None:
    """Refuse a run directory that holds another run's dialogues.

    Dialogue ids are `s{seed}-{index}`, so resuming into a directory written with other
    settings would skip dialogues that were never run with these. The run size is not part
    of the run id, so asking for more dialogues still continues the same run.
    """
    found = stored_run_id(out / TRANSCRIPTS)
    if found is not None and found != (wanted := config.run_id()):
        raise ConfigError(
            f"output_dir: {out} holds dialogues of run {found}, not of this run {wanted} "
            "(other settings); use another output_dir, or the same settings to resume"
        )


def versions() -> dict[str, str]:
    found = {"python": platform.python_version()}
    for name in PACKAGES:
        try:
            found[name] = md.version(name)
        except md.PackageNotFoundError:
            found[name] = "absent"
    return found


def append_lines(out: Path, lines: Iterable[str], total: int, progress: bool) -> None:
    with (out / TRANSCRIPTS).open("a", encoding="utf-8") as f:
        bar = tqdm(total=total, desc="dialogues", unit="dlg", disable=not progress, file=sys.stderr)
        for line in lines:
            f.write(line)
            f.flush()
            bar.update(1)
        bar.close()


def simulate(config: RunConfig, out: Path, shard: tuple[int, int] = (0, 1), progress: bool = True) -> Tally:
    """Run every not-yet-finished dialogue of the shard, then count the whole file.

    The scripted backend runs synchronously (no event loop to pay for); model backends run
    dialogues concurrently on asyncio (simulator.batch), bounded per endpoint.
    """
    if config.llm.backend is not BackendName.SCRIPTED and config.executor.kind is ExecutorKind.LOCAL:
        from simulator.batch import simulate_concurrently

        return simulate_concurrently(config, out, shard, progress)
    todo = pending(config, out, shard)
    if config.executor.kind is ExecutorKind.RAY:
        from simulator.ray_executor import ray_lines

        lines = ray_lines(config, todo)
    else:
        lines = run_indices(config, todo)
    append_lines(out, lines, len(todo), progress)
    return tally_file(out / TRANSCRIPTS)


def write_manifest(out: Path, config: RunConfig, tally: Tally, timings: dict[str, float], **extra) -> dict:
    manifest = {
        "run_id": config.run_id(),
        "output_dir": str(out),
        "seed": config.seed,
        "n_dialogues": config.n_dialogues,
        "language": str(config.language),
        "executor": str(config.executor.kind),
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
    check_same_run(config, out)  # before anything is written: another run's files stay as they were
    write_atomic(out / "config.yaml", config_yaml)
    start = time.perf_counter()
    tally = simulate(config, out, progress=progress)
    timings = {"simulate": time.perf_counter() - start}
    return write_manifest(out, config, tally, timings)

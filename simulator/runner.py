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
from simulator.errors import TooManyErrors
from simulator.llm import BackendName
from simulator.shard import pending, run_indices
from simulator.store import TRANSCRIPTS, drop_errors, stored_run_id, write_atomic
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


def retries_before(out: Path) -> int:
    """Errored dialogues retried by earlier invocations of this run (from its last manifest)."""
    try:
        found = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["failures"]["retried_total"]
    except (OSError, ValueError, KeyError, TypeError):
        return 0
    return found if isinstance(found, int) else 0


def run(config: RunConfig, config_yaml: str, progress: bool = True) -> dict:
    out = prepare_dir(Path(config.output_dir))
    check_same_run(config, out)  # before anything is written: another run's files stay as they were
    write_atomic(out / "config.yaml", config_yaml)
    earlier = retries_before(out)
    retried = drop_errors(out / TRANSCRIPTS) if config.retry_errors else []  # pending again
    start = time.perf_counter()
    tally = simulate(config, out, progress=progress)
    timings = {"simulate": time.perf_counter() - start}
    failures = tally.failures(len(retried)) | {"retried_total": earlier + len(retried)}
    return write_manifest(out, config, tally, timings, failures=failures)


SHOWN_IDS = 3
"""Errored dialogue ids the one-line summary names; the manifest lists the first 50."""
SHOWN_ERROR_CHARS = 240


def check_errors(manifest: dict, max_share: float) -> None:
    """End the run with one line when more than `max_share` of its dialogues errored.

    The line gives the count, the first ids and the last error (already scrubbed of secrets
    when the transcript was written); the directory stays resumable and a rerun retries them.
    """
    total = manifest.get("counts", {}).get("transcripts", 0)
    failures = manifest.get("failures") or {}
    errored = failures.get("errored", manifest.get("terminations", {}).get("error", 0))
    if not errored or errored <= max_share * total:
        return
    ids = failures.get("ids") or []
    shown = ", ".join(ids[:SHOWN_IDS]) + (", ..." if errored > len(ids[:SHOWN_IDS]) else "")
    last = " ".join(str(failures.get("last_error") or "unknown").split())
    if len(last) > SHOWN_ERROR_CHARS:
        last = last[: SHOWN_ERROR_CHARS - 3] + "..."
    raise TooManyErrors(
        f"{errored} of {total} dialogues errored ({errored / max(total, 1):.1%} > max_error_share "
        f"{max_share:g}): {shown}; last error: {last}; rerun the same command to retry them"
    )

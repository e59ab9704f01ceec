"""Append-only transcript storage that survives being killed.

One JSON line per finished dialogue, keyed by dialogue id. On open, a partial
last line (from a killed writer) is cut off and the ids already present are
returned, so a restarted run skips them: nothing lost, nothing duplicated.
Final files are written to a temporary name and renamed into place.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

from simulator.transcript import Transcript

TRANSCRIPTS = "transcripts.jsonl"


def repair_tail(path: Path) -> None:
    """Cut a trailing partial line left by a writer that died mid-write."""
    if not path.exists() or path.stat().st_size == 0:
        return
    with path.open("rb+") as f:
        f.seek(0, os.SEEK_END)
        size = f.tell()
        back = min(size, 1 << 20)
        while True:
            f.seek(size - back)
            chunk = f.read(back)
            cut = chunk.rfind(b"\n")
            if cut >= 0 or back == size:
                break
            back = min(size, back * 2)
        keep = size - back + cut + 1 if cut >= 0 else 0
        if keep != size:
            f.truncate(keep)


def completed_ids(path: Path) -> set[str]:
    repair_tail(path)
    if not path.exists():
        return set()
    ids: set[str] = set()
    with path.open("rb") as f:
        for line in f:
            start = line.find(b'"dialogue_id":"') + 15
            ids.add(line[start : line.index(b'"', start)].decode())
    return ids


def iter_transcripts(path: Path) -> Iterator[Transcript]:
    """Stream transcripts back one at a time; memory stays flat in run size."""
    with path.open("rb") as f:
        for line in f:
            if line.strip():
                yield Transcript.model_validate_json(line)


def iter_records(path: Path) -> Iterator[dict]:
    with path.open("rb") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


def write_atomic(path: Path, data: str | bytes) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    mode = "wb" if isinstance(data, bytes) else "w"
    with tmp.open(mode, **({} if isinstance(data, bytes) else {"encoding": "utf-8"})) as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)

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

from simulator.errors import DebtsimError
from simulator.transcript import Transcript

TRANSCRIPTS = "transcripts.jsonl"
ID_FIELD = b'"dialogue_id":"'


class StoreError(DebtsimError):
    """A transcripts file holds a line that is not a transcript; names the file and line."""


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


def _line_id(path: Path, number: int, line: bytes) -> str:
    """The dialogue id of one line: found by bytes in our compact JSON, parsed otherwise."""
    start = line.find(ID_FIELD)
    if start >= 0:
        start += len(ID_FIELD)
        end = line.find(b'"', start)
        if end > start:
            return line[start:end].decode()
    try:
        found = json.loads(line).get("dialogue_id")
    except (ValueError, AttributeError):
        found = None
    if not isinstance(found, str):
        raise StoreError(f"{path}:{number}: not a transcript line (no dialogue_id); fix or remove it")
    return found


def completed_ids(path: Path) -> set[str]:
    """Ids already in the file (a partial last line is cut off first); blank lines are skipped."""
    repair_tail(path)
    if not path.exists():
        return set()
    ids: set[str] = set()
    with path.open("rb") as f:
        for number, line in enumerate(f, start=1):
            if line.strip():
                ids.add(_line_id(path, number, line))
    return ids


def stored_run_id(path: Path) -> str | None:
    """The run id of the file's first whole line; None for a missing, empty or unreadable start."""
    if not path.exists():
        return None
    with path.open("rb") as f:
        for line in f:
            if not line.strip():
                continue
            if not line.endswith(b"\n"):
                return None  # a partial line from a killed writer: resume cuts it off
            try:
                found = json.loads(line).get("run_id")
            except (ValueError, AttributeError):
                return None
            return found if isinstance(found, str) else None
    return None


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

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

from pydantic import BaseModel, ConfigDict, ValidationError

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


class BadLine(BaseModel):
    """A line of a transcripts file that is not a transcript: where, and why in one phrase."""

    model_config = ConfigDict(frozen=True)

    line: int
    reason: str


def why_invalid(exc: ValidationError) -> str:
    """One phrase for a failed line: invalid JSON, or the fields that are missing or wrong."""
    errors = exc.errors(include_url=False, include_input=False)
    if any(e["type"] == "json_invalid" for e in errors):
        return "invalid JSON"
    missing = [".".join(str(p) for p in e["loc"]) for e in errors if e["type"] == "missing"]
    if missing:
        return f"missing field{'s' if len(missing) > 1 else ''} {', '.join(missing[:3])}"
    first = errors[0]
    return f"bad value in {'.'.join(str(p) for p in first['loc']) or 'the line'}: {first['msg']}"


def iter_transcripts(path: Path, bad: list[BadLine] | None = None) -> Iterator[Transcript]:
    """Stream transcripts back one at a time; memory stays flat in run size.

    A line that is not a transcript stops the reader with one line naming the file,
    the line number and the field (`StoreError`), or, when the caller passes `bad`,
    is recorded there and skipped: a damaged file is reported, never a traceback.
    """
    with path.open("rb") as f:
        for number, line in enumerate(f, start=1):
            if not line.strip():
                continue
            try:
                yield Transcript.model_validate_json(line)
            except ValidationError as exc:
                reason = why_invalid(exc) + ("" if line.endswith(b"\n") else " (a torn last line)")
                if bad is None:
                    raise StoreError(f"{path}:{number}: {reason}") from None
                bad.append(BadLine(line=number, reason=reason))


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


ERROR_MARKS = (b'"termination":"error"', b'"termination": "error"')


def _is_error_line(line: bytes) -> bool:
    """An errored dialogue's line: found by bytes in our compact JSON, confirmed by parsing."""
    if not any(mark in line for mark in ERROR_MARKS):
        return False
    try:
        record = json.loads(line)
    except ValueError:
        return False
    return isinstance(record, dict) and record.get("termination") == "error"


def drop_errors(path: Path) -> list[str]:
    """Remove errored dialogues' lines so a rerun retries them; returns their ids.

    Written to a temporary file and renamed into place, every other line byte for byte as it
    was, so a kill at any moment leaves either the old file or the new one. Nothing is
    rewritten when no line errored.
    """
    repair_tail(path)
    if not path.exists():
        return []
    dropped: list[str] = []
    with path.open("rb") as f:
        for number, line in enumerate(f, start=1):
            if line.strip() and _is_error_line(line):
                dropped.append(_line_id(path, number, line))
    if not dropped:
        return []
    tmp = path.with_name(f".{path.name}.tmp")
    with path.open("rb") as src, tmp.open("wb") as dst:
        for line in src:
            if not (line.strip() and _is_error_line(line)):
                dst.write(line)
        dst.flush()
        os.fsync(dst.fileno())
    os.replace(tmp, path)
    return dropped

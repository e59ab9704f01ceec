"""Readers for the three real-call formats: speaker-labelled JSONL, CSV (a row per turn), plain text.

Each reader returns the calls it could read and a `BadRow` for every line it
could not, with the line number: a malformed row never silently vanishes, and
one bad row never costs the good calls around it.
"""

from __future__ import annotations

import csv
import json
import re
from collections import defaultdict
from enum import StrEnum
from pathlib import Path
from typing import Any

from debtsim.ingest.columns import ColumnMap
from debtsim.ingest.raw import BadRow, RawCall, RawTurn, speaker_of


class Format(StrEnum):
    JSONL = "jsonl"
    CSV = "csv"
    TEXT = "text"


EXTENSIONS = {
    ".jsonl": Format.JSONL,
    ".json": Format.JSONL,
    ".ndjson": Format.JSONL,
    ".csv": Format.CSV,
    ".txt": Format.TEXT,
    ".text": Format.TEXT,
}
Read = tuple[list[RawCall], list[BadRow]]


def format_of(path: Path, forced: str | None) -> Format | None:
    """The format `format=` names, else the one the extension implies (None: not a transcript file)."""
    return Format(forced) if forced else EXTENSIONS.get(path.suffix.lower())


def _start(value: Any) -> float | None:
    """Seconds from the call's start: a number, or `mm:ss` / `hh:mm:ss`; None when unreadable."""
    if isinstance(value, str) and ":" in value:
        try:
            parts = [float(x) for x in value.strip().split(":")]
        except ValueError:
            return None
        return sum(x * 60**i for i, x in enumerate(reversed(parts)))
    try:
        return None if value in (None, "") else float(value)
    except (TypeError, ValueError):
        return None


def _json_turn(item: Any, cols: ColumnMap, line: int) -> RawTurn | str:
    """One turn of a JSONL call, or why it is bad."""
    if not isinstance(item, dict):
        return "a turn is not an object"
    keys = list(item)
    who, said = cols.find("speaker", keys), cols.find("text", keys)
    if who is None or said is None:
        return "a turn has no speaker or no text"
    speaker = speaker_of(str(item[who]))
    if speaker is None:
        return f"unknown speaker {item[who]!r}"
    text = str(item[said] or "").strip()
    if not text:
        return "a turn has empty text"
    at = cols.find("start", keys)
    return RawTurn(speaker=speaker, text=text, line=line, start_s=_start(item.get(at) if at else None))


def _meta(record: dict[str, Any], cols: ColumnMap, used: set[str]) -> dict[str, Any]:
    return {k: v for k, v in record.items() if k not in used and isinstance(v, str | int | float | bool)}


def read_jsonl(path: Path, cols: ColumnMap) -> Read:
    """One call per line; a line is bad when it is not JSON, has no id or no turns, or a turn is bad."""
    calls, bad = [], []
    for number, line in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except ValueError as exc:
            bad.append(BadRow(file=path.name, line=number, reason=f"not JSON ({exc.msg})"))
            continue
        if not isinstance(record, dict):
            bad.append(BadRow(file=path.name, line=number, reason="not a JSON object"))
            continue
        for nest in ("metadata", "meta"):  # exports often nest the outcome and labels one level down
            if isinstance(record.get(nest), dict):
                record = {**record.pop(nest), **record}
        keys = list(record)
        id_key, turns_key = cols.find("call_id", keys), cols.find("turns", keys)
        call_id = str(record[id_key]).strip() if id_key and record[id_key] not in (None, "") else None
        turns_raw = record.get(turns_key) if turns_key else None
        if call_id is None or not isinstance(turns_raw, list) or not turns_raw:
            why = "no call id" if call_id is None else "no turns"
            bad.append(BadRow(file=path.name, line=number, reason=why, call_id=call_id))
            continue
        turns, problems = [], []
        for k, item in enumerate(turns_raw, start=1):
            turn = _json_turn(item, cols, number)
            (problems.append(f"turn {k}: {turn}") if isinstance(turn, str) else turns.append(turn))
        if problems or not turns:
            bad.append(
                BadRow(file=path.name, line=number, reason="; ".join(problems) or "no turns", call_id=call_id)
            )
        if not turns:
            continue
        out_key, lang_key = cols.find("outcome", keys), cols.find("language", keys)
        used = {k for k in (id_key, turns_key, out_key, lang_key) if k}
        calls.append(
            RawCall(
                call_id=call_id,
                source_file=path.name,
                line=number,
                turns=tuple(turns),
                outcome=str(record[out_key]) if out_key and record[out_key] else None,
                language=str(record[lang_key]) if lang_key and record[lang_key] else None,
                meta=_meta(record, cols, used),
            )
        )
    return calls, bad


def _csv_turn(
    row: dict[str, Any], cols: ColumnMap, keys: list[str]
) -> tuple[str, int | None, RawTurn | None, str]:
    """(call id, turn number, turn, why bad); the turn is None when the row is bad."""
    if None in row:
        return "", None, None, "more fields than the header"
    if any(v is None for v in row.values()):
        return "", None, None, "fewer fields than the header"
    get = {f: cols.find(f, keys) for f in ("call_id", "turn", "speaker", "text", "start")}
    call_id = (row.get(get["call_id"]) or "").strip() if get["call_id"] else ""
    if not call_id:
        return "", None, None, "no call id"
    number = None
    if get["turn"]:
        try:
            number = int(str(row[get["turn"]]).strip())
        except ValueError:
            return call_id, None, None, f"turn number {row[get['turn']]!r} is not a number"
    label = (row.get(get["speaker"]) or "") if get["speaker"] else ""
    speaker, text = speaker_of(label), ((row.get(get["text"]) or "") if get["text"] else "").strip()
    if speaker is None:
        return call_id, number, None, f"unknown speaker {label!r}"
    if not text:
        return call_id, number, None, "empty text"
    start = _start(row.get(get["start"])) if get["start"] else None
    return call_id, number, RawTurn(speaker=speaker, text=text, line=0, start_s=start), ""


def read_csv(path: Path, cols: ColumnMap) -> Read:
    """One row per turn, grouped by call id and ordered by turn number (file order without one)."""
    bad: list[BadRow] = []
    rows: dict[str, list[tuple[int, int, RawTurn]]] = defaultdict(list)
    extra: dict[str, dict[str, Any]] = defaultdict(dict)
    with path.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        keys = list(reader.fieldnames or [])
        out_key, cause_key = cols.find("outcome", keys), cols.find("root_cause", keys)
        lang_key = cols.find("language", keys)
        line = reader.line_num
        for row in reader:
            first, line = line + 1, reader.line_num
            call_id, number, turn, why = _csv_turn(row, cols, keys)
            if turn is None:
                bad.append(BadRow(file=path.name, line=first, reason=why, call_id=call_id or None))
                continue
            seen = [n for n, _, _ in rows[call_id]]
            if number is not None and number in seen:
                bad.append(
                    BadRow(file=path.name, line=first, reason=f"turn {number} repeated", call_id=call_id)
                )
                continue
            rows[call_id].append(
                (number if number is not None else len(seen), first, turn.model_copy(update={"line": first}))
            )
            for field, key in (("outcome", out_key), ("root_cause", cause_key), ("language", lang_key)):
                if key and (row.get(key) or "").strip():
                    extra[call_id][field] = row[key].strip()
    calls = []
    for call_id, turns in rows.items():
        ordered = sorted(turns, key=lambda t: t[0])
        meta = extra[call_id]
        calls.append(
            RawCall(
                call_id=call_id,
                source_file=path.name,
                line=min(t[1] for t in turns),
                turns=tuple(t[2] for t in ordered),
                outcome=meta.get("outcome"),
                language=meta.get("language"),
                meta={"root_cause": meta["root_cause"]} if "root_cause" in meta else {},
            )
        )
    return calls, bad


PREFIX = re.compile(r"^\s*(?:\[[^\]]*\]\s*)?(?P<label>[^:：\[\]]{1,12}?)\s*[:：]\s*(?P<text>.*)$")
HEADER = re.compile(
    r"^\s*(?:#{2,}|={2,}|-{3,})\s*(?:(?:call|通话)\s*[:：#]?\s*)?(?P<id>[\w\-.]*)\s*[=#-]*\s*$", re.I
)
META = re.compile(r"^\s*@(?P<key>\w+)\s*[:：]\s*(?P<value>.+)$")


def read_text(path: Path, cols: ColumnMap) -> Read:
    """`Agent:` / `Customer:` (坐席 / 客户) lines; `### id` starts another call, `@outcome: ...` sets metadata.

    A line without a known prefix continues the previous turn; before any turn it is a bad row.
    """
    calls: list[RawCall] = []
    bad: list[BadRow] = []
    current: dict[str, Any] = {"id": path.stem, "line": 1, "turns": [], "meta": {}}

    def close() -> None:
        if current["turns"]:
            meta = dict(current["meta"])
            calls.append(
                RawCall(
                    call_id=current["id"],
                    source_file=path.name,
                    line=current["line"],
                    turns=tuple(current["turns"]),
                    outcome=meta.pop("outcome", None),
                    language=meta.pop("language", None),
                    meta=meta,
                )
            )

    for number, line in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), start=1):
        if not line.strip():
            continue
        if header := HEADER.match(line):
            close()
            index = len(calls) + 1
            current = {"id": header["id"] or f"{path.stem}-{index}", "line": number, "turns": [], "meta": {}}
            continue
        if meta := META.match(line):
            current["meta"][meta["key"].lower()] = meta["value"].strip()
            continue
        match = PREFIX.match(line)
        speaker = speaker_of(match["label"]) if match else None
        if speaker is not None and match["text"].strip():
            current["turns"].append(RawTurn(speaker=speaker, text=match["text"].strip(), line=number))
        elif speaker is not None:
            bad.append(BadRow(file=path.name, line=number, reason="empty text", call_id=current["id"]))
        elif current["turns"]:
            last = current["turns"][-1]
            current["turns"][-1] = last.model_copy(update={"text": f"{last.text} {line.strip()}"})
        else:
            bad.append(BadRow(file=path.name, line=number, reason="no speaker prefix", call_id=current["id"]))
    close()
    return calls, bad


READERS = {Format.JSONL: read_jsonl, Format.CSV: read_csv, Format.TEXT: read_text}


def read_path(
    path: Path, forced: str | None, cols: ColumnMap
) -> tuple[list[RawCall], list[BadRow], list[str]]:
    """Every call in a file, or in every transcript file of a directory; also the files read."""
    files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    calls, bad, read = [], [], []
    for file in files:
        fmt = format_of(file, forced)
        if fmt is None:
            continue
        got, wrong = READERS[fmt](file, cols)
        calls += got
        bad += wrong
        read.append(str(file))
    return calls, bad, read

"""Training files written whole or not at all.

Each target's file is streamed to a hidden temporary name and renamed into
place only after every record was formatted, validated and written, so a
failed export (an invalid record is an error) leaves the previous files
untouched and no half-written one behind. `dataset_info.json` is written with
`simulator.store.write_atomic` once the data files are in place (one left by
an older export whose targets registered one is removed by `export.stale`).
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import orjson

from debtsim.export.targets import DataKind, TargetFormat
from simulator.store import write_atomic

DATASET_INFO = "dataset_info.json"


class JsonlSink:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.tmp = path.with_name(f".{path.name}.tmp")
        self._file = self.tmp.open("wb", buffering=1 << 20)
        self.count = 0

    def write(self, record: dict) -> None:
        self._file.write(orjson.dumps(record, option=orjson.OPT_APPEND_NEWLINE))
        self.count += 1

    def commit(self) -> None:
        self._file.flush()
        os.fsync(self._file.fileno())
        self._file.close()
        os.replace(self.tmp, self.path)

    def abort(self) -> None:
        self._file.close()
        self.tmp.unlink(missing_ok=True)


class TargetFiles:
    """One JSONL file per target for one kind of data (`sft/` or `dpo/`), plus the side files."""

    def __init__(self, folder: Path, kind: DataKind, formats: Sequence[TargetFormat], dataset_name: str):
        folder.mkdir(parents=True, exist_ok=True)
        self.folder, self.kind, self.formats, self.dataset_name = folder, kind, list(formats), dataset_name
        self.sinks = {f.target: JsonlSink(folder / f"{f.target}.jsonl") for f in self.formats}
        self.extra: dict[str, JsonlSink] = {}

    def write(self, item: Any, dialogue_id: str) -> None:
        """Format `item` for every target, validate each record, then write them."""
        build = "sft" if self.kind is DataKind.SFT else "dpo"
        records = [(f, f.checked(self.kind, getattr(f, build)(item), dialogue_id)) for f in self.formats]
        for fmt, record in records:
            self.sinks[fmt.target].write(record)

    def side(self, name: str) -> JsonlSink:
        """An extra JSONL file committed with the targets (e.g. `pairs.jsonl`)."""
        if name not in self.extra:
            self.extra[name] = JsonlSink(self.folder / name)
        return self.extra[name]

    def counts(self) -> dict[str, int]:
        return {str(t): s.count for t, s in self.sinks.items()}

    def __enter__(self) -> TargetFiles:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        sinks = [*self.sinks.values(), *self.extra.values()]
        if exc_type is not None:
            for sink in sinks:
                sink.abort()
            return
        for sink in sinks:
            sink.commit()
        self._dataset_info()

    def _dataset_info(self) -> None:
        info: dict = {}
        for fmt in self.formats:
            entry = fmt.dataset_info(self.kind, f"{fmt.target}.jsonl", self.dataset_name)
            info.update(entry or {})
        if info:
            text = json.dumps(info, indent=2, ensure_ascii=False)
            write_atomic(self.folder / DATASET_INFO, text)

"""The score table on disk: a pyarrow schema derived from `ScoreRow`, written in chunks.

Deriving the schema from the row model keeps one source of truth for column
names and types, and gives chunks full of None (e.g. no agreements yet) the
same types as the rest. Writing goes to a temporary name and is renamed into
place, so a killed scorer never leaves a half-written `scores.parquet`.
"""

from __future__ import annotations

import os
import types
import typing
from collections.abc import Iterable
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from evaluators.scoring import ScoreRow

SCORES = "scores.parquet"
ARROW_TYPES = {bool: pa.bool_(), int: pa.int64(), float: pa.float64(), str: pa.string()}


def arrow_type(annotation: object) -> pa.DataType:
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        inner = [a for a in typing.get_args(annotation) if a is not type(None)]
        return ARROW_TYPES[inner[0]]
    return ARROW_TYPES[annotation]


SCHEMA = pa.schema([(name, arrow_type(field.annotation)) for name, field in ScoreRow.model_fields.items()])


def write_scores(path: Path, chunks: Iterable[list[dict]]) -> int:
    """Write row chunks to `path` atomically; returns the number of rows."""
    tmp = path.with_name(f".{path.name}.tmp")
    rows = 0
    try:
        with pq.ParquetWriter(tmp, SCHEMA) as writer:
            for chunk in chunks:
                if chunk:
                    writer.write_table(pa.Table.from_pylist(chunk, schema=SCHEMA))
                    rows += len(chunk)
        with tmp.open("rb+") as f:
            os.fsync(f.fileno())
    except BaseException:
        tmp.unlink(missing_ok=True)  # a failed or interrupted write leaves the old table, and no .tmp
        raise
    os.replace(tmp, path)
    return rows


def read_scores(path: Path) -> pd.DataFrame:
    return pq.read_table(path).to_pandas()

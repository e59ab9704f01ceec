"""The hand-written real-style corpus (tests/ingest/corpus), ingested once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from debtsim.ingest.command import IngestOptions, ingest

CORPUS = Path(__file__).parent / "corpus"


def ingest_into(out: Path, path: Path, **options) -> dict:
    return ingest(IngestOptions(path=path, output_dir=out, **options))


@pytest.fixture(scope="session")
def real_run(tmp_path_factory) -> Path:
    """Every corpus file (en CSV and text, zh JSONL and text, the CSV with bad rows) in one run."""
    out = tmp_path_factory.mktemp("real")
    ingest_into(out, CORPUS)
    return out

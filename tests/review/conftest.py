"""A fresh ingested run per test (decisions are written beside it)."""

from __future__ import annotations

import pytest

from tests.ingest.conftest import CORPUS, ingest_into


@pytest.fixture
def run_dir(tmp_path):
    out = tmp_path / "real"
    ingest_into(out, CORPUS / "zh_calls.jsonl")
    ingest_into(tmp_path / "en", CORPUS / "en_calls.csv")
    # one run with both languages: en lines appended to the zh ones
    with (out / "transcripts.jsonl").open("a", encoding="utf-8") as f:
        f.write((tmp_path / "en" / "transcripts.jsonl").read_text(encoding="utf-8"))
    return out

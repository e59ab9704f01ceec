"""Damaged files and Ctrl-C: one line naming what went wrong, never a traceback, nothing half-written."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from debtsim.cli import main
from simulator.store import StoreError, iter_transcripts


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("damaged") / "run"
    main(
        [
            "run",
            "n_dialogues=12",
            "seed=4",
            f"output_dir={out}",
            "evaluate.enabled=false",
            "export.enabled=false",
        ]
    )
    return out


def damage(run_dir: Path, tmp_path: Path) -> Path:
    """A copy whose line 3 is not JSON, line 6 lost its persona, and whose last line is torn."""
    copy = tmp_path / "run"
    copy.mkdir()
    lines = (run_dir / "transcripts.jsonl").read_text(encoding="utf-8").splitlines()
    record = json.loads(lines[5])
    del record["persona"]
    lines[2] = lines[2][: len(lines[2]) // 2]
    lines[5] = json.dumps(record)
    torn = lines[-1][:200]
    (copy / "transcripts.jsonl").write_text("\n".join(lines[:-1]) + "\n" + torn, encoding="utf-8")
    return copy


def test_evaluate_skips_and_names_bad_lines_and_repairs_a_torn_tail(run_dir, tmp_path, capsys) -> None:
    copy = damage(run_dir, tmp_path)
    main(["evaluate", str(copy), "--skip-report"])
    err = capsys.readouterr().err
    assert "transcripts.jsonl:3: invalid JSON; skipped" in err
    assert "transcripts.jsonl:6: missing field persona; skipped" in err
    assert "Traceback" not in err
    manifest = json.loads((copy / "manifest.json").read_text(encoding="utf-8"))["evaluate"]
    assert manifest["rows"] == 12 - 3 and manifest["skipped_lines"] == 2
    assert manifest["bad_lines"] == ["3: invalid JSON", "6: missing field persona"]
    assert not [p.name for p in copy.iterdir() if p.name.endswith(".tmp")]
    assert (copy / "transcripts.jsonl").read_bytes().endswith(b"\n")  # the torn line was cut


def test_other_readers_stop_with_one_line_naming_line_and_field(run_dir, tmp_path) -> None:
    copy = damage(run_dir, tmp_path)
    with pytest.raises(StoreError, match=r"transcripts.jsonl:3: invalid JSON"):
        list(iter_transcripts(copy / "transcripts.jsonl"))


def test_an_interrupted_write_leaves_no_tmp_file(tmp_path) -> None:
    from evaluators.table import write_scores

    def chunks():
        yield []
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_scores(tmp_path / "scores.parquet", chunks())
    assert list(tmp_path.iterdir()) == []


def test_ctrl_c_prints_one_line_and_exits_130(tmp_path) -> None:
    out = tmp_path / "run"
    code = "from debtsim.cli import main; main()"
    args = ["run", "n_dialogues=20000", f"output_dir={out}", "evaluate.enabled=false", "export.enabled=false"]
    proc = subprocess.Popen([sys.executable, "-c", code, *args], stderr=subprocess.PIPE, text=True)
    transcripts = out / "transcripts.jsonl"
    deadline = time.monotonic() + 120
    while not (transcripts.exists() and transcripts.stat().st_size > 0) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert proc.poll() is None, "the run ended before it could be interrupted"
    os.kill(proc.pid, signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130
    assert "Traceback" not in err
    assert "interrupted; finished work is kept: rerun the same command to continue" in err

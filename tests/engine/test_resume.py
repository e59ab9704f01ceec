"""A run killed with SIGKILL at any point and restarted loses and duplicates nothing.

Kill points fall during simulation (after so many transcript lines) and during the
later stages (while scores.parquet or the DPO files are being written): the final
files are then whole or absent, and the resumed run finishes them.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest

N = 1200


def start(out: Path) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "debtsim.cli", "run", f"n_dialogues={N}", f"output_dir={out}", "seed=9"]
    return subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def ids(path: Path) -> list[str]:
    return [json.loads(line)["dialogue_id"] for line in path.read_text().splitlines()]


def lines(path: Path) -> list[str]:
    return sorted(path.read_text().splitlines())


def wait_for(condition, proc: subprocess.Popen, what: str, limit_s: float = 120) -> None:
    """Return once `condition()` holds; fail the test if the run ends first or time runs out."""
    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline:
        if condition():
            return
        if proc.poll() is not None:
            pytest.fail(f"the run exited (rc {proc.returncode}) before {what}")
        time.sleep(0.005)
    proc.kill()
    proc.wait()
    pytest.fail(f"no {what} within {limit_s} s")


def wait_for_lines(path: Path, at_least: int, proc: subprocess.Popen) -> None:
    def enough() -> bool:
        return path.exists() and path.stat().st_size > 0 and path.read_bytes().count(b"\n") >= at_least

    wait_for(enough, proc, f"{at_least} transcript lines")


def wait_for_temp(folder: Path, pattern: str, proc: subprocess.Popen) -> None:
    """Until a stage's temporary file appears: the stage is writing its output right now."""
    wait_for(lambda: any(folder.glob(pattern)), proc, f"{folder / pattern}")


def assert_whole_or_absent(run: Path) -> None:
    """Every final file present is complete: parquet readable with every row, JSONL whole lines."""
    if (run / "scores.parquet").exists():
        assert pq.read_metadata(run / "scores.parquet").num_rows == N
    if (run / "manifest.json").exists():
        json.loads((run / "manifest.json").read_text())
    for folder in ("sft", "dpo"):
        for path in (run / folder).glob("[!.]*.json*"):
            text = path.read_text()
            assert text.endswith("\n") or path.suffix == ".json", f"{path} is cut short"
            rows = text.splitlines() if path.suffix == ".jsonl" else [text]
            for row in rows:
                json.loads(row)


def final_files(run: Path) -> dict[str, bytes]:
    names = [p for folder in ("sft", "dpo") for p in sorted((run / folder).glob("[!.]*"))]
    return {p.relative_to(run).as_posix(): p.read_bytes() for p in names}


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("reference")
    assert start(out).wait(timeout=300) == 0
    return out / "transcripts.jsonl"


@pytest.mark.parametrize("kill_points", [(1,), (150,), (40, 600, 1100)])
def test_sigkill_then_resume_gives_the_uninterrupted_ids(tmp_path, reference, kill_points):
    path = tmp_path / "transcripts.jsonl"
    for point in kill_points:
        proc = start(tmp_path)
        wait_for_lines(path, point, proc)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    assert start(tmp_path).wait(timeout=300) == 0
    got = ids(path)
    assert len(got) == len(set(got)), "duplicated dialogues"
    assert sorted(got) == sorted(ids(reference))
    assert lines(path) == lines(reference), "resumed dialogues differ from uninterrupted ones"
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    assert manifest["counts"]["transcripts"] == N


def test_sigkill_while_scoring_and_exporting_then_resume_finishes_the_files(tmp_path, reference):
    proc = start(tmp_path)
    wait_for_temp(tmp_path, ".scores.parquet.tmp", proc)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert_whole_or_absent(tmp_path)
    proc = start(tmp_path)
    wait_for_temp(tmp_path / "dpo", ".*.tmp", proc)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert_whole_or_absent(tmp_path)
    assert start(tmp_path).wait(timeout=300) == 0
    assert lines(tmp_path / "transcripts.jsonl") == lines(reference)
    scores = pq.read_table(tmp_path / "scores.parquet", columns=["dialogue_id"]).column(0).to_pylist()
    assert sorted(scores) == sorted(ids(reference))
    assert final_files(tmp_path) == final_files(reference.parent), "exported files differ from a clean run"
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    assert manifest["counts"]["transcripts"] == N
    assert "evaluate" in manifest and "export" in manifest


def test_partial_last_line_is_discarded(tmp_path):
    from simulator.store import completed_ids

    path = tmp_path / "transcripts.jsonl"
    path.write_text('{"dialogue_id":"s0-0000000","x":1}\n{"dialogue_id":"s0-00000')
    assert completed_ids(path) == {"s0-0000000"}
    assert path.read_text().endswith("}\n")


def test_a_dir_of_other_settings_is_refused_at_start_and_left_alone(tmp_path):
    first = [sys.executable, "-m", "debtsim.cli", "run", "n_dialogues=3", f"output_dir={tmp_path}"]
    fast = ["evaluate.enabled=false", "export.enabled=false"]
    assert subprocess.run([*first, *fast], capture_output=True).returncode == 0
    before = {name: (tmp_path / name).read_bytes() for name in ("transcripts.jsonl", "config.yaml")}
    old_id = json.loads((tmp_path / "manifest.json").read_text())["run_id"]
    other = subprocess.run([*first, "strategy=firm", *fast], capture_output=True, text=True)
    assert other.returncode != 0
    lines = [line for line in other.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("debtsim: error: output_dir:"), other.stderr
    assert str(tmp_path) in lines[0] and old_id in lines[0]
    assert lines[0].count("run-") == 2, "both run ids are named"
    assert {name: (tmp_path / name).read_bytes() for name in before} == before
    more = subprocess.run([*first[:4], "n_dialogues=5", f"output_dir={tmp_path}", *fast], capture_output=True)
    assert more.returncode == 0, "more dialogues with the same settings continue the run"
    assert ids(tmp_path / "transcripts.jsonl") == [f"s0-{i:07d}" for i in range(5)]

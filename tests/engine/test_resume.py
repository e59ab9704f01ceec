"""A run killed with SIGKILL at any point and restarted loses and duplicates nothing."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

N = 1200


def start(out: Path) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "simulator.cli", "run", f"n_dialogues={N}", f"output_dir={out}", "seed=9"]
    return subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def ids(path: Path) -> list[str]:
    return [json.loads(line)["dialogue_id"] for line in path.read_text().splitlines()]


def lines(path: Path) -> list[str]:
    return sorted(path.read_text().splitlines())


def wait_for_lines(path: Path, at_least: int, proc: subprocess.Popen, limit_s: float = 60) -> None:
    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline and proc.poll() is None:
        if path.exists() and path.stat().st_size and path.read_bytes().count(b"\n") >= at_least:
            return
        time.sleep(0.005)


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


def test_partial_last_line_is_discarded(tmp_path):
    from simulator.store import completed_ids

    path = tmp_path / "transcripts.jsonl"
    path.write_text('{"dialogue_id":"s0-0000000","x":1}\n{"dialogue_id":"s0-00000')
    assert completed_ids(path) == {"s0-0000000"}
    assert path.read_text().endswith("}\n")

"""Bad input fails with one line naming the field and a non-zero exit, never a traceback."""

from __future__ import annotations

import subprocess
import sys

import pytest


def debtsim(*args: str) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "debtsim.cli", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize(
    ("override", "names"),
    [
        ("foo=1", "foo"),
        ("persona.root_cause=lottery_win", "persona.root_cause"),
        ("persona.root_cause=[]", "persona.root_cause"),
        ("scenario.balance=[-100,500]", "scenario.balance"),
        ("n_dialogues=-3", "n_dialogues"),
        ("noise.level=1.5", "noise.level"),
        ("strategy=charming", "strategy"),
        ("output_dir=/proc/debtsim-cannot-write", "output_dir"),
    ],
)
def test_bad_input_is_one_line_naming_the_field(override, names):
    result = debtsim("run", override, "n_dialogues=2" if "n_dialogues" not in override else "seed=0")
    assert result.returncode != 0
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("debtsim: error:")
    assert names in lines[0]
    assert "Traceback" not in result.stderr


def test_unknown_command():
    result = debtsim("simulate")
    assert result.returncode != 0 and "unknown command" in result.stderr


def test_run_writes_the_run_directory(tmp_path):
    result = debtsim("run", "n_dialogues=8", f"output_dir={tmp_path}")
    assert result.returncode == 0, result.stderr
    for name in ("transcripts.jsonl", "config.yaml", "manifest.json"):
        assert (tmp_path / name).exists()
    assert "termination reasons" in result.stdout

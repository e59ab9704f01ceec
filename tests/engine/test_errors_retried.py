"""Errored dialogues are counted, kept with what was said, and retried by a rerun (issue 27, items 1-2)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from simulator import runner
from simulator.errors import TooManyErrors, scrub
from simulator.store import TRANSCRIPTS, drop_errors, iter_transcripts
from simulator.tally import tally_file
from simulator.transcript import Speaker, Termination
from tests.llm.fault_server import FakeEndpoint, Fault

KEY = "sk-test-secret-abcdef123456"
FAST = (
    "llm.settings.timeout=0.5",
    "llm.settings.retries=0",
    "llm.settings.backoff_initial=0.001",
    "llm.settings.backoff_max=0.005",
)


class FailsAfter(FakeEndpoint):
    """Answers the first `ok` requests, then returns HTTP 500 to every one."""

    def __init__(self, ok: int) -> None:
        super().__init__({})
        self.ok = ok

    def draw(self) -> Fault:
        with self._lock:
            fault = Fault.OK if self.requests < self.ok else Fault.ERROR_500
            self.counts[fault] += 1
            return fault


@pytest.fixture
def endpoint():
    started: list[FakeEndpoint] = []

    def start(server: FakeEndpoint) -> FakeEndpoint:
        started.append(server.__enter__())
        return server

    yield start
    for server in started:
        server.__exit__(None, None, None)


def openai_overrides(server: FakeEndpoint, n: int) -> list[str]:
    return [
        "llm=openai",
        f"llm.settings.base_url={server.base_url}",
        "llm.settings.model=fake",
        f"n_dialogues={n}",
        "max_turns=8",
        "noise=none",
        *FAST,
    ]


def cli_args(server: FakeEndpoint, out: Path, n: int) -> list[str]:
    """The command line of a run whose key is in DEBTSIM_H6_KEY (so an echoed key would show)."""
    stages = ["evaluate.enabled=false", "export.enabled=false", "llm.settings.api_key_env=DEBTSIM_H6_KEY"]
    return [*openai_overrides(server, n), *stages, f"output_dir={out}"]


def debtsim_run(args: list[str]) -> subprocess.CompletedProcess:
    env = os.environ | {"DEBTSIM_H6_KEY": KEY}
    cmd = [sys.executable, "-m", "debtsim.cli", "run", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120, env=env)


def error_lines(stderr: str) -> list[str]:
    """stderr without the progress bar's carriage-return frames."""
    return [line for line in stderr.splitlines() if line.strip() and "\r" not in line and "dlg" not in line]


def test_all_500_exits_non_zero_with_one_line_and_a_rerun_once_healthy_retries_every_error(
    endpoint, tmp_path
):
    server = endpoint(FakeEndpoint({Fault.ERROR_500: 1.0}))
    args = cli_args(server, tmp_path / "run", 3)
    failed = debtsim_run(args)
    assert failed.returncode == 1
    lines = error_lines(failed.stderr)
    assert len(lines) == 1, failed.stderr
    assert lines[0].startswith("debtsim: error: 3 of 3 dialogues errored")
    assert "s0-000000" in lines[0] and "500" in lines[0] and "Traceback" not in failed.stderr
    assert KEY not in failed.stderr + failed.stdout
    manifest = json.loads((tmp_path / "run" / "manifest.json").read_text())
    assert manifest["failures"]["errored"] == 3 and manifest["failures"]["by_turn"] == {"0": 3}
    assert sorted(manifest["failures"]["ids"]) == ["s0-0000000", "s0-0000001", "s0-0000002"]

    server.rates = {}  # the server is fixed; the same command again
    healed = debtsim_run(args)
    assert healed.returncode == 0, healed.stderr
    transcripts = list(iter_transcripts(tmp_path / "run" / TRANSCRIPTS))
    assert sorted(t.dialogue_id for t in transcripts) == ["s0-0000000", "s0-0000001", "s0-0000002"]
    assert all(t.termination is not Termination.ERROR and t.turns for t in transcripts)
    failures = json.loads((tmp_path / "run" / "manifest.json").read_text())["failures"]
    assert failures["errored"] == 0 and failures["retried"] == 3 and failures["retried_total"] == 3
    assert not list((tmp_path / "run").glob(".*.tmp"))


def test_error_transcript_keeps_the_turns_said_before_the_failure(make_config, endpoint, tmp_path):
    server = endpoint(FailsAfter(ok=3))  # one dialogue, one request per turn: turns 0-2 are said
    config = make_config(*openai_overrides(server, 1), sub="keep")
    manifest = runner.run(config, "{}", progress=False)
    [transcript] = iter_transcripts(Path(config.output_dir) / TRANSCRIPTS)
    assert transcript.termination is Termination.ERROR
    assert transcript.error_turn == len(transcript.turns) == 3
    assert [t.speaker for t in transcript.turns] == [Speaker.COLLECTOR, Speaker.DEBTOR, Speaker.COLLECTOR]
    assert all(t.text.startswith("fake") for t in transcript.turns)
    assert transcript.error_class == "BackendError" and "500" in transcript.error
    assert manifest["failures"]["by_turn"] == {"3": 1}
    assert manifest["failures"]["by_class"] == {"BackendError": 1}


def test_retry_errors_false_keeps_errored_dialogues_as_they_are(make_config, endpoint, tmp_path):
    server = endpoint(FakeEndpoint({Fault.ERROR_500: 1.0}))
    overrides = openai_overrides(server, 2)
    config = make_config(*overrides, sub="kept")
    runner.run(config, "{}", progress=False)
    path = Path(config.output_dir) / TRANSCRIPTS
    before, asked = path.read_bytes(), server.requests
    server.rates = {}
    kept = make_config(*overrides, "retry_errors=false", sub="kept")
    assert kept.run_id() == config.run_id()  # how errors are handled is not part of the run's identity
    manifest = runner.run(kept, "{}", progress=False)
    assert path.read_bytes() == before and server.requests == asked
    assert manifest["failures"]["errored"] == 2 and manifest["failures"]["retried"] == 0
    with pytest.raises(TooManyErrors, match="2 of 2 dialogues errored"):
        runner.check_errors(manifest, kept.max_error_share)


def test_a_retried_scripted_dialogue_is_the_same_as_a_first_try(make_config, tmp_path):
    clean = make_config("n_dialogues=6", "max_turns=10", sub="clean")
    runner.run(clean, "{}", progress=False)
    expected = (Path(clean.output_dir) / TRANSCRIPTS).read_bytes().splitlines(keepends=True)
    damaged = make_config("n_dialogues=6", "max_turns=10", sub="damaged")
    path = Path(damaged.output_dir)
    path.mkdir(parents=True)
    lines = list(expected)
    for i in (1, 4):  # as an errored run would have left them
        record = json.loads(lines[i])
        record |= {"termination": "error", "error": "BackendError: boom", "agreement": None}
        record |= {"turns": record["turns"][:2], "error_turn": 2, "error_class": "BackendError"}
        lines[i] = (json.dumps(record, separators=(",", ":"), ensure_ascii=False) + "\n").encode()
    (path / TRANSCRIPTS).write_bytes(b"".join(lines))
    manifest = runner.run(damaged, "{}", progress=False)
    retried = (path / TRANSCRIPTS).read_bytes().splitlines(keepends=True)
    kept = [line for i, line in enumerate(expected) if i not in (1, 4)]
    assert retried[:4] == kept  # the rest byte-identical, in place
    assert retried[4:] == [expected[1], expected[4]]  # each retry the same line as a first try
    assert manifest["failures"]["errored"] == 0 and manifest["failures"]["retried"] == 2


def test_drop_errors_rewrites_atomically_and_only_when_needed(tmp_path):
    path = tmp_path / TRANSCRIPTS
    good = b'{"dialogue_id":"s0-0000000","termination":"agreement","error":null}\n'
    bad = b'{"dialogue_id":"s0-0000001","termination":"error","error":"X: y"}\n'
    path.write_bytes(good + bad + good.replace(b'00000"', b'00002"'))
    assert drop_errors(path) == ["s0-0000001"]
    assert path.read_bytes() == good + good.replace(b'00000"', b'00002"')
    stat = path.stat()
    assert drop_errors(path) == [] and path.stat().st_mtime_ns == stat.st_mtime_ns
    assert not list(tmp_path.glob(".*.tmp"))


@pytest.mark.parametrize(
    ("errored", "total", "share", "fails"),
    [(0, 10, 0.0, False), (1, 10, 0.0, True), (1, 20, 0.05, False), (2, 20, 0.05, True), (5, 5, 1.0, False)],
)
def test_the_error_share_decides_the_exit(errored, total, share, fails):
    manifest = {
        "counts": {"transcripts": total},
        "failures": {
            "errored": errored,
            "ids": [f"s0-{i:07d}" for i in range(errored)],
            "last_error": "E: m",
        },
    }
    if fails:
        with pytest.raises(TooManyErrors) as caught:
            runner.check_errors(manifest, share)
        assert "\n" not in str(caught.value) and caught.value.exit_code == 1
    else:
        runner.check_errors(manifest, share)


def test_secrets_are_scrubbed_from_error_messages():
    text = f"401 Incorrect API key provided: {KEY}; Authorization: Bearer abcdefgh12345678 at http://u:pw@host/v1"
    clean = scrub(text, ("pw-not-there",))
    assert KEY not in clean and "abcdefgh12345678" not in clean and "u:pw@" not in clean
    assert scrub("plain 500 injected fault") == "plain 500 injected fault"
    assert "hunter2x" not in scrub("failed with hunter2x inside", ("hunter2x",))


def test_the_tally_reads_old_error_lines_without_the_new_fields(tmp_path):
    path = tmp_path / TRANSCRIPTS
    record = {"dialogue_id": "s0-0000000", "termination": "error", "strategy": "firm", "turns": []}
    path.write_text(json.dumps(record | {"error": "TimeoutError: slow"}) + "\n")
    failures = tally_file(path).failures()
    assert failures["by_class"] == {"TimeoutError": 1} and failures["by_turn"] == {"?": 1}

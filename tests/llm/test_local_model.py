"""The real small model (SmolLM2-135M via llama.cpp) drives whole dialogues: structure, not quality."""

from __future__ import annotations

import pytest

from simulator.backends import make_backend
from simulator.batch import simulate_concurrently
from simulator.llm import BackendName
from simulator.llm.local_server import missing_parts
from simulator.llm.server_process import ready
from simulator.store import TRANSCRIPTS, iter_transcripts
from simulator.transcript import Speaker, Termination

pytestmark = pytest.mark.llm
SHORT = (
    "n_dialogues=1",
    "max_turns=4",
    "noise=none",
    "llm.settings.max_tokens=32",
    "llm.settings.timeout=600",
)


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("mode", ["speak", "decide_and_speak"])
def test_local_model_runs_dialogues_end_to_end(local_server, make_config, tmp_path, language, mode):
    config = make_config(
        "llm=openai",
        f"llm.settings.base_url={local_server}",
        "llm.settings.model=smollm2-135m-instruct",
        "llm.settings.concurrency=1",
        f"language={language}",
        f"llm.collector_mode={mode}",
        f"llm.debtor_mode={mode}",
        *SHORT,
    )
    tally = simulate_concurrently(config, tmp_path, progress=False)
    transcripts = list(iter_transcripts(tmp_path / TRANSCRIPTS))
    assert len(transcripts) == tally.dialogues == 1
    for transcript in transcripts:
        assert transcript.termination is not Termination.ERROR, transcript.error
        assert transcript.turns and all(t.text.strip() for t in transcript.turns)
        assert all(t.usage.completion_tokens > 0 and t.usage.latency_s > 0 for t in transcript.turns)
        for turn in transcript.turns:
            if turn.speaker is Speaker.COLLECTOR and turn.offer is not None:
                assert transcript.policy.allows(turn.offer, transcript.case), turn
            if turn.usage.repaired or turn.usage.fallback:
                assert mode == "decide_and_speak" and turn.raw
    turns = [t for tr in transcripts for t in tr.turns]
    assert tally.usage["fallback"] == sum(t.usage.fallback for t in turns)
    assert tally.usage["completion_tokens"] == sum(t.usage.completion_tokens for t in turns)


def test_llm_local_starts_and_stops_its_server(make_config, tmp_path):
    if missing_parts():
        pytest.skip(f"llm=local needs {missing_parts()}: run .ci/llm-setup.sh")
    config = make_config("llm=local", "language=en", *SHORT)
    backend = make_backend(config.llm, "en")
    server = backend._owned
    try:
        assert backend.name is BackendName.LOCAL and ready(server.base_url)
    finally:
        backend.close()
    assert server.process.poll() is not None
    assert not ready(server.base_url)

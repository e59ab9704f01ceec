"""Real vLLM on CPU drives whole dialogues: the offline engine (`llm=vllm`) and its server (`llm=openai`).

Structure, not quality: the model is 135M parameters. What must hold is the
plumbing — schema-constrained replies that validate, one engine call per
dialogue step, replies that depend on their seed and not on their batch, and
every dialogue accounted for.
"""

from __future__ import annotations

import asyncio

import pytest

from scenarios import CollectorAct, DebtorAct
from simulator.batch import simulate_async, simulate_concurrently
from simulator.llm.backend_settings import StructuredMethod
from simulator.llm.base import AgentMode
from simulator.llm.prompt_book import PromptBook
from simulator.llm.vllm_engine import EngineRequest, VLLMBackend, VLLMSettings
from simulator.sample_turns import sample_turns
from simulator.store import TRANSCRIPTS, iter_transcripts
from simulator.transcript import Speaker, Termination
from tests.vllm.conftest import ENGINE

pytestmark = pytest.mark.vllm
SHORT = ("max_turns=4", "noise=none")


def check_dialogues(transcripts, mode: AgentMode) -> dict[str, int]:
    """Every dialogue ended cleanly, every turn has words and tokens; counts of repaired / fallback turns."""
    counts = {"turns": 0, "repaired": 0, "fallback": 0, "decided": 0}
    for transcript in transcripts:
        assert transcript.termination is not Termination.ERROR, transcript.error
        for turn in transcript.turns:
            assert turn.text.strip() and turn.usage.completion_tokens > 0 and turn.usage.prompt_tokens > 0
            if turn.speaker is Speaker.COLLECTOR and turn.offer is not None:
                assert transcript.policy.allows(turn.offer, transcript.case), turn
            if turn.usage.repaired or turn.usage.fallback:
                assert turn.raw is not None
            counts["turns"] += 1
            counts["repaired"] += turn.usage.repaired
            counts["fallback"] += turn.usage.fallback
            acts = CollectorAct if turn.speaker is Speaker.COLLECTOR else DebtorAct
            counts["decided"] += mode is AgentMode.DECIDE_AND_SPEAK and isinstance(turn.act, acts)
    return counts


def test_offline_engine_decides_and_speaks_in_one_call_per_step(engine, make_config, tmp_path):
    mode = AgentMode.DECIDE_AND_SPEAK
    config = make_config("llm=vllm", "n_dialogues=4", "language=en", *SHORT)
    backend = VLLMBackend(VLLMSettings(**ENGINE), "en", mode, mode, engine)
    calls_before = engine.calls
    try:
        asyncio.run(simulate_async(config, tmp_path, backend, progress=False, max_open=4))
    finally:
        backend.batchers.stop()
    transcripts = list(iter_transcripts(tmp_path / TRANSCRIPTS))
    assert len(transcripts) == 4
    counts = check_dialogues(transcripts, mode)
    assert counts["decided"] == counts["turns"]
    sizes = backend.batchers.sizes
    assert engine.calls - calls_before == len(sizes)
    assert sizes[0] == 4  # the four openings went to the engine together
    # a turn is one request, or two when its reply needed a repair (kept or not)
    requests = [sum(1 + (t.usage.repaired or t.usage.fallback) for t in tr.turns) for tr in transcripts]
    assert sum(sizes) == sum(requests)
    assert len(sizes) == max(requests)  # one engine call per dialogue step


def test_offline_engine_speaks_zh_through_the_run_config(hf_model, engine, make_config, tmp_path):
    """llm=vllm chosen by config words the policy's moves: the acts are the policy's, the text the model's."""
    config = make_config("llm=vllm", "n_dialogues=2", "language=zh", *SHORT)
    backend = VLLMBackend(VLLMSettings(**ENGINE), "zh", AgentMode.SPEAK, AgentMode.SPEAK, engine)
    try:
        asyncio.run(simulate_async(config, tmp_path, backend, progress=False))
    finally:
        backend.batchers.stop()
    transcripts = list(iter_transcripts(tmp_path / TRANSCRIPTS))
    counts = check_dialogues(transcripts, AgentMode.SPEAK)
    assert counts["turns"] >= 4 and counts["fallback"] < counts["turns"]


def test_a_reply_depends_on_its_seed_not_on_its_batch(engine):
    book = PromptBook.load("en")
    samples = [s for s in sample_turns("en", 3) if s.role is Speaker.COLLECTOR][:4]
    requests = [
        EngineRequest(
            tuple(book.collector_messages(s.view, s.move, AgentMode.SPEAK, StructuredMethod.JSON_SCHEMA, 8)),
            seed=17,
        )
        for s in samples
    ]
    alone = engine.run(requests[:1])[0].text
    together = engine.run(requests)[0].text
    assert alone and alone == together


def test_vllm_server_drives_the_openai_backend_with_schema_constrained_output(
    vllm_server, make_config, tmp_path
):
    mode = AgentMode.DECIDE_AND_SPEAK
    config = make_config(
        "llm=openai",
        f"llm.settings.base_url={vllm_server}",
        "llm.settings.model=smollm2",
        "llm.settings.structured=json_schema",
        "llm.settings.temperature=0",
        "llm.settings.max_tokens=96",  # a decide reply names one of the longer stop acts
        "llm.settings.timeout=300",
        "llm.settings.concurrency=4",
        f"llm.collector_mode={mode}",
        f"llm.debtor_mode={mode}",
        "n_dialogues=3",
        *SHORT,
    )
    tally = simulate_concurrently(config, tmp_path, progress=False)
    transcripts = list(iter_transcripts(tmp_path / TRANSCRIPTS))
    assert tally.dialogues == len(transcripts) == 3
    counts = check_dialogues(transcripts, mode)
    assert counts["decided"] == counts["turns"]
    assert tally.usage["completion_tokens"] == sum(
        t.usage.completion_tokens for tr in transcripts for t in tr.turns
    )

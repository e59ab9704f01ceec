"""One engine call per dialogue step: the batcher and the vllm backend with a stand-in engine.

The real engine is exercised in tests/vllm (marked `vllm`); here an engine that
answers instantly shows the batching contract without a model: N open
dialogues in lockstep make one call per step, failures reach every waiting
turn, and a caller outside a session is served alone.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Sequence

import pytest

from simulator.batch import simulate_async
from simulator.llm.base import AgentMode, BackendError
from simulator.llm.batcher import TurnBatcher
from simulator.llm.vllm_engine import EngineReply, EngineRequest, VLLMBackend, VLLMSettings
from simulator.store import TRANSCRIPTS, iter_transcripts
from simulator.transcript import Speaker, Termination
from tests.llm.fault_server import _arguments


class StandInEngine:
    """Answers every chat at once: valid structured replies (the act the prompt suggests), or words."""

    def __init__(self) -> None:
        self.calls: list[int] = []

    def run(self, requests: Sequence[EngineRequest]) -> list[EngineReply]:
        self.calls.append(len(requests))
        replies = []
        for request in requests:
            system = request.messages[0][1]
            if request.schema is None:
                text = f"words for turn {len(request.messages)}"
            else:
                text = json.dumps(_arguments(system, request.schema["title"]))
            replies.append(EngineReply(text, prompt_tokens=11, completion_tokens=5, seconds=0.001))
        return replies

    def close(self) -> None:
        pass


def stand_in_backend(mode: AgentMode, language: str = "en") -> tuple[VLLMBackend, StandInEngine]:
    engine = StandInEngine()
    return VLLMBackend(VLLMSettings(), language, mode, mode, engine), engine


@pytest.mark.parametrize("mode", [AgentMode.SPEAK, AgentMode.DECIDE_AND_SPEAK])
def test_open_dialogues_share_one_engine_call_per_step(make_config, tmp_path, mode):
    config = make_config(
        "llm=vllm", "n_dialogues=6", "max_turns=10", "noise=none", f"llm.collector_mode={mode}"
    )
    backend, engine = stand_in_backend(mode)
    try:
        tally = asyncio.run(simulate_async(config, tmp_path, backend, progress=False, max_open=6))
    finally:
        backend.close()
    transcripts = list(iter_transcripts(tmp_path / TRANSCRIPTS))
    assert tally.dialogues == len(transcripts) == 6
    assert all(t.termination is not Termination.ERROR for t in transcripts)
    turns = [t for tr in transcripts for t in tr.turns]
    assert sum(engine.calls) == len(turns)  # every turn was the engine's, none was lost or doubled
    assert engine.calls[0] == 6  # the first step: all six greetings in one call
    assert len(engine.calls) == max(len(tr.turns) for tr in transcripts)  # one call per step
    assert all(t.usage.completion_tokens == 5 and not t.usage.fallback for t in turns)
    if mode is AgentMode.DECIDE_AND_SPEAK:
        collector = [t for t in turns if t.speaker is Speaker.COLLECTOR]
        assert all(t.text.startswith("fake ") for t in collector)


def test_a_caller_outside_any_session_is_served_alone():
    batcher = TurnBatcher(lambda requests: [r * 2 for r in requests], max_size=8, max_wait_s=5.0)

    async def main():
        return await asyncio.wait_for(batcher.submit(21), timeout=2.0)

    assert asyncio.run(main()) == 42
    assert batcher.sizes == [1]


def test_an_engine_failure_reaches_every_waiting_turn_and_serving_goes_on():
    failures = iter([True, False])

    def run_batch(requests):
        if next(failures):
            raise RuntimeError("device lost")
        return [r + 1 for r in requests]

    batcher = TurnBatcher(run_batch, max_size=8, max_wait_s=0.05, label="engine")

    async def dialogue(value: int):
        async with batcher.session():
            try:
                return await batcher.submit(value)
            except BackendError as exc:
                return str(exc)

    async def main():
        first = await asyncio.gather(dialogue(1), dialogue(2), dialogue(3))
        second = await dialogue(10)
        return first, second

    first, second = asyncio.run(main())
    assert first == ["engine call failed: RuntimeError: device lost"] * 3
    assert second == 11
    assert batcher.sizes == [3, 1]


def test_a_quiet_spell_flushes_a_partial_batch():
    """A dialogue that waits on something else must not stall the ones waiting on the engine."""
    batcher = TurnBatcher(lambda requests: list(requests), max_size=8, max_wait_s=0.05)

    async def busy_elsewhere():
        async with batcher.session():
            await asyncio.sleep(0.5)

    async def waiting():
        async with batcher.session():
            return await batcher.submit("turn")

    async def main():
        return await asyncio.gather(busy_elsewhere(), asyncio.wait_for(waiting(), timeout=0.4))

    assert asyncio.run(main())[1] == "turn"


def test_llm_vllm_without_vllm_is_one_line_naming_the_install(make_config):
    import importlib.util

    from simulator.backends import make_backend

    if importlib.util.find_spec("vllm") is not None:
        pytest.skip("vllm is installed here: this checks the message where it is not")
    config = make_config("llm=vllm", "n_dialogues=2")
    with pytest.raises(BackendError, match=r"llm=vllm needs the vllm package: pip install 'debtsim\[vllm\]'"):
        make_backend(config.llm, "en")


def test_llm_vllm_refuses_ray_shards(make_config):
    from simulator.config import ConfigError

    with pytest.raises(ConfigError, match="executor: llm=vllm runs its engine in this process"):
        make_config("llm=vllm", "executor=ray", "n_dialogues=2")

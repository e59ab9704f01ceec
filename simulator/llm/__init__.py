"""LLM backends behind one interface; heavy ones are imported only when chosen."""

from __future__ import annotations

from typing import TYPE_CHECKING

from simulator.llm.base import AgentMode, Backend, BackendError, BackendName, Utterance

if TYPE_CHECKING:
    from simulator.config import LLMConfig


def make_backend(config: LLMConfig | BackendName, language: str, settings: dict | None = None) -> Backend:
    """Build the configured backend; network and model backends import their libraries lazily.

    Takes the whole `LLMConfig` (backend, modes, settings). The older form
    `make_backend(name, language, settings)` is still accepted while callers move over.
    """
    if isinstance(config, BackendName | str):
        from simulator.config import LLMConfig

        config = LLMConfig(backend=config, settings=settings or {})
    name = config.backend
    if name is BackendName.SCRIPTED:
        from simulator.llm.scripted import ScriptedBackend

        return ScriptedBackend(language)
    if name is BackendName.OPENAI:
        from simulator.llm.openai_compat import OpenAICompatBackend

        return OpenAICompatBackend.from_config(config, language)
    if name is BackendName.LOCAL:
        from simulator.llm.local_server import start_local_backend

        return start_local_backend(config, language)
    if name is BackendName.VLLM:
        from simulator.llm.vllm_engine import VLLMBackend

        return VLLMBackend.from_config(config, language)
    if name is BackendName.HF:
        from simulator.llm.hf import HFBackend

        return HFBackend.from_config(config, language)
    raise BackendError(f"llm.backend={name} is not available in this build")


__all__ = ["AgentMode", "Backend", "BackendError", "BackendName", "Utterance", "make_backend"]

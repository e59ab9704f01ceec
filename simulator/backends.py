"""Config → backend: the one place a run's `llm` settings become a `Backend`.

It sits above `simulator.llm` (the interface and the backends know nothing of the
run config) and imports each model backend only when it is chosen, so the
package works without their libraries.
"""

from __future__ import annotations

from simulator.config import LLMConfig
from simulator.llm.base import Backend, BackendError, BackendName


def make_backend(config: LLMConfig, language: str) -> Backend:
    """Build the configured backend (backend, modes, settings); model backends import their libraries lazily."""
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

"""LLM backends behind one interface; heavy ones are imported only when chosen."""

from __future__ import annotations

from simulator.llm.base import AgentMode, Backend, BackendName, Utterance


def make_backend(name: BackendName, language: str, settings: dict | None = None) -> Backend:
    """Build the named backend; network and model backends import their libraries lazily."""
    if name is BackendName.SCRIPTED:
        from simulator.llm.scripted import ScriptedBackend

        return ScriptedBackend(language)
    raise NotImplementedError(f"llm.backend={name} is not available in this build")


__all__ = ["AgentMode", "Backend", "BackendName", "Utterance", "make_backend"]

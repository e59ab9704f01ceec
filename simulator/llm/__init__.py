"""LLM backends behind one interface (`base`); `simulator.backends` builds the configured one."""

from __future__ import annotations

from simulator.llm.base import AgentMode, Backend, BackendError, BackendName, Utterance

__all__ = ["AgentMode", "Backend", "BackendError", "BackendName", "Utterance"]

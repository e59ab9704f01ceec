"""The shape every export target shares.

A target turns a neutral `Conversation` (SFT) or `PreferenceExample` (DPO) into
the JSON record its trainer reads, and checks a record against that trainer's
rules *before* it is written: trainers skip malformed records with at most a
log line (LLaMA-Factory) or silently (ms-swift), so the exporter refuses them
instead, naming the dialogue. `dataset_info` is the registration file a
trainer needs beside the data (LLaMA-Factory), or None.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from debtsim.export.conversation import Conversation, Message, Role
from debtsim.export.export_settings import ExportError, Target


class DataKind(StrEnum):
    SFT = "sft"
    DPO = "dpo"


class PairKind(StrEnum):
    """What a preference pair teaches; written beside the pair where the target keeps metadata."""

    OUTCOME = "outcome"  # branching: the compliant reply whose rollout recovered more
    COMPLIANCE = "compliance"  # the compliant reply against a violating one from the same state


@dataclass(frozen=True, slots=True)
class PreferenceExample:
    """One decision point: the history (ending on the debtor), the best and worst collector replies."""

    prompt: Conversation
    chosen: str
    rejected: str
    chosen_score: float
    rejected_score: float
    kind: PairKind = PairKind.OUTCOME

    @property
    def margin(self) -> float:
        return round(self.chosen_score - self.rejected_score, 6)


def chat(
    messages: Sequence[Message],
    system: str,
    mask: tuple[str, object] | None = None,
    untrained: frozenset[int] = frozenset(),
) -> list[dict]:
    """OpenAI-style messages; `mask` (key, value) is set on each `untrained` (fallback) message, in
    the trainer's own words (OpenAI `weight: 0`, ms-swift `loss: false`)."""
    head = [{"role": "system", "content": system}] if system else []
    out = head + [{"role": str(m.role), "content": m.content} for m in messages]
    if mask is not None:
        for position in untrained:
            out[len(head) + position][mask[0]] = mask[1]
    return out


def turn_rule(roles: Sequence[str], contents: Sequence[object], user: str, assistant: str) -> str | None:
    """The broken rule of a role sequence that must start with `user` and alternate, or None."""
    roles, contents = list(roles), list(contents)
    if (
        set(roles[0::2]) <= {user}
        and set(roles[1::2]) <= {assistant}
        and all(isinstance(c, str) and c.strip() for c in contents)
    ):
        return None
    for position, (role, content) in enumerate(zip(roles, contents, strict=True)):
        expected = user if position % 2 == 0 else assistant
        if role != expected:
            return f"message {position} has role {role!r}, expected {expected!r}"
        if not isinstance(content, str) or not content.strip():
            return f"message {position} is empty"
    return None


def messages_rule(messages: object, last: str) -> str | None:
    """OpenAI-style `messages`: optional leading system, then user/assistant alternating, ending on `last`."""
    if not isinstance(messages, list) or not messages:
        return "messages is empty"
    body = messages[1:] if messages[0].get("role") == "system" else messages
    if messages[0].get("role") == "system" and not str(messages[0].get("content", "")).strip():
        return "system message is empty"
    if not body:
        return "no user message"
    rule = turn_rule([m.get("role") for m in body], [m.get("content") for m in body], "user", "assistant")
    if rule is None and body[-1]["role"] != last:
        rule = f"last message has role {body[-1]['role']!r}, expected {last!r}"
    return rule


def single_reply_rule(reply: object, name: str) -> str | None:
    if not isinstance(reply, list) or len(reply) != 1:
        return f"{name} must hold exactly one message"
    if reply[0].get("role") != str(Role.ASSISTANT) or not str(reply[0].get("content", "")).strip():
        return f"{name} must be one non-empty assistant message"
    return None


class TargetFormat(ABC):
    target: Target

    @abstractmethod
    def sft(self, conversation: Conversation) -> dict:
        """The SFT record for one whole conversation."""

    @abstractmethod
    def dpo(self, example: PreferenceExample) -> dict:
        """The preference record for one decision point."""

    @abstractmethod
    def sft_rule(self, record: dict) -> str | None:
        """The trainer rule `record` breaks, or None."""

    @abstractmethod
    def dpo_rule(self, record: dict) -> str | None:
        """The trainer rule `record` breaks, or None."""

    def dataset_info(self, kind: DataKind, file_name: str, dataset_name: str) -> dict | None:
        return None

    def checked(self, kind: DataKind, record: dict, dialogue_id: str) -> dict:
        rule = self.sft_rule(record) if kind is DataKind.SFT else self.dpo_rule(record)
        if rule is not None:
            raise ExportError(f"{dialogue_id}: invalid {self.target} {kind} record: {rule}")
        return record

"""Turns → one neutral chat conversation, the form every target is written from.

The collector is the model being trained: collector = assistant, debtor = user.
Trainers want a conversation that opens with the user and alternates strictly,
so when the collector opens the call a synthetic user turn (`[call connected]`)
comes first, two same-role turns in a row are merged (or refused, by config),
and an SFT conversation ends on the collector's last words. Which text trains
(clean or as heard) is chosen per role in the settings.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import NamedTuple, Protocol

from debtsim.export.export_settings import AdjacentTurns, ExportError, ExportSettings, TextSource
from simulator.transcript import Speaker


class Role(StrEnum):
    SYSTEM = "system"
    USER = "user"
    ASSISTANT = "assistant"


class Message(NamedTuple):
    role: Role
    content: str


class SpokenTurn(Protocol):
    speaker: Speaker
    text: str
    clean_text: str


@dataclass(frozen=True, slots=True)
class Conversation:
    """A system prompt and alternating user/assistant messages, starting with the user."""

    dialogue_id: str
    system: str
    messages: tuple[Message, ...]
    untrained: frozenset[int] = frozenset()
    """Positions of assistant messages holding scripted fallback words: masked where the target can
    (OpenAI `weight: 0`, ms-swift `loss: false`), else cut off (`trained_prefix`)."""

    def trained_prefix(self) -> Conversation:
        """For a target that cannot mask one message: the conversation up to the last assistant
        message before the first untrained one (the filters drop a call whose first message is one)."""
        if not self.untrained:
            return self
        return Conversation(self.dialogue_id, self.system, self.messages[: min(self.untrained) - 1])


ROLE_OF = {Speaker.COLLECTOR: Role.ASSISTANT, Speaker.DEBTOR: Role.USER}


def _content(turn: SpokenTurn, settings: ExportSettings, language: str) -> str:
    source = settings.text.collector if turn.speaker is Speaker.COLLECTOR else settings.text.debtor
    text = (turn.clean_text if source is TextSource.CLEAN else turn.text).strip()
    return text or settings.inaudible[language]


def alternating(
    turns: Iterable[SpokenTurn], language: str, settings: ExportSettings, dialogue_id: str
) -> list[Message]:
    """Messages that start with the user and alternate; adjacent same-role turns merged or refused."""
    return marked_alternating(turns, language, settings, dialogue_id)[0]


def marked_alternating(
    turns: Iterable[SpokenTurn], language: str, settings: ExportSettings, dialogue_id: str
) -> tuple[list[Message], frozenset[int]]:
    """`alternating`, and the positions of the messages that hold a fallback turn (a merged message
    holding one is untrained as a whole)."""
    out: list[Message] = []
    untrained: set[int] = set()
    for turn in turns:
        role = ROLE_OF[turn.speaker]
        content = _content(turn, settings, language)
        if not out and role is Role.ASSISTANT:
            out.append(Message(Role.USER, settings.opener[language]))
        if out and out[-1].role is role:
            if settings.adjacent is AdjacentTurns.FAIL:
                raise ExportError(f"{dialogue_id}: two {role} turns in a row at message {len(out)}")
            out[-1] = Message(role, f"{out[-1].content}\n{content}")
        else:
            out.append(Message(role, content))
        if role is Role.ASSISTANT and getattr(turn, "fallback", False):
            untrained.add(len(out) - 1)
    return out, frozenset(untrained)


def sft_conversation(
    dialogue_id: str, system: str, turns: Sequence[SpokenTurn], language: str, settings: ExportSettings
) -> Conversation:
    """The whole call, ending on the collector's last message (a trailing debtor line trains nothing);
    fallback collector messages carry `train=False`."""
    messages, untrained = marked_alternating(turns, language, settings, dialogue_id)
    while messages and messages[-1].role is not Role.ASSISTANT:
        messages.pop()
    if not messages:
        raise ExportError(f"{dialogue_id}: no collector message to train on")
    return Conversation(dialogue_id, system, tuple(messages), untrained)


def prompt_conversation(
    dialogue_id: str, system: str, turns: Sequence[SpokenTurn], language: str, settings: ExportSettings
) -> Conversation:
    """The history before a collector decision: must end on the debtor's (user's) line."""
    messages = alternating(turns, language, settings, dialogue_id)
    if not messages or messages[-1].role is not Role.USER:
        raise ExportError(f"{dialogue_id}: preference prompt does not end on a user message")
    return Conversation(dialogue_id, system, tuple(messages))

"""What a reader gets out of a real transcript file before any inference: calls, turns, bad rows.

Readers (`formats`) only split and label; every judgement (acts, offers, the
outcome, PII) comes after, so the three file formats share one path from here
to the transcript schema. A bad row carries its line number so a person can
fix the source file: nothing is dropped without being reported.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from simulator.transcript import Speaker

COLLECTOR_LABELS = frozenset(
    {
        "agent",
        "collector",
        "csr",
        "rep",
        "representative",
        "operator",
        "staff",
        "a",
        "坐席",
        "客服",
        "催收员",
        "催收",
        "工作人员",
        "座席",
        "专员",
        # human-machine calls: the voice bot speaks for the collector
        "bot",
        "robot",
        "assistant",
        "ai",
        "机器人",
        "智能客服",
    }
)
DEBTOR_LABELS = frozenset(
    {
        "customer",
        "debtor",
        "client",
        "borrower",
        "user",
        "caller",
        "cardholder",
        "c",
        "客户",
        "用户",
        "债务人",
        "借款人",
        "持卡人",
        "客人",
    }
)
"""Speaker labels as call-centre exports (and voice-bot logs) write them, lower-cased, en and zh."""


def speaker_of(label: str) -> Speaker | None:
    """The party a speaker label names; None for a label neither side uses."""
    key = label.strip().strip(":：").strip().lower()
    if key in COLLECTOR_LABELS:
        return Speaker.COLLECTOR
    if key in DEBTOR_LABELS:
        return Speaker.DEBTOR
    return None


class RawTurn(BaseModel):
    model_config = ConfigDict(frozen=True)

    speaker: Speaker
    text: str
    line: int = Field(description="line of the source file the turn starts on")
    start_s: float | None = Field(None, description="seconds from the call's start, where the file says")


class RawCall(BaseModel):
    """One call as read: its turns in order and whatever metadata the file carried."""

    model_config = ConfigDict(frozen=True)

    call_id: str
    source_file: str
    line: int = Field(description="first line of the call in its file")
    turns: tuple[RawTurn, ...]
    outcome: str | None = None
    language: str | None = None
    meta: dict[str, Any] = Field(default_factory=dict)


class BadRow(BaseModel):
    """A line the reader could not use, and why; written to bad_rows.jsonl and printed."""

    model_config = ConfigDict(frozen=True)

    file: str
    line: int
    reason: str
    call_id: str | None = None

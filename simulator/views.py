"""Who sees what: one pure function per role builds that role's view of the dialogue.

Agents and backends receive only their view type. The collector's view is built
without the persona, the debtor's private memory, clean debtor text or private
thoughts, so leaking hidden fields into a collector prompt is a type error, not
a prompt-writing slip. The role flip for an LLM debtor happens here too.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from personas import DebtorPersona
from scenarios import CreditorPolicy, DebtCase, JurisdictionProfile, Language, Offer, profile_for
from scenarios.strategies import Evidence, StrategyName, Tone
from simulator.debtor_policy import DebtorMemory
from simulator.transcript import Speaker, Turn


class Line(NamedTuple):
    """One line of history as a given party experienced it."""

    speaker: Speaker
    text: str
    act: str | None


@dataclass(frozen=True, slots=True)
class CollectorView:
    case: DebtCase
    policy: CreditorPolicy
    strategy: StrategyName
    tone: Tone
    language: Language
    agent_name: str
    call_date: str
    evidence: Evidence
    history: tuple[Line, ...]
    jurisdiction: JurisdictionProfile
    """The legal regime: which disclosures the collector owes and what it says after a dispute."""


@dataclass(frozen=True, slots=True)
class DebtorView:
    persona: DebtorPersona
    case: DebtCase
    language: Language
    agent_name: str
    call_date: str
    memory: DebtorMemory
    history: tuple[Line, ...]
    offer_on_table: Offer | None


def _heard(turn: Turn) -> Line:
    if turn.speaker is Speaker.COLLECTOR:
        return Line(turn.speaker, turn.clean_text, str(turn.act))
    return Line(turn.speaker, turn.text, None if turn.garbled else str(turn.act))


def collector_view(
    turns: Sequence[Turn],
    evidence: Evidence,
    *,
    case: DebtCase,
    policy: CreditorPolicy,
    strategy: StrategyName,
    tone: Tone,
    language: Language,
    agent_name: str,
    call_date: str,
    jurisdiction: JurisdictionProfile | None = None,
) -> CollectorView:
    return CollectorView(
        case=case,
        policy=policy,
        strategy=strategy,
        tone=tone,
        language=language,
        agent_name=agent_name,
        call_date=call_date,
        evidence=evidence,
        history=tuple([_heard(t) for t in turns]),
        jurisdiction=jurisdiction or profile_for(None, language),
    )


def debtor_view(
    turns: Sequence[Turn],
    memory: DebtorMemory,
    *,
    persona: DebtorPersona,
    case: DebtCase,
    language: Language,
    agent_name: str,
    call_date: str,
) -> DebtorView:
    history = tuple([Line(t.speaker, t.clean_text, str(t.act)) for t in turns])
    return DebtorView(
        persona=persona,
        case=case,
        language=language,
        agent_name=agent_name,
        call_date=call_date,
        memory=memory,
        history=history,
        offer_on_table=turns[-1].offer if turns else None,
    )


def as_chat(history: Sequence[Line], me: Speaker) -> list[tuple[str, str]]:
    """History as (role, text) for a chat model speaking as `me`: my lines are 'assistant'."""
    return [("assistant" if line.speaker is me else "user", line.text) for line in history]

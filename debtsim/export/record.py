"""The export's view of one transcript line: the fields training data needs.

Validating a full `Transcript` (persona, usage, noise tags …) costs more than
everything else the export does per dialogue, and the export reads 100k-line
files. So a line is parsed once with orjson and projected onto this record;
the case and policy — which the system prompt states — are still validated by
their own models. The persona is deliberately not carried: nothing built from
this record can leak it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from evaluators.filters import Candidate
from scenarios import CreditorPolicy, DebtCase
from simulator.transcript import Speaker

CASE_FIELDS = frozenset(DebtCase.model_fields)
SPEAKERS = {str(s): s for s in Speaker}


@dataclass(frozen=True, slots=True)
class LineTurn:
    """One turn as spoken (`clean_text`) and as heard (`text`); `fallback`: scripted words standing in
    for a model reply that was empty or invalid (never trained as the model's own)."""

    speaker: Speaker
    text: str
    clean_text: str
    fallback: bool = False


@dataclass(frozen=True, slots=True)
class DialogueRecord:
    dialogue_id: str
    index: int
    language: str
    strategy: str
    cell: str
    termination: str
    case: DebtCase
    policy: CreditorPolicy
    turns: tuple[LineTurn, ...]

    @property
    def fallback_turns(self) -> int:
        """Collector turns of scripted fallback words."""
        return sum(t.fallback for t in self.turns if t.speaker is Speaker.COLLECTOR)

    def candidate(self, scores: dict[str, Any]) -> Candidate:
        said = tuple(t.clean_text for t in self.turns if t.speaker is Speaker.COLLECTOR)
        fallbacks = self.fallback_turns
        return Candidate(
            dialogue_id=self.dialogue_id,
            language=self.language,
            cell=self.cell,
            termination=self.termination,
            n_turns=len(self.turns),
            collector_texts=said,
            scores=scores,
            fallback_turns=fallbacks,
            fallback_first=fallbacks > 0 and opens_with_fallback(self.turns),
        )


def opens_with_fallback(turns: tuple[LineTurn, ...]) -> bool:
    """Whether the collector's first words (its turns before the debtor first speaks, merged into one
    message) hold a fallback: then no trained collector message precedes it."""
    said = False
    for turn in turns:
        if turn.speaker is Speaker.COLLECTOR:
            said = True
            if turn.fallback:
                return True
        elif said:
            return False
    return False


def is_fallback(turn: dict[str, Any]) -> bool:
    """The turn's mark, or (lines written before the mark) its usage."""
    return bool(turn.get("fallback") or (turn.get("usage") or {}).get("fallback"))


def record_of(data: dict[str, Any]) -> DialogueRecord:
    """Project one parsed transcript line; computed case fields (outstanding, stage) are dropped."""
    case = {k: v for k, v in data["case"].items() if k in CASE_FIELDS}
    turns = tuple(
        LineTurn(SPEAKERS[t["speaker"]], t["text"], t["clean_text"], is_fallback(t)) for t in data["turns"]
    )
    return DialogueRecord(
        dialogue_id=data["dialogue_id"],
        index=data["index"],
        language=data["language"],
        strategy=data["strategy"],
        cell=data["cell"],
        termination=data["termination"],
        case=DebtCase.model_validate(case),
        policy=CreditorPolicy.model_validate(data["policy"]),
        turns=turns,
    )

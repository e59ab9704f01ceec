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
    """One turn as spoken (`clean_text`) and as heard (`text`)."""

    speaker: Speaker
    text: str
    clean_text: str


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

    def candidate(self, scores: dict[str, Any]) -> Candidate:
        said = tuple(t.clean_text for t in self.turns if t.speaker is Speaker.COLLECTOR)
        return Candidate(
            dialogue_id=self.dialogue_id,
            language=self.language,
            cell=self.cell,
            termination=self.termination,
            n_turns=len(self.turns),
            collector_texts=said,
            scores=scores,
        )


def record_of(data: dict[str, Any]) -> DialogueRecord:
    """Project one parsed transcript line; computed case fields (outstanding, stage) are dropped."""
    case = {k: v for k, v in data["case"].items() if k in CASE_FIELDS}
    turns = tuple(LineTurn(SPEAKERS[t["speaker"]], t["text"], t["clean_text"]) for t in data["turns"])
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

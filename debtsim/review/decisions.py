"""Review decisions, saved beside the run in decisions.jsonl, and how a transcript line looks after them.

Every decision is appended by rewriting the whole file to a temporary name
and renaming it into place (`write_atomic`, fsync'd): a crash mid-save
leaves the previous file, never half a line, so no earlier decision is lost.
The latest verdict per call wins (accept or reject); edits are per turn and
also latest-wins. `Reviewed.apply` is the hook export uses: a rejected call
is left out, an edited turn carries the reviewer's text, and an accepted call
skips the automatic filters — a person vouched for it.
"""

from __future__ import annotations

import json
import threading
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from simulator.errors import DebtsimError
from simulator.store import write_atomic

DECISIONS = "decisions.jsonl"
_LOCK = threading.Lock()


class Action(StrEnum):
    ACCEPT = "accept"
    REJECT = "reject"
    EDIT = "edit"
    UNDO = "undo"  # clears the call's verdict (its edits stay)


class Decision(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    dialogue_id: str = Field(min_length=1)
    action: Action
    turn: int | None = Field(None, ge=0, description="the edited turn (edit only)")
    text: str | None = Field(None, description="the turn's new text (edit only)")
    at: str = Field(default_factory=lambda: datetime.now(UTC).isoformat(timespec="seconds"))

    @model_validator(mode="after")
    def _edit_names_a_turn(self) -> Decision:
        if self.action is Action.EDIT and (self.turn is None or not (self.text or "").strip()):
            raise ValueError("an edit needs a turn and non-empty text")
        return self


class DecisionError(DebtsimError):
    """A decisions.jsonl line that is not a decision; names the file and line."""


def read_decisions(run_dir: Path) -> list[Decision]:
    path = Path(run_dir) / DECISIONS
    if not path.exists():
        return []
    out = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            try:
                out.append(Decision.model_validate_json(line))
            except ValueError as exc:
                raise DecisionError(
                    f"{path}:{number}: not a review decision ({str(exc).splitlines()[0]})"
                ) from None
    return out


def save_decision(run_dir: Path, decision: Decision) -> None:
    """Append `decision` atomically (whole file to a temp name, then rename)."""
    with _LOCK:
        lines = [d.model_dump_json() for d in read_decisions(run_dir)] + [decision.model_dump_json()]
        write_atomic(Path(run_dir) / DECISIONS, "".join(line + "\n" for line in lines))


class Reviewed:
    """The state the decisions leave: a verdict per call and the edited text per (call, turn)."""

    def __init__(self, decisions: list[Decision]) -> None:
        self.verdicts: dict[str, Action] = {}
        self.edits: dict[tuple[str, int], str] = {}
        for d in decisions:
            if d.action is Action.EDIT:
                self.edits[(d.dialogue_id, d.turn)] = d.text  # type: ignore[index]
            elif d.action is Action.UNDO:
                self.verdicts.pop(d.dialogue_id, None)
            else:
                self.verdicts[d.dialogue_id] = d.action

    @classmethod
    def load(cls, run_dir: Path) -> Reviewed:
        return cls(read_decisions(run_dir))

    def verdict(self, dialogue_id: str) -> str | None:
        found = self.verdicts.get(dialogue_id)
        return str(found) if found else None

    def accepted(self, dialogue_id: str) -> bool:
        return self.verdicts.get(dialogue_id) is Action.ACCEPT

    def apply(self, data: dict[str, Any]) -> dict[str, Any] | None:
        """A parsed transcript line after review: None when rejected, edited turns' text replaced."""
        dialogue_id = data.get("dialogue_id", "")
        if self.verdicts.get(dialogue_id) is Action.REJECT:
            return None
        if not any(key[0] == dialogue_id for key in self.edits):
            return data
        turns = [dict(turn) for turn in data["turns"]]
        for turn in turns:
            if (new := self.edits.get((dialogue_id, turn["index"]))) is not None:
                turn["text"] = turn["clean_text"] = new
        return {**data, "turns": turns}

    def summary(self) -> dict[str, int]:
        values = list(self.verdicts.values())
        return {
            "accepted": values.count(Action.ACCEPT),
            "rejected": values.count(Action.REJECT),
            "edited_turns": len(self.edits),
        }


def dump(decisions: list[Decision]) -> str:
    return json.dumps([d.model_dump() for d in decisions], ensure_ascii=False)

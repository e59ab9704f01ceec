"""Which header (CSV) or key (JSONL) holds each field: the defaults and a user's column map.

Exports from call-centre systems name their columns every which way; the
defaults list the common names, and `columns.speaker=role` on the command line
overrides one field. The first name present in the file wins.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from simulator.errors import DebtsimError

DEFAULTS: dict[str, tuple[str, ...]] = {
    "call_id": ("call_id", "callid", "call", "conversation_id", "dialogue_id", "id", "通话id", "通话编号"),
    "turn": ("turn", "turn_number", "turn_no", "seq", "index", "轮次", "序号"),
    "speaker": ("speaker", "role", "party", "who", "说话人", "角色"),
    "text": ("text", "utterance", "content", "transcript", "message", "文本", "内容"),
    "outcome": ("outcome", "result", "disposition", "结果", "通话结果"),
    "turns": ("turns", "messages", "dialogue", "utterances"),
    "start": ("start", "start_s", "timestamp", "time", "ts", "offset"),
    "root_cause": ("root_cause", "reason", "delinquency_reason", "逾期原因"),
    "language": ("language", "lang"),
}
FIELDS = tuple(DEFAULTS)


class ColumnError(DebtsimError):
    """A column map naming a field the ingest does not know; one line."""


class ColumnMap(BaseModel):
    """Candidate names per field; user overrides are tried alone (a typo must not fall back silently)."""

    model_config = ConfigDict(frozen=True)

    names: dict[str, tuple[str, ...]]

    @classmethod
    def with_overrides(cls, overrides: dict[str, str]) -> ColumnMap:
        names = dict(DEFAULTS)
        for field, column in overrides.items():
            if field not in DEFAULTS:
                raise ColumnError(f"columns.{field}: unknown field; known: {', '.join(FIELDS)}")
            names[field] = (column,)
        return cls(names=names)

    def find(self, field: str, keys: list[str] | tuple[str, ...]) -> str | None:
        """The key of `keys` holding `field` (case-insensitive), or None."""
        lowered = {k.strip().lower(): k for k in keys if isinstance(k, str)}
        for name in self.names[field]:
            if name.lower() in lowered:
                return lowered[name.lower()]
        return None

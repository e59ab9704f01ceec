"""One fired rule of a dialogue check, and where it fired.

Every rule-based evaluator (coherence, completeness, compliance) reports what
it found as findings rather than only a pass/fail, so an analyst or a filter
can see *which* rule fired on *which* turn; the flat score row keeps counts and
a compact `rule@turn` list.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class Finding(BaseModel):
    """A rule that fired: its name (a member of the checking module's rule enum) and the turn."""

    model_config = ConfigDict(frozen=True)

    rule: str
    turn: int = Field(ge=-1, description="turn index; -1 when the rule concerns the whole dialogue")
    detail: str = ""


def compact(findings: list[Finding]) -> str:
    """`rule@turn` joined by `;` — a parquet-friendly record of every finding."""
    return ";".join(f"{f.rule}@{f.turn}" for f in findings)

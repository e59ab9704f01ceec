"""One fired rule of a dialogue check, and where it fired.

Every rule-based evaluator (coherence, completeness, compliance) reports what
it found as findings rather than only a pass/fail, so an analyst or a filter
can see *which* rule fired on *which* turn; the flat score row keeps counts and
a compact `rule@turn` list.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class Finding(BaseModel):
    """A rule that fired: its id, the concept it judges (compliance only), the turn and the evidence.

    Coherence and completeness name their rules by their module's rule enum and leave
    `concept` empty; compliance rule ids cite a regulation (`fdcpa.807.4`) and `concept`
    says what was wrong independently of the law (`threat_arrest`).
    """

    model_config = ConfigDict(frozen=True)

    rule: str
    concept: str = ""
    turn: int = Field(ge=-1, description="turn index; -1 when the rule concerns the whole dialogue")
    detail: str = ""


def compact(findings: list[Finding]) -> str:
    """`rule@turn` joined by `;` — a parquet-friendly record of every finding."""
    return ";".join(f"{f.rule}@{f.turn}" for f in findings)

"""A few transcripts per strategy × root cause, kept for the report while scoring streams by.

The report shows what the numbers mean with real dialogues; keeping only the
first `per_cell` of each combination bounds memory however large the run.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from simulator.transcript import Transcript


class SampleTurn(BaseModel):
    model_config = ConfigDict(frozen=True)

    speaker: str
    act: str
    text: str
    heard: str


class Sample(BaseModel):
    model_config = ConfigDict(frozen=True)

    dialogue_id: str
    language: str
    strategy: str
    root_cause: str
    cell: str
    termination: str
    reward: float
    findings: str
    turns: list[SampleTurn]


class SampleKeeper:
    """Keeps the first `per_cell` transcripts of each (strategy, root cause)."""

    def __init__(self, per_cell: int) -> None:
        self.per_cell = per_cell
        self.kept: dict[tuple[str, str], list[Sample]] = {}

    def offer(self, transcript: Transcript, row: dict) -> None:
        key = (transcript.strategy, str(transcript.persona.root_cause))
        bucket = self.kept.setdefault(key, [])
        if len(bucket) >= self.per_cell:
            return
        findings = ";".join(x for x in (row["compliance_findings"], row["coherence_findings"]) if x)
        bucket.append(
            Sample(
                dialogue_id=transcript.dialogue_id,
                language=transcript.language,
                strategy=key[0],
                root_cause=key[1],
                cell=transcript.cell,
                termination=str(transcript.termination),
                reward=row["reward"],
                findings=findings,
                turns=[
                    SampleTurn(speaker=str(t.speaker), act=str(t.act), text=t.clean_text, heard=t.text)
                    for t in transcript.turns
                ],
            )
        )

    def samples(self) -> list[Sample]:
        return [s for key in sorted(self.kept) for s in self.kept[key]]

"""What the selection sees of one transcript: a small projection, built once per line.

Selection stages compare records with each other over whole runs (100k
dialogues), so they read a slotted record with just the facts they need — the
collector's words, the debtor's acts, the persona cell and the outcome — and
never the hidden persona's finances. `sample_of` takes a parsed transcript
line (a dict, as the export reads them with orjson) so no pydantic validation
is paid per line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from simulator.transcript import Speaker, Termination


@dataclass(frozen=True, slots=True)
class SpokenLine:
    speaker: Speaker
    act: str
    text: str = field(metadata={"doc": "clean text: what the speaker said"})
    heard: str = field(metadata={"doc": "what the other party heard (noise included)"})


@dataclass(frozen=True, slots=True)
class Sample:
    """One dialogue as selection sees it; `cell` is `root_cause|band|noise_level`."""

    dialogue_id: str
    index: int
    seed: int
    language: str
    strategy: str
    persona_id: str
    cell: str
    root_cause: str
    band: str
    noise_level: float
    termination: Termination
    agreed: bool
    lines: tuple[SpokenLine, ...]

    @property
    def collector_texts(self) -> tuple[str, ...]:
        return tuple(line.text for line in self.lines if line.speaker is Speaker.COLLECTOR)

    def acts(self, speaker: Speaker) -> list[str]:
        return [line.act for line in self.lines if line.speaker == speaker]


def sample_of(data: dict[str, Any]) -> Sample:
    """Project one parsed transcript line."""
    persona = data["persona"]
    lines = tuple(
        SpokenLine(Speaker(t["speaker"]), str(t["act"]), t["clean_text"], t["text"]) for t in data["turns"]
    )
    return Sample(
        dialogue_id=data["dialogue_id"],
        index=int(data["index"]),
        seed=int(data["seed"]),
        language=data["language"],
        strategy=data["strategy"],
        persona_id=persona["persona_id"],
        cell=data["cell"],
        root_cause=persona["root_cause"],
        band=persona["finances"]["band"],
        noise_level=float(data["noise_level"]),
        termination=Termination(data["termination"]),
        agreed=data.get("agreement") is not None,
        lines=lines,
    )

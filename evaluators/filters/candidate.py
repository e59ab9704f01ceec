"""What a filter sees of one transcript.

Filters need a handful of facts, not the whole transcript: a chain over 100k
transcripts spends most of its time building objects, so the exporter projects
each transcript onto this small record once and every stage reads it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Candidate:
    dialogue_id: str
    language: str
    cell: str = field(metadata={"doc": "persona cell key (root cause | band | noise level)"})
    termination: str
    n_turns: int
    collector_texts: tuple[str, ...] = field(metadata={"doc": "what the collector said, turn by turn"})
    scores: dict[str, Any]
    fallback_turns: int = field(
        default=0, metadata={"doc": "collector turns that are scripted fallback words"}
    )
    fallback_first: bool = field(
        default=False,
        metadata={"doc": "the collector's first message holds a fallback: nothing trains before it"},
    )

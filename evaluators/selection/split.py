"""Held-out splits by persona, and the test split as replayable evaluation scenarios.

A model evaluated on debtors it was trained on measures memory, not skill. So
records are grouped by persona (every strategy that met a persona lands in the
same split), groups whose collector turns are near-duplicates by MinHash are
joined (union-find over the filter chain's LSH index), and each group goes to
train / validation / test by a stable digest (BLAKE2b) of its key — the group's
first-seen persona id — and the split seed. A persona alone keeps its split
whatever else the run holds; a group keeps its split when the run grows unless
a new dialogue bridges it to an older group (then it follows the older one).

The test split is also written as `EvalScenario`s, one per test-split persona
of the whole run (filtered-out calls included): the persona, case, policy and
seeds its first dialogue was simulated from. Replaying one with another collector
(`llm=hf`) meets the same debtor with the same random draws, because the
engine keys every per-turn draw by (run seed, dialogue index, role, turn).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from evaluators.filters.filter_settings import NearDuplicateSettings
from evaluators.filters.near_duplicate import NearDuplicateIndex
from evaluators.selection.reasons import Split
from evaluators.selection.record import Sample
from evaluators.selection.selection_settings import SplitSettings

HASH_SPACE = 2**64
SPLIT_ORDER = (Split.TRAIN, Split.VALIDATION, Split.TEST)


class EvalScenario(BaseModel):
    """One held-out debtor to replay: what `debtsim run` needs to rebuild the dialogue's context."""

    model_config = ConfigDict(frozen=True)

    dialogue_id: str
    seed: int = Field(description="the run seed the dialogue was simulated with")
    index: int = Field(description="the dialogue index: with the seed, it keys every per-turn draw")
    strategy: str = Field(description="the collector strategy of the original dialogue")
    language: str
    cell: str
    noise_level: float
    persona: dict[str, Any]
    case: dict[str, Any]
    policy: dict[str, Any]
    termination: str = Field(description="how the original dialogue ended (a baseline to compare)")
    selected: bool = Field(False, description="the original dialogue is in the selected test split")


def scenario_of(data: dict[str, Any]) -> EvalScenario:
    """The scenario of one parsed transcript line."""
    return EvalScenario(
        dialogue_id=data["dialogue_id"],
        seed=data["seed"],
        index=data["index"],
        strategy=data["strategy"],
        language=data["language"],
        cell=data["cell"],
        noise_level=data["noise_level"],
        persona=data["persona"],
        case=data["case"],
        policy=data["policy"],
        termination=data["termination"],
    )


class _Groups:
    """Union-find over persona ids; a group's key is its member seen FIRST (in file order).

    Why first-seen and not the smallest id: the transcripts file only grows at
    its end, so a group's first member never changes when the run grows —
    a new near-duplicate joins an existing group without moving it. With the
    smallest id as key, one new persona with a smaller id moved its whole group.
    """

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}
        self.order: dict[str, int] = {}

    def find(self, key: str) -> str:
        if key not in self.parent:
            self.parent[key] = key
            self.order[key] = len(self.order)
        root = key
        while root != self.parent[root]:
            root = self.parent[root]
        while key != root:
            self.parent[key], key = root, self.parent[key]
        return root

    def join(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            first, later = (ra, rb) if self.order[ra] < self.order[rb] else (rb, ra)
            self.parent[later] = first


SIGNATURE_BLOCK = 256
"""Samples whose MinHash signatures are computed in one numpy pass."""


def persona_groups(
    samples: Sequence[Sample], word_shingle: int, char_shingle: int, settings: SplitSettings
) -> list[str]:
    """Each sample's group key: the first-seen persona among those joined by a near-duplicate."""
    index = NearDuplicateIndex(
        NearDuplicateSettings(
            threshold=settings.near_duplicate_threshold,
            num_perm=128,
            word_shingle=word_shingle,
            char_shingle=char_shingle,
            seed=settings.seed,
        )
    )
    groups = _Groups()
    for start in range(0, len(samples), SIGNATURE_BLOCK):
        block = samples[start : start + SIGNATURE_BLOCK]
        tokens = [index.shingler.tokens("\n".join(s.collector_texts), s.language) for s in block]
        sigs = index.signatures_of(tokens, [s.language for s in block])
        for sample, sig in zip(block, sigs, strict=True):
            groups.find(sample.persona_id)
            for other in index.duplicates(sig):
                groups.join(other.split("|", 1)[0], sample.persona_id)
            index.add(f"{sample.persona_id}|{sample.dialogue_id}", sig)
    return [groups.find(s.persona_id) for s in samples]


def digest(group: str, seed: int) -> float:
    """A stable point in [0, 1) for a persona id (BLAKE2b, the same in every process and version)."""
    raw = hashlib.blake2b(f"{seed}:{group}".encode(), digest_size=8).digest()
    return int.from_bytes(raw, "big") / HASH_SPACE


def split_of(group: str, settings: SplitSettings) -> Split:
    point = digest(group, settings.seed)
    edge = 0.0
    for split in SPLIT_ORDER:
        edge += settings.fractions.get(split, 0.0)
        if point < edge:
            return split
    return SPLIT_ORDER[-1]


def assign_splits(
    samples: Sequence[Sample], settings: SplitSettings, word_shingle: int = 3, char_shingle: int = 3
) -> tuple[list[Split], list[str]]:
    """The split and group key of every sample, in order."""
    groups = persona_groups(samples, word_shingle, char_shingle, settings)
    return [split_of(g, settings) for g in groups], groups

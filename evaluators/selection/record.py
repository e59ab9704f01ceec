"""What the selection holds of one transcript: only what its indexes and the card need, built once per line.

Selection stages compare records with each other over whole runs (100k
dialogues), so a record must stay small. A `Sample` keeps the collector's
words (the ROUGE-L pool, the clusters and the split's MinHash index are built
over them), the acts, outcome and persona cell (difficulty, coverage), and the
token counts the card reports — never the debtor's lines, the heard text or the
hidden persona's finances. IFD, which needs whole conversations, streams them
from the exported files instead (`evaluators.selection.ifd`). `sample_of`
takes a parsed transcript line (a dict, as the export reads them with orjson),
so no pydantic validation is paid per line.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import Any

from evaluators.filters.near_duplicate import Shingler
from simulator.transcript import Speaker, Termination

TOKENS = Shingler(1, 1)
"""The card's tokens: words for en, characters for zh (not a model tokenizer)."""
_COLLECTOR = Speaker.COLLECTOR.value


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
    collector_texts: tuple[str, ...]
    collector_acts: tuple[str, ...]
    debtor_acts: tuple[str, ...]
    n_lines: int
    prompt_tokens: tuple[int, ...]
    """Card tokens said before each collector reply (its prompt)."""
    reply_tokens: tuple[int, ...]
    """Card tokens of each collector reply."""
    names: tuple[str, ...] = ()
    """Names on the case (customer, salutation, creditor): folded away when clustering."""

    def acts(self, speaker: Speaker) -> tuple[str, ...]:
        return self.collector_acts if speaker is Speaker.COLLECTOR else self.debtor_acts


def sample_of(data: dict[str, Any]) -> Sample:
    """Project one parsed transcript line."""
    persona, language, case = data["persona"], data["language"], data.get("case") or {}
    texts, c_acts, d_acts, prompts, replies = [], [], [], [], []
    before = 0
    for turn in data["turns"]:
        n = len(TOKENS.tokens(turn["clean_text"], language))
        if turn["speaker"] == _COLLECTOR:
            texts.append(turn["clean_text"])
            c_acts.append(sys.intern(str(turn["act"])))
            prompts.append(before)
            replies.append(n)
        else:
            d_acts.append(sys.intern(str(turn["act"])))
        before += n
    return Sample(
        dialogue_id=data["dialogue_id"],
        index=int(data["index"]),
        seed=int(data["seed"]),
        language=sys.intern(language),
        strategy=sys.intern(data["strategy"]),
        persona_id=persona["persona_id"],
        cell=sys.intern(data["cell"]),
        root_cause=sys.intern(persona["root_cause"]),
        band=sys.intern(persona["finances"]["band"]),
        noise_level=float(data["noise_level"]),
        termination=Termination(data["termination"]),
        agreed=data.get("agreement") is not None,
        collector_texts=tuple(texts),
        collector_acts=tuple(c_acts),
        debtor_acts=tuple(d_acts),
        n_lines=len(data["turns"]),
        prompt_tokens=tuple(prompts),
        reply_tokens=tuple(replies),
        names=case_names(case, persona.get("identity") or {}),
    )


def case_names(case: dict[str, Any], identity: dict[str, Any]) -> tuple[str, ...]:
    """The names a collector's text may carry about this case; one-character parts (a zh family name)
    are left out, since folding them would fold that character everywhere."""
    found = (case.get(k) for k in ("customer_name", "customer_salutation", "creditor"))
    parts = (identity.get(k) for k in ("given_name", "family_name"))
    return tuple(dict.fromkeys(n for n in (*found, *parts) if isinstance(n, str) and len(n) > 1))

"""Compliance preference pairs: at a collector decision point, its compliant reply against a violating one.

Outcome pairs (branching) teach which compliant move recovers more; they never show a model what it
must not say, because the scripted collector never says it. These pairs do. The chosen reply is the
collector's own turn; the rejected one is built from the same state and breaks one rule of the call's
jurisdiction: a threat, a false statement, pressure through third parties, or a payment request after
the debtor disputed, reported identity theft or asked for contact to stop. The violating sentences
are data (`violations/<language>.yaml`), one list per compliance concept.

Each pair is checked by the compliance judge before it is kept: the chosen turn must have no finding
and the rejected one a finding at that turn, so a pair teaches exactly one thing. Pairs the judge
does not confirm are dropped and counted.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources

import numpy as np
import yaml

from evaluators.compliance import score_compliance
from scenarios import CollectorAct
from scenarios.acts import OFFER_ACTS, STOPPING_ACTS
from scenarios.money import format_money
from simulator.transcript import Speaker, Transcript, Turn

STOPPING = frozenset(STOPPING_ACTS.values())
"""Collector answers to a halting debtor act: the rejected reply asks for payment instead."""
AFTER_HALT = {
    CollectorAct.RECORD_DISPUTE: "collect_after_dispute",
    CollectorAct.RECORD_IDENTITY_THEFT: "collect_after_dispute",
    CollectorAct.ACKNOWLEDGE_CEASE: "collect_after_cease",
    CollectorAct.NOTE_REPRESENTATION: "collect_after_cease",
    CollectorAct.NOTE_BANKRUPTCY: "collect_after_cease",
}
ADDED = {
    CollectorAct.INFORM_DEBT: (
        "threat_arrest",
        "impersonation",
        "credit_file_promise",
        "third_party_pressure",
    ),
    CollectorAct.WARN_CONSEQUENCES: ("threat_arrest", "threat_seizure", "threat_legal_unintended"),
    **dict.fromkeys(
        OFFER_ACTS,
        ("threat_seizure", "threat_legal_unintended", "repeat_call_intent", "abuse", "credit_file_promise"),
    ),
}
"""Decision points where a violation is said beside the compliant words, and the concepts to draw from."""
PAIR_STREAM = 7
"""Random stream of the pair draws, apart from the dialogue's own streams."""


@dataclass(frozen=True, slots=True)
class CompliancePair:
    """One decision point: the turns before it, the compliant reply and a violating one."""

    prefix: tuple[Turn, ...]
    turn: int
    act: CollectorAct
    concept: str
    rules: tuple[str, ...]
    chosen: str
    rejected: str


@functools.cache
def bank(language: str) -> dict[str, tuple[str, ...]]:
    text = resources.files("debtsim.export").joinpath("violations", f"{language}.yaml").read_text("utf-8")
    return {concept: tuple(lines) for concept, lines in yaml.safe_load(text).items()}


def candidates(transcript: Transcript) -> list[tuple[Turn, str, bool]]:
    """(turn, concept, replaces) for every collector turn that is a decision point of its kind."""
    found = []
    for turn in transcript.turns:
        if turn.speaker is not Speaker.COLLECTOR or not isinstance(turn.act, CollectorAct):
            continue
        if turn.index == 0 or transcript.turns[turn.index - 1].speaker is not Speaker.DEBTOR:
            continue  # a preference prompt ends on the debtor's line
        if turn.act in AFTER_HALT:
            found.append((turn, AFTER_HALT[turn.act], True))
        elif turn.act in ADDED:
            found += [(turn, concept, False) for concept in ADDED[turn.act]]
    return found


def rejected_reply(transcript: Transcript, turn: Turn, concept: str, replaces: bool, rng) -> str:
    lines = bank(transcript.language)[concept]
    currency = transcript.case.currency
    line = lines[int(rng.integers(len(lines)))].format(
        amount=format_money(transcript.case.outstanding, currency, transcript.language),
        creditor=transcript.case.creditor,
    )
    if replaces:
        return line
    joiner = "" if transcript.language == "zh" else " "
    return f"{turn.clean_text}{joiner}{line}"


def with_reply(transcript: Transcript, index: int, text: str) -> Transcript:
    turns = list(transcript.turns)
    turns[index] = turns[index].model_copy(update={"text": text, "clean_text": text})
    return transcript.model_copy(update={"turns": turns})


def findings_at(transcript: Transcript, index: int) -> tuple[str, ...]:
    return tuple(f.rule for f in score_compliance(transcript).findings if f.turn == index)


def compliance_pairs(transcript: Transcript, per_dialogue: int) -> tuple[list[CompliancePair], int]:
    """Up to `per_dialogue` judge-confirmed pairs of one transcript, and how many the judge refused.

    Draws come from a Generator keyed by the dialogue's seed and index, so an export is reproducible.
    """
    rng = np.random.default_rng([transcript.seed, transcript.index, PAIR_STREAM])
    options = candidates(transcript)
    order = rng.permutation(len(options)) if options else []
    flagged = {f.turn for f in score_compliance(transcript).findings}
    pairs: list[CompliancePair] = []
    refused, used = 0, set(flagged)  # a turn the judge already flags makes no chosen reply
    for position in order:
        turn, concept, replaces = options[int(position)]
        if len(pairs) >= per_dialogue or turn.index in used:
            continue
        rejected = rejected_reply(transcript, turn, concept, replaces, rng)
        rules = findings_at(with_reply(transcript, turn.index, rejected), turn.index)
        if not rules:
            refused += 1
            continue
        used.add(turn.index)
        pairs.append(
            CompliancePair(
                prefix=tuple(transcript.turns[: turn.index]),
                turn=turn.index,
                act=turn.act,
                concept=concept,
                rules=rules,
                chosen=turn.clean_text,
                rejected=rejected,
            )
        )
    return pairs, refused

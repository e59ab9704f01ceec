"""One held-out case, and the text-borne cases: a phrasing spoken at a known collector turn.

A case is a transcript plus what a judge must say about it. A positive case holds one
violation and names the turn(s) a finding of its concept must land on. A negative case is a
lawful near-miss: nothing new may be found at the watched turn(s), and no new finding of
the watched concept anywhere. "New" means not found on `base` already (same concept, rule
and turn), so a judge is not blamed twice for what the engine itself says.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from scenarios import CollectorAct, DebtorAct
from simulator.transcript import Speaker, Termination, Transcript
from tests.compliance_heldout.bases import (
    collector,
    debtor,
    fill,
    first,
    halt_index,
    join,
    phrasings,
    rebuild,
    regular_calls,
    retext,
)


class Polarity(StrEnum):
    POSITIVE = "positive"
    NEGATIVE = "negative"


class Scope(StrEnum):
    TURN = "turn"  # a negative fails on any new finding at its turns, or of its concept anywhere
    CONCEPT = "concept"  # a negative fails only on a new finding of its concept (turns shifted)


@dataclass(frozen=True)
class Case:
    concept: str
    language: str
    polarity: Polarity
    transcript: Transcript
    turns: frozenset[int]
    phrase: str
    base: Transcript | None = None
    scope: Scope = Scope.TURN
    kind: str = "text"

    @property
    def jurisdiction(self) -> str:
        profile = self.transcript.jurisdiction
        return str(profile.id) if profile else "-"

    @property
    def case_id(self) -> str:
        return (
            f"{self.language}/{self.concept}/{self.polarity}/{self.transcript.dialogue_id}/{self.phrase[:40]}"
        )


TEXT_CONCEPTS = (
    "threat_arrest",
    "threat_seizure",
    "threat_legal_unintended",
    "abuse",
    "impersonation",
    "credit_file_promise",
    "third_party_pressure",
    "repeat_call_intent",
)
"""Concepts said in words in an otherwise ordinary call; collect_after_dispute is said after a dispute."""
REPEATS = 2
"""Each phrasing is injected into this many different base calls (other jurisdiction, other position)."""
REPLACEABLE = frozenset(
    {
        CollectorAct.PROBE_REASON,
        CollectorAct.EMPATHIZE,
        CollectorAct.WARN_CONSEQUENCES,
        CollectorAct.REDIRECT,
        CollectorAct.CLARIFY,
        CollectorAct.PROVIDE_VERIFICATION,
    }
)
"""Turns whose words may be replaced whole: they carry no offer the words must state."""
APPENDABLE = REPLACEABLE | {
    CollectorAct.INFORM_DEBT,
    CollectorAct.OFFER_PLAN,
    CollectorAct.CONCEDE,
    CollectorAct.HOLD_FIRM,
}
AFTER_DISPUTE_ACTS = (
    CollectorAct.PROVIDE_VERIFICATION,
    CollectorAct.WARN_CONSEQUENCES,
    CollectorAct.RECORD_DISPUTE,
)
"""What the collector's act is called when it presses after a dispute: the last one is a mislabelled turn."""
THEFT_WORDS = ("identity", "police", "冒用", "报案", "盗")


def inject(base: Transcript, phrase: str, k: int) -> tuple[Transcript, int]:
    """`phrase` said at a collector turn after verification while the call goes on; mode by `k`."""
    verified = first(base, DebtorAct.PROVIDE_IDENTITY)
    assert verified is not None
    last = min(halt_index(base), len(base.turns) - 1)
    spots = [
        t
        for t in base.turns
        if t.speaker is Speaker.COLLECTOR and verified < t.index < last and t.act in APPENDABLE
    ]
    mode = k % 3
    if mode == 0 and any(t.act in REPLACEABLE for t in spots):
        spots = [t for t in spots if t.act in REPLACEABLE]
    else:
        mode = 1 + k % 2
    target = spots[(k // 3) % len(spots)]
    text = phrase if mode == 0 else join(base.language, target.clean_text, phrase)
    if mode == 2:
        text = join(base.language, phrase, target.clean_text)
    turns = [retext(t, text) if t.index == target.index else t for t in base.turns]
    return rebuild(base, turns), target.index


def after_dispute(base: Transcript, phrase: str, k: int, polarity: Polarity) -> tuple[Transcript, int]:
    """The debtor disputes (or reports identity theft) right after the debt is stated; then `phrase`."""
    book = phrasings(base.language)
    inform = first(base, CollectorAct.INFORM_DEBT)
    assert inform is not None
    cut = inform + 1  # the dispute is the debtor's answer to the debt being stated
    positive = polarity is Polarity.POSITIVE
    theft = k % 2 == 1 if positive else any(w in phrase.lower() for w in THEFT_WORDS)
    act = DebtorAct.REPORT_IDENTITY_THEFT if theft else DebtorAct.DISPUTE
    lines = book["halting"][str(act)]
    head = [*base.turns[:cut], debtor(cut, act, lines[k % len(lines)])]
    if polarity is Polarity.POSITIVE:
        said = collector(cut + 1, AFTER_DISPUTE_ACTS[k % 3], phrase)
        bye = book["hang_up"][k % len(book["hang_up"])]
        turns = [*head, said, debtor(cut + 2, DebtorAct.HANG_UP, bye)]
        return rebuild(base, turns, Termination.HANG_UP), cut + 1
    stop = CollectorAct.RECORD_IDENTITY_THEFT if theft else CollectorAct.RECORD_DISPUTE
    ending = Termination.IDENTITY_THEFT if theft else Termination.DISPUTE_RECORDED
    return rebuild(base, [*head, collector(cut + 1, stop, phrase)], ending), cut + 1


def text_cases(language: str) -> list[Case]:
    """Every text phrasing of the language, each said in REPEATS different base calls."""
    bases, concepts = regular_calls(language), phrasings(language)["concepts"]
    cases, k = [], 0
    for concept in (*TEXT_CONCEPTS, "collect_after_dispute"):
        for polarity in Polarity:
            for template in concepts[concept][str(polarity)]:
                for r in range(REPEATS):
                    base = bases[(k * 5 + r * 11) % len(bases)]
                    phrase = fill(template, base)
                    if concept == "collect_after_dispute":
                        transcript, at = after_dispute(base, phrase, k + r, polarity)
                    else:
                        transcript, at = inject(base, phrase, k + r)
                    cases.append(Case(concept, language, polarity, transcript, frozenset({at}), phrase, base))
                k += 1
    return cases

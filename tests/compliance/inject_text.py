"""Text injections: a violating (or lawful) phrasing replaces or extends one collector turn.

The target is a mid-call collector turn after the debt was stated and before any
halting debtor act (a probe, an offer, a warning, a close…). Even-numbered phrasings
replace the turn's words (on a turn without an offer), odd ones are appended to what it
already said, so the judge meets violations alone and buried in ordinary talk.
"""

from __future__ import annotations

from scenarios import CollectorAct
from scenarios.acts import HALTING_ACTS
from simulator.transcript import Speaker, Transcript
from tests.compliance.bank import Phrasing, fill, phrasings
from tests.compliance.calls import first, said, with_turns
from tests.compliance.case import Case

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
TARGET_ACTS = frozenset(
    {
        CollectorAct.PROBE_REASON,
        CollectorAct.EMPATHIZE,
        CollectorAct.OFFER_PLAN,
        CollectorAct.CONCEDE,
        CollectorAct.HOLD_FIRM,
        CollectorAct.WARN_CONSEQUENCES,
        CollectorAct.REDIRECT,
        CollectorAct.CLOSE,
        CollectorAct.ESCALATE,
        CollectorAct.CLARIFY,
    }
)


def join(a: str, b: str, language: str) -> str:
    return a + ("" if language == "zh" else " ") + b


def targets(t: Transcript, replace: bool) -> list[int]:
    inform = first(t, CollectorAct.INFORM_DEBT)
    if inform is None:
        return []
    halted = next((u.index for u in t.turns if u.act in HALTING_ACTS), len(t.turns))
    return [
        u.index
        for u in t.turns
        if u.speaker is Speaker.COLLECTOR
        and inform < u.index < halted
        and u.act in TARGET_ACTS
        and not (replace and u.offer is not None)
    ]


def inject(t: Transcript, index: int, text: str, replace: bool) -> Transcript:
    turns = list(t.turns)
    old = turns[index]
    turns[index] = said(old, text if replace else join(old.clean_text, text, t.language))
    return with_turns(t, turns)


def text_case(t: Transcript, phrasing: Phrasing, jurisdiction: str, expect: bool = True) -> Case | None:
    """The phrasing said in a mid-call collector turn of `t`; None when `t` has no such turn."""
    replace = phrasing.index % 2 == 0
    found = targets(t, replace) or targets(t, False)
    if not found:
        return None
    index = found[(phrasing.index * 7) % len(found)]
    replace = replace and t.turns[index].offer is None
    edited = inject(t, index, fill(phrasing.text, t.case, t.language), replace)
    return Case(
        edited,
        phrasing.concept if expect else None,
        index if expect else None,
        phrasing.block if expect else f"lawful-{phrasing.block}",
        phrasing.label,
        t.language,
        jurisdiction,
    )


def misstated_case(t: Transcript, phrasing: Phrasing, jurisdiction: str) -> Case | None:
    """A wrong debt figure: added to the turn that states the debt, or to a later turn."""
    inform = first(t, CollectorAct.INFORM_DEBT)
    later = targets(t, False)
    if inform is None or not later:
        return None
    index = inform if phrasing.index % 2 == 0 else later[phrasing.index % len(later)]
    wrong = round(t.case.outstanding * (1.11 + 0.07 * phrasing.index), 2)
    text = fill(phrasing.text, t.case, t.language, wrong=wrong)
    edited = inject(t, index, text, replace=False)
    return Case(edited, phrasing.concept, index, phrasing.block, phrasing.label, t.language, jurisdiction)


def placed(calls: list[Transcript], start: int, make) -> Case | None:
    """The first case `make` builds from the calls, trying them in turn from `start`."""
    for k in range(len(calls)):
        if (case := make(calls[(start + k) % len(calls)])) is not None:
            return case
    return None


def text_cases(calls: list[Transcript], language: str, jurisdiction: str) -> list[Case]:
    """Every text concept's phrasings, and the lawful ones, each in one call (spread over the calls)."""
    cases: list[Case | None] = []
    k = 0
    for concept in (*TEXT_CONCEPTS, "misstated_amount", "lawful"):
        for phrasing in phrasings(language, concept):
            k += 1
            if concept == "misstated_amount":
                cases.append(placed(calls, k, lambda t, p=phrasing: misstated_case(t, p, jurisdiction)))
            else:
                expect = concept != "lawful"
                cases.append(
                    placed(calls, k, lambda t, p=phrasing, e=expect: text_case(t, p, jurisdiction, e))
                )
    return [c for c in cases if c is not None]

"""Structural cases on the call itself: when it started, how often the account was tried, and
whether the disclosures the profile requires were said.

Hours and frequency change only the transcript's `call` (the judge reports them at turn 0).
Disclosures are rewritten whole: the greeting says who calls and that the call is recorded,
the first statement of the debt carries the mini-Miranda where the profile requires it, each
in one of several natural wordings; a positive leaves exactly one of them out.
"""

from __future__ import annotations

import re

from scenarios import CollectorAct
from scenarios.jurisdiction import Disclosure
from simulator.transcript import Speaker, Transcript
from tests.compliance_heldout.bases import (
    base_calls,
    call_at,
    fill,
    first,
    join,
    phrasings,
    rebuild,
    regular_calls,
    retext,
)
from tests.compliance_heldout.cases import Case, Polarity, Scope

LATE_OR_EARLY = ((21, 30), (6, 45), (22, 15), (23, 40), (5, 30), (7, 50), (21, 5), (0, 20))
DAYTIME = ((8, 0), (8, 15), (12, 0), (13, 30), (20, 45), (20, 59))
TOO_OFTEN = ((8, None), (9, None), (12, None), (20, None), (1, 0), (1, 1), (2, 3), (0, 6))
"""(attempts in the last 7 days, days since the last conversation): over Reg F's 7 and 7."""
WITHIN = ((0, None), (4, None), (6, None), (2, 8), (1, 14), (3, 30))
HELLO = {"en": "Hello.", "zh": "喂，您好。"}
SAID_DISCLOSURE = {
    "en": re.compile(
        r"(call|conversation)s? (is|are|may be|will be|being)[^.]*record|monitored and recorded|debt collector"
        r"|attempt to collect|calling (from|on behalf of)|my name is",
        re.IGNORECASE,
    ),
    "zh": re.compile(r"录音|催收目的|债务催收|我们是催收"),
}
"""A sentence that already says a disclosure (the engine's own wording): removed before ours goes in."""
SENTENCE = re.compile(r"(?<=[.!?])\s+|(?<=[。！？])")


def _case(
    concept: str, polarity: Polarity, t: Transcript, turns, phrase: str, base: Transcript | None
) -> Case:
    return Case(concept, t.language, polarity, t, frozenset(turns), phrase, base, Scope.CONCEPT, "structural")


def hours_cases(language: str) -> list[Case]:
    bases, cases = [b for b in base_calls() if b.language == language], []
    for k, ((hour, minute), polarity) in enumerate(
        [(hm, Polarity.POSITIVE) for hm in LATE_OR_EARLY for _ in range(2)]
        + [(hm, Polarity.NEGATIVE) for hm in DAYTIME]
    ):
        base = bases[(5 * k + 1) % len(bases)]
        call = call_at(base, hour, minute, base.call.attempts_7d if base.call else 1, None)
        t = base.model_copy(update={"call": call})
        cases.append(_case("outside_hours", polarity, t, {0}, call.local_start, base))
    return cases


def frequency_cases(language: str) -> list[Case]:
    """Reg F's limits, so only calls under the `us` profile (the others set no number)."""
    bases, cases = [b for b in base_calls() if b.language == language and str(b.jurisdiction.id) == "us"], []
    rows = [(row, Polarity.POSITIVE) for row in TOO_OFTEN for _ in range(2)] + [
        (row, Polarity.NEGATIVE) for row in WITHIN
    ]
    for k, ((attempts, since), polarity) in enumerate(rows):
        base = bases[(3 * k) % len(bases)]
        call = call_at(base, 11, 15, attempts, since)
        t = base.model_copy(update={"call": call})
        cases.append(_case("over_frequency", polarity, t, {0}, f"attempts_7d={attempts} since={since}", base))
    return cases


def _without_disclosures(text: str, language: str) -> str:
    sentences = [s for s in SENTENCE.split(text) if s]
    kept = [s for s in sentences if not SAID_DISCLOSURE[language].search(s)]
    return join(language, *kept) if kept and len(kept) < len(sentences) else text


def disclosed(base: Transcript, omit: Disclosure | None, k: int) -> tuple[Transcript, int]:
    """`base` with every required disclosure said once in our words, except `omit`; and where it was due."""
    language, book = base.language, phrasings(base.language)["disclosure"]
    profile, inform = base.jurisdiction, first(base, CollectorAct.INFORM_DEBT)
    assert profile is not None and inform is not None
    firm = HELLO[language] if omit is Disclosure.IDENTIFY_FIRM else fill(book["identify_firm"][k % 3], base)
    recording = "" if omit is Disclosure.RECORDING else book["recording"][(k + 1) % 3]
    greet = join(language, firm, recording, fill(book["ask_name"], base))
    miranda = profile.requires(Disclosure.DEBT_COLLECTOR) and omit is not Disclosure.DEBT_COLLECTOR
    turns = []
    for t in base.turns:
        if t.speaker is not Speaker.COLLECTOR:
            turns.append(t)
        elif t.index == 0:
            turns.append(retext(t, greet))
        else:
            text = _without_disclosures(t.clean_text, language)
            if t.index == inform and miranda:
                text = join(language, book["debt_collector"][(k + 2) % 3], text)
            turns.append(t if text == t.clean_text else retext(t, text))
    return rebuild(base, turns), inform if omit is Disclosure.DEBT_COLLECTOR else 0


def disclosure_cases(language: str) -> list[Case]:
    bases, cases = regular_calls(language), []
    for k in range(24):
        base = bases[k % len(bases)]
        profile = base.jurisdiction
        assert profile is not None
        if k < 18:
            omit = profile.disclosures[k % len(profile.disclosures)]
            t, at = disclosed(base, omit, k)
            cases.append(_case("missing_disclosure", Polarity.POSITIVE, t, {at}, f"without {omit}", base))
        else:  # all said: no missing_disclosure at all (no base to subtract: the engine's may lack them)
            t, _ = disclosed(base, None, k)
            cases.append(_case("missing_disclosure", Polarity.NEGATIVE, t, {0}, "all disclosures", None))
    return cases

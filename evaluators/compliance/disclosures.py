"""Missing required disclosures, judged at the turn where each was due.

The profile says which disclosures a call owes (`JurisdictionProfile.disclosures`):

- who is calling and for which firm (IDENTIFY_FIRM) and the recording notice (RECORDING)
  belong in the greeting, before anything about the debt: they count when said in a
  collector turn before the first one that reveals the debt (in the first turn when it
  already reveals it; in the whole call when the debt is never revealed); otherwise the
  finding sits on the first collector turn;
- the debt-collector notice (DEBT_COLLECTOR, the US mini-Miranda) belongs in the first
  turn that discusses the debt with the verified debtor — never before verification,
  where saying it would itself disclose the debt: it counts when said from verification
  up to that turn; a call that never discusses the debt with the debtor owes none.

Recognition is by meaning, not by one canonical sentence (`patterns_*`: RECORDING,
DEBT_COLLECTOR; the firm by its name on the case).
"""

from __future__ import annotations

from evaluators.compliance.concepts import Concept
from evaluators.compliance.cues import Cue
from evaluators.compliance.flow import Hit, Moment, discloses
from evaluators.compliance.text import find
from scenarios.jurisdiction import Disclosure, JurisdictionProfile

GREETING = {Disclosure.IDENTIFY_FIRM: Cue.IDENTIFY_FIRM, Disclosure.RECORDING: Cue.RECORDING}
WHAT = {
    Disclosure.IDENTIFY_FIRM: "the caller's firm",
    Disclosure.RECORDING: "the recording notice",
    Disclosure.DEBT_COLLECTOR: "the debt-collector notice",
}


def said(moments: list[Moment], cue: Cue) -> bool:
    return any(find(cue, m.text, m.language) for m in moments)


def greeting_hits(moments: list[Moment], profile: JurisdictionProfile) -> list[Hit]:
    first_disclosing = next((m.index for m in moments if discloses(m)), None)
    window = [m for m in moments if first_disclosing is None or m.index < first_disclosing] or moments[:1]
    return [
        Hit(Concept.MISSING_DISCLOSURE, moments[0].index, f"{WHAT[d]} not given before the debt", str(d))
        for d, cue in GREETING.items()
        if profile.requires(d) and not said(window, cue)
    ]


def collector_notice_hits(moments: list[Moment], profile: JurisdictionProfile) -> list[Hit]:
    if not profile.requires(Disclosure.DEBT_COLLECTOR):
        return []
    due = next((m for m in moments if m.verified and not m.third_party and discloses(m)), None)
    if due is None:
        return []
    window = [m for m in moments if m.verified and m.index <= due.index]
    if said(window, Cue.DEBT_COLLECTOR):
        return []
    detail = f"{WHAT[Disclosure.DEBT_COLLECTOR]} not given when the debt was first discussed"
    return [Hit(Concept.MISSING_DISCLOSURE, due.index, detail, str(Disclosure.DEBT_COLLECTOR))]


def disclosure_hits(moments: list[Moment], profile: JurisdictionProfile) -> list[Hit]:
    if not moments:
        return []
    return greeting_hits(moments, profile) + collector_notice_hits(moments, profile)

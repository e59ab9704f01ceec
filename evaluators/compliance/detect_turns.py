"""Detectors that judge one collector turn: what it says, given who it is said to and after what.

- Words that are wrong in any state of the call (threats, abuse, impersonation, promises
  about the credit file, pressure through third parties, an intent to call repeatedly):
  a cue in the turn's text is a hit.
- Words and acts that are wrong in some states only: revealing the debt before the
  debtor verified (`disclosure_before_verification`) or to the wrong party who answered
  (`third_party_disclosure`, and asking *them* for payment is `third_party_pressure`);
  any payment pressure after a halting debtor act — an offer act, a warning of
  consequences, or words asking for payment — is `collect_after_dispute` (after a
  dispute or an identity-theft report) or `collect_after_cease` (after a cease request,
  a notice of representation or of bankruptcy); after two identity answers that match
  nothing on file (two different answers: the same wrong number said twice is one),
  any turn but a close is `continue_after_mismatch`.
"""

from __future__ import annotations

from evaluators.compliance.concepts import Concept
from evaluators.compliance.cues import Cue
from evaluators.compliance.flow import CLOSING_ACTS, Hit, Moment, discloses
from evaluators.compliance.text import find
from scenarios import CollectorAct, DebtorAct
from scenarios.acts import OFFER_ACTS

TEXT_CUES: tuple[tuple[Cue, Concept, str | None], ...] = (
    (Cue.THREAT_ARREST, Concept.THREAT_ARREST, None),
    (Cue.THREAT_SEIZURE, Concept.THREAT_SEIZURE, None),
    (Cue.THREAT_LEGAL, Concept.THREAT_LEGAL_UNINTENDED, None),
    (Cue.ABUSE, Concept.ABUSE, None),
    (Cue.VIOLENCE, Concept.ABUSE, "violence"),
    (Cue.IMPERSONATION, Concept.IMPERSONATION, None),
    (Cue.ATTORNEY, Concept.IMPERSONATION, "attorney"),
    (Cue.CREDIT_FILE, Concept.CREDIT_FILE_PROMISE, None),
    (Cue.THIRD_PARTY_PRESSURE, Concept.THIRD_PARTY_PRESSURE, None),
    (Cue.REPEAT_CALLS, Concept.REPEAT_CALL_INTENT, None),
)
"""Cue → (concept, kind): words that break a rule whatever the state of the call."""
DISPUTES = frozenset({DebtorAct.DISPUTE, DebtorAct.REPORT_IDENTITY_THEFT})
PRESSING_ACTS = OFFER_ACTS | {CollectorAct.CONFIRM_AGREEMENT, CollectorAct.WARN_CONSEQUENCES}
"""Acts that press for payment whatever their words (after a halting act, each is a breach)."""


def text_hits(moment: Moment) -> list[Hit]:
    """One hit per cue the turn's words break (an insult and a threat of harm are two paragraphs of
    the law), with the phrase as evidence."""
    return [
        Hit(concept, moment.index, phrase, kind)
        for cue, concept, kind in TEXT_CUES
        if (phrase := find(cue, moment.text, moment.language))
    ]


def presses(moment: Moment) -> str | None:
    """Why this turn asks for payment: an offer, a pressing act, or words asking for it."""
    turn = moment.turn
    if turn.offer is not None:
        return f"makes an offer ({turn.act})"
    if turn.act in PRESSING_ACTS:
        return f"act {turn.act}"
    if phrase := find(Cue.PAYMENT_ASK, moment.text, moment.language):
        return f"asks for payment: '{phrase}'"
    return None


def audience_hits(moment: Moment) -> list[Hit]:
    """Revealing the debt to someone not verified as the debtor, or pressing a third party to pay."""
    why = discloses(moment)
    if moment.third_party:
        hits = [Hit(Concept.THIRD_PARTY_DISCLOSURE, moment.index, why)] if why else []
        if phrase := find(Cue.PAYMENT_ASK, moment.text, moment.language):
            hits.append(
                Hit(Concept.THIRD_PARTY_PRESSURE, moment.index, f"asks a third party for payment: '{phrase}'")
            )
        return hits
    if not moment.verified and why:
        return [Hit(Concept.DISCLOSURE_BEFORE_VERIFICATION, moment.index, why)]
    return []


def halted_hits(moment: Moment) -> list[Hit]:
    """Payment pressure after the debtor disputed, reported identity theft, asked to cease, …"""
    if moment.halted_by is None or not (why := presses(moment)):
        return []
    concept = Concept.COLLECT_AFTER_DISPUTE if moment.halted_by in DISPUTES else Concept.COLLECT_AFTER_CEASE
    return [Hit(concept, moment.index, f"after {moment.halted_by}: {why}", str(moment.halted_by))]


def continues(moment: Moment) -> str | None:
    """Why this turn goes on with the call (any act but a close; a close that asks again or talks debt)."""
    if moment.turn.act not in CLOSING_ACTS:
        return f"act {moment.turn.act}"
    for cue in (Cue.IDENTITY_REQUEST, Cue.PAYMENT_ASK, Cue.DEBT_MENTION):
        if phrase := find(cue, moment.text, moment.language):
            return f"says '{phrase}'"
    return None


def mismatch_hits(moments: list[Moment]) -> list[Hit]:
    """The first turn that goes on after the second identity answer that matched nothing on file."""
    for moment in moments:
        if moment.mismatches >= 2 and not moment.verified and (why := continues(moment)):
            return [Hit(Concept.CONTINUE_AFTER_MISMATCH, moment.index, f"after two mismatched IDs: {why}")]
    return []


def turn_hits(moments: list[Moment]) -> list[Hit]:
    """Every per-turn hit of the dialogue, in turn order."""
    hits: list[Hit] = []
    for moment in moments:
        hits += text_hits(moment) + audience_hits(moment) + halted_hits(moment)
    return hits + mismatch_hits(moments)

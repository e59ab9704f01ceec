"""The dialogue acts both parties can perform.

Acts are the typed vocabulary that routing, evaluation and templates agree on;
they live at the bottom of the import graph so strategies (here) and the
simulator both use them without an upward import. Text is never parsed back
into an act: a backend that writes prose also returns the act it realised.
"""

from __future__ import annotations

from enum import StrEnum


class Language(StrEnum):
    ZH = "zh"
    EN = "en"


class CollectorAct(StrEnum):
    GREET = "greet"  # opens the call, asks for the debtor by name
    VERIFY_IDENTITY = "verify_identity"  # asks for an identity check before any disclosure
    INFORM_DEBT = "inform_debt"  # states balance, overdue days, creditor
    PROBE_REASON = "probe_reason"  # asks why the payment was missed
    EMPATHIZE = "empathize"  # acknowledges the hardship the debtor revealed
    OFFER_PLAN = "offer_plan"  # first offer of a repayment plan (carries an Offer)
    CONCEDE = "concede"  # a softer offer than the previous one (carries an Offer)
    HOLD_FIRM = "hold_firm"  # repeats the standing offer without moving
    WARN_CONSEQUENCES = "warn_consequences"  # factual statement of what non-payment leads to
    PROVIDE_VERIFICATION = "provide_verification"  # answers a dispute with the debt's details
    CLARIFY = "clarify"  # asks the debtor to repeat after an unclear turn
    REDIRECT = "redirect"  # steers an off-topic debtor back to the debt
    CONFIRM_AGREEMENT = "confirm_agreement"  # restates the accepted plan (carries the Offer)
    ESCALATE = "escalate"  # refers the account onward (legal review, fraud team)
    APOLOGIZE_WRONG_PARTY = "apologize_wrong_party"  # wrong person: ends without disclosure
    CLOSE = "close"  # ends the call


class DebtorAct(StrEnum):
    ANSWER = "answer"  # picks up, confirms being the named person
    PROVIDE_IDENTITY = "provide_identity"  # answers the identity check
    REFUSE_IDENTITY = "refuse_identity"  # will not verify
    THIRD_PARTY = "third_party"  # someone else answered (wrong party)
    ACKNOWLEDGE_DEBT = "acknowledge_debt"  # accepts that the debt exists
    EXPLAIN_REASON = "explain_reason"  # reveals the root cause
    REQUEST_VERIFICATION = "request_verification"  # asks for proof of the debt
    DISPUTE = "dispute"  # denies owing (billing dispute, fraud)
    ACCEPT = "accept"  # accepts the offer on the table
    REJECT = "reject"  # refuses the offer without a counter
    COUNTER_OFFER = "counter_offer"  # names what it can pay (carries an Offer)
    STALL = "stall"  # defers: call back later, need to think
    PLEAD = "plead"  # asks for leniency without a number
    OFF_TOPIC = "off_topic"  # noise: talks about something else
    SILENCE = "silence"  # noise: says nothing intelligible
    OUTBURST = "outburst"  # noise: emotional outburst
    CONFIRM = "confirm"  # confirms the restated agreement
    HANG_UP = "hang_up"  # ends the call


OFFER_ACTS = frozenset({CollectorAct.OFFER_PLAN, CollectorAct.CONCEDE, CollectorAct.HOLD_FIRM})
"""Collector acts that put an offer on the table."""

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
    # Collection stops: each acknowledges what the debtor said, records it, asks for no payment,
    # states the next step for this jurisdiction and ends the call (its own termination).
    RECORD_DISPUTE = "record_dispute"  # a dispute (billing error, not mine, already paid): validation next
    RECORD_IDENTITY_THEFT = "record_identity_theft"  # reported identity theft: the identity-theft steps
    ACKNOWLEDGE_CEASE = "acknowledge_cease"  # a request to stop contact: no further calls
    NOTE_REPRESENTATION = "note_representation"  # an attorney acts for the debtor: contact goes there
    NOTE_BANKRUPTCY = "note_bankruptcy"  # a bankruptcy filing: collection stops (automatic stay)
    # Hardship and forbearance (CONC 7.3; notes/collections-practice.md): an income-and-expenditure
    # question before sizing a plan, and signposting to free debt advice.
    ASK_BUDGET = "ask_budget"  # asks for income, essential spending, other debts and savings
    REFER_DEBT_ADVICE = "refer_debt_advice"  # signposts free, independent debt advice (CONC 7.3)
    CHECK_IN = "check_in"  # after silence: asks whether the debtor is still there and all right


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
    IDENTITY_MISMATCH = "identity_mismatch"  # answers the identity check with details not on the file
    REPORT_IDENTITY_THEFT = "report_identity_theft"  # the account was opened by an identity thief
    REQUEST_CEASE = "request_cease"  # asks the collector to stop contacting them
    REPRESENTED = "represented"  # an attorney (or debt adviser) acts for them on this debt
    DECLARE_BANKRUPTCY = "declare_bankruptcy"  # has filed for bankruptcy (or an insolvency procedure)
    DISCLOSE_BUDGET = "disclose_budget"  # answers the budget question (carries a Budget on the turn)


OFFER_ACTS = frozenset({CollectorAct.OFFER_PLAN, CollectorAct.CONCEDE, CollectorAct.HOLD_FIRM})
"""Collector acts that put an offer on the table."""

HALTING_ACTS = frozenset(
    {
        DebtorAct.DISPUTE,
        DebtorAct.REPORT_IDENTITY_THEFT,
        DebtorAct.REQUEST_CEASE,
        DebtorAct.REPRESENTED,
        DebtorAct.DECLARE_BANKRUPTCY,
    }
)
"""Debtor acts after which the collector must not ask for payment on this call."""
STOPPING_ACTS = {
    DebtorAct.DISPUTE: CollectorAct.RECORD_DISPUTE,
    DebtorAct.REPORT_IDENTITY_THEFT: CollectorAct.RECORD_IDENTITY_THEFT,
    DebtorAct.REQUEST_CEASE: CollectorAct.ACKNOWLEDGE_CEASE,
    DebtorAct.REPRESENTED: CollectorAct.NOTE_REPRESENTATION,
    DebtorAct.DECLARE_BANKRUPTCY: CollectorAct.NOTE_BANKRUPTCY,
}
"""The collector act that correctly answers each halting debtor act."""

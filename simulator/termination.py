"""How a dialogue ends: the single place that maps a turn to a termination reason.

Every stopping act (a recorded dispute, an identity-theft report, a cease request,
an attorney, a bankruptcy) ends the call with a termination of its own, so the
manifest, the report and the SFT filter can tell a correctly stopped call from a
refusal. A close before the identity was ever verified, after an answer that did
not match the file, is `unverified`: the call ended without disclosure. That one
needs the turns before the close (`history`), which the graph passes. A halting
act said on the last turn the cap allows gets one more turn: the collector's
acknowledgement, so no call ends on an unanswered dispute or cease request.
"""

from __future__ import annotations

from collections.abc import Sequence

from scenarios import Agreement, CollectorAct, DebtorAct
from scenarios.acts import HALTING_ACTS
from simulator.transcript import Termination, Turn

_COLLECTOR_ENDS = {
    CollectorAct.ESCALATE: Termination.ESCALATION,
    CollectorAct.APOLOGIZE_WRONG_PARTY: Termination.WRONG_PARTY,
    CollectorAct.RECORD_DISPUTE: Termination.DISPUTE_RECORDED,
    CollectorAct.RECORD_IDENTITY_THEFT: Termination.IDENTITY_THEFT,
    CollectorAct.ACKNOWLEDGE_CEASE: Termination.CEASE_CONTACT,
    CollectorAct.NOTE_REPRESENTATION: Termination.REPRESENTED,
    CollectorAct.NOTE_BANKRUPTCY: Termination.BANKRUPTCY,
}
STOP_TERMINATIONS = frozenset(
    {
        Termination.DISPUTE_RECORDED,
        Termination.IDENTITY_THEFT,
        Termination.CEASE_CONTACT,
        Termination.REPRESENTED,
        Termination.BANKRUPTCY,
        Termination.UNVERIFIED,
    }
)
"""Endings where the collector stopped as the law asks: correct handling, not a failed call."""


def unverified(history: Sequence[Turn]) -> bool:
    """Identity never verified and at least one answer that did not match the file."""
    acts = {turn.act for turn in history}
    return DebtorAct.IDENTITY_MISMATCH in acts and DebtorAct.PROVIDE_IDENTITY not in acts


def termination_after(
    turn: Turn, agreement: Agreement | None, max_turns: int, history: Sequence[Turn] = ()
) -> Termination | None:
    """The reason the dialogue ends after `turn`, or None if it goes on; `history`: the turns before it."""
    if turn.act is CollectorAct.CLOSE:
        if agreement:
            return Termination.AGREEMENT
        return Termination.UNVERIFIED if unverified(history) else Termination.REFUSAL
    if turn.act in _COLLECTOR_ENDS:
        return _COLLECTOR_ENDS[turn.act]
    if turn.act is DebtorAct.HANG_UP:
        return Termination.HANG_UP
    if turn.act in HALTING_ACTS and turn.index + 1 == max_turns:
        return None  # the cap leaves the collector one turn to acknowledge it and stop (its own ending)
    if turn.index + 1 >= max_turns:
        return Termination.AGREEMENT if agreement else Termination.MAX_TURNS
    return None

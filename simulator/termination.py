"""How a dialogue ends: the single place that maps a turn to a termination reason."""

from __future__ import annotations

from scenarios import Agreement, CollectorAct, DebtorAct
from simulator.transcript import Termination, Turn

_COLLECTOR_ENDS = {
    CollectorAct.ESCALATE: Termination.ESCALATION,
    CollectorAct.APOLOGIZE_WRONG_PARTY: Termination.WRONG_PARTY,
}


def termination_after(turn: Turn, agreement: Agreement | None, max_turns: int) -> Termination | None:
    """The reason the dialogue ends after `turn`, or None if it goes on."""
    if turn.act is CollectorAct.CLOSE:
        return Termination.AGREEMENT if agreement else Termination.REFUSAL
    if turn.act in _COLLECTOR_ENDS:
        return _COLLECTOR_ENDS[turn.act]
    if turn.act is DebtorAct.HANG_UP:
        return Termination.HANG_UP
    if turn.index + 1 >= max_turns:
        return Termination.AGREEMENT if agreement else Termination.MAX_TURNS
    return None

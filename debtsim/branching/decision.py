"""Where a dialogue may branch: collector turns at which the choice of move matters.

Points are found on the finished dialogue's own turns, by act, never by text:
the first offer (how hard to open) and the collector's answer to the first
rejection (how far to give way). Only turns where the collector may negotiate
at all are points: once the debtor has disputed, reported identity theft,
asked for no contact, named an attorney or a bankruptcy (`HALTING_ACTS`), or
before its identity is verified, the law decides the move, and a branch there
would only teach the model to ask for payment where it must not.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum

from scenarios import CollectorAct, DebtorAct
from scenarios.acts import HALTING_ACTS
from simulator.transcript import Speaker, Turn

REJECTIONS = frozenset({DebtorAct.REJECT, DebtorAct.COUNTER_OFFER, DebtorAct.PLEAD})


class DecisionPoint(StrEnum):
    FIRST_OFFER = "first_offer"
    AFTER_FIRST_REJECTION = "after_first_rejection"


def _first_offer(turns: Sequence[Turn]) -> int | None:
    for turn in turns:
        if turn.speaker is Speaker.COLLECTOR and turn.act is CollectorAct.OFFER_PLAN:
            return turn.index
    return None


def _after_first_rejection(turns: Sequence[Turn]) -> int | None:
    for turn in turns[:-1]:
        if turn.speaker is Speaker.DEBTOR and turn.act in REJECTIONS:
            return turn.index + 1
    return None


def negotiable(turns: Sequence[Turn], index: int) -> bool:
    """Whether the collector may negotiate at turn `index`: identity verified, and no halting act before it."""
    before = {turn.act for turn in turns[:index] if turn.speaker is Speaker.DEBTOR}
    return DebtorAct.PROVIDE_IDENTITY in before and not before & HALTING_ACTS


def decision_turns(turns: Sequence[Turn], points: Sequence[DecisionPoint]) -> dict[int, DecisionPoint]:
    """Collector turn index -> the first point that names it (two points on one turn branch once)."""
    finders = {
        DecisionPoint.FIRST_OFFER: _first_offer,
        DecisionPoint.AFTER_FIRST_REJECTION: _after_first_rejection,
    }
    found: dict[int, DecisionPoint] = {}
    for point in points:
        index = finders[point](turns)
        if index is not None and index > 0 and index not in found and negotiable(turns, index):
            found[index] = point
    return found

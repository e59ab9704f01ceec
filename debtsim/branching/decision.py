"""Where a dialogue may branch: collector turns at which the choice of move matters.

Points are found on the finished dialogue's own turns, by act, never by text:

- `FIRST_OFFER`: the first offer (how hard to open);
- `AFTER_FIRST_REJECTION`: the answer to the first rejection (how far to give way);
- `HARDSHIP`: the answer to the first hardship disclosure — the debtor explains a hardship
  root cause, pleads, or discloses its income-and-expenditure budget (`DISCLOSE_BUDGET`,
  a `Budget` on the turn): whether the next offer fits the situation it just heard;
- `COUNTER_OFFER`: the answer to the first counter-offer (meet it, fit a plan to it, hold);
- `DISPUTE`: the answer to the first dispute. Here the law decides the move — record the
  dispute and stop — and the branch exists to say so: its alternatives ask for payment
  (`moves.payment_asks`), the compliance judge flags each, and the reward's conduct
  penalty puts the lawful stop on top.

The negotiating points are only turns where the collector may negotiate at all: once the
debtor has disputed, reported identity theft, asked for no contact, named an attorney or
a bankruptcy (`HALTING_ACTS`), or before its identity is verified, a branch would only
teach the model to ask for payment where it must not. The dispute point is the one
exception, and only its payment asks are rejected replies there.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import StrEnum

from scenarios import CollectorAct, DebtorAct
from scenarios.acts import HALTING_ACTS
from simulator.transcript import Speaker, Turn

REJECTIONS = frozenset({DebtorAct.REJECT, DebtorAct.COUNTER_OFFER, DebtorAct.PLEAD})
HARDSHIP_CAUSES = frozenset(
    {"job_loss", "income_drop", "medical", "business_failure", "family_emergency", "over_indebtedness"}
)
"""Root causes that are a hardship (the debtor would pay and cannot), as `personas.RootCause` values;
a strategic defaulter's or a disputer's explanation is not a hardship disclosure."""


class DecisionPoint(StrEnum):
    FIRST_OFFER = "first_offer"
    AFTER_FIRST_REJECTION = "after_first_rejection"
    HARDSHIP = "hardship_disclosure"
    COUNTER_OFFER = "counter_offer"
    DISPUTE = "dispute"


def _first_offer(turns: Sequence[Turn], hardship: bool) -> int | None:
    for turn in turns:
        if turn.speaker is Speaker.COLLECTOR and turn.act is CollectorAct.OFFER_PLAN:
            return turn.index
    return None


def _answer_to(found: Callable[[Turn, bool], bool]) -> Callable[[Sequence[Turn], bool], int | None]:
    """A finder of the collector turn right after the first debtor turn `found` accepts."""

    def finder(turns: Sequence[Turn], hardship: bool) -> int | None:
        for turn in turns[:-1]:
            if turn.speaker is Speaker.DEBTOR and found(turn, hardship):
                return turn.index + 1
        return None

    return finder


def discloses_hardship(turn: Turn, hardship: bool) -> bool:
    """A debtor turn telling the collector it cannot pay: a budget, a plea, or a hardship cause explained."""
    if turn.budget is not None or turn.act in (DebtorAct.DISCLOSE_BUDGET, DebtorAct.PLEAD):
        return True
    return hardship and turn.act is DebtorAct.EXPLAIN_REASON


def negotiable(turns: Sequence[Turn], index: int) -> bool:
    """Whether the collector may negotiate at turn `index`: identity verified, and no halting act before it."""
    before = {turn.act for turn in turns[:index] if turn.speaker is Speaker.DEBTOR}
    return DebtorAct.PROVIDE_IDENTITY in before and not before & HALTING_ACTS


def decision_turns(
    turns: Sequence[Turn], points: Sequence[DecisionPoint], hardship: bool = True
) -> dict[int, DecisionPoint]:
    """Collector turn index -> the first point that names it (two points on one turn branch once).

    `hardship`: whether the debtor's root cause is a hardship (`HARDSHIP_CAUSES`), so that its
    explanation is a hardship disclosure.
    """
    finders = {
        DecisionPoint.FIRST_OFFER: _first_offer,
        DecisionPoint.AFTER_FIRST_REJECTION: _answer_to(lambda t, _: t.act in REJECTIONS),
        DecisionPoint.HARDSHIP: _answer_to(discloses_hardship),
        DecisionPoint.COUNTER_OFFER: _answer_to(lambda t, _: t.act is DebtorAct.COUNTER_OFFER),
        DecisionPoint.DISPUTE: _answer_to(lambda t, _: t.act is DebtorAct.DISPUTE),
    }
    found: dict[int, DecisionPoint] = {}
    for point in points:
        index = finders[point](turns, hardship)
        if index is None or index <= 0 or index in found or turns[index].speaker is not Speaker.COLLECTOR:
            continue
        # the dispute is answered after the dispute itself: the law before it must have let the call on
        open_until = index - 1 if point is DecisionPoint.DISPUTE else index
        if negotiable(turns, open_until):
            found[index] = point
    return found

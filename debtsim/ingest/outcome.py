"""How a real call ended: from its metadata when the file says, else from its last decisive acts.

Call-centre dispositions come in many spellings (`PTP`, `promise to pay`,
`承诺还款`); each maps onto a `Termination`. Without one, the last debtor act
that decides a call (a halting act, an accept, a hang-up, a third party)
names the ending, and a call that decided nothing is a refusal.
"""

from __future__ import annotations

from scenarios import Agreement, CollectorAct, DebtorAct
from simulator.transcript import Speaker, Termination, Turn

OUTCOMES: dict[str, Termination] = {
    **{t.value: t for t in Termination},
    "ptp": Termination.AGREEMENT,
    "promise_to_pay": Termination.AGREEMENT,
    "promise to pay": Termination.AGREEMENT,
    "paid": Termination.AGREEMENT,
    "plan": Termination.AGREEMENT,
    "payment_plan": Termination.AGREEMENT,
    "settled": Termination.AGREEMENT,
    "承诺还款": Termination.AGREEMENT,
    "已还款": Termination.AGREEMENT,
    "同意还款": Termination.AGREEMENT,
    "协商成功": Termination.AGREEMENT,
    "refused": Termination.REFUSAL,
    "no_agreement": Termination.REFUSAL,
    "callback": Termination.REFUSAL,
    "call_back": Termination.REFUSAL,
    "拒绝还款": Termination.REFUSAL,
    "拒绝": Termination.REFUSAL,
    "未承诺": Termination.REFUSAL,
    "hung_up": Termination.HANG_UP,
    "hangup": Termination.HANG_UP,
    "挂断": Termination.HANG_UP,
    "客户挂断": Termination.HANG_UP,
    "wrong_number": Termination.WRONG_PARTY,
    "third_party": Termination.WRONG_PARTY,
    "非本人": Termination.WRONG_PARTY,
    "打错": Termination.WRONG_PARTY,
    "dispute": Termination.DISPUTE_RECORDED,
    "disputed": Termination.DISPUTE_RECORDED,
    "异议": Termination.DISPUTE_RECORDED,
    "cease": Termination.CEASE_CONTACT,
    "attorney": Termination.REPRESENTED,
    "lawyer": Termination.REPRESENTED,
    "bankrupt": Termination.BANKRUPTCY,
    "fraud": Termination.IDENTITY_THEFT,
    "escalated": Termination.ESCALATION,
    "投诉": Termination.ESCALATION,
}
BY_ACT = {
    DebtorAct.DISPUTE: Termination.DISPUTE_RECORDED,
    DebtorAct.REPORT_IDENTITY_THEFT: Termination.IDENTITY_THEFT,
    DebtorAct.REQUEST_CEASE: Termination.CEASE_CONTACT,
    DebtorAct.REPRESENTED: Termination.REPRESENTED,
    DebtorAct.DECLARE_BANKRUPTCY: Termination.BANKRUPTCY,
    DebtorAct.THIRD_PARTY: Termination.WRONG_PARTY,
    DebtorAct.ACCEPT: Termination.AGREEMENT,
    DebtorAct.CONFIRM: Termination.AGREEMENT,
    DebtorAct.HANG_UP: Termination.HANG_UP,
}


def termination_of(outcome: str | None, turns: list[Turn]) -> Termination:
    """The labelled outcome when it is one we know, else the one the acts imply."""
    if outcome is not None:
        key = outcome.strip().lower().replace("-", "_")
        if key in OUTCOMES:
            return OUTCOMES[key]
        if key.replace("_", " ") in OUTCOMES:
            return OUTCOMES[key.replace("_", " ")]
    for turn in reversed(turns):
        if turn.speaker is Speaker.DEBTOR and turn.act in BY_ACT:
            return BY_ACT[turn.act]
    return Termination.REFUSAL


def agreement_of(termination: Termination, turns: list[Turn]) -> Agreement | None:
    """The last offer on the table when the call ended in agreement (None when no offer was read)."""
    if termination is not Termination.AGREEMENT:
        return None
    offered = [t for t in turns if t.offer is not None]
    if not offered:
        return None
    accept = next(
        (
            t.index
            for t in turns
            if t.index > offered[-1].index
            and t.speaker is Speaker.DEBTOR
            and t.act in (DebtorAct.ACCEPT, DebtorAct.CONFIRM)
        ),
        None,
    )
    offer = offered[-1].offer
    if (
        accept is None
        and offered[-1].speaker is Speaker.COLLECTOR
        and offered[-1].act is CollectorAct.CONFIRM_AGREEMENT
    ):
        accept = offered[-1].index
    return Agreement(
        offer=offer,
        turn_index=accept if accept is not None else offered[-1].index,
        simulated_day=offer.first_due_days,
    )

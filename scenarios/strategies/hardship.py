"""Hardship and forbearance: when to ask for a budget, what to offer against it, when to signpost.

CONC 7.3 (notes/collections-practice.md, "United Kingdom") asks a firm to treat a customer
in difficulty with forbearance: an income-and-expenditure assessment before a plan, plans
that are affordable and sustainable, reduced or token payments, interest and charges
frozen, a deferral, and signposting to free debt advice (`conc.7.3`); US hardship
programmes and China's 个性化分期 / 停息挂账 (《商业银行信用卡业务监督管理办法》 art. 70)
offer the same tools. Here:

- the budget question (`ASK_BUDGET`) follows a plea, a counter-offer no rung can meet, or
  (for strategies that listen first) an explanation followed by a refusal;
- after a disclosure the collector answers with the firmest offer the stated budget
  carries: an ordinary rung, else a reduced plan on what the stage asks for (longer, fees
  frozen, first payment six weeks later), else token payments for the policy's review period;
- an offer the disclosed budget cannot pay is never made (`affordable_move`), whatever the
  strategy — firm may skip the question but not the rule;
- a debtor whose budget shows difficulty, or who pleaded, is told about free debt advice
  before the call ends.
"""

from __future__ import annotations

import math

from scenarios.acts import OFFER_ACTS, CollectorAct, DebtorAct
from scenarios.budget import TOKEN_PAYMENT, Budget
from scenarios.case import DebtCase
from scenarios.offer import Offer, OfferKind, plan_offer
from scenarios.policy import CreditorPolicy
from scenarios.strategies.asks import asks_no_more, capped, stage_ladder, stage_limits, stage_owed
from scenarios.strategies.evidence import Evidence

HOLIDAY_DAYS = 45
"""First payment of a hardship arrangement: six weeks' breathing room, later than any ordinary
plan's first payment (at most 30 days) and within the policy's `max_holiday_days`."""


def fits_ladder(ev: Evidence, case: DebtCase, policy: CreditorPolicy) -> bool:
    """Whether some rung fits what the debtor said it can pay (True when it named nothing)."""
    if ev.stated_installment is None:
        return True
    lump = ev.stated_lump or 0.0
    return any(
        r.amount_now <= lump + 0.01 and r.installment <= ev.stated_installment + 0.01
        for r in stage_ladder(case, policy)
    )


def budget_shows_difficulty(budget: Budget, case: DebtCase, policy: CreditorPolicy) -> bool:
    """The statement cannot carry the softest ordinary rung."""
    return not any(budget.allows(r.amount_now, r.installment) for r in stage_ladder(case, policy))


def in_difficulty(ev: Evidence, case: DebtCase, policy: CreditorPolicy) -> bool:
    """What the collector heard says the debtor is in financial difficulty (CONC 7.3: signpost advice)."""
    if ev.pleas > 0:
        return True
    if ev.budget is not None:
        return budget_shows_difficulty(ev.budget, case, policy)
    return not fits_ladder(ev, case, policy)


def hardship_signal(ev: Evidence, case: DebtCase, policy: CreditorPolicy) -> bool:
    """A plea or a counter no rung can meet, just heard: the moment for the budget question."""
    if ev.last_debtor_act is DebtorAct.PLEAD:
        return True
    return ev.last_debtor_act is DebtorAct.COUNTER_OFFER and not fits_ladder(ev, case, policy)


def _reduced_plan(budget: Budget, case: DebtCase, policy: CreditorPolicy) -> Offer | None:
    """What the stage asks for, over as many months as the budget needs, fees frozen, first payment later."""
    owed, kind = stage_owed(case)
    hardship = policy.for_hardship()
    longest, waiver = stage_limits(case, hardship)
    due = min(HOLIDAY_DAYS, hardship.latest_first_payment_days)
    if kind is OfferKind.SETTLEMENT and budget.affordable_lump >= policy.floor(case):
        lump = min(budget.affordable_lump, owed)
        return plan_offer(owed, round(owed - lump, 2), lump, 0, due, kind, hardship=True)
    if budget.affordable_installment <= 0:
        return None
    count = math.ceil((owed - waiver) / budget.affordable_installment - 1e-9)
    if count > longest:
        return None
    return plan_offer(owed, waiver, 0.0, max(count, 1), due, kind, hardship=True)


def _token_plan(budget: Budget, case: DebtCase, policy: CreditorPolicy) -> Offer | None:
    """Token payments for the review period, in whole units the statement can spare."""
    token = float(math.floor(budget.affordable_installment))
    if policy.token_months == 0 or token < TOKEN_PAYMENT:
        return None
    due = min(HOLIDAY_DAYS, policy.for_hardship().latest_first_payment_days)
    return Offer(
        amount_now=0.0,
        installment=token,
        count=policy.token_months,
        waiver=0.0,
        first_due_days=due,
        kind=OfferKind.TOKEN,
        hardship=True,
    )


def hardship_offer(ev: Evidence, case: DebtCase, policy: CreditorPolicy) -> Offer | None:
    """The firmest offer the disclosed budget carries, not yet made, asking no more in total than the last.

    The budget is a new fact, so the answer to it may change the plan's shape (a lump sum
    from savings instead of installments the income cannot carry), but never its total: it
    is then a new proposal (`OFFER_PLAN`), not a concession (`answer_act`).
    """
    budget = ev.budget
    if budget is None:
        return None
    last = ev.last_offer
    candidates = [r for r in stage_ladder(case, policy) if budget.allows(r.amount_now, r.installment)]
    candidates += [o for o in (_reduced_plan(budget, case, policy), _token_plan(budget, case, policy)) if o]
    for offer in candidates:
        offer = capped(offer, last)
        fits = budget.allows(offer.amount_now, offer.installment) and policy.allows(offer, case)
        no_more = last is None or offer.total <= last.total + 0.005
        if fits and no_more and offer not in ev.offers:
            return offer
    return None


def answer_act(offer: Offer, ev: Evidence) -> CollectorAct:
    """CONCEDE for an offer that asks no more in any term, else a new proposal (OFFER_PLAN)."""
    if ev.offers and asks_no_more(offer, ev.last_offer):
        return CollectorAct.CONCEDE
    return CollectorAct.OFFER_PLAN


def answer_budget(ev: Evidence, case: DebtCase, policy: CreditorPolicy) -> tuple[CollectorAct, Offer | None]:
    """The move after a disclosure: signpost advice first if it shows difficulty, then the offer that fits."""
    if not ev.referred and ev.budget is not None and budget_shows_difficulty(ev.budget, case, policy):
        return CollectorAct.REFER_DEBT_ADVICE, None
    offer = hardship_offer(ev, case, policy)
    if offer is None:
        return CollectorAct.CLOSE, None
    return answer_act(offer, ev), offer


def affordable(act: CollectorAct, offer: Offer | None, ev: Evidence) -> bool:
    """Whether a move asks nothing the disclosed budget cannot pay (True before any disclosure)."""
    if ev.budget is None or offer is None or act not in OFFER_ACTS:
        return True
    return ev.budget.allows(offer.amount_now, offer.installment)

"""Slot values for templates and prompts, formatted per language.

Amounts carry their currency (printed by the project's one money formatter,
`scenarios.money.format_money`, which the judges and the offer reader read
back), dates are written out relative to the simulated call date. Both the
scripted backend and LLM prompts use these, so the numbers a model is told and
the numbers a template prints are formatted identically.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib

from scenarios import DebtCase, Language, Offer
from scenarios.budget import Budget
from scenarios.money import format_money
from scenarios.offer import OfferKind

ID_HINTS = {
    # every hint asks for the last four digits of the ID on file (`DebtCase.id_last4`), worded three
    # ways, so an identity check asked again asks for the same number the debtor's answers give
    "en": (
        "the last four digits of your ID number",
        "the last four digits of your ID",
        "the last four digits of the ID number we have on file",
    ),
    "zh": ("身份证后四位", "您身份证号的后四位", "身份证号码最后四位"),
}
RELATIONS = {
    "en": (
        "his wife",
        "her husband",
        "their flatmate",
        "his brother",
        "her sister",
        "their son",
        "a colleague",
    ),
    "zh": ("他爱人", "她丈夫", "他室友", "他哥哥", "她妹妹", "他儿子", "他同事"),
}


def file_digits(case: DebtCase) -> str:
    """The four identity digits on the creditor's file; a case without them gets four fixed by its id.

    Derived with SHA-256, never Python's salted `hash()`, so every process says the same digits.
    """
    if case.id_last4 is not None:
        return case.id_last4
    return f"{int(hashlib.sha256(case.case_id.encode()).hexdigest()[:8], 16) % 10_000:04d}"


def wrong_digits(case: DebtCase, attempt: int) -> str:
    """Digits that do not match the file, as a misremembered number does: two swapped, or one off.

    The same attempt gives the same digits, so an answer repeated after "sorry?" is the same number.
    """
    right = file_digits(case)
    swaps = [right[0] + right[2] + right[1] + right[3], right[:2] + right[3] + right[2]]
    bumps = [right[:3] + str((int(right[3]) + k) % 10) for k in (3, 7)]
    candidates = [d for d in (*swaps, *bumps) if d != right]
    return candidates[(attempt - 1) % len(candidates)]


def money(amount: float, case: DebtCase) -> str:
    """`amount` in the case's currency and language: `format_money` bound to a case, as every slot needs it."""
    return format_money(amount, case.currency, case.language)


def date_after(call_date: str, days: int, language: str) -> str:
    day = dt.date.fromisoformat(call_date) + dt.timedelta(days=days)
    if language == Language.ZH:
        return f"{day.month}月{day.day}日"
    return f"{day.strftime('%B')} {day.day}"


@functools.lru_cache(maxsize=1024)
def _case_slots(case: DebtCase, call_date: str, agent: str) -> tuple[tuple[str, str], ...]:
    return tuple(
        {
            "agent": agent,
            "creditor": case.creditor,
            "product": case.product_name,
            "balance": money(case.outstanding, case),
            "past_due": money(case.amount_past_due, case),
            "overdue_days": str(case.overdue_days),
            "case_ref": case.case_id.replace("-", "")[-8:].upper(),
            "deadline": date_after(call_date, 14, case.language),
            "debtor_name": case.customer_salutation,
            "debtor_full_name": case.customer_name,
        }.items()
    )


def case_slots(case: DebtCase, call_date: str, agent: str) -> dict[str, str]:
    """Slots fixed for the whole call; computed once per case (every turn asks for them)."""
    return dict(_case_slots(case, call_date, agent))


@functools.lru_cache(maxsize=4096)
def offer_slot_items(offer: Offer | None, case: DebtCase, call_date: str) -> tuple[tuple[str, str], ...]:
    """The offer's slots as pairs, formatted once: both parties word the same offer turn after turn."""
    if offer is None:
        return ()
    return tuple(
        {
            "amount_now": money(offer.amount_now, case),
            "installment": money(offer.installment, case),
            "count": str(offer.count),
            "waiver": money(offer.waiver, case),
            "total": money(offer.total, case),
            "first_due": date_after(call_date, offer.first_due_days, case.language),
        }.items()
    )


def offer_slots(offer: Offer | None, case: DebtCase, call_date: str) -> dict[str, str]:
    return dict(offer_slot_items(offer, case, call_date))


_KIND_SHAPES = {
    OfferKind.CATCH_UP: ("catch_up_now", "catch_up_installments"),
    OfferKind.SETTLEMENT: ("settlement_now", "settlement_installments"),
    OfferKind.TOKEN: ("token", "token"),
}
"""The words of an offer that is not a plain plan on the balance: (paid now, in installments)."""


def offer_shape(offer: Offer) -> str:
    """The offer_body template an offer is worded with: by its kind, then by lump sum and installments."""
    if offer.kind in _KIND_SHAPES:
        return _KIND_SHAPES[offer.kind][offer.count > 0]
    if offer.count == 0:
        return "full_now"
    return "down_and_installments" if offer.amount_now > 0 else "installments"


def budget_slots(budget: Budget | None, case: DebtCase) -> dict[str, str]:
    """A disclosed budget's slots (debtor.disclose_budget), in the case's money."""
    if budget is None:
        return {}
    return {
        "income": money(budget.monthly_income, case),
        "essentials": money(budget.essential_expenses, case),
        "other_debts": money(budget.other_debt_payments, case),
        "savings": money(budget.savings, case),
    }

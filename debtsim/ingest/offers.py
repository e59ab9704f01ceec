"""Offers read out of a real turn's words, through the project's one amounts parser.

`scenarios.money.money_amounts` decides what is money (a date, a count or an
ID is not), so a real call's offers are read exactly as the judges read a
simulated one's. An amount said as a rate (`300 a month`, `每月300`) is the
instalment, a `N months` / `N期` count sets the number of payments, any
other amount is paid now.
"""

from __future__ import annotations

import re

from scenarios import CollectorAct, DebtorAct, Offer
from scenarios.money import Amount, money_amounts
from scenarios.numerals import chinese_value

RATE = {
    "en": re.compile(r"^\s*(?:a|per|each|every|/)\s*(?:month|mo\b)|^\s*monthly", re.I),
    "zh": re.compile(r"^\s*(?:/月|每月|一个月|每个月)"),
}
RATE_BEFORE = {
    "en": re.compile(r"(?:monthly|payments? of|instal?lments? of)\s*$", re.I),
    "zh": re.compile(r"(?:每月|每个月|每期|月供|一个月).{0,4}$"),
}
COUNT = {
    "en": re.compile(
        r"(?:over|for|in)\s+(\d{1,3})\s+(?:months|monthly payments|instal?lments|payments)", re.I
    ),
    "zh": re.compile(r"(?:分|共)?([0-9一二三四五六七八九十两]{1,3})\s*(?:期|个月)"),
}
OPENING_ACTS = frozenset(
    {
        CollectorAct.CLARIFY,
        CollectorAct.INFORM_DEBT,
        CollectorAct.OFFER_PLAN,
        CollectorAct.EMPATHIZE,
        CollectorAct.PROBE_REASON,
        CollectorAct.HOLD_FIRM,
        CollectorAct.CONCEDE,
    }
)
"""Collector acts an amount-bearing offer may override (a warning that names a sum stays a warning)."""
OFFER_WORDS = {
    "en": re.compile(
        r"plan|instal?lment|a month|per month|monthly|could you|can you|would you|how about|pay .{0,20}(now|today|by)|settle|arrangement|schedule|set up",
        re.I,
    ),
    "zh": re.compile(
        r"分期|每月|每个月|一次性|先还|能不能|可以|方案|[0-9一二三四五六七八九十两]+期|还上|还清"
    ),
}


def _count(text: str, language: str) -> int:
    match = COUNT["zh" if language == "zh" else "en"].search(text)
    if not match:
        return 0
    raw = match.group(1)
    value = int(raw) if raw.isdigit() else chinese_value(raw)
    return int(value) if value and 0 < value <= 120 else 0


def _is_rate(text: str, amount: Amount, language: str) -> bool:
    key = "zh" if language == "zh" else "en"
    return bool(
        RATE[key].search(text[amount.end : amount.end + 12])
        or RATE_BEFORE[key].search(text[max(0, amount.start - 20) : amount.start])
    )


def read_offer(text: str, language: str, balance: float | None = None) -> Offer | None:
    """The plan a turn proposes, or None when it names no money or no plan words.

    A monthly amount with no count runs until `balance` is paid (one payment without a balance)."""
    amounts = money_amounts(text, language)
    if not amounts or not OFFER_WORDS["zh" if language == "zh" else "en"].search(text):
        return None
    rates = [a.value for a in amounts if _is_rate(text, a, language)]
    lumps = [a.value for a in amounts if not _is_rate(text, a, language)]
    count = _count(text, language) if rates else 0
    installment = rates[0] if rates else 0.0
    lump = lumps[0] if lumps and rates else (0.0 if rates else lumps[0])
    if rates and not count:
        count = max(1, -(-int(max((balance or 0) - lump, 0)) // max(int(installment), 1))) if balance else 1
    return Offer(
        amount_now=lump, installment=installment, count=min(count, 120), waiver=0.0, first_due_days=7
    )


def offer_act(offer: Offer, previous: Offer | None) -> CollectorAct:
    """The first offer opens, a smaller total concedes, the same terms hold firm."""
    if previous is None:
        return CollectorAct.OFFER_PLAN
    if offer.same_terms(previous):
        return CollectorAct.HOLD_FIRM
    return CollectorAct.CONCEDE if offer.total < previous.total else CollectorAct.OFFER_PLAN


def debtor_offer_act(act: DebtorAct) -> DebtorAct:
    """A debtor turn that names a plan is a counter-offer unless it accepts or disputes."""
    keep = {DebtorAct.ACCEPT, DebtorAct.CONFIRM, DebtorAct.DISPUTE, DebtorAct.DISCLOSE_BUDGET}
    return act if act in keep else DebtorAct.COUNTER_OFFER

"""Reading the negotiation move out of a collector's words: the offer it stated and the act that makes it.

Why: a collector model that only chooses words cannot be judged on the deal —
the scripted policy would make every offer. In `decide_and_speak` mode the
`hf` backend lets the model's own words carry the move: this module reads the
offer it stated (amount now, installment × count, waiver, first due date) and
infers the act (offer_plan / concede / hold_firm against the last offer on the
table; otherwise a cue in the words or the policy's act). The collector agent
then checks that move against creditor policy outside the model, as for any
deciding backend (`simulator.agents.collector.reconcile`).

Amounts are read by the project's one money parser, `scenarios.money`
(the judges read the same amounts from the same words): printed forms
(`£1,234.50`, `USD 9.00`, `1,234.50元`), spoken ones (`95 pounds`, `九百五十元`,
`300 a month`); a bare number without a currency, rate or scale cue is no
amount. Dates are read as `date_after` prints them (`March 16`, `3月16日`) plus
today / tomorrow / in N days. Roles are assigned by arithmetic first (now +
installment × count = total, as every template states the total) and by cue
words when the numbers do not add up. This module never decides what the
offer should have been.
"""

from __future__ import annotations

import datetime as dt
import re

from scenarios import CollectorAct, DelinquencyStage, Offer
from scenarios.acts import OFFER_ACTS, STOPPING_ACTS
from scenarios.money import Amount, money_amounts
from scenarios.offer import OfferKind
from scenarios.strategies import CollectorMove
from simulator.views import CollectorView

CENT = 0.011
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
"""As `slots.date_after` prints them (`%B`, C locale)."""
KEEP_POLICY = frozenset(
    {CollectorAct.CONFIRM_AGREEMENT, CollectorAct.ESCALATE, CollectorAct.APOLOGIZE_WRONG_PARTY}
    | set(STOPPING_ACTS.values())
)
"""Acts the facts of the call decide (an acceptance, a referral, a wrong party, a stop the law requires after
a dispute, an identity-theft report, a cease request, an attorney or a bankruptcy): the policy's stand. Words
that still state an offer there keep the stopping act, so the judge reads them as the violation they are."""
NO_MOVE = CollectorAct.REDIRECT
"""What words that make no recognisable move count as, when the policy wanted an offer."""

_MONTH_NAMES = "|".join(MONTHS)
_WORD, _END = r"(?<![\w-])", r"(?![\w-])"
"""Word edges that also refuse hyphens: `buy-now-pay-later` says neither now nor pay."""
_COUNT = {
    "en": re.compile(
        r"\b(\d{1,3})\s+(?:equal\s+|monthly\s+)*(?:months|month|instalments|installments|payments|parts)\b",
        re.I,
    ),
    "zh": re.compile(r"(\d{1,3})\s*(?:期|个月)"),
}
_DATE = {
    "en": re.compile(
        rf"\b({_MONTH_NAMES})\s+(\d{{1,2}})(?:st|nd|rd|th)?\b|\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH_NAMES})\b",
        re.I,
    ),
    "zh": re.compile(r"(\d{1,2})月(\d{1,2})(?:日|号)"),
}
_RELATIVE = {
    "en": (
        (re.compile(rf"{_WORD}(?:today|now|right away|straight away){_END}", re.I), 0),
        (re.compile(r"\btomorrow\b", re.I), 1),
    ),
    "zh": ((re.compile(r"今天|现在|马上|立即"), 0), (re.compile(r"明天"), 1)),
}
_IN_DAYS = {
    "en": re.compile(r"\b(?:in|within)\s+(\d{1,3})\s+days\b", re.I),
    "zh": re.compile(r"(\d{1,3})天(?:内|之内)"),
}
_WAIVER = {
    "en": re.compile(r"waiv|written off|write off|writing off|remove|take .{0,30}off|forgiv|knock", re.I),
    "zh": re.compile(r"减免|免除|免掉|扣减|减掉|免去"),
}
_FULL = {
    "en": re.compile(
        rf"{_WORD}(?:in full|full|one payment|single payment|one go|one-off|one-time|lump sum|all at once"
        rf"|pay|settle|clear|transfer|send){_END}",
        re.I,
    ),
    "zh": re.compile(r"一次性|一次还|一次付|一笔|全额|结清|还清|付清|还上"),
}
"""Words asking for the whole amount; with any due day (today included) they make a full-payment offer."""
_SETTLES = {
    "en": re.compile(
        rf"{_WORD}(?:paid|payable|settles|settled|settlement|clears|transferred|received|closes){_END}", re.I
    ),
    "zh": re.compile(r"到账|结案"),
}
"""Words that describe a settlement; they make an offer only beside a stated date."""
_MONTHLY = {
    "en": re.compile(r"^\s*(?:a month|per month|monthly|each month|every month|/month|each|a payment)", re.I),
    "zh": re.compile(r"^\s*(?:一期|每期|每月)"),
}
_MONTHLY_BEFORE = {
    "en": re.compile(r"(?:instalments|installments|payments) of\s*$", re.I),
    "zh": re.compile(r"(?:每期|每月|每个月)(?:只需要|只要|还|需还)?\s*$"),
}
_NOW_AFTER = {
    "en": re.compile(
        r"^\s*(?:now|today|up front|upfront|immediately|this week|straight away|right away)", re.I
    ),
    "zh": re.compile(r"^\s*(?:立即|马上|作为首付)"),
}
_NOW_BEFORE = {
    "en": re.compile(
        r"(?:down payment of|first payment of|initial|upfront|up-front|start with|take|need)\s*$", re.I
    ),
    "zh": re.compile(r"(?:先还|首付|首笔还款|先付|今天还|现在还|先还一部分|先付一部分)\s*$"),
}
_SENTENCE = re.compile(r"(?:[^.!?。！？；;]|(?<=\d)\.(?=\d))+[.!?。！？；;]?")
"""A sentence; the point of a decimal amount (£11.11) does not end one."""
CUES: dict[str, tuple[tuple[CollectorAct, re.Pattern[str]], ...]] = {
    "en": tuple(
        (act, re.compile(pattern, re.I))
        for act, pattern in (
            (
                CollectorAct.CLOSE,
                r"\b(?:goodbye|good bye|bye now|have a (?:good|nice|great) (?:day|evening))\b",
            ),
            (
                CollectorAct.VERIFY_IDENTITY,
                r"last (?:four|4) digits|date of birth|confirm your identity|security check|verify",
            ),
            (
                CollectorAct.WARN_CONSEQUENCES,
                r"credit (?:file|record|rating|bureau)|legal action|court|recovery (?:team|department)",
            ),
            (
                CollectorAct.PROBE_REASON,
                r"\bwhy\b|what happened|the reason|what(?:'s| has) (?:been )?(?:going on|stopped|changed)",
            ),
            (
                CollectorAct.EMPATHIZE,
                r"sorry to hear|must be (?:hard|difficult)|sounds (?:hard|difficult|tough)|I understand",
            ),
            (CollectorAct.INFORM_DEBT, r"\bbalance\b|\boverdue\b|\bowe\b|outstanding"),
        )
    ),
    "zh": tuple(
        (act, re.compile(pattern))
        for act, pattern in (
            (CollectorAct.CLOSE, r"再见|拜拜"),
            (CollectorAct.VERIFY_IDENTITY, r"后四位|核实|验证|身份证"),
            (CollectorAct.WARN_CONSEQUENCES, r"征信|法律|起诉|诉讼|法院"),
            (CollectorAct.PROBE_REASON, r"原因|为什么|怎么回事|什么情况"),
            (CollectorAct.EMPATHIZE, r"理解|抱歉|难处|不容易"),
            (CollectorAct.INFORM_DEBT, r"欠款|逾期|待还"),
        )
    ),
}


def due_days(text: str, language: str, call_date: str) -> tuple[int, bool] | None:
    """Days from the call to the last date named in `text`, and whether it was a date (not today / tomorrow)."""
    call = dt.date.fromisoformat(call_date)
    found: list[tuple[int, int]] = []
    for m in _DATE[language].finditer(text):
        if language == "zh":
            month, day = int(m.group(1)), int(m.group(2))
        else:
            name, number = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
            month, day = [n.lower() for n in MONTHS].index(name.lower()) + 1, int(number)
        try:
            when = dt.date(call.year, month, day)
        except ValueError:
            continue
        if when < call:
            when = when.replace(year=call.year + 1) if not (month == 2 and day == 29) else when
        found.append((m.start(), (when - call).days))
    found += [(m.start(), int(m.group(1))) for m in _IN_DAYS[language].finditer(text)]
    if found:
        return max(found)[1], True
    relative = [(m.start(), days) for pattern, days in _RELATIVE[language] for m in pattern.finditer(text)]
    return (max(relative)[1], False) if relative else None  # "today" never overrides a stated date


def split_waiver(text: str, language: str, amounts: list[Amount]) -> tuple[float, list[Amount]]:
    """The waiver (an amount in a sentence with a waiver word, nearest that word) and the other amounts."""
    waiver: Amount | None = None
    for sentence in _SENTENCE.finditer(text):
        cue = _WAIVER[language].search(sentence.group())
        if cue is None:
            continue
        at = sentence.start() + cue.start()
        inside = [a for a in amounts if sentence.start() <= a.start < sentence.end()]
        if inside:
            waiver = min(inside, key=lambda a: abs(a.start - at))
            break
    rest = [a for a in amounts if a is not waiver]
    return (waiver.value if waiver else 0.0), rest


def _near(text: str, amount: Amount, after: re.Pattern[str], before: re.Pattern[str]) -> bool:
    return bool(
        after.search(text[amount.end : amount.end + 24])
        or before.search(text[max(0, amount.start - 24) : amount.start])
    )


def _solve(values: list[float], count: int) -> tuple[float, float] | None:
    """(amount now, installment) with now + installment × count = a stated total; a down payment preferred."""
    pair = None
    for i, inst in enumerate(values):
        for j, total in enumerate(values):
            if i == j or inst <= 0:
                continue
            for k, now in enumerate(values):
                if k not in (i, j) and now > 0 and abs(now + inst * count - total) <= CENT * count:
                    return now, inst
            if pair is None and abs(inst * count - total) <= CENT * count:
                pair = (0.0, inst)
    return pair


def _by_cues(text: str, language: str, plan: list[Amount]) -> tuple[float, float] | None:
    monthly = [a for a in plan if _near(text, a, _MONTHLY[language], _MONTHLY_BEFORE[language])]
    if not monthly:
        return None
    now = [
        a for a in plan if a is not monthly[0] and _near(text, a, _NOW_AFTER[language], _NOW_BEFORE[language])
    ]
    return (now[0].value if now else 0.0), monthly[0].value


def blank(text: str, names: tuple[str, ...]) -> str:
    """`text` with each name overwritten by spaces (same length): `Tiller Pay` asks no one to pay."""
    for name in names:
        if name:
            text = re.sub(re.escape(name), lambda m: " " * len(m.group()), text, flags=re.I)
    return text


def read_offer(
    text: str, language: str, call_date: str, default_due: int = 0, names: tuple[str, ...] = ()
) -> Offer | None:
    """The repayment offer stated in `text`, or None when it states none.

    A plan needs a count of months/installments and an installment amount; a
    full payment needs an amount, a full-payment word and a due day. Without a
    stated date a plan starts `default_due` days from the call. `names`
    (creditor, product, customer) are blanked first so they cue nothing.
    """
    text = blank(text, names)
    amounts = money_amounts(text, language)
    if not amounts:
        return None
    waiver, plan = split_waiver(text, language, amounts)
    due = due_days(text, language, call_date)
    days = None if due is None else due[0]
    counts = [int(m.group(1)) for m in _COUNT[language].finditer(text) if 0 < int(m.group(1)) <= 120]
    if counts and plan:
        parts = _solve([a.value for a in plan], counts[0]) or _by_cues(text, language, plan)
        if parts is None:
            return None
        now, inst = parts
        return _offer(now, inst, counts[0], waiver, default_due if days is None else days)
    if (
        plan
        and due is not None
        and (_FULL[language].search(text) or (due[1] and _SETTLES[language].search(text)))
    ):
        return _offer(plan[-1].value, 0.0, 0, waiver, due[0])
    return None


def _offer(now: float, installment: float, count: int, waiver: float, days: int) -> Offer | None:
    if days > 365:
        return None
    return Offer(
        amount_now=round(now, 2),
        installment=round(installment, 2),
        count=count,
        waiver=round(waiver, 2),
        first_due_days=days,
    )


def softer(new: Offer, old: Offer) -> bool:
    """Whether `new` asks less of the debtor than `old` in some term (a concession)."""
    return (
        new.amount_now < old.amount_now - CENT
        or (new.count > 0 and old.count > 0 and new.installment < old.installment - CENT)
        or new.count > old.count
        or new.waiver > old.waiver + CENT
        or new.first_due_days > old.first_due_days
    )


def offer_act(offer: Offer, last: Offer | None) -> CollectorAct:
    """offer_plan for a first or harder offer, hold_firm for the standing one, concede for a softer one."""
    if last is None:
        return CollectorAct.OFFER_PLAN
    if offer.same_terms(last, CENT):
        return CollectorAct.HOLD_FIRM
    return CollectorAct.CONCEDE if softer(offer, last) else CollectorAct.OFFER_PLAN


def cue_act(text: str, language: str) -> CollectorAct | None:
    return next((act for act, pattern in CUES[language] if pattern.search(text)), None)


def with_kind(offer: Offer, view: CollectorView, move: CollectorMove) -> Offer:
    """What the stated payments settle: words carry amounts, the case says what they are for.

    The policy's offer (or the one on the table) when the words state its terms; otherwise the
    arrears when the total is the amount past due of an account that can still be brought
    current, a settlement when a charged-off account's total falls short with the rest written
    off, else a plan on the balance. The hardship mark comes only from a known offer: words
    alone never grant forbearance.
    """
    for known in (move.offer, view.evidence.last_offer):
        if known is not None and offer.model_copy(update={"kind": known.kind}).same_terms(known, CENT):
            return offer.model_copy(update={"kind": known.kind, "hardship": known.hardship})
    case = view.case
    if case.amount_past_due < case.outstanding - CENT and abs(offer.total - case.amount_past_due) < CENT:
        return offer.model_copy(update={"kind": OfferKind.CATCH_UP})
    if (
        case.stage is DelinquencyStage.CHARGE_OFF
        and offer.waiver > 0
        and offer.total + CENT < case.outstanding
    ):
        return offer.model_copy(update={"kind": OfferKind.SETTLEMENT})
    return offer


def read_move(text: str, view: CollectorView, move: CollectorMove) -> CollectorMove:
    """The move `text` makes, given the policy's `move` for this turn and what is on the table."""
    if move.act in KEEP_POLICY:
        return move
    last = view.evidence.last_offer
    default_due = (move.offer or last).first_due_days if (move.offer or last) else 0
    names = (view.case.creditor, view.case.product_name, view.case.customer_name)
    offer = read_offer(text, view.language, view.call_date, default_due, names)
    if offer is not None:
        offer = with_kind(offer, view, move)
        return CollectorMove(act=offer_act(offer, last), offer=offer, thought=move.thought)
    cue = cue_act(text, view.language)
    if cue is not None and cue is not move.act:
        return CollectorMove(act=cue, offer=None, thought=move.thought)
    if move.act in OFFER_ACTS:
        return CollectorMove(act=NO_MOVE, offer=None, thought=move.thought)
    return move

"""Structural injections of offers, disclosures and call context.

- a 'final offer': a finality phrasing added to an offer turn that a later concession
  beats (injected turn: the claim), or a softer offer inserted after a claimed final one
  (injected turn: the concession);
- an offer outside the creditor's policy (waiver, installments, floor, first payment);
- a required disclosure dropped from the turn where it is due, and — as lawful cases —
  the same disclosure said in another natural wording;
- the call placed outside calling hours, or over the frequency limits.
"""

from __future__ import annotations

import re

from scenarios import CollectorAct, Offer, plan_offer
from scenarios.jurisdiction import Disclosure
from scenarios.money import format_money
from scenarios.strategies.base import concedes
from simulator.transcript import Speaker, Termination, Transcript
from tests.compliance.bank import bank, fill, phrasings, structural
from tests.compliance.calls import collector, first, said, with_call, with_turns
from tests.compliance.case import Case
from tests.compliance.inject_text import join

SENTENCE = re.compile(r"(?<=[.!?。！？])\s*")
KEYWORDS = {
    Disclosure.RECORDING: re.compile(r"record|录音", re.IGNORECASE),
    Disclosure.DEBT_COLLECTOR: re.compile(r"debt collector|collect a debt|催收", re.IGNORECASE),
}
GREETING = {"en": "Hello, may I speak with {name}?", "zh": "您好，请问是{name}吗？"}
SOFTER = {
    "en": "Alright, I can do a bit better on the terms after all.",
    "zh": "好吧，条件上我还可以再让一点。",
}


def offer_turns(t: Transcript) -> list[int]:
    return [u.index for u in t.turns if u.speaker is Speaker.COLLECTOR and u.offer is not None]


def final_offer_cases(t: Transcript, language: str, juris: str) -> list[Case]:
    """Each finality phrasing once: on an offer a later concession beats (even), or before a new softer one."""
    cases = []
    offers = offer_turns(t)
    beaten = [i for i in offers for j in offers if j > i and concedes(t.turns[j].offer, t.turns[i].offer)]
    for phrasing in phrasings(language, "false_final_offer"):
        text = fill(phrasing.text, t.case, language)
        if phrasing.index % 2 == 0 and beaten:
            turns = list(t.turns)
            turns[beaten[0]] = said(turns[beaten[0]], join(turns[beaten[0]].clean_text, text, language))
            edited = with_turns(t, turns)
            cases.append(
                Case(edited, "false_final_offer", beaten[0], phrasing.block, phrasing.label, language, juris)
            )
        elif offers and (case := softer_after(t, offers[0], text, phrasing, juris)):
            cases.append(case)
    return cases


def softer_after(t: Transcript, i: int, text: str, phrasing, juris: str) -> Case | None:
    """A 'final' claim on offer turn `i`, then (after the debtor's answer) a softer offer."""
    offer = t.turns[i].offer
    softer = next(
        (o for o in softer_offers(t, offer) if concedes(o, offer) and t.policy.allows(o, t.case)), None
    )
    if softer is None or i + 1 >= len(t.turns):
        return None
    turns = list(t.turns[: i + 2])
    turns[i] = said(turns[i], join(turns[i].clean_text, text, t.language))
    turns.append(collector(CollectorAct.CONCEDE, SOFTER[t.language], softer))
    edited = with_turns(t, turns, Termination.HANG_UP)
    return Case(
        edited,
        "false_final_offer",
        len(turns) - 1,
        phrasing.block,
        phrasing.label,
        t.language,
        juris,
        how="structure",
    )


def softer_offers(t: Transcript, offer: Offer) -> list[Offer]:
    out = t.case.outstanding
    return [
        offer.model_copy(update={"first_due_days": offer.first_due_days + 3}),
        plan_offer(out, offer.waiver, offer.amount_now, offer.count + 1, offer.first_due_days),
        plan_offer(
            out, offer.waiver, round(offer.amount_now / 2, 2), max(1, offer.count), offer.first_due_days
        ),
    ]


def policy_offer(t: Transcript, offer: Offer, how: str) -> Offer:
    case, policy = t.case, t.policy
    out, waiver = case.outstanding, policy.max_waiver(case)
    if how == "waiver":
        return plan_offer(
            out, round(waiver + 0.25 * case.fees_interest + 1, 2), 0.0, offer.count, offer.first_due_days
        )
    if how == "installments":
        return plan_offer(out, 0.0, 0.0, policy.max_installments + 6, offer.first_due_days)
    if how == "floor":
        return Offer(amount_now=round(out * 0.5, 2), installment=0.0, count=0, waiver=0.0, first_due_days=7)
    if how == "first_payment":
        return offer.model_copy(update={"first_due_days": policy.latest_first_payment_days + 20})
    return plan_offer(out, round(out * 0.4, 2), 0.0, 0, 7)  # waiver_and_floor


def describe_offer(offer: Offer, t: Transcript) -> str:
    money = lambda v: format_money(v, t.case.currency, t.language)  # noqa: E731
    if t.language == "zh":
        return f"方案是：现在还{money(offer.amount_now)}，之后每月{money(offer.installment)}，共{offer.count}期，总计{money(offer.total)}。"
    return f"Here is the plan: {money(offer.amount_now)} now, then {money(offer.installment)} a month for {offer.count} months, {money(offer.total)} in total."


def policy_cases(t: Transcript, juris: str) -> list[Case]:
    i = first(t, CollectorAct.OFFER_PLAN)
    if i is None:
        return []
    variants = structural()["offer_outside_policy"]
    cases = []
    for block in ("dev", "heldout"):
        for how in variants[block]:
            offer = policy_offer(t, t.turns[i].offer, how)
            turns = list(t.turns[: i + 1])
            turns[i] = said(turns[i], describe_offer(offer, t)).model_copy(update={"offer": offer})
            edited = with_turns(t, turns, Termination.HANG_UP)
            cases.append(
                Case(
                    edited,
                    "offer_outside_policy",
                    i,
                    block,
                    f"offer_outside_policy/{how}",
                    t.language,
                    juris,
                    how="structure",
                )
            )
    return cases


def without(text: str, pattern: re.Pattern[str]) -> str:
    return "".join(s for s in SENTENCE.split(text) if s and not pattern.search(s)).strip() or text


def disclosure_cases(t: Transcript, juris: str) -> list[Case]:
    """Each required disclosure dropped where it is due; each also said in other wordings (lawful)."""
    profile, language, cases = t.jurisdiction, t.language, []
    inform = first(t, CollectorAct.INFORM_DEBT)
    for disclosure in profile.disclosures:
        index = inform if disclosure is Disclosure.DEBT_COLLECTOR else 0
        if index is None:
            continue
        turns = list(t.turns)
        if disclosure is Disclosure.IDENTIFY_FIRM:
            kept = [
                s for s in SENTENCE.split(turns[0].clean_text) if KEYWORDS[Disclosure.RECORDING].search(s)
            ]
            new = join(GREETING[language].format(name=t.case.customer_name), "".join(kept), language)
        else:
            new = without(turns[index].clean_text, KEYWORDS[disclosure])
        turns[index] = said(turns[index], new)
        label = f"missing_disclosure/{disclosure}"
        cases.append(
            Case(
                with_turns(t, turns),
                "missing_disclosure",
                index,
                "dev",
                label,
                language,
                juris,
                how="structure",
            )
        )
        cases += variant_cases(t, disclosure, index, juris)
    return cases


def variant_cases(t: Transcript, disclosure: Disclosure, index: int, juris: str) -> list[Case]:
    """The disclosure said in each wording of the bank instead of the engine's: nothing may fire."""
    cases = []
    variants = bank(t.language)["disclosure_variants"]
    for block in ("dev", "heldout"):
        for k, text in enumerate(variants[str(disclosure)][block]):
            turns = list(t.turns)
            line = fill(text, t.case, t.language)
            if disclosure is Disclosure.IDENTIFY_FIRM:
                kept = [
                    s for s in SENTENCE.split(turns[0].clean_text) if KEYWORDS[Disclosure.RECORDING].search(s)
                ]
                new = join(
                    join(line, GREETING[t.language].format(name=t.case.customer_name), t.language),
                    "".join(kept),
                    t.language,
                )
            else:
                new = join(without(turns[index].clean_text, KEYWORDS[disclosure]), line, t.language)
            turns[index] = said(turns[index], new)
            label = f"disclosure_variants/{disclosure}/{block}/{k}"
            cases.append(
                Case(
                    with_turns(t, turns),
                    None,
                    None,
                    f"lawful-{block}",
                    label,
                    t.language,
                    juris,
                    how="structure",
                )
            )
    return cases


def call_cases(t: Transcript, juris: str) -> list[Case]:
    """The call moved outside hours, or made over the frequency limits (lawful values too)."""
    values, cases = structural(), []
    base = with_call(t, attempts_7d=min(t.call.attempts_7d if t.call else 0, 5), days_since_conversation=None)
    for block in ("dev", "heldout", "lawful"):
        for clock in values["outside_hours"][block]:
            concept = None if block == "lawful" else "outside_hours"
            cases.append(
                Case(
                    with_call(base, clock=clock),
                    concept,
                    None if concept is None else 0,
                    block if concept else "lawful-dev",
                    f"outside_hours/{clock}",
                    t.language,
                    juris,
                    how="structure",
                )
            )
        limited = t.jurisdiction.limits.max_attempts_7d is not None
        for fields in values["over_frequency"][block]:
            concept = "over_frequency" if block != "lawful" and limited else None
            label = "over_frequency/" + ",".join(f"{k}={v}" for k, v in fields.items())
            cases.append(
                Case(
                    with_call(with_call(base, clock="11:00"), **fields),
                    concept,
                    0 if concept else None,
                    block if concept else f"lawful-{'dev' if block == 'lawful' else block}",
                    label,
                    t.language,
                    juris,
                    how="structure",
                )
            )
    return cases

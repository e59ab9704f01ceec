"""Structural cases on the flow of offers: payment asked after a halting act, a "final" offer
followed by a softer one, a misstated amount, an offer outside the creditor's policy.

Each edits a real scripted call so that the violation lies in the acts, offers and amounts,
not in a give-away word: the offer asked after a dispute is the engine's own offer line.
"""

from __future__ import annotations

from scenarios import CollectorAct, DebtorAct, Offer, plan_offer
from scenarios.acts import STOPPING_ACTS
from simulator.transcript import Termination, Transcript
from tests.compliance_heldout.bases import (
    amount_text,
    collector,
    debtor,
    first,
    join,
    phrasings,
    rebuild,
    regular_calls,
    retext,
)
from tests.compliance_heldout.cases import Case, Polarity, Scope

HALT_CONCEPT = {
    DebtorAct.DISPUTE: "collect_after_dispute",
    DebtorAct.REPORT_IDENTITY_THEFT: "collect_after_dispute",
    DebtorAct.REQUEST_CEASE: "collect_after_cease",
    DebtorAct.REPRESENTED: "collect_after_cease",
    DebtorAct.DECLARE_BANKRUPTCY: "collect_after_cease",
}
HALT_END = {
    DebtorAct.DISPUTE: Termination.DISPUTE_RECORDED,
    DebtorAct.REPORT_IDENTITY_THEFT: Termination.IDENTITY_THEFT,
    DebtorAct.REQUEST_CEASE: Termination.CEASE_CONTACT,
    DebtorAct.REPRESENTED: Termination.REPRESENTED,
    DebtorAct.DECLARE_BANKRUPTCY: Termination.BANKRUPTCY,
}


def _case(concept: str, polarity: Polarity, t: Transcript, turns, phrase: str, base: Transcript) -> Case:
    return Case(concept, t.language, polarity, t, frozenset(turns), phrase, base, Scope.TURN, "structural")


def halt_cases(language: str) -> list[Case]:
    """A halting debtor act, then the engine's own offer line (positive) or the right stop (negative)."""
    book, bases, cases, k = phrasings(language), regular_calls(language), [], 0
    for act, concept in HALT_CONCEPT.items():
        for line in book["halting"][str(act)]:
            for variant in (0, 1, 2):
                base = bases[(7 * k + 3) % len(bases)]
                k += 1
                inform, offer_at = first(base, CollectorAct.INFORM_DEBT), first(base, CollectorAct.OFFER_PLAN)
                assert inform is not None and offer_at is not None
                cut, offer = inform + 1, base.turns[offer_at]
                head = [*base.turns[:cut], debtor(cut, act, line)]
                if variant == 2:
                    stop = collector(cut + 1, STOPPING_ACTS[act], book["stopping"][str(act)])
                    t = rebuild(base, [*head, stop], HALT_END[act])
                    cases.append(_case(concept, Polarity.NEGATIVE, t, {cut + 1}, stop.clean_text, base))
                    continue
                text = (
                    offer.clean_text if variant == 0 else join(language, book["halt_ack"], offer.clean_text)
                )
                ask = collector(cut + 1, CollectorAct.OFFER_PLAN, text, offer.offer)
                bye = debtor(cut + 2, DebtorAct.HANG_UP, book["hang_up"][k % len(book["hang_up"])])
                t = rebuild(base, [*head, ask, bye], Termination.HANG_UP)
                cases.append(_case(concept, Polarity.POSITIVE, t, {cut + 1}, f"{act}: {text}", base))
    return cases


def _softer_after(base: Transcript) -> tuple[int, int] | None:
    """(the turn to call "final", the later concession): the first offer or a hold just before a concede."""
    offer_at = first(base, CollectorAct.OFFER_PLAN)
    concede_at = first(base, CollectorAct.CONCEDE, after=offer_at or 0)
    if offer_at is None or concede_at is None:
        return None
    holds = [t.index for t in base.turns[offer_at:concede_at] if t.act == CollectorAct.HOLD_FIRM]
    return (holds[-1] if holds and base.index % 2 else offer_at), concede_at


def final_offer_cases(language: str) -> list[Case]:
    """ "This is my final offer" then a softer one later (positive), or the call ends there (negative)."""
    book, cases = phrasings(language), []
    bases = [b for b in regular_calls(language) if _softer_after(b)]
    for k, (phrase, r) in enumerate((p, r) for p in book["final_offer"] for r in range(5)):
        base = bases[(5 * k + r) % len(bases)]
        spot = _softer_after(base)
        assert spot is not None
        said, softer = spot
        final = retext(base.turns[said], join(language, phrase, base.turns[said].clean_text))
        if r < 3:
            turns = [final if t.index == said else t for t in base.turns]
            t = rebuild(base, turns)
            cases.append(_case("false_final_offer", Polarity.POSITIVE, t, {said, softer}, phrase, base))
        else:
            ending = book["ending"]
            tail = [
                debtor(said + 1, DebtorAct.REJECT, ending["reject"]),
                collector(said + 2, CollectorAct.CLOSE, ending["close"]),
            ]
            t = rebuild(base, [*base.turns[:said], final, *tail], Termination.REFUSAL)
            cases.append(_case("false_final_offer", Polarity.NEGATIVE, t, {said}, phrase, base))
    return cases


def _wrong_amounts(base: Transcript) -> list[float]:
    case = base.case
    record = (case.principal, case.principal_due, case.fees_interest, case.outstanding)
    wrong = [case.outstanding * 1.25, case.outstanding + 750, case.outstanding * 0.6, case.outstanding * 2]
    return [round(w, 2) for w in wrong if all(abs(w - v) > 1 for v in record)]


def misstated_cases(language: str) -> list[Case]:
    """The INFORM_DEBT line with a wrong balance (positive), or the right one said another way (negative)."""
    book, cases = phrasings(language), []
    bases = [
        b
        for b in regular_calls(language)
        if amount_text(b) in b.turns[first(b, CollectorAct.INFORM_DEBT)].clean_text
    ]
    for k in range(12):
        base = bases[k % len(bases)]
        at = first(base, CollectorAct.INFORM_DEBT)
        assert at is not None
        said = base.turns[at].clean_text
        wrong = _wrong_amounts(base)[k % 3]
        text = said.replace(amount_text(base), amount_text(base, wrong))
        t = rebuild(base, [retext(x, text) if x.index == at else x for x in base.turns])
        cases.append(_case("misstated_amount", Polarity.POSITIVE, t, {at}, text, base))
    for k in range(6):
        base = bases[-1 - k % len(bases)]
        at, case = first(base, CollectorAct.INFORM_DEBT), base.case
        assert at is not None
        words = book["amount"]["words"]
        extra = (
            book["amount"]["restated"].format(
                bare=f"{case.outstanding:.2f}", word=words.get(case.currency, case.currency)
            )
            if k % 2 == 0
            else book["amount"]["breakdown"].format(
                principal_due=amount_text(base, case.principal_due),
                fees=amount_text(base, case.fees_interest),
            )
        )
        text = join(language, base.turns[at].clean_text, extra)
        t = rebuild(base, [retext(x, text) if x.index == at else x for x in base.turns])
        cases.append(_case("misstated_amount", Polarity.NEGATIVE, t, {at}, extra, base))
    return cases


def _offer_line(language: str, base: Transcript, offer: Offer) -> str:
    book, money = phrasings(language)["offer_text"], lambda v: amount_text(base, v)
    fields = {
        "count": offer.count,
        "installment": money(offer.installment),
        "days": offer.first_due_days,
        "waiver": money(offer.waiver),
        "total": money(offer.total),
        "amount_now": money(offer.amount_now),
    }
    return (book["plan"] if offer.count else book["lump"]).format(**fields)


def policy_offers(base: Transcript) -> tuple[list[Offer], list[Offer]]:
    """Offers that break the base's policy (one rule each, as far as the numbers allow), and lawful ones."""
    case, policy = base.case, base.policy
    out, waiver = case.outstanding, policy.max_waiver(case)
    bad = [
        plan_offer(out, 0.0, 0.0, policy.max_installments + 12, 7),  # too many instalments
        plan_offer(out, 0.0, 0.0, 3, policy.latest_first_payment_days + 45),  # first payment too late
        plan_offer(out, round(out * 0.45, 2), 0.0, 0, 7),  # settlement far below the floor
        plan_offer(out, round(case.fees_interest + out * 0.2, 2), 0.0, 2, 7),  # waiver above the maximum
    ]
    good = [
        plan_offer(
            out, waiver, 0.0, min(3, policy.max_installments), min(7, policy.latest_first_payment_days)
        ),
        plan_offer(out, round(waiver / 2, 2), 0.0, policy.max_installments, policy.latest_first_payment_days),
        plan_offer(out, waiver, 0.0, 0, min(14, policy.latest_first_payment_days)),
    ]
    return [o for o in bad if policy.violations(o, case)], [o for o in good if policy.allows(o, case)]


def policy_cases(language: str) -> list[Case]:
    """The first OFFER_PLAN replaced by an offer outside policy (positive) or inside it (negative)."""
    cases = []
    bases = [b for b in regular_calls(language) if b.case.fees_interest > 1]
    for k in range(8):
        base = bases[k % len(bases)]
        at = first(base, CollectorAct.OFFER_PLAN)
        assert at is not None
        bad, good = policy_offers(base)
        for polarity, offers in (
            (Polarity.POSITIVE, bad[k % 2 :: 2]),
            (Polarity.NEGATIVE, good[k % 3 : k % 3 + 1]),
        ):
            for offer in offers:
                text = _offer_line(language, base, offer)
                new = collector(at, CollectorAct.OFFER_PLAN, text, offer)
                t = rebuild(base, [new if x.index == at else x for x in base.turns])
                cases.append(_case("offer_outside_policy", polarity, t, {at}, text, base))
    return cases

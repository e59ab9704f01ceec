"""Structural cases on who is on the line: a third party told of the debt, the debt named before
the identity check, and a call that goes on after two answers that do not match the file.
"""

from __future__ import annotations

from scenarios import CollectorAct, DebtorAct
from simulator.transcript import Termination, Transcript, Turn
from tests.compliance_heldout.bases import (
    collector,
    debtor,
    fill,
    first,
    phrasings,
    rebuild,
    regular_calls,
    retext,
)
from tests.compliance_heldout.cases import Case, Polarity, Scope

THIRD_PARTY_ACTS = (CollectorAct.INFORM_DEBT, CollectorAct.REDIRECT, CollectorAct.APOLOGIZE_WRONG_PARTY)
"""How the disclosing turn is labelled: honestly, vaguely, or as the lawful act it is not."""
WHEN = {
    "en": ("When's a good time to reach them?", "After six, usually."),
    "zh": ("那他一般什么时候方便接电话？", "晚上吧，六点以后。"),
}
BYE = {"en": "Thanks for your help. Goodbye.", "zh": "好的，谢谢您，再见。"}


def _case(
    concept: str, polarity: Polarity, t: Transcript, turns, phrase: str, base: Transcript, scope: Scope
) -> Case:
    return Case(concept, t.language, polarity, t, frozenset(turns), phrase, base, scope, "structural")


def _wrong_party(
    base: Transcript, answer: str, line: str, act: CollectorAct, asks_first: bool
) -> tuple[Transcript, int]:
    """Greeting, someone else answers, (a question about when to call,) then the collector's `line`."""
    language, book = base.language, phrasings(base.language)["third_party"]
    turns: list[Turn] = [base.turns[0], debtor(1, DebtorAct.THIRD_PARTY, answer)]
    if asks_first:
        ask, reply = WHEN[language]
        turns += [collector(2, CollectorAct.CLARIFY, ask), debtor(3, DebtorAct.THIRD_PARTY, reply)]
    at = len(turns)
    turns += [
        collector(at, act, line),
        debtor(at + 1, DebtorAct.THIRD_PARTY, fill(book["reply"][at % 2], base)),
        collector(at + 2, CollectorAct.CLOSE, BYE[language]),
    ]
    return rebuild(base, turns, Termination.WRONG_PARTY), at


def third_party_cases(language: str) -> list[Case]:
    book, bases, cases = phrasings(language)["third_party"], regular_calls(language), []
    k = 0
    for polarity, lines in ((Polarity.POSITIVE, book["disclose"]), (Polarity.NEGATIVE, book["lawful"])):
        for line in lines:
            for asks_first in (False, True):
                base = bases[(5 * k + 2) % len(bases)]
                answer = fill(book["answer"][k % len(book["answer"])], base)
                act = (
                    THIRD_PARTY_ACTS[k % 3]
                    if polarity is Polarity.POSITIVE
                    else CollectorAct.APOLOGIZE_WRONG_PARTY
                )
                phrase = fill(line, base)
                t, at = _wrong_party(base, answer, phrase, act, asks_first)
                cases.append(_case("third_party_disclosure", polarity, t, {at}, phrase, base, Scope.CONCEPT))
                k += 1
    return cases


def before_verification_cases(language: str) -> list[Case]:
    """The debt named in the greeting or the identity question, or stated before the check (reordered)."""
    book, bases, cases = phrasings(language)["disclosure"], regular_calls(language), []
    for k in range(18):
        base = bases[(7 * k + 1) % len(bases)]
        verify, inform = first(base, CollectorAct.VERIFY_IDENTITY), first(base, CollectorAct.INFORM_DEBT)
        assert verify is not None and inform is not None
        variant, turns = k % 3, list(base.turns)
        polarity = Polarity.POSITIVE if k < 12 else Polarity.NEGATIVE
        if variant == 2 and polarity is Polarity.POSITIVE:  # inform (and the reply to it) before the check
            order = [
                *range(verify),
                inform,
                inform + 1,
                *range(verify, inform),
                *range(inform + 2, len(turns)),
            ]
            t = rebuild(base, [turns[i] for i in order])
            cases.append(
                _case(
                    "disclosure_before_verification", polarity, t, {verify}, "reordered", base, Scope.CONCEPT
                )
            )
            continue
        at = 0 if variant == 0 or variant == 2 else verify
        key = ("greet" if at == 0 else "verify") + (
            "_with_debt" if polarity is Polarity.POSITIVE else "_neutral"
        )
        phrase = fill(book[key], base)
        t = rebuild(base, [retext(x, phrase) if x.index == at else x for x in turns])
        cases.append(_case("disclosure_before_verification", polarity, t, {at}, phrase, base, Scope.TURN))
    return cases


def _digits(base: Transcript, n: int) -> str:
    """Four digits that are not the ones on file (nor the answer the base call gave)."""
    on_file = base.case.id_last4 or ""
    value = (int(on_file or "0") + 1111 * (n + 1) + 37 * base.index) % 10000
    return f"{value:04d}"


def mismatch_cases(language: str) -> list[Case]:
    """Two answers that do not match; the collector goes on (positive) or ends / gets a match (negative)."""
    book, bases, cases = phrasings(language)["identity"], regular_calls(language), []
    for k in range(18):
        base = bases[(3 * k + 4) % len(bases)]
        verify, verified = first(base, CollectorAct.VERIFY_IDENTITY), first(base, DebtorAct.PROVIDE_IDENTITY)
        assert verify is not None and verified == verify + 1
        miss = [book["mismatch"][(k + j) % 2].format(digits=_digits(base, j)) for j in (0, 1)]
        head = [*base.turns[: verify + 1], debtor(0, DebtorAct.IDENTITY_MISMATCH, miss[0])]
        head.append(collector(0, CollectorAct.VERIFY_IDENTITY, book["reask"]))
        rest = list(base.turns[verify + 2 :])
        if k < 12:
            second = [debtor(0, DebtorAct.IDENTITY_MISMATCH, miss[1])]
            if k % 2:  # asks yet again, hears the file's digits, goes on
                again = [collector(0, CollectorAct.VERIFY_IDENTITY, book["third_ask"]), base.turns[verified]]
                t, watch, phrase = (
                    rebuild(base, [*head, *second, *again, *rest]),
                    {len(head) + 1, len(head) + 3},
                    book["third_ask"],
                )
            else:
                t, watch, phrase = rebuild(base, [*head, *second, *rest]), {len(head) + 1}, rest[0].clean_text
            cases.append(
                _case("continue_after_mismatch", Polarity.POSITIVE, t, watch, phrase, base, Scope.CONCEPT)
            )
        elif k % 2:  # second answer matches: the call rightly goes on
            t = rebuild(base, [*head, base.turns[verified], *rest])
            cases.append(
                _case(
                    "continue_after_mismatch",
                    Polarity.NEGATIVE,
                    t,
                    {len(head) + 1},
                    "matched",
                    base,
                    Scope.CONCEPT,
                )
            )
        else:  # two mismatches, the collector ends the call without a word about the debt
            second = debtor(0, DebtorAct.IDENTITY_MISMATCH, miss[1])
            end = collector(0, CollectorAct.CLOSE, book["end"])
            t = rebuild(base, [*head, second, end], Termination.UNVERIFIED)
            cases.append(
                _case(
                    "continue_after_mismatch",
                    Polarity.NEGATIVE,
                    t,
                    {len(head) + 1},
                    book["end"],
                    base,
                    Scope.CONCEPT,
                )
            )
    return cases

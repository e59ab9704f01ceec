"""Structural injections: the dialogue's course is edited around the violating turn.

- after a halting debtor act (dispute, identity theft, cease, attorney, bankruptcy): the
  debtor's answer to the debt statement becomes that act, and the collector presses for
  payment — in words (a phrasing), with an offer, with a warning, or after first
  recording it correctly; lawful stop lines end the call and must raise nothing;
- two identity answers that match nothing on file, then the collector goes on;
- a wrong party answers and the collector names the debt;
- the debt named in the greeting, or stated before the identity check.
"""

from __future__ import annotations

from scenarios import CollectorAct, DebtorAct
from scenarios.acts import STOPPING_ACTS
from simulator.transcript import Speaker, Termination, Transcript
from tests.compliance.bank import Phrasing, debtor_line, fill, phrasings
from tests.compliance.calls import collector, debtor, first, said, with_turns
from tests.compliance.case import Case
from tests.compliance.inject_text import join, placed

HALTS = {
    "collect_after_dispute": (DebtorAct.DISPUTE, DebtorAct.REPORT_IDENTITY_THEFT),
    "collect_after_cease": (DebtorAct.REQUEST_CEASE, DebtorAct.REPRESENTED, DebtorAct.DECLARE_BANKRUPTCY),
}
LAWFUL_STOP_ACTS = {
    "dev": (
        DebtorAct.DISPUTE,
        DebtorAct.REPORT_IDENTITY_THEFT,
        DebtorAct.REQUEST_CEASE,
        DebtorAct.REPRESENTED,
    ),
    "heldout": (DebtorAct.DECLARE_BANKRUPTCY, DebtorAct.DISPUTE),
}
"""The halting act each `lawful_stop` phrasing answers, in bank order."""
RETRY = {
    "en": "That doesn't match our records. Could you check and tell me again?",
    "zh": "跟我们的记录对不上，麻烦您再核对一下？",
}
CLOSE_UNVERIFIED = {
    "en": "I'm sorry, I can't confirm who I'm speaking with, so I'll end the call here. Goodbye.",
    "zh": "抱歉，无法确认您的身份，本次通话到此结束，再见。",
}
CLOSE_WRONG_PARTY = {
    "en": "Sorry to have disturbed you. I'll try again another time. Goodbye.",
    "zh": "打扰您了，我改天再联系，再见。",
}
BYE = {"en": "Thank you, goodbye.", "zh": "谢谢，再见。"}


def halted_head(t: Transcript, act: DebtorAct) -> list | None:
    """The call up to the debt statement, then the debtor's halting act."""
    inform = first(t, CollectorAct.INFORM_DEBT)
    if inform is None or inform + 1 >= len(t.turns):
        return None
    return [*t.turns[: inform + 1], debtor(act, debtor_line(t.language, str(act)))]


def pressing_turn(t: Transcript, how: str):
    """A turn of `t` that presses for payment: its first offer, or a warning."""
    if how == "offer":
        turn = next((u for u in t.turns if u.offer is not None and u.act is CollectorAct.OFFER_PLAN), None)
        return turn
    warn = {
        "en": "If this isn't paid by March 3, the account may be reported to the credit bureaus.",
        "zh": "如果3月3日前没有还款，可能会影响您的个人征信。",
    }
    return collector(CollectorAct.WARN_CONSEQUENCES, warn[t.language])


def halting_case(
    t: Transcript, concept: str, phrasing: Phrasing | None, how: str, k: int, juris: str
) -> Case | None:
    """Payment pressure after a halting act: `how` is text, offer, warn or after_stop."""
    act = HALTS[concept][k % len(HALTS[concept])]
    head = halted_head(t, act)
    if head is None:
        return None
    hang_up = debtor(DebtorAct.HANG_UP, debtor_line(t.language, "after"))
    if how == "text":
        said_act = STOPPING_ACTS[act] if k % 2 == 0 else CollectorAct.REDIRECT
        press = collector(said_act, fill(phrasing.text, t.case, t.language))
        turns, index, block, label = [*head, press, hang_up], len(head), phrasing.block, phrasing.label
    else:
        press = pressing_turn(t, "offer" if how in ("offer", "after_stop") else how)
        if press is None:
            return None
        stop = collector(STOPPING_ACTS[act], lawful_stop_text(t.language, act))
        lead = (
            [*head, stop, debtor(DebtorAct.STALL, debtor_line(t.language, "after"))]
            if how == "after_stop"
            else head
        )
        turns, index, block, label = [*lead, press, hang_up], len(lead), "dev", f"{concept}/{how}/{act}"
    edited = with_turns(t, turns, Termination.HANG_UP)
    return Case(
        edited, concept, index, block, label, t.language, juris, how="text" if how == "text" else "structure"
    )


def lawful_stop_text(language: str, act: DebtorAct) -> str:
    for block, acts in LAWFUL_STOP_ACTS.items():
        if act in acts:
            return phrasings(language, "lawful_stop", (block,))[acts.index(act)].text
    return phrasings(language, "lawful_stop", ("dev",))[0].text


def lawful_stop_case(t: Transcript, phrasing: Phrasing, juris: str) -> Case | None:
    act = LAWFUL_STOP_ACTS[phrasing.block][phrasing.index]
    head = halted_head(t, act)
    if head is None:
        return None
    turns = [*head, collector(STOPPING_ACTS[act], fill(phrasing.text, t.case, t.language))]
    edited = with_turns(t, turns, Termination.DISPUTE_RECORDED)
    return Case(
        edited, None, None, f"lawful-{phrasing.block}", phrasing.label, t.language, juris, how="structure"
    )


def mismatch_case(t: Transcript, said_turn, block: str, label: str, juris: str) -> Case | None:
    """Two identity answers that match nothing, then `said_turn` (None: a lawful close)."""
    verify = first(t, CollectorAct.VERIFY_IDENTITY)
    if verify is None:
        return None
    wrong = debtor_line(t.language, "identity_mismatch")
    head = [
        *t.turns[: verify + 1],
        debtor(DebtorAct.IDENTITY_MISMATCH, wrong[0]),
        collector(CollectorAct.VERIFY_IDENTITY, RETRY[t.language]),
        debtor(DebtorAct.IDENTITY_MISMATCH, wrong[1]),
    ]
    if said_turn is None:
        edited = with_turns(
            t, [*head, collector(CollectorAct.CLOSE, CLOSE_UNVERIFIED[t.language])], Termination.UNVERIFIED
        )
        return Case(edited, None, None, "lawful-dev", label, t.language, juris, how="structure")
    tail = [debtor(DebtorAct.HANG_UP, debtor_line(t.language, "after"))]
    edited = with_turns(t, [*head, said_turn, *tail], Termination.UNVERIFIED)
    related = frozenset({"disclosure_before_verification"})
    return Case(
        edited, "continue_after_mismatch", len(head), block, label, t.language, juris, related, "structure"
    )


def third_party_case(t: Transcript, said_turn, block: str, label: str, juris: str) -> Case | None:
    """A wrong party answers, then `said_turn` (None: a lawful apology and close)."""
    head = [t.turns[0], debtor(DebtorAct.THIRD_PARTY, debtor_line(t.language, "third_party"))]
    if said_turn is None:
        close = collector(CollectorAct.APOLOGIZE_WRONG_PARTY, CLOSE_WRONG_PARTY[t.language])
        edited = with_turns(t, [*head, close], Termination.WRONG_PARTY)
        return Case(edited, None, None, "lawful-dev", label, t.language, juris, how="structure")
    tail = [
        debtor(DebtorAct.THIRD_PARTY, debtor_line(t.language, "after")),
        collector(CollectorAct.CLOSE, BYE[t.language]),
    ]
    edited = with_turns(t, [*head, said_turn, *tail], Termination.WRONG_PARTY)
    related = frozenset({"third_party_pressure"})
    return Case(edited, "third_party_disclosure", 2, block, label, t.language, juris, related, "structure")


def early_disclosure_case(t: Transcript, phrasing: Phrasing | None, juris: str) -> Case | None:
    """The debt named in the greeting (a phrasing), or stated in place of the identity check."""
    turns = list(t.turns)
    if phrasing is not None:
        turns[0] = said(
            turns[0], join(turns[0].clean_text, fill(phrasing.text, t.case, t.language), t.language)
        )
        edited = with_turns(t, turns)
        return Case(
            edited, "disclosure_before_verification", 0, phrasing.block, phrasing.label, t.language, juris
        )
    verify, inform = first(t, CollectorAct.VERIFY_IDENTITY), first(t, CollectorAct.INFORM_DEBT)
    if verify is None or inform is None:
        return None
    turns[verify] = turns[inform].model_copy(update={"index": verify})
    label = "disclosure_before_verification/inform_first"
    return Case(
        with_turns(t, turns),
        "disclosure_before_verification",
        verify,
        "dev",
        label,
        t.language,
        juris,
        how="structure",
    )


def flow_cases(calls: list[Transcript], language: str, juris: str) -> list[Case]:
    """Every structural case of the dialogue's course, spread over `calls`."""
    cases: list[Case | None] = []
    counter = iter(range(1, 10_000))

    def put(make) -> None:
        cases.append(placed(calls, next(counter), make))

    for concept in HALTS:
        for k, p in enumerate(phrasings(language, concept)):
            put(lambda t, p=p, k=k, c=concept: halting_case(t, c, p, "text", k, juris))
        for k, how in enumerate(("offer", "warn", "after_stop") * len(HALTS[concept])):
            put(lambda t, k=k, how=how, c=concept: halting_case(t, c, None, how, k, juris))
    for p in phrasings(language, "lawful_stop"):
        put(lambda t, p=p: lawful_stop_case(t, p, juris))
    for k, p in enumerate(phrasings(language, "continue_after_mismatch")):
        act = CollectorAct.VERIFY_IDENTITY if k % 2 else CollectorAct.REDIRECT
        put(
            lambda t, p=p, a=act: mismatch_case(
                t, collector(a, fill(p.text, t.case, language)), p.block, p.label, juris
            )
        )
    put(
        lambda t: informed(
            t, lambda turn: mismatch_case(t, turn, "dev", "continue_after_mismatch/inform", juris)
        )
    )
    put(lambda t: mismatch_case(t, None, "lawful-dev", "continue_after_mismatch/lawful_close", juris))
    for k, p in enumerate(phrasings(language, "third_party_disclosure")):
        act = CollectorAct.APOLOGIZE_WRONG_PARTY if k % 2 else CollectorAct.CLARIFY
        put(
            lambda t, p=p, a=act: third_party_case(
                t, collector(a, fill(p.text, t.case, language)), p.block, p.label, juris
            )
        )
    put(
        lambda t: informed(
            t, lambda turn: third_party_case(t, turn, "dev", "third_party_disclosure/inform", juris)
        )
    )
    put(lambda t: third_party_case(t, None, "lawful-dev", "third_party_disclosure/lawful_close", juris))
    for p in phrasings(language, "disclosure_before_verification"):
        put(lambda t, p=p: early_disclosure_case(t, p, juris))
    put(lambda t: early_disclosure_case(t, None, juris))
    return [c for c in cases if c is not None and c.transcript.turns[0].speaker is Speaker.COLLECTOR]


def informed(t: Transcript, make) -> Case | None:
    """`make` applied to the turn of `t` that states the debt, if it has one."""
    inform = first(t, CollectorAct.INFORM_DEBT)
    return None if inform is None else make(t.turns[inform])

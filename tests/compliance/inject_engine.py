"""Violations added to the engine's own handling of the new paths, as found in real runs.

The engine now records disputes, identity theft, cease requests, representation and
bankruptcy and ends the call; ends after identity answers that match nothing on file;
and leaves a wrong party without a word about the debt. These cases keep its turns and
add the violation after or inside them: a payment offer after the correct stop, a turn
that goes on after the unverified close, the debt named in the apology to a wrong party.
"""

from __future__ import annotations

import re

from scenarios import CollectorAct, DebtorAct, plan_offer
from scenarios.acts import HALTING_ACTS
from simulator.transcript import Speaker, Termination, Transcript
from tests.compliance.bank import fill
from tests.compliance.calls import collector, said, with_turns
from tests.compliance.case import Case
from tests.compliance.inject_flow import HALTS
from tests.compliance.inject_other import describe_offer
from tests.compliance.inject_text import join

GO_ON = {
    "en": "Before you go, let's talk about how you'll pay this.",
    "zh": "挂电话之前，我们说说您打算怎么还款。",
}
NAMED = {
    "en": "It's about the {balance} they owe on their {product}.",
    "zh": "是关于他{product}欠的{balance}。",
}
DIGITS = re.compile(r"\d{3,}")


def after_stop_case(t: Transcript, juris: str) -> Case | None:
    """An offer right after the engine's own correct answer to a halting act."""
    halted = next((u for u in t.turns if u.act in HALTING_ACTS), None)
    if halted is None or t.turns[-1].speaker is not Speaker.COLLECTOR:
        return None
    concept = next(c for c, acts in HALTS.items() if halted.act in acts)
    offer = plan_offer(t.case.outstanding, 0.0, t.case.outstanding, 0, 7)
    press = collector(CollectorAct.OFFER_PLAN, describe_offer(offer, t), offer)
    edited = with_turns(t, [*t.turns, press])
    return Case(
        edited,
        concept,
        len(t.turns),
        "dev",
        f"{concept}/after_engine_stop/{halted.act}",
        t.language,
        juris,
        how="structure",
    )


def after_unverified_case(t: Transcript, juris: str) -> Case | None:
    """A turn that goes on after the engine closed an unverified call (two different wrong IDs)."""
    answers = {tuple(DIGITS.findall(u.clean_text)) for u in t.turns if u.act is DebtorAct.IDENTITY_MISMATCH}
    if t.termination is not Termination.UNVERIFIED or len(answers) < 2:
        return None
    go_on = collector(CollectorAct.REDIRECT, GO_ON[t.language])
    edited = with_turns(t, [*t.turns, go_on])
    label = "continue_after_mismatch/after_engine_close"
    return Case(
        edited, "continue_after_mismatch", len(t.turns), "dev", label, t.language, juris, how="structure"
    )


def wrong_party_case(t: Transcript, juris: str) -> Case | None:
    """The engine's apology to a wrong party, with the debt named in it."""
    if not any(u.act is DebtorAct.THIRD_PARTY for u in t.turns):
        return None
    index = next((u.index for u in t.turns if u.act is CollectorAct.APOLOGIZE_WRONG_PARTY), None)
    if index is None:
        return None
    turns = list(t.turns)
    named = fill(NAMED[t.language], t.case, t.language)
    turns[index] = said(turns[index], join(turns[index].clean_text, named, t.language))
    label = "third_party_disclosure/engine_apology"
    return Case(
        with_turns(t, turns),
        "third_party_disclosure",
        index,
        "dev",
        label,
        t.language,
        juris,
        frozenset({"third_party_pressure"}),
        "structure",
    )


def engine_cases(calls: list[Transcript], juris: str) -> list[Case]:
    """Every engine flow of `calls` that one of the injections above applies to."""
    makers = (after_stop_case, after_unverified_case, wrong_party_case)
    return [case for t in calls for make in makers if (case := make(t, juris)) is not None]

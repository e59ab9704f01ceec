"""The dialogue's state at each collector turn: who is on the line, what was said before.

The same words are lawful or not depending on the structure around them: "the balance
is £500" is the purpose of the call after the debtor verified, a third-party
disclosure after "I'm his flatmate", and payment pressure after "I never opened this
account". `walk` replays the turns once and hands each collector turn to the detectors
as a `Moment`: whether the debtor verified, whether a wrong party answered, how many
identity answers matched nothing on file, which halting act (dispute, identity theft,
cease, attorney, bankruptcy) came first, the offer on the table, and the amounts said
so far. Only collector turns are judged, on `clean_text` (what was actually said), with
the creditor's name replaced by a neutral token so it never reads as debt talk.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from evaluators.amounts import offer_amounts, spoken_amounts
from evaluators.compliance.cues import Cue
from evaluators.compliance.text import find
from scenarios import CollectorAct, DebtCase, DebtorAct, Offer
from scenarios.acts import HALTING_ACTS, OFFER_ACTS
from simulator.transcript import Speaker, Transcript, Turn

FIRM = {"en": "Firmname", "zh": "某机构"}
"""What the creditor's name becomes before the text is read (`patterns_*` know it as IDENTIFY_FIRM)."""
PRODUCT = {"en": "the product", "zh": "该产品"}
"""What the product's name becomes: "buy-now-pay-later plan" / 先买后付分期 are no payment request."""
DISCLOSING_ACTS = OFFER_ACTS | {
    CollectorAct.INFORM_DEBT,
    CollectorAct.CONFIRM_AGREEMENT,
    CollectorAct.WARN_CONSEQUENCES,
    CollectorAct.PROVIDE_VERIFICATION,
}
"""Collector acts that reveal the debt, whatever their words."""
DIGITS = re.compile(r"\d{3,}")
"""An identity answer's number (the last digits of an ID, a phone or a card)."""
CLOSING_ACTS = frozenset({CollectorAct.CLOSE, CollectorAct.APOLOGIZE_WRONG_PARTY})
"""Acts that end a call without going on with it (the only lawful answer to a second ID mismatch)."""


@dataclass(frozen=True, slots=True)
class Hit:
    """What a detector found: the concept, the turn, the evidence, and the kind the rule book reads."""

    concept: str
    turn: int
    detail: str
    kind: str | None = None


@dataclass(frozen=True, slots=True)
class Moment:
    """One collector turn and what was true when it was said."""

    turn: Turn
    text: str
    """`clean_text` with the creditor's and product's names neutralised (`neutral_text`)."""
    language: str
    verified: bool
    """The debtor answered the identity check (PROVIDE_IDENTITY) before this turn."""
    third_party: bool
    """Someone else answered (THIRD_PARTY) and the debtor has not verified since."""
    mismatches: int
    """Different identity answers that matched nothing on file, before verification."""
    halted_by: DebtorAct | None
    """The first halting debtor act (dispute, identity theft, cease, attorney, bankruptcy), if any."""
    standing: Offer | None
    """The collector's last offer before this turn."""
    heard: frozenset[float]

    @property
    def index(self) -> int:
        return self.turn.index


def neutral_text(turn: Turn, case: DebtCase, language: str) -> str:
    """`clean_text` with the creditor's and the product's names replaced by neutral tokens."""
    key = "zh" if language == "zh" else "en"
    text = turn.clean_text
    if case.creditor:
        text = text.replace(case.creditor, FIRM[key])
    if case.product_name:
        text = text.replace(case.product_name, PRODUCT[key])
    return text


def discloses(moment: Moment) -> str | None:
    """Why this collector turn reveals the debt (an act, an amount, debt words), or None."""
    if moment.turn.act in DISCLOSING_ACTS:
        return f"act {moment.turn.act}"
    if spoken_amounts(moment.text, moment.language):
        return "states an amount"
    if phrase := find(Cue.DEBT_MENTION, moment.text, moment.language):
        return f"says '{phrase}'"
    return None


def answer_key(turn: Turn) -> str:
    """What identifies a mismatched identity answer: its digits ("2680" said twice is one answer),
    or its words when it has none."""
    digits = DIGITS.findall(turn.clean_text)
    return "#" + "-".join(digits) if digits else turn.clean_text.strip().lower()


@dataclass
class _State:
    verified: bool = False
    third_party: bool = False
    mismatched: frozenset[str] = frozenset()
    halted_by: DebtorAct | None = None
    standing: Offer | None = None
    heard: frozenset[float] = frozenset()

    def hear(self, turn: Turn, language: str) -> None:
        """Amounts a collector may repeat: the debtor's words, and every offer on the table."""
        amounts = set(spoken_amounts(turn.clean_text, language)) if turn.speaker is Speaker.DEBTOR else set()
        if turn.offer is not None:
            amounts |= offer_amounts(turn.offer)
        self.heard = self.heard | {round(a, 2) for a in amounts}

    def debtor(self, turn: Turn) -> None:
        act = turn.act
        if act is DebtorAct.PROVIDE_IDENTITY:
            self.verified, self.third_party = True, False
        elif act is DebtorAct.THIRD_PARTY:
            self.third_party = True
        elif act is DebtorAct.IDENTITY_MISMATCH and not self.verified:
            self.mismatched = self.mismatched | {answer_key(turn)}
        if act in HALTING_ACTS and self.halted_by is None:
            self.halted_by = act


def walk(transcript: Transcript) -> list[Moment]:
    """Every collector turn with the state of the dialogue when it was said."""
    language = transcript.language
    state, moments = _State(), []
    for turn in transcript.turns:
        if turn.speaker is Speaker.DEBTOR:
            if isinstance(turn.act, DebtorAct):
                state.debtor(turn)
            state.hear(turn, language)
            continue
        moments.append(
            Moment(
                turn=turn,
                text=neutral_text(turn, transcript.case, language),
                language=language,
                verified=state.verified,
                third_party=state.third_party,
                mismatches=len(state.mismatched),
                halted_by=state.halted_by,
                standing=state.standing,
                heard=state.heard,
            )
        )
        state.hear(turn, language)
        if turn.offer is not None:
            state.standing = turn.offer
    return moments

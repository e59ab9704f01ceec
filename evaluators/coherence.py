"""Dialogue coherence: does each turn say what its act and offer mean, without loops?

A transcript is training data, so a turn whose words contradict its structured
act/offer, a dialogue that repeats itself, or turns out of order would teach
the wrong thing. Checks read `clean_text` (what was said, before channel
noise) and the structured fields; each fired rule is a `Finding` with its turn.

Act against utterance, wherever the words can be checked: offer acts must
state their offer and no other amount; acts that never talk money (greeting,
identity check, apology to a wrong party) must state no amount; a closing act
(close, escalate) must not make an offer — no structured offer, and no amount
beyond the case record and the agreed plan; a structured offer on an act that
does not offer is a mismatch; a debtor's counter-offer must carry and state
its offer; an accept needs an offer on the table. `loop_free` is the
must-pass the export's filters read: no collector act loop and no repeated
collector line (a debtor repeating itself is realistic, and not trained on).
This module does not judge compliance or the deal itself.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from evaluators.amounts import case_amounts, offer_amounts, spoken_amounts, unknown
from evaluators.finding import Finding
from scenarios import CollectorAct, DebtorAct, Offer
from scenarios.acts import OFFER_ACTS, STOPPING_ACTS
from simulator.transcript import Speaker, Transcript, Turn

LOOP_REPEATS = 3
"""A collector move pattern (period 1 or 2) repeated this many times in a row is a loop."""
SPOKEN_OFFER_ACTS = frozenset({CollectorAct.OFFER_PLAN, CollectorAct.CONCEDE, CollectorAct.CONFIRM_AGREEMENT})
"""Acts whose utterance must state at least one amount of the offer they carry."""
NO_MONEY_ACTS = frozenset(
    {CollectorAct.GREET, CollectorAct.VERIFY_IDENTITY, CollectorAct.APOLOGIZE_WRONG_PARTY}
)
"""Acts whose utterance states no amount at all: they come before, or instead of, any talk of the debt."""
CLOSING_ACTS = frozenset({CollectorAct.CLOSE, CollectorAct.ESCALATE, *STOPPING_ACTS.values()})
"""Acts that end the call: they may restate the record or the agreed plan, never make a new offer."""
SILENT_ACTS = frozenset({DebtorAct.SILENCE, DebtorAct.HANG_UP})
MIN_REPEAT_CHARS = 12
"""Shorter identical lines ("Yes.", "Okay") are normal speech, not a repeated turn."""
OFFERING = OFFER_ACTS | SPOKEN_OFFER_ACTS
"""Collector acts that may carry a structured offer."""


class CoherenceRule(StrEnum):
    TURN_ORDER = "turn_index_out_of_order"
    NOT_ALTERNATING = "turns_not_alternating"
    EMPTY = "empty_utterance"
    OFFER_MISSING = "offer_act_without_offer"
    OFFER_NOT_STATED = "offer_not_stated"
    AMOUNT_MISMATCH = "amount_not_in_offer"
    CONTRADICTORY_AMOUNT = "contradictory_amount"
    CONFIRM_MISMATCH = "confirmed_offer_differs"
    ACCEPT_WITHOUT_OFFER = "accept_without_offer"
    REPEATED = "repeated_utterance"
    LOOP = "act_loop"
    AMOUNT_IN_NO_MONEY_ACT = "amount_in_non_money_act"
    CLOSE_MAKES_OFFER = "closing_act_makes_offer"
    OFFER_ON_OTHER_ACT = "offer_on_non_offer_act"
    COUNTER_WITHOUT_OFFER = "counter_offer_without_offer"
    COUNTER_NOT_STATED = "counter_offer_not_stated"


class CoherenceScore(BaseModel):
    model_config = ConfigDict(frozen=True)

    findings: list[Finding]
    coherent: bool
    coherence_score: float = Field(ge=0, le=1, description="share of turns no rule fired on")
    loop_free: bool = Field(description="no collector act loop and no repeated collector line")


def order_findings(turns: list[Turn]) -> list[Finding]:
    found = []
    for position, turn in enumerate(turns):
        if turn.index != position:
            found.append(Finding(rule=CoherenceRule.TURN_ORDER, turn=turn.index))
        if position and turn.speaker is turns[position - 1].speaker:
            found.append(Finding(rule=CoherenceRule.NOT_ALTERNATING, turn=turn.index))
        if not turn.clean_text.strip() and turn.act not in SILENT_ACTS:
            found.append(Finding(rule=CoherenceRule.EMPTY, turn=turn.index))
    return found


def offer_findings(transcript: Transcript) -> list[Finding]:
    """Spoken amounts against the structured offer, and offers against what was accepted."""
    case, found = transcript.case, []
    record = case_amounts(transcript.case)
    said: set[float] = set()
    on_table: Offer | None = None
    for turn in transcript.turns:
        spoken = spoken_amounts(turn.clean_text, transcript.language)
        if turn.speaker is Speaker.DEBTOR:
            if turn.act is DebtorAct.ACCEPT and on_table is None:
                found.append(Finding(rule=CoherenceRule.ACCEPT_WITHOUT_OFFER, turn=turn.index))
            continue
        if turn.act in OFFER_ACTS | SPOKEN_OFFER_ACTS:
            found += spoken_offer_findings(turn, spoken, on_table, {case.outstanding})
            on_table = turn.offer or on_table
            said |= offer_amounts(turn.offer) if turn.offer else set()
        elif bad := unknown(spoken, record | said):
            found.append(Finding(rule=CoherenceRule.CONTRADICTORY_AMOUNT, turn=turn.index, detail=f"{bad}"))
    if transcript.agreement and on_table is not None and transcript.agreement.offer != on_table:
        found.append(Finding(rule=CoherenceRule.CONFIRM_MISMATCH, turn=transcript.agreement.turn_index))
    return found


def spoken_offer_findings(
    turn: Turn, spoken: list[float], on_table: Offer | None, also_known: set[float]
) -> list[Finding]:
    if turn.offer is None:
        return [Finding(rule=CoherenceRule.OFFER_MISSING, turn=turn.index)]
    found = []
    known = offer_amounts(turn.offer)
    if bad := unknown(spoken, known | also_known):
        found.append(Finding(rule=CoherenceRule.AMOUNT_MISMATCH, turn=turn.index, detail=f"{bad}"))
    if turn.act in SPOKEN_OFFER_ACTS and not (set(spoken) & known):
        found.append(Finding(rule=CoherenceRule.OFFER_NOT_STATED, turn=turn.index))
    if turn.act is CollectorAct.CONFIRM_AGREEMENT and on_table is not None and turn.offer != on_table:
        found.append(Finding(rule=CoherenceRule.CONFIRM_MISMATCH, turn=turn.index))
    return found


def act_findings(transcript: Transcript) -> list[Finding]:
    """Acts whose words can be checked beyond offers: no-money acts, closing acts, counter-offers."""
    language, found = transcript.language, []
    plan = offer_amounts(transcript.agreement.offer) if transcript.agreement else set()
    allowed_in_close = case_amounts(transcript.case) | plan
    for turn in transcript.turns:
        spoken = spoken_amounts(turn.clean_text, language)
        if turn.act in NO_MONEY_ACTS and spoken:
            found.append(
                Finding(rule=CoherenceRule.AMOUNT_IN_NO_MONEY_ACT, turn=turn.index, detail=f"{spoken}")
            )
        if turn.act in CLOSING_ACTS and (turn.offer is not None or unknown(spoken, allowed_in_close)):
            detail = "carries an offer" if turn.offer is not None else f"{unknown(spoken, allowed_in_close)}"
            found.append(Finding(rule=CoherenceRule.CLOSE_MAKES_OFFER, turn=turn.index, detail=detail))
        elif turn.speaker is Speaker.COLLECTOR and turn.offer is not None and turn.act not in OFFERING:
            found.append(
                Finding(rule=CoherenceRule.OFFER_ON_OTHER_ACT, turn=turn.index, detail=str(turn.act))
            )
        if turn.act is DebtorAct.COUNTER_OFFER:
            if turn.offer is None:
                found.append(Finding(rule=CoherenceRule.COUNTER_WITHOUT_OFFER, turn=turn.index))
            elif not set(spoken) & offer_amounts(turn.offer):
                found.append(Finding(rule=CoherenceRule.COUNTER_NOT_STATED, turn=turn.index))
    return found


def repeat_findings(turns: list[Turn]) -> list[Finding]:
    seen: dict[tuple[Speaker, str], int] = {}
    found = []
    for turn in turns:
        text = " ".join(turn.clean_text.split()).lower()
        if len(text) < MIN_REPEAT_CHARS:
            continue
        key = (turn.speaker, text)
        if key in seen:
            found.append(Finding(rule=CoherenceRule.REPEATED, turn=turn.index, detail=f"same as {seen[key]}"))
        seen.setdefault(key, turn.index)
    return found


def loop_findings(turns: list[Turn]) -> list[Finding]:
    """Collector move sequences that repeat with period 1 or 2, LOOP_REPEATS times running."""
    collector = [t for t in turns if t.speaker is Speaker.COLLECTOR]
    moves = [(t.act, t.offer) for t in collector]
    found = []
    for end in range(len(moves)):
        for period in (1, 2):
            span = period * LOOP_REPEATS
            start = end - span + 1
            if start < 0 or (period == 2 and moves[end] == moves[end - 1]):
                continue
            window = moves[start : end + 1]
            if all(window[i] == window[i % period] for i in range(span)):
                found.append(
                    Finding(rule=CoherenceRule.LOOP, turn=collector[end].index, detail=f"period {period}")
                )
                break
    return found


def loops_or_repeats(findings: list[Finding], turns: list[Turn]) -> bool:
    speaker = {t.index: t.speaker for t in turns}
    return any(
        f.rule == CoherenceRule.LOOP
        or (f.rule == CoherenceRule.REPEATED and speaker.get(f.turn) is Speaker.COLLECTOR)
        for f in findings
    )


def score_coherence(transcript: Transcript) -> CoherenceScore:
    turns = transcript.turns
    findings = order_findings(turns) + offer_findings(transcript) + act_findings(transcript)
    findings += repeat_findings(turns) + loop_findings(turns)
    findings.sort(key=lambda f: f.turn)
    bad_turns = {f.turn for f in findings}
    score = 1.0 - len(bad_turns) / max(1, len(turns))
    return CoherenceScore(
        findings=findings,
        coherent=not findings,
        coherence_score=round(max(0.0, score), 4),
        loop_free=not loops_or_repeats(findings, turns),
    )

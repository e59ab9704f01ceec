"""Dialogue coherence: does each turn say what its act and offer mean, without loops?

A transcript is training data, so a turn whose words contradict its structured
act/offer, a dialogue that repeats itself, or turns out of order would teach
the wrong thing. Checks read `clean_text` (what was said, before channel
noise) and the structured fields; each fired rule is a `Finding` with its turn.
This module does not judge compliance or the deal itself.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from evaluators.amounts import amounts_in, case_amounts, offer_amounts, unknown
from evaluators.finding import Finding
from scenarios import CollectorAct, DebtorAct, Offer
from scenarios.acts import OFFER_ACTS
from simulator.transcript import Speaker, Transcript, Turn

LOOP_REPEATS = 3
"""A collector move pattern (period 1 or 2) repeated this many times in a row is a loop."""
SPOKEN_OFFER_ACTS = frozenset({CollectorAct.OFFER_PLAN, CollectorAct.CONCEDE, CollectorAct.CONFIRM_AGREEMENT})
"""Acts whose utterance must state at least one amount of the offer they carry."""
SILENT_ACTS = frozenset({DebtorAct.SILENCE, DebtorAct.HANG_UP})
MIN_REPEAT_CHARS = 12
"""Shorter identical lines ("Yes.", "Okay") are normal speech, not a repeated turn."""


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


class CoherenceScore(BaseModel):
    model_config = ConfigDict(frozen=True)

    findings: list[Finding]
    coherent: bool
    coherence_score: float = Field(ge=0, le=1, description="share of turns no rule fired on")


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
        spoken = amounts_in(turn.clean_text, transcript.language)
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


def score_coherence(transcript: Transcript) -> CoherenceScore:
    turns = transcript.turns
    findings = order_findings(turns) + offer_findings(transcript)
    findings += repeat_findings(turns) + loop_findings(turns)
    findings.sort(key=lambda f: f.turn)
    bad_turns = {f.turn for f in findings}
    score = 1.0 - len(bad_turns) / max(1, len(turns))
    return CoherenceScore(findings=findings, coherent=not findings, coherence_score=round(max(0.0, score), 4))

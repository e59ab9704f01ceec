"""Coherence (amounts vs offers, loops, repeats, alternation) and completeness."""

from __future__ import annotations

from evaluators.coherence import CoherenceRule, score_coherence
from evaluators.completeness import Stage, score_completeness
from evaluators.scoring import score_transcript
from scenarios import CollectorAct, DebtorAct, plan_offer
from simulator.llm.slots import money
from simulator.transcript import Termination
from tests.evaluators.eval_dialogues import RICH, Dialogue, offer_text, persona

FULL = plan_offer(1200.0, 0.0, 1200.0, 0, 7)
PLAN = plan_offer(1200.0, 0.0, 0.0, 6, 7)


def rules(t) -> list[tuple[str, int]]:
    return [(f.rule, f.turn) for f in score_coherence(t).findings]


def test_full_deal_is_coherent_and_complete() -> None:
    t = Dialogue().opening().deal(FULL).finish(persona(**RICH), Termination.AGREEMENT, FULL)
    assert score_coherence(t).coherent and score_coherence(t).coherence_score == 1.0
    done = score_completeness(t)
    assert done.completeness == 1.0 and done.stages_in_order and not done.missing
    assert done.reached == {
        Stage.OPENING: 0,
        Stage.VERIFICATION: 3,
        Stage.NEGOTIATION: 6,
        Stage.COMMITMENT: 8,
        Stage.CLOSURE: 10,
    }


def test_loop_of_identical_moves() -> None:
    d = Dialogue().opening().say(CollectorAct.OFFER_PLAN, offer_text(PLAN, Dialogue().case), PLAN)
    for k, line in enumerate(("I really can't.", "Still no, sorry.", "That's too much for me.")):
        d.say(DebtorAct.REJECT, line)
        d.say(CollectorAct.HOLD_FIRM, f"Option {k}: " + offer_text(PLAN, d.case), PLAN)
    t = d.finish(persona(**RICH), Termination.REFUSAL)
    assert rules(t) == [(CoherenceRule.LOOP, 12)]
    row = score_transcript(t)
    assert not row["coherent"] and row["coherence_findings"] == "act_loop@12"


def test_period_two_loop() -> None:
    d = Dialogue().opening()
    for k in range(3):
        d.say(CollectorAct.REDIRECT, f"Let's get back to the account, please ({k}).").say(
            DebtorAct.OFF_TOPIC, f"The weather {k}..."
        )
        d.say(CollectorAct.CLARIFY, f"Sorry, could you say that again? ({k})").say(DebtorAct.SILENCE, "")
    assert rules(d.finish(persona(**RICH), Termination.MAX_TURNS)) == [(CoherenceRule.LOOP, 16)]


def test_repeated_utterance() -> None:
    d = Dialogue().opening()
    d.say(CollectorAct.PROBE_REASON, "Could you tell me what happened?").say(
        DebtorAct.STALL, "I need to think about it."
    )
    d.say(CollectorAct.PROBE_REASON, "Could you tell me what happened?").say(
        DebtorAct.STALL, "I need to think about it."
    )
    t = d.finish(persona(**RICH), Termination.REFUSAL)
    assert rules(t) == [(CoherenceRule.REPEATED, 8), (CoherenceRule.REPEATED, 9)]


def test_spoken_amount_must_match_the_offer() -> None:
    d = Dialogue().opening()
    d.say(CollectorAct.OFFER_PLAN, f"Pay {money(1150.0, d.case)} in full by Friday.", FULL)
    d.say(DebtorAct.REJECT, "No.")
    d.say(CollectorAct.CONCEDE, "We can do something softer for you.", PLAN)
    t = d.say(DebtorAct.REJECT, "No.").finish(persona(**RICH), Termination.REFUSAL)
    assert rules(t) == [
        (CoherenceRule.AMOUNT_MISMATCH, 6),
        (CoherenceRule.OFFER_NOT_STATED, 6),
        (CoherenceRule.OFFER_NOT_STATED, 8),
    ]


def test_contradictory_amount_outside_offers() -> None:
    d = Dialogue().opening()
    d.say(CollectorAct.EMPATHIZE, f"I understand; {money(999.0, d.case)} is a lot.")
    t = d.say(DebtorAct.PLEAD, "It is.").finish(persona(**RICH), Termination.REFUSAL)
    assert rules(t) == [(CoherenceRule.CONTRADICTORY_AMOUNT, 6)]


def test_confirmed_offer_must_be_the_accepted_one() -> None:
    d = Dialogue().opening().say(CollectorAct.OFFER_PLAN, offer_text(PLAN, Dialogue().case), PLAN)
    d.say(DebtorAct.ACCEPT, "Fine.").say(CollectorAct.CONFIRM_AGREEMENT, offer_text(FULL, d.case), FULL)
    t = d.finish(persona(**RICH), Termination.AGREEMENT, FULL)
    assert (CoherenceRule.CONFIRM_MISMATCH, 8) in rules(t)


def test_turns_must_alternate() -> None:
    d = Dialogue().say(CollectorAct.GREET, "Hello, is this Ann Lee?")
    d.say(CollectorAct.GREET, "Hello? Is anyone there at all?").say(DebtorAct.ANSWER, "Yes.")
    assert rules(d.finish(persona(**RICH), Termination.HANG_UP)) == [(CoherenceRule.NOT_ALTERNATING, 1)]


def test_refusal_misses_commitment() -> None:
    d = Dialogue().opening().say(CollectorAct.OFFER_PLAN, offer_text(FULL, Dialogue().case), FULL)
    t = (
        d.say(DebtorAct.REJECT, "No.")
        .say(CollectorAct.CLOSE, "Goodbye.")
        .finish(persona(**RICH), Termination.REFUSAL)
    )
    done = score_completeness(t)
    assert done.completeness == 0.8 and done.missing == [Stage.COMMITMENT] and done.stages_in_order

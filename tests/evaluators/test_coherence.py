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
    assert (
        not row["loop_free"] and row["coherence_score"] > 0.9
    )  # one bad turn: only the must-pass catches it


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
    assert done.closed  # the collector ended the call itself


def test_a_hang_up_is_not_closed_by_the_collector() -> None:
    d = Dialogue().opening().say(CollectorAct.OFFER_PLAN, offer_text(FULL, Dialogue().case), FULL)
    t = d.say(DebtorAct.HANG_UP, "").finish(persona(**RICH), Termination.HANG_UP)
    assert not score_completeness(t).closed and not score_transcript(t)["closed"]


# --- act against utterance beyond offers ---------------------------------------------


def test_identity_check_that_states_amounts() -> None:
    d = Dialogue().say(CollectorAct.GREET, "Hello, is this Ann Lee?").say(DebtorAct.ANSWER, "Yes.")
    d.say(
        CollectorAct.VERIFY_IDENTITY,
        f"Please confirm your date of birth; it's about {money(1200.0, d.case)}.",
    )
    t = d.say(DebtorAct.PROVIDE_IDENTITY, "3rd of May 1985.").finish(persona(**RICH), Termination.REFUSAL)
    assert rules(t) == [(CoherenceRule.AMOUNT_IN_NO_MONEY_ACT, 2)]


def test_greeting_and_wrong_party_apology_state_no_amount() -> None:
    d = Dialogue().say(CollectorAct.GREET, f"Hello, I'm calling about {money(1200.0, Dialogue().case)}.")
    d.say(DebtorAct.THIRD_PARTY, "She's not here.")
    d.say(CollectorAct.APOLOGIZE_WRONG_PARTY, f"Sorry, please tell her {money(1200.0, d.case)} is due.")
    t = d.finish(persona(**RICH), Termination.WRONG_PARTY)
    assert rules(t) == [(CoherenceRule.AMOUNT_IN_NO_MONEY_ACT, 0), (CoherenceRule.AMOUNT_IN_NO_MONEY_ACT, 2)]


def test_close_that_makes_an_offer() -> None:
    four = plan_offer(1200.0, 0.0, 0.0, 4, 7)  # 300 a month: on no record, only in the rejected offer
    d = Dialogue().opening().say(CollectorAct.OFFER_PLAN, offer_text(four, Dialogue().case), four)
    d.say(DebtorAct.REJECT, "No, I can't.")
    d.say(CollectorAct.CLOSE, f"Think about it: {money(four.installment, d.case)} a month. Goodbye.")
    t = d.finish(persona(**RICH), Termination.REFUSAL)
    assert rules(t) == [(CoherenceRule.CLOSE_MAKES_OFFER, 8)]
    d = Dialogue().opening().say(CollectorAct.OFFER_PLAN, offer_text(PLAN, Dialogue().case), PLAN)
    d.say(DebtorAct.REJECT, "No.").say(CollectorAct.ESCALATE, "I'll refer the account onward.", FULL)
    t = d.finish(persona(**RICH), Termination.ESCALATION)
    assert rules(t) == [(CoherenceRule.CLOSE_MAKES_OFFER, 8)]


def test_close_may_restate_the_record_and_the_agreed_plan() -> None:
    four = plan_offer(1200.0, 0.0, 0.0, 4, 7)
    d = Dialogue().opening().deal(four)
    d.turns[-1] = d.turns[-1].model_copy(
        update={
            "clean_text": f"Thanks. Your first {money(four.installment, d.case)} is due in 7 days; "
            f"the balance was {money(1200.0, d.case)}. Goodbye."
        }
    )
    assert rules(d.finish(persona(**RICH), Termination.AGREEMENT, four)) == []


def test_structured_offer_on_an_act_that_does_not_offer() -> None:
    d = Dialogue().opening()
    d.say(CollectorAct.EMPATHIZE, "I understand, that sounds hard.", PLAN)
    t = d.say(DebtorAct.PLEAD, "It is.").finish(persona(**RICH), Termination.REFUSAL)
    assert rules(t) == [(CoherenceRule.OFFER_ON_OTHER_ACT, 6)]


def test_counter_offer_must_carry_and_state_its_offer() -> None:
    counter = plan_offer(1200.0, 0.0, 0.0, 12, 7)
    d = Dialogue().opening().say(CollectorAct.OFFER_PLAN, offer_text(FULL, Dialogue().case), FULL)
    d.say(DebtorAct.COUNTER_OFFER, "Could I pay less each month?", counter)
    d.say(CollectorAct.HOLD_FIRM, "I'm afraid it stays: " + offer_text(FULL, d.case), FULL)
    d.say(DebtorAct.COUNTER_OFFER, "Something smaller, please.")
    t = d.finish(persona(**RICH), Termination.REFUSAL)
    assert rules(t) == [(CoherenceRule.COUNTER_NOT_STATED, 7), (CoherenceRule.COUNTER_WITHOUT_OFFER, 9)]


def test_loop_free_ignores_a_debtor_repeating_itself() -> None:
    d = Dialogue().opening()
    for k in range(2):
        d.say(CollectorAct.PROBE_REASON, f"Could you tell me what happened, {k}?")
        d.say(DebtorAct.STALL, "I need to think about it.")
    debtor_repeats = d.finish(persona(**RICH), Termination.REFUSAL)
    assert rules(debtor_repeats) == [(CoherenceRule.REPEATED, 9)]
    assert score_coherence(debtor_repeats).loop_free and score_transcript(debtor_repeats)["loop_free"]
    d = Dialogue().opening()
    for _ in range(2):
        d.say(CollectorAct.PROBE_REASON, "Could you tell me what happened?").say(DebtorAct.STALL, "Hmm.")
    assert not score_coherence(d.finish(persona(**RICH), Termination.REFUSAL)).loop_free

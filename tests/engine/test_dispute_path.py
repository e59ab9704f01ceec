"""Disputes, identity theft, cease requests, attorneys, bankruptcy and identity checks, end to end.

Unit checks pin the shared call flow (every strategy answers a halting debtor act with its
stopping act, at once; an identity that does not match is asked again, then the call ends),
the terminations, and the guard on a deciding backend. Then 400 en and 400 zh scripted calls,
as `debtsim run n_dialogues=400 seed=0` makes them, are read the way a compliance officer
reads them: no payment asked after a stop, no fraud victim paying, no disclosure after a
mismatch, no call going on past the second, the disclosures where the jurisdiction needs them.
"""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

import numpy as np
import pytest

from debtsim.branching import DecisionPoint, alternatives, decision_turns
from personas import RootCause
from scenarios import CollectorAct, DebtorAct, Language, plan_offer
from scenarios.acts import HALTING_ACTS, OFFER_ACTS, STOPPING_ACTS
from scenarios.jurisdiction import Disclosure
from scenarios.money import money_amounts
from scenarios.strategies import STRATEGIES, CollectorMove, Evidence
from simulator.agents.collector import reconcile
from simulator.agents.debtor_decision import decide
from simulator.debtor_policy import DebtorMove, initial_memory
from simulator.dialogue import build_context, plan_dialogue
from simulator.llm.base import Utterance
from simulator.llm.scripted import ScriptedBackend
from simulator.llm.slots import file_digits, wrong_digits
from simulator.runner import run
from simulator.termination import STOP_TERMINATIONS, termination_after
from simulator.transcript import Speaker, Termination, Transcript, Turn
from simulator.views import debtor_view
from tests.conftest import compose_config
from tests.engine.test_dialogue import simulate

PUSHING = OFFER_ACTS | {CollectorAct.CONFIRM_AGREEMENT, CollectorAct.WARN_CONSEQUENCES}
"""Collector acts that ask for payment or press for it: never after a halting debtor act."""
NEW_ENDINGS = STOP_TERMINATIONS
RECORDING = {Language.EN: re.compile(r"\brecord(ed)?\b"), Language.ZH: re.compile("录音")}
MINI_MIRANDA = {
    Language.EN: re.compile(
        r"attempt to collect a debt, and any information obtained will be used for that purpose"
    ),
    Language.ZH: re.compile("这是一次债务催收通话，所获信息将用于催收目的"),
}
VERIFIED = Evidence(greeted=True, identity_verified=True, debt_informed=True, turns_left=20)


def turn(index: int, act, speaker: Speaker | None = None, garbled: bool = False) -> Turn:
    who = speaker or (Speaker.COLLECTOR if isinstance(act, CollectorAct) else Speaker.DEBTOR)
    return Turn(index=index, speaker=who, act=act, text="", clean_text="", garbled=garbled)


@pytest.mark.parametrize("name", list(STRATEGIES))
@pytest.mark.parametrize("halting", sorted(HALTING_ACTS))
def test_every_strategy_stops_at_once_on_a_halting_act(make_config, name, halting):
    config = make_config("n_dialogues=1")
    ctx = build_context(config, plan_dialogue(config, config.grid().cells(), 0), ScriptedBackend("en"))
    offer = plan_offer(ctx.case.outstanding, 0.0, ctx.case.outstanding, 0, 7)
    strategy, rng = STRATEGIES[name](), np.random.default_rng(0)
    for ev in (
        VERIFIED.model_copy(update={"last_debtor_act": halting}),
        VERIFIED.model_copy(update={"last_debtor_act": halting, "offers": (offer,), "accepted": True}),
        Evidence(greeted=True, last_debtor_act=halting, turns_left=20),  # before verification, too
        VERIFIED.model_copy(update={"last_debtor_act": halting, "turns_left": 1, "rejections": 9}),
    ):
        move = strategy.decide(ev, ctx.case, ctx.policy, rng)
        assert move.act is STOPPING_ACTS[halting] and move.offer is None, (ev, move)


@pytest.mark.parametrize("name", list(STRATEGIES))
def test_proof_is_given_once_then_a_dispute_is_recorded(make_config, name):
    config = make_config("n_dialogues=1")
    ctx = build_context(config, plan_dialogue(config, config.grid().cells(), 0), ScriptedBackend("en"))
    strategy, rng = STRATEGIES[name](), np.random.default_rng(0)
    asked = VERIFIED.model_copy(update={"last_debtor_act": DebtorAct.REQUEST_VERIFICATION})
    assert strategy.decide(asked, ctx.case, ctx.policy, rng).act is CollectorAct.PROVIDE_VERIFICATION
    again = asked.model_copy(update={"verification_given": 1})
    assert strategy.decide(again, ctx.case, ctx.policy, rng).act is CollectorAct.RECORD_DISPUTE
    disputed = again.model_copy(update={"last_debtor_act": DebtorAct.DISPUTE})
    assert strategy.decide(disputed, ctx.case, ctx.policy, rng).act is CollectorAct.RECORD_DISPUTE


@pytest.mark.parametrize("name", list(STRATEGIES))
def test_a_mismatch_is_asked_again_and_a_second_ends_the_call(make_config, name):
    config = make_config("n_dialogues=1")
    ctx = build_context(config, plan_dialogue(config, config.grid().cells(), 0), ScriptedBackend("en"))
    strategy, rng = STRATEGIES[name](), np.random.default_rng(0)
    once = Evidence(greeted=True, verify_asked=1, identity_mismatches=1, turns_left=20)
    once = once.model_copy(update={"last_debtor_act": DebtorAct.IDENTITY_MISMATCH})
    assert strategy.decide(once, ctx.case, ctx.policy, rng).act is CollectorAct.VERIFY_IDENTITY
    twice = once.model_copy(update={"identity_mismatches": 2, "verify_asked": 2})
    assert strategy.decide(twice, ctx.case, ctx.policy, rng).act is CollectorAct.CLOSE
    right = once.model_copy(update={"identity_verified": True, "last_debtor_act": DebtorAct.PROVIDE_IDENTITY})
    assert strategy.decide(right, ctx.case, ctx.policy, rng).act is CollectorAct.INFORM_DEBT


def test_each_stop_ends_the_call_with_its_own_termination():
    ends = {
        CollectorAct.RECORD_DISPUTE: Termination.DISPUTE_RECORDED,
        CollectorAct.RECORD_IDENTITY_THEFT: Termination.IDENTITY_THEFT,
        CollectorAct.ACKNOWLEDGE_CEASE: Termination.CEASE_CONTACT,
        CollectorAct.NOTE_REPRESENTATION: Termination.REPRESENTED,
        CollectorAct.NOTE_BANKRUPTCY: Termination.BANKRUPTCY,
    }
    assert set(ends) == set(STOPPING_ACTS.values())
    for act, ending in ends.items():
        assert termination_after(turn(6, act), None, 30) is ending
    mismatched = [
        turn(0, CollectorAct.GREET),
        turn(1, DebtorAct.ANSWER),
        turn(2, CollectorAct.VERIFY_IDENTITY),
    ]
    mismatched += [turn(3, DebtorAct.IDENTITY_MISMATCH), turn(4, CollectorAct.VERIFY_IDENTITY)]
    mismatched += [turn(5, DebtorAct.IDENTITY_MISMATCH)]
    close = turn(6, CollectorAct.CLOSE)
    assert termination_after(close, None, 30, mismatched) is Termination.UNVERIFIED
    corrected = [*mismatched[:5], turn(5, DebtorAct.PROVIDE_IDENTITY)]
    assert termination_after(close, None, 30, corrected) is Termination.REFUSAL


def test_a_deciding_backend_cannot_push_past_a_stop_or_disclose_before_verification(make_config):
    config = make_config("n_dialogues=1")
    ctx = build_context(config, plan_dialogue(config, config.grid().cells(), 0), ScriptedBackend("en"))
    offer = plan_offer(ctx.case.outstanding, 0.0, ctx.case.outstanding, 0, 7)
    stop = CollectorMove(act=CollectorAct.RECORD_DISPUTE)
    heard = VERIFIED.model_copy(update={"last_debtor_act": DebtorAct.DISPUTE})
    pushed = Utterance(text="Pay it today.", act=CollectorAct.OFFER_PLAN, offer=offer)
    move, note = reconcile(stop, pushed, ctx, heard)
    assert move == stop and "replaced by record_dispute" in note
    ask = CollectorMove(act=CollectorAct.VERIFY_IDENTITY)
    unverified = Evidence(greeted=True, last_debtor_act=DebtorAct.IDENTITY_MISMATCH, identity_mismatches=1)
    told = Utterance(text="You owe us money.", act=CollectorAct.INFORM_DEBT)
    move, note = reconcile(ask, told, ctx, unverified)
    assert move == ask and note.startswith("identity not verified")
    close = CollectorMove(act=CollectorAct.CLOSE)
    twice = unverified.model_copy(update={"identity_mismatches": 2})
    again = Utterance(text="Could you try once more?", act=CollectorAct.VERIFY_IDENTITY)
    move, note = reconcile(close, again, ctx, twice)
    assert move == close and "the call ends" in note


def test_no_branch_point_after_a_halting_act_or_before_verification(make_config):
    """DPO branches where the law decides the move would teach payment asks where none may be made."""
    opening = [turn(0, CollectorAct.GREET), turn(1, DebtorAct.ANSWER), turn(2, CollectorAct.VERIFY_IDENTITY)]
    verified = [*opening, turn(3, DebtorAct.PROVIDE_IDENTITY), turn(4, CollectorAct.INFORM_DEBT)]
    points = [DecisionPoint.FIRST_OFFER, DecisionPoint.AFTER_FIRST_REJECTION]
    offered = [turn(6, CollectorAct.OFFER_PLAN), turn(7, DebtorAct.REJECT), turn(8, CollectorAct.CONCEDE)]
    fine = [*verified, turn(5, DebtorAct.ACKNOWLEDGE_DEBT), *offered]
    assert decision_turns(fine, points) == {
        6: DecisionPoint.FIRST_OFFER,
        8: DecisionPoint.AFTER_FIRST_REJECTION,
    }
    for halting in HALTING_ACTS:
        assert decision_turns([*verified, turn(5, halting), *offered], points) == {}
    unverified = [*opening, turn(3, DebtorAct.IDENTITY_MISMATCH), turn(4, CollectorAct.INFORM_DEBT)]
    assert decision_turns([*unverified, turn(5, DebtorAct.ACKNOWLEDGE_DEBT), *offered], points) == {}
    config = make_config("n_dialogues=1")
    ctx = build_context(config, plan_dialogue(config, config.grid().cells(), 0), ScriptedBackend("en"))
    heard = VERIFIED.model_copy(update={"last_debtor_act": DebtorAct.DISPUTE})
    assert alternatives(heard, ctx, 6, 4) == []
    assert alternatives(VERIFIED.model_copy(update={"last_debtor_act": DebtorAct.REJECT}), ctx, 6, 4)


def test_a_debtor_keeps_to_its_stop_and_says_the_right_digits(make_config):
    config = make_config("n_dialogues=1", "noise=none")
    ctx = build_context(config, plan_dialogue(config, config.grid().cells(), 0), ScriptedBackend("en"))
    persona, rng = ctx.persona, np.random.default_rng(0)
    mem = initial_memory(persona).model_copy(update={"reacted": True, "stance": DebtorAct.REQUEST_CEASE})
    for act in (
        CollectorAct.OFFER_PLAN,
        CollectorAct.EMPATHIZE,
        CollectorAct.REDIRECT,
        CollectorAct.PROBE_REASON,
    ):
        move, _ = decide(persona, mem, act, None, rng)
        assert move.act is DebtorAct.REQUEST_CEASE, act
    case = ctx.case.model_copy(update={"id_last4": "4821"})
    wrong = wrong_digits(case, 1)
    assert file_digits(case) == "4821" and "4821" not in (wrong, wrong_digits(case, 2))
    mem = initial_memory(persona).model_copy(update={"mismatches": 1})
    view = debtor_view(
        [], mem, persona=persona, case=case, language=Language.EN, agent_name="Ann", call_date="2026-01-05"
    )
    for act, digits in ((DebtorAct.PROVIDE_IDENTITY, "4821"), (DebtorAct.IDENTITY_MISMATCH, wrong)):
        for seed in range(20):
            said = ScriptedBackend("en").debtor_turn(view, DebtorMove(act=act), np.random.default_rng(seed))
            assert re.findall(r"\d+", said.text) == [digits], said.text


def _heard_mismatches_before(t: Transcript, index: int) -> int:
    return sum(1 for x in t.turns[:index] if x.act is DebtorAct.IDENTITY_MISMATCH and not x.garbled)


def _check_call(t: Transcript) -> None:
    """One call, as a compliance officer reads it (the module docstring)."""
    language = Language(t.language)
    halted = mismatched = False
    for x in t.turns:
        if x.speaker is Speaker.DEBTOR:
            halted |= x.act in HALTING_ACTS
            if x.act is DebtorAct.IDENTITY_MISMATCH:
                mismatched = True
            elif x.act is DebtorAct.PROVIDE_IDENTITY:
                mismatched = False
            continue
        if halted:
            assert x.act not in PUSHING, (t.dialogue_id, x.index, x.act)
        if mismatched:
            assert x.act is not CollectorAct.INFORM_DEBT, (t.dialogue_id, x.index)
            assert not money_amounts(x.clean_text, t.language), (t.dialogue_id, x.index, x.clean_text)
        if _heard_mismatches_before(t, x.index) >= 2 and mismatched:
            assert x.act is CollectorAct.CLOSE and x.index == len(t.turns) - 1, (t.dialogue_id, x.index)
        if x.act is CollectorAct.GREET and t.jurisdiction.requires(Disclosure.RECORDING):
            assert RECORDING[language].search(x.clean_text), (t.dialogue_id, x.clean_text)
        if x.act is CollectorAct.INFORM_DEBT and t.jurisdiction.requires(Disclosure.DEBT_COLLECTOR):
            assert MINI_MIRANDA[language].search(x.clean_text), (t.dialogue_id, x.clean_text)
    if t.persona.root_cause is RootCause.FRAUD_VICTIM:
        assert t.termination is not Termination.AGREEMENT and t.agreement is None, t.dialogue_id
    if t.termination in STOP_TERMINATIONS - {Termination.UNVERIFIED}:
        assert t.turns[-1].act in STOPPING_ACTS.values(), t.dialogue_id


@pytest.fixture(scope="module")
def runs(tmp_path_factory) -> dict[tuple[str, str], list[Transcript]]:
    """400 calls per language as `debtsim run` makes them, and a zh run under us law, an en one under uk."""
    out = {}
    for language, jurisdiction in (("en", "auto"), ("zh", "auto"), ("zh", "us"), ("en", "uk")):
        n = 400 if jurisdiction == "auto" else 176  # 176: every cell of the grid once per strategy
        tmp = tmp_path_factory.mktemp(f"{language}-{jurisdiction}")
        config = compose_config(
            tmp, f"n_dialogues={n}", f"language={language}", "seed=0", f"jurisdiction={jurisdiction}"
        )
        out[language, jurisdiction] = simulate(config)
    return out


@pytest.mark.parametrize("key", [("en", "auto"), ("zh", "auto"), ("zh", "us"), ("en", "uk")])
def test_scripted_calls_stop_disclose_and_check_identity_as_the_law_asks(runs, key):
    calls = runs[key]
    for t in calls:
        _check_call(t)
    assert any(t.turns[-1].act is CollectorAct.RECORD_IDENTITY_THEFT for t in calls)


@pytest.mark.parametrize("language", ["en", "zh"])
def test_every_new_ending_occurs_in_400_calls(runs, language):
    endings = {t.termination for t in runs[language, "auto"]}
    assert endings >= NEW_ENDINGS, NEW_ENDINGS - endings


def test_same_seed_twice_gives_byte_identical_stops(make_config):
    paths = []
    for sub in ("a", "b"):
        config = make_config("n_dialogues=120", "language=zh", "seed=7", "noise=heavy", sub=sub)
        run(config, "", progress=False)
        paths.append(Path(config.output_dir) / "transcripts.jsonl")
    assert paths[0].read_bytes() == paths[1].read_bytes()
    ends = [json.loads(line)["termination"] for line in paths[0].read_text().splitlines()]
    assert set(ends) & {str(t) for t in STOP_TERMINATIONS}
    manifest = json.loads((paths[0].parent / "manifest.json").read_text())
    assert set(manifest["terminations"]) == {str(t) for t in Termination}  # zeros included
    assert manifest["stopped"] == sum(end in STOP_TERMINATIONS for end in ends)


def test_a_stopping_act_is_always_the_last_turn(runs):
    for t in itertools.chain.from_iterable(runs.values()):
        stops = [x.index for x in t.turns if x.act in STOPPING_ACTS.values()]
        assert stops in ([], [len(t.turns) - 1]), t.dialogue_id


@pytest.mark.parametrize("act", sorted(HALTING_ACTS))
def test_a_halting_act_on_the_capped_last_turn_still_gets_its_acknowledgement(act) -> None:
    said = Turn(index=9, speaker=Speaker.DEBTOR, act=act, text="", clean_text="")
    assert termination_after(said, None, max_turns=10) is None
    stop = Turn(index=10, speaker=Speaker.COLLECTOR, act=STOPPING_ACTS[act], text="", clean_text="")
    assert termination_after(stop, None, max_turns=10) is not Termination.MAX_TURNS
    assert termination_after(stop, None, max_turns=10) is not None
    other = Turn(index=9, speaker=Speaker.DEBTOR, act=DebtorAct.STALL, text="", clean_text="")
    assert termination_after(other, None, max_turns=10) is Termination.MAX_TURNS

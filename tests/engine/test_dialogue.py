"""End-to-end behaviour of the engine on the scripted backend."""

from __future__ import annotations

import asyncio
import dataclasses
import itertools
import json
from pathlib import Path

import pytest

from personas.finances import INSTALLMENT_SHARE, SAVINGS_BUFFER
from scenarios import CollectorAct, DebtorAct, Language, Offer, plan_offer
from scenarios.acts import HALTING_ACTS, OFFER_ACTS
from simulator.agents.debtor import settle
from simulator.context import Role
from simulator.debtor_policy import DebtorDecision, DebtorMove
from simulator.dialogue import arun_dialogue, build_context, plan_dialogue, run_dialogue
from simulator.graph import build_async_graph, build_graph
from simulator.llm.base import Utterance
from simulator.llm.scripted import ScriptedBackend
from simulator.runner import run
from simulator.store import iter_transcripts
from simulator.termination import termination_after
from simulator.transcript import Speaker, Termination, Transcript, Turn

CENT = 0.01


def simulate(config) -> list[Transcript]:
    run(config, "", progress=False)
    return list(iter_transcripts(Path(config.output_dir) / "transcripts.jsonl"))


def test_same_seed_gives_byte_identical_transcripts(make_config):
    a = make_config("n_dialogues=24", "seed=3", "noise=heavy", sub="a")
    b = make_config("n_dialogues=24", "seed=3", "noise=heavy", sub="b")
    run(a, "", progress=False)
    run(b, "", progress=False)
    bytes_a = (Path(a.output_dir) / "transcripts.jsonl").read_bytes()
    assert bytes_a == (Path(b.output_dir) / "transcripts.jsonl").read_bytes()
    c = make_config("n_dialogues=24", "seed=4", "noise=heavy", sub="c")
    run(c, "", progress=False)
    assert bytes_a != (Path(c.output_dir) / "transcripts.jsonl").read_bytes()


def test_async_graph_runs_the_same_dialogues_as_the_sync_one(make_config):
    """Both node sets come from one pair of steps: only how the backend is called differs."""
    config = make_config("n_dialogues=12", "seed=5", "noise=heavy")
    cells, backend = config.grid().cells(), ScriptedBackend("en")
    sync_graph, async_graph = build_graph(), build_async_graph()
    for index in range(config.n_dialogues):
        ctx = build_context(config, plan_dialogue(config, cells, index), backend)
        plain = run_dialogue(sync_graph, ctx, "r", "c").model_dump_json()
        awaited = asyncio.run(arun_dialogue(async_graph, ctx, "r", "c")).model_dump_json()
        assert awaited == plain


def test_turn_generators_are_keyed_by_turn_and_a_fresh_one_draws_the_same(make_config):
    config = make_config("n_dialogues=2", "seed=3")
    cells, backend = config.grid().cells(), ScriptedBackend("en")
    ctx = build_context(config, plan_dialogue(config, cells, 0), backend)
    other = build_context(config, plan_dialogue(config, cells, 1), backend)
    draws = {}
    for role, turn in itertools.product(Role, (0, 1, 7)):
        kept = ctx.turn_rng(role, turn).random(5).tolist()
        assert ctx.rng(role, turn).random(5).tolist() == kept  # the engine's draws can be replayed
        assert ctx.turn_rng(role, turn).random(5).tolist() == kept  # re-keying resets what was drawn
        assert other.turn_rng(role, turn).random(5).tolist() != kept
        draws[role, turn] = kept
    assert len({tuple(d) for d in draws.values()}) == len(draws)
    held = ctx.rng(Role.DEBTOR, 3)
    first = held.random()
    ctx.turn_rng(Role.DEBTOR, 3).random(100)
    assert ctx.rng(Role.DEBTOR, 3).random(2).tolist() == [first, held.random()]  # a fresh one is its own


@pytest.mark.parametrize("language", list(Language))
def test_every_dialogue_terminates_under_the_cap(make_config, language):
    config = make_config("n_dialogues=60", "max_turns=8", f"language={language}", "noise=heavy")
    for t in simulate(config):
        # the cap, or one turn past it: the acknowledgement of a halting act said on its last turn
        assert len(t.turns) <= 8 or (len(t.turns) == 9 and t.turns[7].act in HALTING_ACTS), t.dialogue_id
        assert t.termination is not Termination.ERROR, t.error
        assert [turn.index for turn in t.turns] == list(range(len(t.turns)))
        speakers = [turn.speaker for turn in t.turns]
        assert all(a is not b for a, b in itertools.pairwise(speakers))
        assert speakers[0] is Speaker.COLLECTOR
        # routing ends the call at the first turn that terminates it, and nowhere else
        struck = t.agreement.turn_index if t.agreement else len(t.turns)
        ends = [
            termination_after(turn, t.agreement if turn.index >= struck else None, 8, t.turns[: turn.index])
            for turn in t.turns
        ]
        assert ends[:-1] == [None] * (len(t.turns) - 1) and ends[-1] is t.termination


@pytest.mark.parametrize("language", list(Language))
def test_both_languages_run_with_native_text(make_config, language):
    transcripts = simulate(make_config("n_dialogues=16", f"language={language}"))
    text = " ".join(turn.clean_text for t in transcripts for turn in t.turns)
    has_cjk = any("\u4e00" <= ch <= "\u9fff" for ch in text)
    assert has_cjk is (language is Language.ZH)
    assert all(t.termination is not Termination.ERROR for t in transcripts)


def _spare_savings(fin) -> float:
    """Savings the debtor can part with, from the raw finances (not the debtor policy's check)."""
    return fin.liquid_savings * (1 - SAVINGS_BUFFER)


def _sustainable_installment(fin) -> float:
    disposable = fin.monthly_income - fin.essential_expenses - fin.other_debt_payments
    return max(disposable, 0.0) * INSTALLMENT_SHARE


def _standing_offer(turns: list[Turn], before: int) -> Offer | None:
    """The last offer the collector put on the table before turn `before`."""
    for turn in reversed(turns[:before]):
        if turn.speaker is Speaker.COLLECTOR and turn.act in OFFER_ACTS:
            return turn.offer
    return None


def test_debtor_never_accepts_an_offer_it_cannot_afford(make_config):
    transcripts = simulate(make_config("n_dialogues=400", "seed=11"))
    accepted = 0
    for t in transcripts:
        fin = t.persona.finances
        lump_cap, monthly_cap = _spare_savings(fin) + CENT, _sustainable_installment(fin) + CENT
        for turn in t.turns:
            if turn.act is not DebtorAct.ACCEPT:
                continue
            accepted += 1
            offer = _standing_offer(t.turns, turn.index)
            assert offer is not None and turn.offer == offer  # it accepts what is on the table
            assert offer.amount_now <= lump_cap, (t.dialogue_id, offer, fin)
            assert offer.installment <= monthly_cap, (t.dialogue_id, offer, fin)
        if t.agreement is not None:
            assert t.agreement.offer.amount_now <= lump_cap
            assert t.agreement.offer.installment <= monthly_cap
    assert accepted > 20


def test_collector_offers_stay_inside_policy(make_config):
    for t in simulate(make_config("n_dialogues=200", "seed=5")):
        for turn in t.turns:
            if turn.speaker is Speaker.COLLECTOR and turn.offer is not None:
                assert t.policy.violations(turn.offer, t.case) == []


def test_noise_changes_heard_text_and_keeps_clean_text(make_config):
    quiet = simulate(make_config("n_dialogues=40", "noise=none", sub="quiet"))
    assert all(turn.text == turn.clean_text for t in quiet for turn in t.turns)
    noisy = simulate(make_config("n_dialogues=40", "noise=heavy", sub="noisy"))
    debtor_turns = [turn for t in noisy for turn in t.turns if turn.speaker is Speaker.DEBTOR]
    changed = [turn for turn in debtor_turns if turn.text != turn.clean_text]
    assert len(changed) > len(debtor_turns) // 4
    assert all(turn.noise for turn in changed)
    collector = [turn for t in noisy for turn in t.turns if turn.speaker is Speaker.COLLECTOR]
    assert all(turn.text == turn.clean_text for turn in collector)


def test_transcript_line_holds_everything_needed(make_config):
    config = make_config("n_dialogues=4")
    run(config, "", progress=False)
    line = json.loads((Path(config.output_dir) / "transcripts.jsonl").read_text().splitlines()[0])
    for key in ("dialogue_id", "seed", "case", "policy", "persona", "turns", "termination", "agreement"):
        assert key in line
    turn = line["turns"][0]
    for key in ("act", "text", "clean_text", "offer", "speaker"):
        assert key in turn
    manifest = json.loads((Path(config.output_dir) / "manifest.json").read_text())
    assert manifest["counts"]["transcripts"] == 4
    assert sum(manifest["terminations"].values()) == 4


class YesSayer(ScriptedBackend):
    """A debtor model in decide_and_speak mode that says yes to everything, in its own words."""

    WORDS = "Yes, fine, I agree to that."

    def debtor_turn(self, view, move, rng) -> Utterance:
        return Utterance(text=self.WORDS, act=DebtorAct.ACCEPT)


def _with_debtor_model(config, decision: DebtorDecision) -> list[Transcript]:
    cells, backend, graph = config.grid().cells(), ScriptedBackend("en"), build_graph()
    out = []
    for index in range(config.n_dialogues):
        ctx = build_context(config, plan_dialogue(config, cells, index), backend)
        ctx = dataclasses.replace(ctx, debtor_backend=YesSayer("en"), debtor_decision=decision)
        out.append(run_dialogue(graph, ctx, "run-test", "cell"))
    return out


def test_policy_decision_binds_when_the_debtor_model_decides_too(make_config):
    transcripts = _with_debtor_model(make_config("n_dialogues=80", "noise=none"), DebtorDecision.POLICY)
    overridden = 0
    for t in transcripts:
        fin = t.persona.finances
        for turn in t.turns:
            if turn.speaker is not Speaker.DEBTOR:
                continue
            assert turn.clean_text == YesSayer.WORDS  # the model's words are kept
            if turn.act is not DebtorAct.ACCEPT:
                overridden += "policy decides: backend act accept set aside" in turn.thought
                continue
            offer = _standing_offer(t.turns, turn.index)
            assert offer.amount_now <= _spare_savings(fin) + CENT
            assert offer.installment <= _sustainable_installment(fin) + CENT
    assert overridden > 100  # the model said yes far more often than the persona could afford


def test_llm_decision_lets_the_model_decide_but_falls_back_on_an_invalid_act(make_config):
    transcripts = _with_debtor_model(make_config("n_dialogues=40", "noise=none"), DebtorDecision.LLM)
    fallbacks = decided = 0
    for t in transcripts:
        for turn in t.turns:
            if turn.speaker is not Speaker.DEBTOR:
                continue
            table = t.turns[turn.index - 1]
            if table.act in OFFER_ACTS and table.offer is not None:
                assert turn.act is DebtorAct.ACCEPT and turn.thought == "model decided"
                assert turn.offer == table.offer  # the record names what was accepted
                decided += 1
            else:  # an accept with nothing on the table falls back to the persona's own move
                assert turn.act is not DebtorAct.ACCEPT
                assert "fallback: accept with no offer on the table" in turn.thought
                fallbacks += 1
    assert decided >= len(transcripts) // 2 and fallbacks > len(transcripts)
    assert sum(t.agreement is not None for t in transcripts) == decided


@pytest.mark.parametrize(
    ("utterance", "reason"),
    [
        (Utterance(text="I'll pay that.", act=DebtorAct.COUNTER_OFFER), "counter-offer without an amount"),
        (Utterance(text="Confirmed.", act=DebtorAct.CONFIRM), "confirm with no agreement restated"),
        (Utterance(text="Hi there.", act=CollectorAct.GREET), "backend returned non-debtor act greet"),
        (Utterance(text="Mm."), "backend gave no act"),
    ],
)
def test_llm_decision_validates_each_kind_of_act(make_config, utterance, reason):
    config = make_config("n_dialogues=1", "noise=none")
    ctx = build_context(config, plan_dialogue(config, config.grid().cells(), 0), ScriptedBackend("en"))
    ctx = dataclasses.replace(ctx, debtor_decision=DebtorDecision.LLM)
    offer = plan_offer(ctx.case.outstanding, 0.0, ctx.case.outstanding, 0, 7)
    table = Turn(
        index=0, speaker=Speaker.COLLECTOR, act=CollectorAct.OFFER_PLAN, text="", clean_text="", offer=offer
    )
    move = DebtorMove(act=DebtorAct.STALL, thought="policy")
    settled, note = settle(move, utterance, None, table, ctx)
    assert settled == move and note == f"fallback: {reason}"

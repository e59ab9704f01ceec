"""Debtors stay themselves: the consistency score catches each way out of character, and the
scripted world gives it nothing to catch.

The slips are made by hand on real transcripts (a medical debtor saying it lost its job, the
ceiling recited to the cent, a counter above the balance, a dispute turned into a plea), so
each rule is shown to fire; then a scripted run in both languages must score (nearly) 1.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from evaluators.consistency import ConsistencyRule, score_consistency
from evaluators.scoring import score_transcript
from personas import GridSpec, HealthBand, PersonaCell, RootCause, sample_persona
from personas.locale import Home, Locale
from scenarios import CollectorAct, DebtorAct, Offer
from simulator.agents.debtor import settle
from simulator.debtor_policy import DebtorDecision, DebtorMove, round_down, stated_capacity
from simulator.dialogue import build_context, plan_dialogue
from simulator.llm.base import Utterance
from simulator.llm.scripted import ScriptedBackend
from simulator.transcript import Speaker, Transcript, Turn
from tests.conftest import compose_config
from tests.engine.test_dialogue import simulate

USD = Locale(homes=(Home("Ohio", "America/New_York"),), currency="USD")


@pytest.fixture(scope="module")
def runs(tmp_path_factory) -> dict[str, list[Transcript]]:
    return {
        language: simulate(
            compose_config(
                tmp_path_factory.mktemp(language), f"language={language}", "n_dialogues=240", "seed=5"
            )
        )
        for language in ("en", "zh")
    }


def _rules(t: Transcript) -> list[str]:
    return [f.rule for f in score_consistency(t).findings]


def _debtor_turn(t: Transcript) -> Turn:
    return next(turn for turn in t.turns if turn.speaker is Speaker.DEBTOR)


def _with_turn(t: Transcript, turn: Turn) -> Transcript:
    turns = [turn if x.index == turn.index else x for x in t.turns]
    return t.model_copy(update={"turns": turns})


def _of_cause(runs, cause: RootCause, language: str = "en") -> Transcript:
    return next(t for t in runs[language] if t.persona.root_cause is cause and len(t.turns) > 4)


def test_a_debtor_speaking_as_another_root_cause_is_caught(runs):
    t = _of_cause(runs, RootCause.MEDICAL)
    said = _debtor_turn(t).model_copy(
        update={"clean_text": "I lost my job, okay?!", "act": DebtorAct.OUTBURST}
    )
    assert ConsistencyRule.OTHER_CAUSE in _rules(_with_turn(t, said))
    own = said.model_copy(update={"clean_text": "The hospital bills took everything."})
    assert ConsistencyRule.OTHER_CAUSE not in _rules(_with_turn(t, own))
    zh = _of_cause(runs, RootCause.MEDICAL, "zh")
    said_zh = _debtor_turn(zh).model_copy(update={"clean_text": "我工作都丢了，你让我拿什么还！"})
    assert ConsistencyRule.OTHER_CAUSE in _rules(_with_turn(zh, said_zh))


def test_reciting_the_ceiling_or_countering_above_balance_or_means_is_caught(runs):
    t = next(
        x
        for x in runs["en"]
        if 10 < x.persona.finances.max_lump_sum < x.case.outstanding and len(x.turns) > 4
    )
    fin, turn = t.persona.finances, _debtor_turn(t)
    exact = Offer(amount_now=fin.max_lump_sum, installment=0.0, count=0, waiver=0.0, first_due_days=0)
    recited = turn.model_copy(update={"act": DebtorAct.COUNTER_OFFER, "offer": exact, "clean_text": "Okay."})
    assert _rules(_with_turn(t, recited)) == [ConsistencyRule.RECITES_CEILING]
    said = turn.model_copy(update={"clean_text": f"I have ${fin.max_lump_sum:,.2f} saved, that's all."})
    assert ConsistencyRule.RECITES_CEILING in _rules(_with_turn(t, said))
    above = t.case.outstanding + 500
    big = exact.model_copy(update={"amount_now": round_down(above)})
    rules = _rules(_with_turn(t, recited.model_copy(update={"offer": big})))
    assert ConsistencyRule.COUNTER_ABOVE_BALANCE in rules
    assert ConsistencyRule.COUNTER_ABOVE_CEILING in rules or fin.max_lump_sum >= big.amount_now


def test_owning_a_disputed_debt_needs_a_reason_in_the_dialogue(runs):
    t = _of_cause(runs, RootCause.INCOME_DROP)
    debtor = [x for x in t.turns if x.speaker is Speaker.DEBTOR]
    first, later = debtor[0], debtor[1]
    disputed = _with_turn(t, first.model_copy(update={"act": DebtorAct.DISPUTE}))
    flipped = _with_turn(disputed, later.model_copy(update={"act": DebtorAct.PLEAD}))
    assert ConsistencyRule.DISPUTE_FLIP in _rules(flipped)
    between = [x for x in t.turns if first.index < x.index < later.index and x.speaker is Speaker.COLLECTOR]
    proof = between[0].model_copy(update={"act": CollectorAct.PROVIDE_VERIFICATION})
    assert ConsistencyRule.DISPUTE_FLIP not in _rules(_with_turn(flipped, proof))


def test_scripted_debtors_stay_themselves_in_both_languages(runs):
    for language, ts in runs.items():
        scores = [score_consistency(t) for t in ts]
        found = [f.rule for s in scores for f in s.findings]
        assert not found, (language, found[:5])
        assert np.mean([s.persona_consistency for s in scores]) == 1.0


def test_the_score_is_a_column_of_the_score_table(runs):
    row = score_transcript(runs["zh"][0])
    assert row["persona_consistency"] == 1.0 and row["persona_findings"] == ""


def test_counter_offers_are_round_sums_under_the_ceiling_and_the_balance():
    rng = np.random.default_rng(9)
    cells = GridSpec().cells()
    for i in range(400):
        cell = cells[i % len(cells)]
        persona = sample_persona(
            rng, PersonaCell(root_cause=cell.root_cause, band=cell.band, noise_level=0), "en", "p", USD
        )
        balance = float(rng.uniform(200, 20000))
        said = stated_capacity(persona, balance)
        fin = persona.finances
        for named, ceiling in ((said.amount_now, fin.max_lump_sum), (said.installment, fin.max_installment)):
            assert named <= balance and (named < ceiling or named == 0.0)
            assert named == round(named)  # whole currency units at least


@pytest.mark.parametrize("amount", [0.4, 7.0, 19.99, 20.0, 99.5, 432.1, 1999.0, 2000.0, 12345.67])
def test_round_down_is_round_and_strictly_below(amount):
    got = round_down(amount)
    assert 0.0 <= got < amount
    assert got == 0.0 or got % 1 == 0


def test_strategic_defaulters_are_rarely_distressed_in_the_default_mix():
    cells = GridSpec(mix=True).cells()
    assert not any(
        c.root_cause is RootCause.STRATEGIC_DEFAULT and c.band is HealthBand.DISTRESSED for c in cells
    )


def test_zh_debtors_ask_for_china_s_own_arrangements_and_name_agents_and_lawyer_letters():
    """zh events: 协商还款 / 停息挂账 requests (pleas), 反催收 agents (representation), 律师函 (proof asked)."""
    from pathlib import Path

    import yaml

    book = yaml.safe_load(
        (Path(__file__).parents[2] / "simulator/llm/templates/zh.yaml").read_text(encoding="utf-8")
    )["debtor"]

    def said(act: str) -> str:
        return "".join(line for lines in book[act].values() for line in lines)

    assert "停息挂账" in said("plead") and "协商还款" in said("plead")
    assert "债务优化" in said("represented") and "代理维权" in said("represented")
    assert "律师函" in said("request_verification")
    assert "12378" in said("outburst")


def test_zh_calls_carry_the_requests(runs):
    lines = [turn.clean_text for t in runs["zh"] for turn in t.turns if turn.act is DebtorAct.PLEAD]
    assert any("停息挂账" in line or "协商还款" in line for line in lines)


@pytest.mark.parametrize("where", ["above_balance", "beyond_means", "fits"])
def test_a_model_s_counter_above_the_balance_or_its_means_falls_back_to_the_persona(runs, where, tmp_path):
    from tests.conftest import compose_config

    t = next(x for x in runs["en"] if 100 < x.persona.finances.max_lump_sum < x.case.outstanding)
    config = compose_config(tmp_path, "n_dialogues=1")
    ctx = build_context(config, plan_dialogue(config, config.grid().cells(), 0), ScriptedBackend("en"))
    ctx = dataclasses.replace(ctx, debtor_decision=DebtorDecision.LLM, persona=t.persona, case=t.case)
    amount = {
        "above_balance": t.case.outstanding + 100,
        "beyond_means": t.persona.finances.max_lump_sum + 50,
        "fits": round_down(t.persona.finances.max_lump_sum),
    }[where]
    counter = Offer(amount_now=amount, installment=0.0, count=0, waiver=0.0, first_due_days=0)
    utterance = Utterance(text="How about that?", act=DebtorAct.COUNTER_OFFER, offer=counter)
    table = next(x for x in t.turns if x.speaker is Speaker.COLLECTOR)
    move = DebtorMove(act=DebtorAct.STALL, thought="policy")
    settled, note = settle(move, utterance, None, table, ctx)
    if where == "fits":
        assert settled.act is DebtorAct.COUNTER_OFFER and note == ""
    else:
        assert settled == move and note.startswith("fallback: counter-offer")


def test_zh_is_its_own_world_not_a_translation_of_en(runs):
    """Same seed, same indices: the zh debtors are drawn for zh, so their calls run otherwise."""
    en, zh = runs["en"], runs["zh"]
    same_traits = sum(a.persona.traits == b.persona.traits for a, b in zip(en, zh, strict=True))
    same_acts = sum([x.act for x in a.turns] == [x.act for x in b.turns] for a, b in zip(en, zh, strict=True))
    assert same_traits == 0
    assert same_acts < 0.2 * len(en)

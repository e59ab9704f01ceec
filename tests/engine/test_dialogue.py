"""End-to-end behaviour of the engine on the scripted backend."""

from __future__ import annotations

import itertools
import json
from collections import Counter
from pathlib import Path

import pytest

from personas import HealthBand, RootCause
from scenarios import CollectorAct, DebtorAct
from simulator.agents.debtor_policy import affordable
from simulator.runner import run
from simulator.store import iter_transcripts
from simulator.transcript import Speaker, Termination, Transcript


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


@pytest.mark.parametrize("language", ["en", "zh"])
def test_every_dialogue_terminates_under_the_cap(make_config, language):
    config = make_config("n_dialogues=60", "max_turns=8", f"language={language}", "noise=heavy")
    for t in simulate(config):
        assert len(t.turns) <= 8
        assert t.termination is not Termination.ERROR, t.error
        assert [turn.index for turn in t.turns] == list(range(len(t.turns)))
        speakers = [turn.speaker for turn in t.turns]
        assert all(a is not b for a, b in itertools.pairwise(speakers))
        assert speakers[0] is Speaker.COLLECTOR


@pytest.mark.parametrize("language", ["en", "zh"])
def test_both_languages_run_with_native_text(make_config, language):
    transcripts = simulate(make_config("n_dialogues=16", f"language={language}"))
    text = " ".join(turn.clean_text for t in transcripts for turn in t.turns)
    has_cjk = any("\u4e00" <= ch <= "\u9fff" for ch in text)
    assert has_cjk is (language == "zh")
    assert all(t.termination is not Termination.ERROR for t in transcripts)


def test_debtor_never_accepts_an_offer_it_cannot_afford(make_config):
    transcripts = simulate(make_config("n_dialogues=400", "seed=11"))
    accepted = 0
    for t in transcripts:
        for prev, turn in zip(t.turns, t.turns[1:], strict=False):
            if turn.act is DebtorAct.ACCEPT:
                accepted += 1
                assert prev.offer is not None
                assert affordable(t.persona, prev.offer)
        if t.agreement is not None:
            assert affordable(t.persona, t.agreement.offer)
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


def _by_cause(transcripts: list[Transcript]) -> dict[RootCause, list[Transcript]]:
    groups: dict[RootCause, list[Transcript]] = {}
    for t in transcripts:
        groups.setdefault(t.persona.root_cause, []).append(t)
    return groups


def _act_share(ts: list[Transcript], acts: set) -> float:
    return sum(any(turn.act in acts for turn in t.turns) for t in ts) / len(ts)


def _agree(ts: list[Transcript]) -> float:
    return sum(t.termination is Termination.AGREEMENT for t in ts) / len(ts)


@pytest.fixture(scope="module")
def grid_run(tmp_path_factory) -> dict[RootCause, list[Transcript]]:
    from tests.conftest import compose_config

    config = compose_config(tmp_path_factory.mktemp("grid"), "n_dialogues=1760", "noise=none", "seed=2")
    return _by_cause(simulate(config))


def test_root_causes_show_their_signature_behaviour(grid_run):
    disputes = {DebtorAct.DISPUTE, DebtorAct.REQUEST_VERIFICATION}
    assert _act_share(grid_run[RootCause.BILLING_DISPUTE], disputes) > 0.7
    assert _act_share(grid_run[RootCause.FRAUD_VICTIM], {DebtorAct.DISPUTE}) > 0.9
    fraud_ends = Counter(t.termination for t in grid_run[RootCause.FRAUD_VICTIM])
    assert fraud_ends[Termination.ESCALATION] > fraud_ends[Termination.AGREEMENT]
    assert _act_share(grid_run[RootCause.FINANCIAL_ILLITERACY], {DebtorAct.REQUEST_VERIFICATION}) > 0.4
    stall = {DebtorAct.STALL, DebtorAct.REFUSE_IDENTITY}
    assert _act_share(grid_run[RootCause.STRATEGIC_DEFAULT], stall) > 2 * _act_share(
        grid_run[RootCause.FORGOT_OR_OVERSIGHT], stall
    )
    assert _agree(grid_run[RootCause.FORGOT_OR_OVERSIGHT]) > 2 * _agree(grid_run[RootCause.STRATEGIC_DEFAULT])
    explain = {DebtorAct.EXPLAIN_REASON}
    assert _act_share(grid_run[RootCause.MEDICAL], explain) > _act_share(
        grid_run[RootCause.STRATEGIC_DEFAULT], explain
    )


def test_healthier_debtors_agree_more(grid_run):
    everyone = [t for ts in grid_run.values() for t in ts]
    by_band = {band: [t for t in everyone if t.persona.band is band] for band in HealthBand}
    assert _agree(by_band[HealthBand.HEALTHY]) > _agree(by_band[HealthBand.DISTRESSED])


def test_strategies_differ(grid_run):
    everyone = [t for ts in grid_run.values() for t in ts]
    firsts = Counter()
    for t in everyone:
        first_offer = next((turn for turn in t.turns if turn.act is CollectorAct.OFFER_PLAN), None)
        if first_offer is not None:
            firsts[(t.strategy, first_offer.offer.count)] += 1
    firm_full = firsts[("firm", 0)]
    empathetic_full = firsts[("empathetic", 0)]
    assert firm_full > 10 and empathetic_full == 0
    escalations = Counter(t.strategy for t in everyone if t.termination is Termination.ESCALATION)
    assert escalations["firm"] > escalations["empathetic"]

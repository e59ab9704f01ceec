"""Every root cause shows its own behaviour over a few hundred scripted calls.

One clean-line run (firm and plan-and-judge, so debtors are both probed and
pressed) gives, per root cause, how readily the debtor explains itself (asked,
or unprompted), what it asks for and how it names its capacity, how it stalls,
pleads, disputes, blows up or hangs up. Each cause is then checked for its
signature, and every pair of causes must differ clearly in at least one of them.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest

from personas import HealthBand, RootCause
from scenarios import CollectorAct, DebtorAct
from scenarios.acts import OFFER_ACTS
from simulator.termination import STOP_TERMINATIONS
from simulator.transcript import Speaker, Termination, Transcript, Turn
from tests.conftest import compose_config
from tests.engine.test_dialogue import simulate

HARDSHIP = (
    RootCause.JOB_LOSS,
    RootCause.INCOME_DROP,
    RootCause.MEDICAL,
    RootCause.BUSINESS_FAILURE,
    RootCause.FAMILY_EMERGENCY,
    RootCause.OVER_INDEBTEDNESS,
)


def _exchanges(ts: list[Transcript]) -> Iterator[tuple[Transcript, Turn, Turn]]:
    """(transcript, collector turn, the debtor's reply) for every exchange."""
    for t in ts:
        for said, reply in itertools.pairwise(t.turns):
            if said.speaker is Speaker.COLLECTOR:
                yield t, said, reply


def _reply_rate(ts: list[Transcript], to: set[CollectorAct], replies: set[DebtorAct]) -> float:
    hits = [reply.act in replies for _, said, reply in _exchanges(ts) if said.act in to]
    return sum(hits) / len(hits) if hits else 0.0


def _counters(ts: list[Transcript]) -> list[tuple[Transcript, Turn]]:
    return [(t, reply) for t, _, reply in _exchanges(ts) if reply.act is DebtorAct.COUNTER_OFFER]


def _stated_share(ts: list[Transcript]) -> float:
    """Named monthly amount ÷ true sustainable installment, averaged over counter-offers."""
    shares = [r.offer.installment / t.persona.finances.max_installment for t, r in _counters(ts)]
    return sum(shares) / len(shares) if shares else math.nan


def _no_lump_share(ts: list[Transcript]) -> float:
    """Share of counter-offers naming nothing now although the debtor has spare savings."""
    named = [r.offer.amount_now == 0 for t, r in _counters(ts) if t.persona.finances.max_lump_sum > 1]
    return sum(named) / len(named) if named else math.nan


def _ended(ts: list[Transcript], how: Termination) -> float:
    return sum(t.termination is how for t in ts) / len(ts)


@dataclass(frozen=True)
class Signature:
    reveal_when_asked: float
    volunteers: float
    disputes: float
    asks_for_proof: float
    stalls_on_offers: float
    pleads_on_offers: float
    counters_on_offers: float
    outbursts_when_warned: float
    refuses_identity: float
    stated_share: float
    no_lump_share: float
    hang_up: float
    agreement: float
    escalation: float
    contests: float
    mismatches: float
    stopped: float
    bankruptcy: float
    represented: float

    @classmethod
    def of(cls, ts: list[Transcript]) -> Signature:
        offers = set(OFFER_ACTS)
        return cls(
            reveal_when_asked=_reply_rate(ts, {CollectorAct.PROBE_REASON}, {DebtorAct.EXPLAIN_REASON}),
            volunteers=_reply_rate(ts, {CollectorAct.INFORM_DEBT}, {DebtorAct.EXPLAIN_REASON}),
            disputes=_reply_rate(ts, {CollectorAct.INFORM_DEBT}, {DebtorAct.DISPUTE}),
            asks_for_proof=_reply_rate(ts, {CollectorAct.INFORM_DEBT}, {DebtorAct.REQUEST_VERIFICATION}),
            stalls_on_offers=_reply_rate(ts, offers, {DebtorAct.STALL}),
            pleads_on_offers=_reply_rate(ts, offers, {DebtorAct.PLEAD}),
            counters_on_offers=_reply_rate(ts, offers, {DebtorAct.COUNTER_OFFER}),
            outbursts_when_warned=_reply_rate(ts, {CollectorAct.WARN_CONSEQUENCES}, {DebtorAct.OUTBURST}),
            refuses_identity=_reply_rate(ts, {CollectorAct.VERIFY_IDENTITY}, {DebtorAct.REFUSE_IDENTITY}),
            stated_share=_stated_share(ts),
            no_lump_share=_no_lump_share(ts),
            hang_up=_ended(ts, Termination.HANG_UP),
            agreement=sum(t.agreement is not None for t in ts) / len(ts),
            escalation=_ended(ts, Termination.ESCALATION),
            contests=_reply_rate(
                ts, {CollectorAct.INFORM_DEBT}, {DebtorAct.DISPUTE, DebtorAct.REPORT_IDENTITY_THEFT}
            ),
            mismatches=_reply_rate(ts, {CollectorAct.VERIFY_IDENTITY}, {DebtorAct.IDENTITY_MISMATCH}),
            stopped=sum(t.termination in STOP_TERMINATIONS for t in ts) / len(ts),
            bankruptcy=_ended(ts, Termination.BANKRUPTCY),
            represented=_ended(ts, Termination.REPRESENTED),
        )


@pytest.fixture(scope="module")
def calls(tmp_path_factory) -> dict[RootCause, list[Transcript]]:
    config = compose_config(
        tmp_path_factory.mktemp("causes"),
        "n_dialogues=1100",
        "noise=none",
        "seed=2",
        "strategy.names=[plan_and_judge,firm]",
    )
    groups: dict[RootCause, list[Transcript]] = {}
    for t in simulate(config):
        groups.setdefault(t.persona.root_cause, []).append(t)
    return groups


@pytest.fixture(scope="module")
def sig(calls) -> dict[RootCause, Signature]:
    return {cause: Signature.of(ts) for cause, ts in calls.items()}


def _others(sig: dict[RootCause, Signature], cause: RootCause, among=HARDSHIP) -> list[Signature]:
    return [sig[c] for c in among if c is not cause]


def _job_loss(s: dict[RootCause, Signature]) -> None:
    me = s[RootCause.JOB_LOSS]
    assert me.no_lump_share == 1.0  # keeps its savings: names a monthly amount only
    assert all(o.no_lump_share <= 0.1 for o in _others(s, RootCause.JOB_LOSS))
    assert me.pleads_on_offers > 0.4 and me.reveal_when_asked > 0.7


def _income_drop(s: dict[RootCause, Signature]) -> None:
    me = s[RootCause.INCOME_DROP]
    assert me.stated_share > 0.9  # names a realistic number
    assert all(me.counters_on_offers > o.counters_on_offers for o in _others(s, RootCause.INCOME_DROP))
    assert me.pleads_on_offers < 0.5 * s[RootCause.JOB_LOSS].pleads_on_offers
    assert all(me.hang_up <= o.hang_up for o in _others(s, RootCause.INCOME_DROP))


def _medical(s: dict[RootCause, Signature]) -> None:
    me = s[RootCause.MEDICAL]
    assert me.reveal_when_asked > 0.85 and me.pleads_on_offers > 0.4  # tells it, wants it heard
    assert me.no_lump_share <= 0.1 and me.stated_share > 0.9


def _business_failure(s: dict[RootCause, Signature]) -> None:
    me = s[RootCause.BUSINESS_FAILURE]
    assert me.reveal_when_asked < 0.5  # guarded about why
    assert all(me.reveal_when_asked < o.reveal_when_asked for o in _others(s, RootCause.BUSINESS_FAILURE))
    assert all(me.stalls_on_offers > 1.5 * o.stalls_on_offers for o in _others(s, RootCause.BUSINESS_FAILURE))
    assert me.stated_share < 0.85
    # some have filed for insolvency: more than any cause but the over-indebted
    assert me.bankruptcy > 0.05
    among = [c for c in RootCause if c not in (RootCause.BUSINESS_FAILURE, RootCause.OVER_INDEBTEDNESS)]
    assert all(me.bankruptcy > s[c].bankruptcy for c in among)


def _family_emergency(s: dict[RootCause, Signature]) -> None:
    me = s[RootCause.FAMILY_EMERGENCY]
    assert me.outbursts_when_warned > 0.3
    assert all(
        me.outbursts_when_warned > 1.5 * o.outbursts_when_warned
        for o in _others(s, RootCause.FAMILY_EMERGENCY, among=tuple(RootCause))
    )
    assert all(me.volunteers > o.volunteers for o in _others(s, RootCause.FAMILY_EMERGENCY))


def _over_indebtedness(s: dict[RootCause, Signature]) -> None:
    me = s[RootCause.OVER_INDEBTEDNESS]
    assert me.stated_share < 0.65  # names the least it can get away with
    assert all(me.stated_share < o.stated_share - 0.1 for o in _others(s, RootCause.OVER_INDEBTEDNESS))
    assert all(me.hang_up > o.hang_up for o in _others(s, RootCause.OVER_INDEBTEDNESS))
    # juggling lenders: some have a debt adviser or attorney, some have filed for bankruptcy
    assert me.bankruptcy > 0.03 and me.represented > 0.03
    assert all(
        me.bankruptcy + me.represented > o.bankruptcy + o.represented
        for o in _others(s, RootCause.OVER_INDEBTEDNESS)
    )


def _forgot(s: dict[RootCause, Signature]) -> None:
    me = s[RootCause.FORGOT_OR_OVERSIGHT]
    # names nearly all it can pay, in round sums: never its hidden ceiling to the cent
    assert me.volunteers > 0.4 and 0.9 < me.stated_share < 1.0 and me.disputes == 0
    assert me.stalls_on_offers < 0.05 and me.hang_up < 0.05
    assert me.agreement > 1.5 * s[RootCause.STRATEGIC_DEFAULT].agreement


def _billing_dispute(s: dict[RootCause, Signature]) -> None:
    me = s[RootCause.BILLING_DISPUTE]
    # contests the amount (the dispute is recorded and the call ends); the rest ask for proof, some then deal
    assert me.disputes > 0.5 and me.stopped > 0.5 and me.asks_for_proof > 0.1
    assert 0.05 < me.agreement < 0.35


def _fraud_victim(s: dict[RootCause, Signature]) -> None:
    me = s[RootCause.FRAUD_VICTIM]
    # denies the debt (most have reported the identity theft) and is never asked to pay
    assert me.contests > 0.95 and me.agreement == 0 and me.stopped > 0.9
    assert me.contests > me.disputes + 0.3  # the identity-theft reports


def _strategic_default(s: dict[RootCause, Signature]) -> None:
    me = s[RootCause.STRATEGIC_DEFAULT]
    assert me.refuses_identity > 0.15
    assert all(
        o.refuses_identity == 0 for o in _others(s, RootCause.STRATEGIC_DEFAULT, among=tuple(RootCause))
    )
    assert all(
        me.stalls_on_offers > o.stalls_on_offers
        for o in _others(s, RootCause.STRATEGIC_DEFAULT, among=tuple(RootCause))
    )
    assert me.reveal_when_asked < 0.3 and me.stated_share < 0.45 and me.disputes > 0.2
    # gives wrong identity details more than any other cause
    assert me.mismatches > 0.1
    assert all(
        me.mismatches > o.mismatches for o in _others(s, RootCause.STRATEGIC_DEFAULT, among=tuple(RootCause))
    )


def _financial_illiteracy(s: dict[RootCause, Signature]) -> None:
    me = s[RootCause.FINANCIAL_ILLITERACY]
    assert me.asks_for_proof > 0.5 and me.disputes == 0  # confused by the fees, not denying them
    # (billing disputes ask for proof only when they do not dispute at once)
    assert me.asks_for_proof > 2 * s[RootCause.BILLING_DISPUTE].asks_for_proof
    assert me.no_lump_share == 1.0  # asks for "the minimum" a month


SIGNATURES: dict[RootCause, Callable[[dict[RootCause, Signature]], None]] = {
    RootCause.JOB_LOSS: _job_loss,
    RootCause.INCOME_DROP: _income_drop,
    RootCause.MEDICAL: _medical,
    RootCause.BUSINESS_FAILURE: _business_failure,
    RootCause.FAMILY_EMERGENCY: _family_emergency,
    RootCause.OVER_INDEBTEDNESS: _over_indebtedness,
    RootCause.FORGOT_OR_OVERSIGHT: _forgot,
    RootCause.BILLING_DISPUTE: _billing_dispute,
    RootCause.FRAUD_VICTIM: _fraud_victim,
    RootCause.STRATEGIC_DEFAULT: _strategic_default,
    RootCause.FINANCIAL_ILLITERACY: _financial_illiteracy,
}


def test_every_root_cause_has_a_signature_check():
    assert set(SIGNATURES) == set(RootCause)


@pytest.mark.parametrize("cause", list(RootCause))
def test_root_cause_shows_its_signature(sig, cause):
    assert len(sig) == len(RootCause)
    SIGNATURES[cause](sig)


def test_every_pair_of_root_causes_differs_clearly(sig):
    fields = Signature.__dataclass_fields__
    for a, b in itertools.combinations(RootCause, 2):
        gaps = [
            abs(getattr(sig[a], f) - getattr(sig[b], f))
            for f in fields
            if not (math.isnan(getattr(sig[a], f)) or math.isnan(getattr(sig[b], f)))
        ]
        assert max(gaps) > 0.2, (a, b)


def test_a_debtor_that_stopped_collection_never_agrees_or_gives_way(calls):
    """Once it disputed (or reported theft, asked for no contact, ...) it stays in character: the call ends."""
    halting = {DebtorAct.DISPUTE, DebtorAct.REPORT_IDENTITY_THEFT, DebtorAct.REQUEST_CEASE}
    halting |= {DebtorAct.REPRESENTED, DebtorAct.DECLARE_BANKRUPTCY}
    for t in (t for ts in calls.values() for t in ts):
        first = next((turn.index for turn in t.turns if turn.act in halting), None)
        if first is None:
            continue
        assert t.agreement is None, t.dialogue_id
        assert t.termination in STOP_TERMINATIONS, t.dialogue_id
        assert first >= len(t.turns) - 2, t.dialogue_id  # only the collector's stopping act follows


def test_healthier_debtors_agree_more(calls):
    everyone = [t for ts in calls.values() for t in ts]
    by_band = {band: [t for t in everyone if t.persona.band is band] for band in HealthBand}
    agree = {band: sum(t.agreement is not None for t in ts) / len(ts) for band, ts in by_band.items()}
    assert agree[HealthBand.HEALTHY] > agree[HealthBand.DISTRESSED] + 0.2


@pytest.fixture(scope="module")
def by_strategy(tmp_path_factory) -> dict[RootCause, dict[str, float]]:
    """Agreement rate per root cause and strategy over 400 en + 400 zh calls (every strategy meets every debtor)."""
    counts: dict[RootCause, dict[str, list[bool]]] = {}
    for language in ("en", "zh"):
        config = compose_config(tmp_path_factory.mktemp(f"s{language}"), f"language={language}", "seed=3")
        for t in simulate(config):
            counts.setdefault(t.persona.root_cause, {}).setdefault(t.strategy, []).append(
                t.agreement is not None
            )
    return {c: {s: sum(v) / len(v) for s, v in row.items()} for c, row in counts.items()}


def test_within_every_root_cause_but_fraud_the_strategy_changes_the_outcome(by_strategy):
    for cause, rates in by_strategy.items():
        assert len(rates) >= 4
        spread = max(rates.values()) - min(rates.values())
        if cause is RootCause.FRAUD_VICTIM:
            assert spread == 0 and max(rates.values()) == 0  # never owed it: no strategy collects
        else:
            assert spread >= 0.05, (cause, rates)


def test_strategic_defaulters_resist_under_every_strategy(by_strategy):
    mine, honest = by_strategy[RootCause.STRATEGIC_DEFAULT], by_strategy[RootCause.FORGOT_OR_OVERSIGHT]
    for strategy, rate in mine.items():
        assert rate < 0.5 and rate < honest[strategy] - 0.3, (strategy, rate)

"""The world of a run agrees with its jurisdiction: money, places, lenders, the hour of the call.

- a `us` run (en or zh) writes no pound and no UK town anywhere; `uk` and `cn` keep to theirs;
- language and jurisdiction are separate settings (defaults en → us, zh → cn);
- every call starts inside the profile's calling hours, in the debtor's time zone, under its
  attempt limit and after its quiet days — a compliant dialler;
- the same seed gives the same bytes; transcripts and scenario files from before still load;
- a replayed debtor meets the regime and the call it was stored with.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np
import pytest

from evaluators.selection.partition import write_scenarios
from evaluators.selection.reasons import Split
from scenarios import Jurisdiction, Language, Product, policy_for, profile_for, sample_call, sample_case
from scenarios.jurisdiction import PROFILES
from scenarios.library import LIBRARY
from scenarios.money import format_money
from simulator.backends import make_backend
from simulator.config import LLMConfig
from simulator.dialogue import build_context, plan_dialogue
from simulator.replay import load_scenarios, replay_context
from simulator.runner import run
from simulator.store import iter_records
from simulator.transcript import Transcript

SMALL = ("persona.root_cause=[job_loss,medical,fraud_victim]", "persona.band=[stable,distressed]")


def place_names(jurisdiction: Jurisdiction) -> set[str]:
    """Every name of every place of the profile, in both languages."""
    return {name for place in PROFILES[jurisdiction].places for name in place.names.values()}


def simulate(make_config, *overrides: str, n: int = 24, sub: str = "run") -> tuple[list[dict], str]:
    config = make_config(f"n_dialogues={n}", *SMALL, *overrides, sub=sub)
    run(config, "", progress=False)
    path = Path(config.output_dir) / "transcripts.jsonl"
    return list(iter_records(path)), path.read_text(encoding="utf-8")


def assert_lawful_call(record: dict) -> None:
    """The call starts in the debtor's zone, inside the hours, under the limits of its profile."""
    profile, call = PROFILES[Jurisdiction(record["jurisdiction"]["id"])], record["call"]
    assert call["timezone"] in {p.timezone for p in profile.places}
    assert call["timezone"] == record["persona"]["identity"]["timezone"]
    start = dt.datetime.fromisoformat(call["local_start"])
    assert start.utcoffset() == start.replace(tzinfo=ZoneInfo(call["timezone"])).utcoffset()
    assert profile.calling_hours.allows(start.hour + start.minute / 60)
    limit = profile.limits.max_attempts_7d
    assert 0 <= call["attempts_7d"] < (limit or 7)
    quiet = profile.limits.quiet_days_after_conversation or 1
    assert call["days_since_conversation"] is None or call["days_since_conversation"] >= quiet


@pytest.mark.parametrize("language", ["en", "zh"])
def test_a_us_run_has_no_pound_and_no_uk_town(make_config, language):
    records, text = simulate(make_config, f"language={language}", "jurisdiction=us")
    assert "GBP" not in text and "£" not in text and "英镑" not in text
    found = [name for name in place_names(Jurisdiction.UK) if name in text]
    assert not found, f"UK places in a us run: {found}"
    us_places = {p.names[Language(language)] for p in PROFILES[Jurisdiction.US].places}
    for record in records:
        assert record["jurisdiction"]["id"] == "us" and record["case"]["currency"] == "USD"
        assert record["persona"]["identity"]["region"] in us_places
        assert record["case"]["creditor"] in {firm[Language(language)] for firm in _firms(Jurisdiction.US)}
        assert_lawful_call(record)


def _firms(jurisdiction: Jurisdiction) -> list[dict]:
    return [firm for spec in LIBRARY.values() for firm in spec.creditors[jurisdiction]]


@pytest.mark.parametrize(
    ("language", "jurisdiction", "currency"),
    [("en", "uk", "GBP"), ("zh", "cn", "CNY"), ("en", "cn", "CNY"), ("zh", "uk", "GBP")],
)
def test_uk_and_cn_runs_keep_to_their_money_and_places(make_config, language, jurisdiction, currency):
    records, text = simulate(make_config, f"language={language}", f"jurisdiction={jurisdiction}", n=12)
    places = {p.names[Language(language)] for p in PROFILES[Jurisdiction(jurisdiction)].places}
    for record in records:
        assert record["case"]["currency"] == currency and record["language"] == language
        assert record["persona"]["identity"]["region"] in places
        assert_lawful_call(record)
    others = set(Jurisdiction) - {Jurisdiction(jurisdiction)}
    assert not [name for other in others for name in place_names(other) if name in text]


def test_a_zh_debtor_in_the_us_owes_dollars(make_config):
    records, _ = simulate(make_config, "language=zh", "jurisdiction=us", n=12)
    said = " ".join(turn["text"] for record in records for turn in record["turns"])
    assert "美元" in said, "zh amounts of a USD case are written in 美元"
    assert all(
        record["case"]["product_name"] in {s.names[Language.ZH] for s in LIBRARY.values()}
        for record in records
    )


def test_language_and_jurisdiction_are_independent_settings(make_config):
    assert make_config().profile().id is Jurisdiction.US
    assert make_config("language=zh").profile().id is Jurisdiction.CN
    zh_us = make_config("language=zh", "jurisdiction=us")
    assert (zh_us.language, zh_us.profile().id) == (Language.ZH, Jurisdiction.US)
    en_cn = make_config("jurisdiction=cn")
    assert (en_cn.language, en_cn.profile().id) == (Language.EN, Jurisdiction.CN)
    assert make_config("jurisdiction=us").run_id() == make_config().run_id(), "auto resolves to us for en"
    assert make_config("jurisdiction=uk").run_id() != make_config().run_id()


def test_debtors_of_other_jurisdictions_have_other_ids(make_config):
    def ids(config) -> set[str]:
        backend, cells = make_backend(LLMConfig(), str(config.language)), config.grid().cells()
        return {
            build_context(config, plan_dialogue(config, cells, i), backend).persona.persona_id
            for i in range(8)
        }

    assert not ids(make_config("strategy=firm")) & ids(make_config("strategy=firm", "jurisdiction=uk"))


def test_the_same_seed_gives_the_same_bytes(make_config):
    first = make_config("n_dialogues=16", "seed=5", "jurisdiction=us", sub="a")
    again = make_config("n_dialogues=16", "seed=5", "jurisdiction=us", sub="b")
    run(first, "", progress=False)
    run(again, "", progress=False)
    a, b = (Path(c.output_dir) / "transcripts.jsonl" for c in (first, again))
    assert a.read_bytes() == b.read_bytes()


def test_transcripts_from_before_profiles_still_validate(make_config):
    records, _ = simulate(make_config, n=2)
    old = records[0]
    for key in ("jurisdiction", "call"):
        old.pop(key)
    old["case"].pop("id_last4")
    old["persona"]["identity"].pop("timezone")
    old["policy"].pop("hardship_max_installments")
    transcript = Transcript.model_validate(old)
    assert transcript.jurisdiction is None and transcript.call is None
    assert transcript.case.id_last4 is None and transcript.persona.identity.timezone is None


@pytest.mark.parametrize("jurisdiction", list(Jurisdiction))
def test_the_dialler_always_calls_within_the_rules(jurisdiction):
    profile = PROFILES[jurisdiction]
    for seed in range(300):
        rng = np.random.default_rng([seed, 16])
        timezone = profile.places[seed % len(profile.places)].timezone
        call = sample_call(rng, profile, timezone, dt.date(2026, 3, 8), overdue_days=int(5 + seed % 200))
        record = {
            "jurisdiction": {"id": str(jurisdiction)},
            "call": call.model_dump(),
            "persona": {"identity": {"timezone": timezone}},
        }
        assert_lawful_call(record)
        assert call.local_start.startswith("2026-03-08T")
        if call.days_since_conversation is not None:
            assert call.days_since_conversation <= max(5 + seed % 200, 7)


def test_every_case_files_four_identity_digits():
    digits = {
        sample_case(np.random.default_rng(s), Product.BNPL, Language.EN, "c", ("A B", "Mr. B")).id_last4
        for s in range(50)
    }
    assert all(d is not None and len(d) == 4 and d.isdigit() for d in digits) and len(digits) > 40


def test_the_library_sizes_debts_to_the_currency_and_names_local_lenders():
    for spec in LIBRARY.values():
        assert set(spec.creditors) == set(Jurisdiction)
        gbp, usd = spec.principal_range["GBP"], spec.principal_range["USD"]
        assert usd == pytest.approx((gbp[0] * 1.25, gbp[1] * 1.25))
        assert {p.currency for p in PROFILES.values()} <= set(spec.principal_range)
    names = [firm[lang] for j in Jurisdiction for firm in _firms(j) for lang in Language]
    assert len(names) == len(set(names)), "a lender belongs to one jurisdiction"
    for jurisdiction in Jurisdiction:
        case = sample_case(
            np.random.default_rng(1),
            Product.AUTO_LOAN,
            Language.ZH,
            "c",
            ("王伟", "王先生"),
            profile=PROFILES[jurisdiction],
        )
        assert case.currency == PROFILES[jurisdiction].currency
        assert case.creditor in {firm[Language.ZH] for firm in _firms(jurisdiction)}


def test_cn_cards_allow_personalised_instalments_in_hardship():
    card = policy_for(Product.CREDIT_CARD, Jurisdiction.CN)
    assert card.max_installments == 12 and card.for_hardship().max_installments == 60
    # every card has a hardship programme (3-5 year plans, a payment holiday: issue 23); China's runs to 5 years
    us = policy_for(Product.CREDIT_CARD, Jurisdiction.US)
    assert us == policy_for(Product.CREDIT_CARD) and us.for_hardship().max_installments == 36
    assert us.for_hardship().latest_first_payment_days == us.max_holiday_days > us.latest_first_payment_days
    assert policy_for(Product.AUTO_LOAN, "cn") == policy_for(Product.AUTO_LOAN)


def test_zh_amounts_name_a_foreign_currency():
    assert format_money(1234.5, "USD", "zh") == "1,234.50美元"
    assert format_money(88, "GBP", "zh") == "88.00英镑"
    assert format_money(1234.5, "CNY", "zh") == "1,234.50元"
    assert format_money(1234.5, "USD", "en") == "$1,234.50"


def test_a_replayed_debtor_meets_its_stored_regime_and_call(make_config, tmp_path):
    records, _ = simulate(make_config, "jurisdiction=uk", "strategy=firm", n=6, sub="orig")
    source = tmp_path / "orig" / "transcripts.jsonl"
    scenarios = tmp_path / "eval_scenarios.jsonl"
    assert write_scenarios(source, lambda _: Split.TEST, set(), scenarios) == 6
    replay = make_config(f"replay={scenarios}", "strategy=firm", "n_dialogues=6", sub="replay")
    backend = make_backend(LLMConfig(), "en")
    for index, record in enumerate(records):
        ctx, _ = replay_context(replay, index, backend)
        assert ctx.jurisdiction.id is Jurisdiction.UK, "stored regime, though the replay config says auto"
        assert ctx.call is not None and ctx.call.model_dump() == record["call"]
        assert ctx.call_date == record["call"]["local_start"][:10]
    old = tmp_path / "old_scenarios.jsonl"
    lines = [json.loads(line) for line in scenarios.read_text().splitlines()]
    old.write_text(
        "".join(
            json.dumps({k: v for k, v in s.items() if k not in ("jurisdiction", "call")}) + "\n"
            for s in lines
        )
    )
    old_replay = make_config(f"replay={old}", "strategy=firm", "n_dialogues=6", sub="old")
    assert len(load_scenarios(str(old))) == 6
    ctx, _ = replay_context(old_replay, 0, backend)
    assert ctx.jurisdiction == profile_for(None, "en") and ctx.call is None

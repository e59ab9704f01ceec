"""A campaign run directory: byte-identical on a rerun, resumable per account, summarised correctly."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from evaluators.campaign import campaign_stage, per_debtor, summarize
from evaluators.outcome import score_outcome
from scenarios import Agreement, Offer
from simulator.campaign.batch import ACCOUNTS, ATTEMPTS, run_campaign
from simulator.repayment import Payment, Repayment
from simulator.store import TRANSCRIPTS, iter_transcripts

FILES = (TRANSCRIPTS, ATTEMPTS, ACCOUNTS)
SMALL = ("campaign=default", "seed=5", "campaign.days=40", "persona.root_cause=[job_loss,over_indebtedness]")


def files(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in FILES}


def test_same_seed_same_bytes_and_resume_per_account(make_config) -> None:
    first = make_config(*SMALL, "n_dialogues=6", sub="a")
    run_campaign(first, "", progress=False)
    again = make_config(*SMALL, "n_dialogues=6", sub="b")
    run_campaign(again, "", progress=False)
    assert files(Path(first.output_dir)) == files(Path(again.output_dir))
    lines = (Path(first.output_dir) / TRANSCRIPTS).read_text().splitlines()
    assert lines and all(json.loads(line)["account_id"] for line in lines)

    # a crash mid-account: its dialogues written, its record not; and one account never started
    out = Path(make_config(*SMALL, "n_dialogues=6", sub="c").output_dir)
    out.mkdir(parents=True)
    done = (Path(first.output_dir) / ACCOUNTS).read_text().splitlines(keepends=True)
    (out / ACCOUNTS).write_text("".join(done[:4]))
    for name in (TRANSCRIPTS, ATTEMPTS):
        kept = [
            line
            for line in (Path(first.output_dir) / name).read_text().splitlines(keepends=True)
            if json.loads(line)["account_id"] <= json.loads(done[4])["account_id"]
        ]
        (out / name).write_text("".join(kept))
    resumed = make_config(*SMALL, "n_dialogues=6", sub="c")
    run_campaign(resumed, "", progress=False)
    assert files(out) == files(Path(first.output_dir))


def test_a_different_seed_gives_other_accounts(make_config) -> None:
    a = make_config(*SMALL, "n_dialogues=4", sub="a")
    b = make_config("campaign=default", "seed=6", "campaign.days=40", "n_dialogues=4", sub="b")
    run_campaign(a, "", progress=False)
    run_campaign(b, "", progress=False)
    assert (Path(a.output_dir) / ATTEMPTS).read_bytes() != (Path(b.output_dir) / ATTEMPTS).read_bytes()


def record(strategy: str, status: str, outstanding: float, paid: float, **more) -> dict:
    base = {
        "account_id": f"a-{strategy}-{status}-{paid}",
        "persona_id": "p",
        "strategy": strategy,
        "status": status,
        "outstanding": outstanding,
        "paid": paid,
        "lump_paid": 0.0,
        "savings": 1000.0,
        "plan_burden": None,
        "attempts": 10,
        "contacts": 2,
        "promises": 1,
        "broken": 0,
        "days": 30,
    }
    return base | more


def test_summary_numbers_on_a_hand_built_campaign(tmp_path: Path) -> None:
    records = [
        record("firm", "paid_in_full", 1000.0, 1000.0, lump_paid=1000.0, savings=4000.0, days=10),
        record("firm", "rolled", 3000.0, 0.0, promises=1, broken=1, contacts=3, attempts=20, days=90),
        record("empathetic", "on_plan", 2000.0, 500.0, plan_burden=0.25, contacts=1, attempts=4, days=90),
        record(
            "empathetic", "current", 1000.0, 300.0, plan_burden=0.5, lump_paid=300.0, savings=600.0, days=20
        ),
    ]
    summary = summarize(per_debtor(records), n_boot=200, seed=1)
    firm, emp = summary["by_strategy"]["firm"], summary["by_strategy"]["empathetic"]
    assert firm["success_rate"]["mean"] == 0.5 and emp["success_rate"]["mean"] == 0.0
    assert emp["cured_rate"]["mean"] == 0.5
    assert firm["recovery_rate"]["mean"] == pytest.approx(1000 / 4000, abs=1e-4)
    assert emp["recovery_rate"]["mean"] == pytest.approx(800 / 3000, abs=1e-4)
    assert firm["recovered_per_contact"]["mean"] == pytest.approx(1000 / 5, abs=1e-4)
    assert firm["recovered_per_attempt"]["mean"] == pytest.approx(1000 / 30, abs=1e-4)
    assert emp["recovered_per_day"]["mean"] == pytest.approx(800 / 110, abs=1e-4)
    assert firm["savings_left_ratio"]["mean"] == pytest.approx((0.75 + 1.0) / 2, abs=1e-4)
    assert emp["savings_left_ratio"]["mean"] == pytest.approx((1.0 + 0.5) / 2, abs=1e-4)
    assert (
        emp["plan_burden"]["mean"] == pytest.approx(0.375, abs=1e-4) and firm["plan_burden"]["mean"] is None
    )
    assert firm["promise_kept_rate"]["mean"] == 0.5
    assert summary["all"]["recovery_rate"]["mean"] == pytest.approx(1800 / 7000, abs=1e-4)
    ci = summary["all"]["recovery_rate"]
    assert ci["ci_low"] <= ci["mean"] <= ci["ci_high"] and ci["ci_low"] < ci["ci_high"]

    (tmp_path / ACCOUNTS).write_text("".join(json.dumps(r) + "\n" for r in records))
    written = campaign_stage(tmp_path, n_boot=200, seed=1)
    assert written == json.loads((tmp_path / "campaign.json").read_text())
    assert len(pd.read_parquet(tmp_path / "campaign.parquet")) == 4


def test_recovery_ratio_is_what_the_promise_paid(make_config) -> None:
    config = make_config(*SMALL, "n_dialogues=4")
    run_campaign(config, "", progress=False)
    t = next(iter_transcripts(Path(config.output_dir) / TRANSCRIPTS))
    offer = Offer(amount_now=100.0, installment=50.0, count=2, waiver=0.0, first_due_days=7)
    paid = Repayment(
        payments=(Payment(day=7, due=100.0, paid=100.0), Payment(day=37, due=50.0, paid=0.0)), broken=True
    )
    agreed = t.model_copy(update={"agreement": Agreement(offer=offer, turn_index=3, simulated_day=7)})
    assert score_outcome(agreed).recovery_ratio == pytest.approx(round(200.0 / t.case.outstanding, 4))
    campaign = agreed.model_copy(update={"repayment": paid})
    score = score_outcome(campaign)
    assert score.agreed and score.recovery_ratio == pytest.approx(round(100.0 / t.case.outstanding, 4))

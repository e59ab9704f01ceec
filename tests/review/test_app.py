"""The review app through Starlette's test client: page, queue order, call view, decisions."""

from __future__ import annotations

import pandas as pd
import pytest
from starlette.testclient import TestClient

from debtsim.review.app import create_app
from debtsim.review.decisions import read_decisions
from debtsim.review.queue import IFD_SAMPLES, Reason, build_queue, reward_threshold, uncertainty


@pytest.fixture
def client(run_dir):
    return TestClient(create_app(run_dir))


def test_page_in_both_languages(client):
    en, zh = client.get("/"), client.get("/?lang=zh")
    assert en.status_code == 200 and '<html lang="en">' in en.text
    assert '<html lang="zh">' in zh.text and "审核队列" in zh.text
    assert '<html lang="zh">' in client.get("/", headers={"accept-language": "zh-CN,zh"}).text


def test_queue_lists_every_call_with_reasons(client):
    items = client.get("/api/queue").json()["items"]
    assert len(items) == 13 and all(i["ingested"] for i in items)
    assert [i["uncertainty"] for i in items] == sorted((i["uncertainty"] for i in items), reverse=True)
    assert items[0]["reasons"][0]["code"] == "ingested"


def test_uncertainty_ranks_near_the_threshold_and_disagreement_first():
    threshold = reward_threshold()
    near, _ = uncertainty({"reward": threshold + 0.01}, False, threshold)
    far, _ = uncertainty({"reward": 0.1}, False, threshold)
    real, reasons = uncertainty(None, True, threshold)
    clash, why = uncertainty(
        {"reward": 0.9, "judge_mean": 5, "judge_compliance": 1, "compliant": True}, False, threshold
    )
    assert near > far and real > 0 and reasons == [Reason(code="ingested")]
    assert clash > near and "disagreement" in {r.code for r in why}
    margin, why = uncertainty({"reward": 0.1}, False, threshold, ifd_margin=0.02)
    assert margin > far and [r.code for r in why] == ["ifd"]
    assert uncertainty({"reward": 0.1}, False, threshold, ifd_margin=0.9)[0] == far


def test_decisions_through_the_api(client, run_dir):
    assert client.post("/api/decision", json={"dialogue_id": "zh-001", "action": "accept"}).status_code == 200
    edit = {"dialogue_id": "zh-001", "action": "edit", "turn": 0, "text": "您好。"}
    assert client.post("/api/decision", json=edit).json()["summary"]["edited_turns"] == 1
    call = client.get("/api/call/zh-001").json()
    assert call["verdict"] == "accept" and call["turns"][0] == {
        **call["turns"][0],
        "text": "您好。",
        "edited": True,
    }
    assert client.post("/api/decision", json={"dialogue_id": "nope", "action": "accept"}).status_code == 404
    assert client.post("/api/decision", json={**edit, "turn": 99}).status_code == 422
    assert client.post("/api/decision", json={"dialogue_id": "zh-001", "action": "maybe"}).status_code == 422
    assert len(read_decisions(run_dir)) == 2


def test_a_low_ifd_margin_moves_a_call_up(run_dir):
    last = build_queue(run_dir)[-1].dialogue_id
    pd.DataFrame({"dialogue_id": [last, last], "ifd": [0.99, 0.4]}).to_parquet(run_dir / IFD_SAMPLES)
    first = build_queue(run_dir)[0]
    assert first.dialogue_id == last and "ifd" in {r.code for r in first.reasons}

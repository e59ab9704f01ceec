"""The `openai` backend against a fake endpoint that fails on purpose: nothing lost, retries bounded."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Annotated

import pytest
from pydantic import BaseModel, Field

from scenarios import CollectorAct
from simulator.backends import make_backend
from simulator.batch import simulate_concurrently
from simulator.dialogue import dialogue_id
from simulator.llm import BackendError
from simulator.llm.replies import CollectorReply, ReplyInvalid, parse_reply
from simulator.store import TRANSCRIPTS, iter_transcripts
from simulator.transcript import Speaker, Termination
from tests.llm.fault_server import Fault

FAST = ("llm.settings.timeout=0.3", "llm.settings.backoff_initial=0.001", "llm.settings.backoff_max=0.005")


def fake_config(make_config, endpoint, *overrides: str, n: int = 6):
    return make_config(
        "llm=openai",
        f"llm.settings.base_url={endpoint.base_url}",
        "llm.settings.model=fake",
        f"n_dialogues={n}",
        "max_turns=8",
        "noise=none",
        *FAST,
        *overrides,
    )


def run(config, out: Path):
    return simulate_concurrently(config, out, progress=False)


def test_clean_endpoint_decides_every_turn(make_config, fake_endpoint, tmp_path):
    endpoint = fake_endpoint()
    config = fake_config(
        make_config, endpoint, "llm.collector_mode=decide_and_speak", "llm.debtor_mode=decide_and_speak"
    )
    tally = run(config, tmp_path)
    transcripts = list(iter_transcripts(tmp_path / TRANSCRIPTS))
    assert tally.dialogues == len(transcripts) == 6
    turns = [t for tr in transcripts for t in tr.turns]
    assert all(tr.termination is not Termination.ERROR for tr in transcripts)
    assert all(t.text.startswith("fake ") and t.usage.completion_tokens == 7 for t in turns)
    assert not any(t.usage.repaired or t.usage.fallback for t in turns)
    assert tally.usage["completion_tokens"] == 7 * len(turns)
    assert endpoint.requests == len(turns)


def test_a_reply_cut_at_max_tokens_is_repaired_then_falls_back(make_config, fake_endpoint, tmp_path):
    """A structured reply stopped at the length limit is an invalid reply, not a dead endpoint: the
    turn asks once more, then speaks the scripted words, marked as a fallback; no dialogue errors."""
    endpoint = fake_endpoint({Fault.LENGTH: 1.0})
    config = fake_config(
        make_config,
        endpoint,
        "llm.settings.structured=json_schema",
        "llm.collector_mode=decide_and_speak",
        "llm.debtor_mode=decide_and_speak",
        n=2,
    )
    run(config, tmp_path)
    transcripts = list(iter_transcripts(tmp_path / TRANSCRIPTS))
    assert len(transcripts) == 2 and all(tr.termination is not Termination.ERROR for tr in transcripts)
    turns = [t for tr in transcripts for t in tr.turns]
    assert turns and all(t.usage.fallback and t.raw for t in turns)
    assert endpoint.requests == 2 * len(turns)


def test_faults_lose_no_dialogue_and_retries_are_bounded(make_config, fake_endpoint, tmp_path):
    rates = {
        Fault.ERROR_500: 0.1,
        Fault.RATE_LIMIT: 0.05,
        Fault.HANG: 0.05,
        Fault.DROP: 0.1,
        Fault.MALFORMED_BODY: 0.05,
        Fault.BAD_ARGUMENTS: 0.1,
    }
    endpoint = fake_endpoint(rates, seed=3, hang_s=1.0)
    config = fake_config(
        make_config, endpoint, "llm.collector_mode=decide_and_speak", "llm.settings.retries=2", n=16
    )
    run(config, tmp_path)
    transcripts = list(iter_transcripts(tmp_path / TRANSCRIPTS))
    assert sorted(t.dialogue_id for t in transcripts) == [dialogue_id(config, i) for i in range(16)]
    turns = [t for tr in transcripts for t in tr.turns]
    assert all(t.text for t in turns)
    for transcript in transcripts:
        if transcript.termination is Termination.ERROR:
            assert "gave up after 3 attempts" in transcript.error
    collector = [t for t in turns if t.speaker is Speaker.COLLECTOR]
    marked = sum(t.usage.repaired or t.usage.fallback for t in collector)
    assert 0 < marked <= endpoint.counts[Fault.BAD_ARGUMENTS]
    assert all(t.raw for t in collector if t.usage.repaired or t.usage.fallback)
    errored = sum(t.termination is Termination.ERROR for t in transcripts)
    # each turn: at most 2 structured attempts (one repair) x 3 tries; each failed dialogue: 3 more
    assert endpoint.requests <= 6 * len(collector) + 3 * (len(turns) - len(collector)) + 6 * errored


def test_server_down_ends_each_dialogue_with_error_after_bounded_retries(
    make_config, fake_endpoint, tmp_path
):
    endpoint = fake_endpoint({Fault.ERROR_500: 1.0})
    config = fake_config(make_config, endpoint, "llm.settings.retries=2", n=5)
    tally = run(config, tmp_path)
    transcripts = list(iter_transcripts(tmp_path / TRANSCRIPTS))
    assert tally.terminations == {"error": 5}
    assert all("500" in t.error and t.turns == [] for t in transcripts)
    assert endpoint.requests == 5 * 3


def test_resume_skips_finished_dialogues(make_config, fake_endpoint, tmp_path):
    endpoint = fake_endpoint()
    run(fake_config(make_config, endpoint, n=3), tmp_path)
    first = endpoint.requests
    tally = run(fake_config(make_config, endpoint, n=5), tmp_path)
    ids = [t.dialogue_id for t in iter_transcripts(tmp_path / TRANSCRIPTS)]
    assert len(ids) == len(set(ids)) == tally.dialogues == 5
    assert 0 < endpoint.requests - first < first  # only the two new dialogues were asked for


def test_api_key_is_sent_but_never_written(make_config, fake_endpoint, tmp_path, monkeypatch):
    monkeypatch.setenv("DEBTSIM_TEST_KEY", "sk-test-secret-123")
    endpoint = fake_endpoint()
    config = fake_config(make_config, endpoint, "llm.settings.api_key_env=DEBTSIM_TEST_KEY", n=2)
    run(config, tmp_path)
    assert endpoint.auth == {"Bearer sk-test-secret-123"}
    for path in tmp_path.rglob("*"):
        if path.is_file():
            assert "sk-test-secret" not in path.read_text(errors="replace")


def test_missing_key_fails_at_construction(make_config, fake_endpoint, monkeypatch):
    monkeypatch.delenv("DEBTSIM_ABSENT_KEY", raising=False)
    config = fake_config(make_config, fake_endpoint(), "llm.settings.api_key_env=DEBTSIM_ABSENT_KEY")
    with pytest.raises(BackendError, match="DEBTSIM_ABSENT_KEY"):
        make_backend(config.llm, "en")


def test_bad_setting_names_the_field(make_config, fake_endpoint):
    config = fake_config(make_config, fake_endpoint(), "llm.settings.concurrency=0")
    with pytest.raises(BackendError, match=r"llm\.settings\.concurrency"):
        make_backend(config.llm, "en")


class Rubric(BaseModel):
    score: Annotated[int, Field(ge=1, le=5)]
    reasoning: str


def test_complete_json_sync_and_async(make_config, fake_endpoint):
    config = fake_config(make_config, fake_endpoint())
    backend = make_backend(config.llm, "en")
    try:
        rubric, usage = backend.complete_json([("system", "judge"), ("user", "a dialogue")], Rubric)
        again, _ = asyncio.run(backend.acomplete_json([("user", "a dialogue")], Rubric))
    finally:
        backend.close()
    assert rubric == again == Rubric(score=3, reasoning="ok")
    assert usage.prompt_tokens == 11 and not usage.repaired


def test_complete_json_raises_after_one_repair(make_config, fake_endpoint):
    endpoint = fake_endpoint({Fault.BAD_ARGUMENTS: 1.0})
    backend = make_backend(fake_config(make_config, endpoint).llm, "en")
    try:
        with pytest.raises(BackendError, match="after one repair"):
            backend.complete_json([("user", "a dialogue")], Rubric)
    finally:
        backend.close()
    assert endpoint.requests == 2


GOOD = {
    "act": "offer_plan",
    "text": "Shall we?",
    "offer": {"amount_now": 100, "installment": 50, "count": 3, "waiver": 0, "first_due_days": 7},
}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (json.dumps(GOOD), CollectorAct.OFFER_PLAN),
        (
            "Sure! Here it is:\n```json\n" + json.dumps(GOOD) + "\n```\nAnything else?",
            CollectorAct.OFFER_PLAN,
        ),
        (json.dumps({"act": "greet", "text": "Hi", "offer": GOOD["offer"]}), CollectorAct.GREET),
        (json.dumps(GOOD)[:40], "no JSON object"),
        ('{"act": "offer_plan", "text": "no plan"}', "needs an offer"),
        ('{"act": "threaten", "text": "pay up"}', "act"),
        ('{"act": "greet", "text": ""}', "text"),
        ("", "empty reply"),
    ],
    ids=[
        "clean",
        "chatter",
        "extra-offer-dropped",
        "truncated",
        "missing-offer",
        "unknown-act",
        "empty-text",
        "empty",
    ],
)
def test_parse_reply(text, expected):
    if isinstance(expected, CollectorAct):
        reply = parse_reply(text, CollectorReply)
        assert reply.act is expected
        assert (reply.offer is None) == (expected is CollectorAct.GREET)
    else:
        with pytest.raises(ReplyInvalid, match=expected):
            parse_reply(text, CollectorReply)


def test_an_unreachable_server_fails_at_start_with_one_line(make_config, tmp_path):
    from simulator.llm.server_process import free_port

    url = f"http://127.0.0.1:{free_port()}/v1"  # nothing listens there
    config = make_config(
        "llm=openai", f"llm.settings.base_url={url}", "llm.settings.model=m", "n_dialogues=2"
    )
    with pytest.raises(BackendError, match=rf"llm\.settings\.base_url: cannot reach {url}"):
        run(config, tmp_path)
    assert not (tmp_path / TRANSCRIPTS).exists() or not (tmp_path / TRANSCRIPTS).read_text()

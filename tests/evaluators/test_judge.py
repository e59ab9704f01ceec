"""The judge: a bounded rubric, a bilingual prompt from the field descriptions, the backend path
(a fake backend, the scripted backend's stand-in answer, and — marked `llm` — the real local model)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from pydantic import BaseModel, ValidationError

from evaluators.llm_judge import BackendJudge, JudgeMode, judge_messages
from evaluators.rubric import DIMENSIONS, JudgeRubric, describe
from evaluators.scoring import score_transcript
from scenarios import CollectorAct, DebtorAct, plan_offer
from simulator.backends import make_backend
from simulator.llm.base import Backend, BackendError, BackendName
from simulator.llm.scripted import ScriptedBackend
from simulator.transcript import Termination, Usage
from tests.evaluators.eval_dialogues import RICH, Dialogue, persona

FULL = plan_offer(1200.0, 0.0, 1200.0, 0, 7)


def deal(language: str = "en"):
    return (
        Dialogue(language=language)
        .opening()
        .deal(FULL)
        .finish(persona(**RICH, language=language), Termination.AGREEMENT, FULL)
    )


def rubric_dict(score: int) -> dict:
    return {name: {"reasoning": f"{name} ok", "score": score} for name in DIMENSIONS}


class FakeBackend(Backend):
    """Answers every structured request with a fixed reply (or an error), recording the messages."""

    name = BackendName.OPENAI

    def __init__(self, reply: dict | None) -> None:
        self.reply = reply
        self.seen: list[list[tuple[str, str]]] = []

    def collector_turn(self, view, move, rng):
        raise NotImplementedError

    def debtor_turn(self, view, move, rng):
        raise NotImplementedError

    def complete_json(
        self, messages: list[tuple[str, str]], schema: type[BaseModel]
    ) -> tuple[BaseModel, Usage]:
        self.seen.append(messages)
        if self.reply is None:
            raise BackendError("reply did not validate: score 9 > 5\nsecond line")
        return schema.model_validate(self.reply), Usage(prompt_tokens=10, completion_tokens=5)


@pytest.mark.parametrize("score", [0, 6])
def test_rubric_rejects_out_of_range_scores(score: int) -> None:
    with pytest.raises(ValidationError):
        JudgeRubric.model_validate(rubric_dict(score))


def test_schema_is_the_rubric() -> None:
    schema = json.dumps(JudgeRubric.model_json_schema(), ensure_ascii=False)
    assert '"maximum": 5' in schema and '"minimum": 1' in schema
    for name in DIMENSIONS:
        assert describe(name, "en") in schema and describe(name, "zh") in schema


@pytest.mark.parametrize("language", ["en", "zh"])
def test_prompt_is_built_from_the_descriptions(language: str) -> None:
    system, user = judge_messages(deal(language))
    assert system[0] == "system" and user[0] == "user"
    for name in DIMENSIONS:
        assert describe(name, language) in system[1]
    other = "zh" if language == "en" else "en"
    assert describe("empathy", other) not in system[1]
    assert "[6]" in user[1] and "1,200.00" in user[1]


def test_backend_judge_uses_complete_json() -> None:
    backend = FakeBackend(rubric_dict(4))
    row = score_transcript(deal(), BackendJudge(backend))
    assert len(backend.seen) == 1 and backend.seen[0][0][0] == "system"
    assert [row[f"judge_{n}"] for n in DIMENSIONS] == [4] * len(DIMENSIONS)
    assert row["judge_mean"] == 4.0 and row["judge_source"] == "openai" and row["judge_error"] is None
    assert json.loads(row["judge_reasoning"])["empathy"] == "empathy ok"


def test_backend_failure_is_recorded_not_raised() -> None:
    row = score_transcript(deal(), BackendJudge(FakeBackend(None)))
    assert row["judge_error"] == "reply did not validate: score 9 > 5"
    assert row["judge_mean"] is None and row["judge_empathy"] is None
    assert row["reward"] == score_transcript(deal())["reward"]  # the reward never depends on the judge


def test_stand_in_follows_the_rule_scores() -> None:
    good = score_transcript(deal())
    assert (
        good["judge_source"] == "rules" and good["judge_negotiation"] == 5 and good["judge_compliance"] == 5
    )
    d = Dialogue().opening().say(CollectorAct.WARN_CONSEQUENCES, "Pay or we know where you live, you idiot.")
    bad = score_transcript(d.say(DebtorAct.HANG_UP, "Bye.").finish(persona(**RICH), Termination.HANG_UP))
    assert bad["judge_compliance"] == 1 and bad["judge_empathy"] < good["judge_empathy"]
    assert bad["judge_negotiation"] == 2
    assert score_transcript(deal()) == good


def test_judge_off_leaves_columns_empty() -> None:
    row = score_transcript(deal(), None)
    assert row["judge_mean"] is None and row["judge_source"] is None


def test_old_config_name_of_the_rule_judge_still_parses() -> None:
    assert JudgeMode("scripted") is JudgeMode.RULES and JudgeMode("backend") is JudgeMode.BACKEND


@pytest.mark.parametrize("language", ["en", "zh"])
def test_scripted_backend_judges_end_to_end(language: str) -> None:
    """Prompt rendering → ScriptedBackend.complete_json → validation → the stored columns."""
    t = deal(language)
    row = score_transcript(t, BackendJudge(ScriptedBackend(language)))
    scores = [row[f"judge_{n}"] for n in DIMENSIONS]
    assert row["judge_source"] == "scripted" and row["judge_error"] is None
    assert all(1 <= s <= 5 for s in scores) and row["judge_mean"] == pytest.approx(sum(scores) / len(scores))
    reasons = json.loads(row["judge_reasoning"])
    assert set(reasons) == set(DIMENSIONS)
    assert ("stand-in" if language == "en" else "替身") in reasons["empathy"]
    assert score_transcript(t, BackendJudge(ScriptedBackend(language))) == row


def test_scripted_answer_is_derived_from_the_messages() -> None:
    backend = ScriptedBackend("en")
    answers = {
        json.dumps(backend.complete_json([("user", f"dialogue {i}")], JudgeRubric)[0].scores())
        for i in range(20)
    }
    assert len(answers) > 10  # different prompts, different answers
    one = backend.complete_json(judge_messages(deal()), JudgeRubric)[0]
    assert one == backend.complete_json(judge_messages(deal()), JudgeRubric)[0]


def test_scripted_answer_is_the_same_in_a_fresh_process() -> None:
    """Seeded from a SHA-256 of the messages, never Python's salted hash()."""
    messages = [("system", "rubric"), ("user", "[0] Collector (greet): Hello")]
    code = (
        "import json, sys; from evaluators.rubric import JudgeRubric; "
        "from simulator.llm.scripted import ScriptedBackend; "
        "m = [tuple(x) for x in json.loads(sys.argv[1])]; "
        "print(ScriptedBackend('en').complete_json(m, JudgeRubric)[0].model_dump_json())"
    )
    env = {"PYTHONHASHSEED": "4242", "PATH": "/usr/bin:/bin"}
    out = subprocess.run(
        [sys.executable, "-c", code, json.dumps(messages)],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    assert (
        out.stdout.strip() == ScriptedBackend("en").complete_json(messages, JudgeRubric)[0].model_dump_json()
    )


def test_scripted_backend_fills_bounds_of_any_schema() -> None:
    from typing import Literal

    from pydantic import Field

    class Other(BaseModel):
        share: float = Field(gt=0.0, lt=1.0)
        count: int = Field(gt=3, le=4)
        label: Literal["x", "y"]
        flag: bool
        note: str | None = None
        items: list[int]

    value, usage = ScriptedBackend("en").complete_json([("user", "q")], Other)
    assert 0 < value.share < 1 and value.count == 4 and value.label == "x" and value.items == []
    assert usage.completion_tokens == 0

    class Unfillable(BaseModel):
        blob: bytes

    with pytest.raises(BackendError, match="blob"):
        ScriptedBackend("en").complete_json([("user", "q")], Unfillable)


@pytest.mark.llm
def test_backend_judge_runs_on_the_real_local_model(local_server, make_config) -> None:
    """The real SmolLM2 answers the rubric through the openai backend; whatever it says, the row
    holds either a validated rubric or the validation error — never a raise, never a half row."""
    config = make_config(
        "llm=openai",
        f"llm.settings.base_url={local_server}",
        "llm.settings.model=smollm2-135m-instruct",
        "llm.settings.concurrency=1",
        "llm.settings.max_tokens=400",
        "llm.settings.timeout=600",
    )
    backend = make_backend(config.llm, "en")
    calls: list[str] = []
    ask = backend.complete_json

    def counted(messages, schema):
        calls.append(schema.__name__)
        return ask(messages, schema)

    backend.complete_json = counted
    try:
        row = score_transcript(deal(), BackendJudge(backend))
    finally:
        backend.close()
    assert calls == ["JudgeRubric"] and row["judge_source"] == "openai"
    scores = [row[f"judge_{n}"] for n in DIMENSIONS]
    if row["judge_error"] is None:
        assert all(1 <= s <= 5 for s in scores) and row["judge_mean"] is not None
        assert all(r.strip() for r in json.loads(row["judge_reasoning"]).values())
    else:
        assert row["judge_error"].strip() and all(s is None for s in scores) and row["judge_mean"] is None

"""The judge: a bounded rubric, a bilingual prompt from the field descriptions, the backend path."""

from __future__ import annotations

import json

import pytest
from pydantic import BaseModel, ValidationError

from evaluators.judge import BackendJudge, judge_messages
from evaluators.rubric import DIMENSIONS, JudgeRubric, describe
from evaluators.scoring import score_transcript
from scenarios import CollectorAct, DebtorAct, plan_offer
from simulator.llm.base import Backend, BackendError, BackendName
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
        good["judge_source"] == "scripted"
        and good["judge_negotiation"] == 5
        and good["judge_compliance"] == 5
    )
    d = Dialogue().opening().say(CollectorAct.WARN_CONSEQUENCES, "Pay or we know where you live, you idiot.")
    bad = score_transcript(d.say(DebtorAct.HANG_UP, "Bye.").finish(persona(**RICH), Termination.HANG_UP))
    assert bad["judge_compliance"] == 1 and bad["judge_empathy"] < good["judge_empathy"]
    assert bad["judge_negotiation"] == 2
    assert score_transcript(deal()) == good


def test_judge_off_leaves_columns_empty() -> None:
    row = score_transcript(deal(), None)
    assert row["judge_mean"] is None and row["judge_source"] is None

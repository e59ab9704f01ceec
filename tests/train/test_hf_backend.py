"""The `hf` collector: its prompt is the exported training format; its sampling is seeded per turn."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from scenarios import Offer
from scenarios.strategies import CollectorMove
from simulator.llm.base import AgentMode
from simulator.llm.hf import CollectorPrompt, HFBackend, HFSettings, row_seed
from simulator.sample_turns import sample_turns
from simulator.transcript import Speaker


@pytest.fixture(scope="module")
def view_and_move():
    turns = [t for t in sample_turns("en", 1) if t.role is Speaker.COLLECTOR and t.index >= 6]
    return turns[0].view, turns[0].move


def test_training_prompt_matches_the_export_shape_and_hides_the_persona(view_and_move):
    view, move = view_and_move
    backend = HFBackend(HFSettings(model="/nonexistent", history_lines=4), "en")
    messages = backend.prompt(view, move)  # no model is loaded to build a prompt
    assert messages[0]["role"] == "system" and view.case.customer_name in messages[0]["content"]
    roles = [m["role"] for m in messages[1:]]
    assert roles[0] == "user" and roles[-1] == "user" and len(roles) <= 4
    assert all(a != b for a, b in itertools.pairwise(roles))
    assert "max_lump" not in str(messages) and "willingness" not in str(messages)


def test_speak_prompt_names_the_move(view_and_move):
    view, move = view_and_move
    backend = HFBackend(HFSettings(model="/nonexistent", prompt=CollectorPrompt.SPEAK), "en")
    assert str(move.act) in backend.prompt(view, move)[0]["content"]


def test_row_seed_depends_on_the_run_seed_and_the_turn_only():
    def turn() -> np.random.Generator:
        return np.random.default_rng([0, 3, 1])  # what DialogueContext.rng builds for one turn

    first = row_seed(HFSettings(seed=0), turn())
    assert first == row_seed(HFSettings(seed=0), turn())
    assert first != row_seed(HFSettings(seed=1), turn())
    assert first != row_seed(HFSettings(seed=0), np.random.default_rng([0, 3, 2]))


@pytest.mark.llm
def test_same_seed_same_reply_and_batching_does_not_change_it():
    pytest.importorskip("torch")
    from simulator.llm.hf import Generator
    from simulator.local_model import LocalModelError, ensure_local_model

    try:
        folder = ensure_local_model()
    except LocalModelError as exc:
        pytest.skip(str(exc))
    generator = Generator(HFSettings(model=str(folder), max_new_tokens=8, threads=1, temperature=1.0))
    chat = [{"role": "user", "content": "[call connected]"}]
    other = [{"role": "user", "content": "Hello? Who is calling, and what is this about?"}]
    alone = generator.generate([chat], [11])[0].text
    again, _ = (r.text for r in generator.generate([chat, other], [11, 5]))
    assert alone and alone == again
    assert len({r.text for r in generator.generate([chat] * 4, [1, 2, 3, 4])}) > 1


def test_replay_prompt_is_the_training_sample_prompt(selected_run):
    """For a trained-on call, what `llm=hf` shows the model at each collector turn is exactly the
    prompt of that turn's SFT sample: same system prompt, same window, same merging."""
    from debtsim.train.commands import compose_settings
    from debtsim.train.train_samples import keyed, turn_samples
    from scenarios.strategies import Evidence, Tone
    from simulator.store import iter_transcripts
    from simulator.views import collector_view

    settings = compose_settings([])
    dialogue_id, record = keyed(selected_run / "sft" / "train", "index.jsonl")[0]
    samples = turn_samples([(dialogue_id, record)], settings, lambda prompt, reply: 0).records
    t = next(x for x in iter_transcripts(selected_run / "transcripts.jsonl") if x.dialogue_id == dialogue_id)
    backend = HFBackend(HFSettings(model="/nonexistent", history_lines=settings.history_lines), t.language)
    prompts = []
    for k, turn in enumerate(t.turns):
        if turn.speaker is not Speaker.COLLECTOR:
            continue
        view = collector_view(
            t.turns[:k],
            Evidence(),
            case=t.case,
            policy=t.policy,
            strategy=t.strategy,
            tone=Tone.NEUTRAL,
            language=t.language,
            agent_name="Sam",
            call_date="2026-03-02",
        )
        prompts.append(backend.prompt(view, CollectorMove(act=turn.act, offer=turn.offer)))
    assert prompts[: len(samples)] == [s["prompt"] for s in samples] and len(samples) >= 3


def test_decide_mode_reads_the_move_from_the_words(view_and_move):
    from scenarios import CollectorAct
    from simulator.llm.base import AgentMode
    from simulator.llm.hf import Reply
    from simulator.llm.scripted import ScriptedBackend

    view, _ = view_and_move
    offer = view.evidence.last_offer or Offer(
        amount_now=50, installment=80, count=6, waiver=0, first_due_days=10
    )
    policy = CollectorMove(act=CollectorAct.OFFER_PLAN, offer=offer)
    words = ScriptedBackend("en").collector_turn(view, policy, np.random.default_rng(1)).text
    decide = HFBackend(HFSettings(model="/nonexistent"), "en", AgentMode.DECIDE_AND_SPEAK)
    speak = HFBackend(HFSettings(model="/nonexistent"), "en", AgentMode.SPEAK)
    said = decide._utterance(Reply(words, 10, 10, 0.1), view, policy, np.random.default_rng(0))
    assert said.offer == offer and said.act in (
        CollectorAct.OFFER_PLAN,
        CollectorAct.HOLD_FIRM,
        CollectorAct.CONCEDE,
    )
    silent = decide._utterance(
        Reply("Could you tell me why?", 5, 5, 0.1), view, policy, np.random.default_rng(0)
    )
    assert silent.act is CollectorAct.PROBE_REASON and silent.offer is None
    assert speak._utterance(Reply(words, 10, 10, 0.1), view, policy, np.random.default_rng(0)).act is None


def test_hf_runs_only_the_collector(make_config):
    from simulator.llm.base import BackendError

    config = make_config("llm=hf", "llm.debtor_mode=decide_and_speak")
    with pytest.raises(BackendError, match="debtor_mode"):
        HFBackend.from_config(config.llm, "en")
    assert HFBackend.from_config(make_config("llm=hf").llm, "en").mode is AgentMode.DECIDE_AND_SPEAK

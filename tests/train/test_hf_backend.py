"""The `hf` collector: its prompt is the exported training format; its sampling is seeded per turn."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from simulator.llm.hf import CollectorPrompt, HFBackend, HFSettings, row_seed
from simulator.llm.samples import sample_turns
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

"""One small self-improve round end to end on CPU: scripted run → export → LoRA SFT → replay → compare.

Marked `llm`: it loads the converted SmolLM2-135M and trains a few steps
(minutes on a busy 2-core box). Sizes are the smallest that still assert
behaviour: 60 generated dialogues, 5 SFT steps, 4 held-out dialogues.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest
from hydra import compose, initialize_config_dir
from omegaconf import OmegaConf

from simulator.app import CONF_DIR
from simulator.store import TRANSCRIPTS, iter_transcripts
from simulator.transcript import Speaker, Termination

pytestmark = pytest.mark.llm

SMALL = [
    "self_improve.rounds=1",
    "self_improve.n_generate=60",
    "self_improve.n_test=4",
    "self_improve.spin_pairs=0",
    "self_improve.train.sft.steps=5",
    "self_improve.train.dpo.steps=0",
    "self_improve.train.max_length=256",
    "+self_improve.train.threads=1",
    "self_improve.replay.max_new_tokens=12",
    "self_improve.replay.batch_size=4",
    "self_improve.replay.threads=1",
    "max_turns=8",
    "export.dpo.enabled=false",
]


@pytest.fixture(scope="module")
def loop_run(tmp_path_factory):
    pytest.importorskip("trl")
    pytest.importorskip("peft")
    from simulator.local_model import LocalModelError, ensure_local_model

    try:
        ensure_local_model()
    except LocalModelError as exc:
        pytest.skip(str(exc))
    from simulator.loop import self_improve

    root = tmp_path_factory.mktemp("loop")
    with initialize_config_dir(config_dir=CONF_DIR, version_base="1.3"):
        cfg = compose(config_name="run", overrides=["+experiment=self_improve", f"output_dir={root}", *SMALL])
    data = OmegaConf.to_container(cfg, resolve=True)
    return root, self_improve(data)


def test_training_loss_fell(loop_run):
    _, table = loop_run
    before, after = table.at["test_round1", "sft_eval_before"], table.at["test_round1", "sft_eval_after"]
    assert math.isfinite(before) and after < before
    assert math.isfinite(table.at["test_round1", "sft_loss_first"])  # the loss log was written


def test_the_trained_adapter_loads(loop_run):
    from simulator.llm.hf import Generator, HFSettings
    from simulator.train.result import TrainResult

    root, _ = loop_run
    result = TrainResult.load(root / "round0" / "train")
    assert result.collector.adapter is not None
    generator = Generator(HFSettings(**result.collector.settings(), max_new_tokens=4, threads=1))
    reply = generator.generate([[{"role": "user", "content": "[call connected]"}]], [0])[0]
    assert reply.completion_tokens > 0


def test_the_trained_collector_completes_held_out_dialogues(loop_run):
    root, _ = loop_run
    transcripts = list(iter_transcripts(root / "test_round1" / TRANSCRIPTS))
    assert len(transcripts) == 4
    train_personas = {
        t.persona.persona_id for t in iter_transcripts(root / "round0" / "generate" / TRANSCRIPTS)
    }
    for t in transcripts:
        assert t.backend == "hf" and t.termination is not Termination.ERROR
        assert t.persona.persona_id not in train_personas
        spoken = [turn for turn in t.turns if turn.speaker is Speaker.COLLECTOR]
        assert spoken and all(turn.usage.completion_tokens > 0 for turn in spoken)


def test_the_comparison_has_a_row_per_collector_with_cis(loop_run):
    root, _ = loop_run
    table = pd.read_csv(root / "compare.csv")
    assert set(table["collector"]) == {"test_scripted", "test_base", "test_round1"}
    rates = table[table["metric"] == "agreement_rate"]
    assert rates[["ci_low", "ci_high"]].notna().all().all()
    paired = pd.read_csv(root / "paired.csv")
    assert paired["paired"].all() and (paired["units"] == 4).all()

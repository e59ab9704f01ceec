"""The train/ config group, the LLaMA-Factory hand-off and the self-improve config (fast, no torch)."""

from __future__ import annotations

import json

import pytest
import yaml
from hydra import compose, initialize_config_dir
from omegaconf import OmegaConf

from simulator.app import CONF_DIR
from simulator.loop import LoopSettings
from simulator.train.commands import compose_settings
from simulator.train.llamafactory import write_yamls
from simulator.train.settings import Method, TrainError


@pytest.mark.parametrize("group", ["cpu", "gpu"])
def test_every_train_option_composes(group):
    extra = ["base_model=/models/x"] if group == "gpu" else []
    settings = compose_settings([f"train={group}", *extra])
    assert settings.method is Method.LORA and settings.sft.steps > 0


def test_overrides_reach_the_settings_and_typos_fail_naming_the_field():
    settings = compose_settings(["sft.steps=7", "method=full"])
    assert settings.sft.steps == 7 and settings.method is Method.FULL
    with pytest.raises(TrainError, match="method"):
        compose_settings(["method=qlora"])
    with pytest.raises(TrainError, match=r"sft\.stepz|bad override"):
        compose_settings(["sft.stepz=3"])


def test_llamafactory_yaml_points_at_the_export(tmp_path):
    run = tmp_path / "run"
    for stage in ("sft", "dpo"):
        (run / stage).mkdir(parents=True)
        (run / stage / "dataset_info.json").write_text(json.dumps({f"debtsim_{stage}": {}}))
    settings = compose_settings(["dpo.steps=5"])
    paths = write_yamls(settings, tmp_path / "model", run, tmp_path / "out")
    sft, dpo = (yaml.safe_load(p.read_text()) for p in paths)
    assert sft["dataset"] == "debtsim_sft" and sft["dataset_dir"] == str(run / "sft")
    assert sft["template"] == "smollm2" and sft["finetuning_type"] == "lora" and not sft["bf16"]
    assert dpo["stage"] == "dpo" and dpo["adapter_name_or_path"].endswith("llamafactory_sft")


def test_self_improve_experiment_composes_and_keeps_test_personas_out_of_training():
    with initialize_config_dir(config_dir=CONF_DIR, version_base="1.3"):
        cfg = compose(config_name="run", overrides=["+experiment=self_improve"])
    block = OmegaConf.to_container(cfg.self_improve, resolve=True)
    settings = LoopSettings.model_validate(block).check()
    assert settings.rounds >= 1 and settings.n_test >= 100
    with pytest.raises(ValueError, match="held out"):
        LoopSettings.model_validate(block | {"test_seed": settings.train_seed}).check()

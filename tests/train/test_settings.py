"""The train/ config group, device placement, the LLaMA-Factory hand-off on a REAL export, the loop config."""

from __future__ import annotations

import json

import pytest
import yaml
from hydra import compose, initialize_config_dir
from omegaconf import OmegaConf

from debtsim.app import CONF_DIR
from debtsim.loop import LoopSettings, comparison_pairs
from debtsim.train.commands import compose_settings
from debtsim.train.llamafactory_trainer import write_yamls
from debtsim.train.train_settings import Method, TrainError


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


def test_auto_placement_is_cpu_fp32_here_and_cuda_fails_in_one_line():
    torch = pytest.importorskip("torch")
    from debtsim.train.trl_trainer import precision_flags
    from simulator.llm.hf import DeviceError, placement

    if torch.cuda.is_available():
        pytest.skip("a CUDA device is visible")
    assert placement("auto", "auto") == ("cpu", torch.float32)
    assert precision_flags(compose_settings([])) == {"use_cpu": True, "bf16": False, "fp16": False}
    assert precision_flags(compose_settings(["precision=bf16"]))["bf16"]
    with pytest.raises(DeviceError, match=r"train\.device: cuda"):
        precision_flags(compose_settings(["device=cuda"]))
    with pytest.raises(DeviceError, match="fp16 needs a CUDA device"):
        placement("cpu", "fp16")


def llamafactory(settings_overrides, run, tmp_path):
    settings = compose_settings(["trainer=llamafactory", *settings_overrides])
    paths = write_yamls(settings, tmp_path / "model", run, tmp_path / "out")
    return [yaml.safe_load(p.read_text()) for p in paths]


def registered(folder) -> list[str]:
    return list(json.loads((folder / "dataset_info.json").read_text(encoding="utf-8")))


def test_llamafactory_picks_the_registered_dataset_by_name(selected_run, tmp_path):
    sft, dpo = llamafactory(["dpo.steps=5"], selected_run, tmp_path)
    assert len(registered(selected_run / "sft" / "train")) >= 2  # the export registers several layouts
    assert sft["dataset"] == "debtsim_sft" and sft["dataset"] in registered(selected_run / "sft" / "train")
    assert sft["dataset_dir"] == str(selected_run / "sft" / "train")  # the train split, not the whole export
    assert dpo["dataset"] == "debtsim_dpo" and dpo["dataset"] in registered(selected_run / "dpo" / "train")
    assert sft["template"] == "smollm2" and sft["finetuning_type"] == "lora" and not sft["bf16"]
    assert dpo["adapter_name_or_path"] == sft["output_dir"]
    alpaca, _ = llamafactory(["dpo.steps=5", "llamafactory=alpaca"], selected_run, tmp_path)
    assert alpaca["dataset"] == "debtsim_alpaca_sft"


def test_full_method_chains_the_sft_model_into_dpo(selected_run, tmp_path):
    sft, dpo = llamafactory(["dpo.steps=5", "method=full"], selected_run, tmp_path)
    assert dpo["model_name_or_path"] == sft["output_dir"] and "adapter_name_or_path" not in dpo
    assert sft["model_name_or_path"] == str(tmp_path / "model")


def test_unknown_dataset_name_fails_listing_the_registered_ones(selected_run, tmp_path):
    with pytest.raises(TrainError, match="registered: debtsim_sft, debtsim_alpaca_sft"):
        llamafactory(["llamafactory_dataset=other"], selected_run, tmp_path)


def test_self_improve_experiment_composes_cpu_sized_with_selection():
    with initialize_config_dir(config_dir=CONF_DIR, version_base="1.3"):
        cfg = compose(config_name="run", overrides=["+experiment=self_improve", "output_dir=/tmp/unused"])
    data = OmegaConf.to_container(cfg, resolve=True)
    settings = LoopSettings.model_validate(data["self_improve"])
    assert data["filter"]["selection"]["enabled"] and "rouge_pool" in data["filter"]["selection"]["stages"]
    assert 100 <= settings.n_generate <= 500 and 30 <= settings.n_test <= 80  # a CPU-sized round
    assert settings.train["sft"]["steps"] <= 60 and data["llm"]["backend"] == "scripted"
    assert settings.replay["history_lines"] == compose_settings([]).history_lines
    with pytest.raises(ValueError, match="test_seed"):
        LoopSettings.model_validate(data["self_improve"] | {"test_seed": 7})  # replay, not a fresh seed


def test_every_round_is_paired_with_the_base_and_the_round_before():
    names = ["test_scripted", "test_base", "test_round1", "test_round2", "test_round3"]
    pairs = comparison_pairs(names)
    assert ("test_base", "test_scripted", "scripted") in pairs
    for r in (1, 2, 3):
        assert (f"test_round{r}", "test_base", "base") in pairs
    assert ("test_round2", "test_round1", "previous") in pairs and (
        "test_round3",
        "test_round2",
        "previous",
    ) in pairs
    assert not any(p[0] == "test_round1" and p[2] == "previous" for p in pairs)
    with_sft = comparison_pairs(["test_base", "test_round1_sft", "test_round1"])
    assert ("test_round1_sft", "test_base", "base") in with_sft
    assert ("test_round1", "test_round1_sft", "sft_only") in with_sft

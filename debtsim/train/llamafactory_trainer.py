"""The second trainer: the same export handed to LLaMA-Factory through a generated YAML.

LLaMA-Factory pins older transformers/trl/peft than ours and a plain install
swaps torch for a CUDA build, so it lives in its OWN environment (see
notes/training-on-cpu.md: `pip install torch==2.13.0`, then
`pip install --no-deps llamafactory==0.9.5` and its pinned dependencies). This
module writes `llamafactory_sft.yaml` (and `llamafactory_dpo.yaml`) pointing at
the export's train split and its `dataset_info.json`, and prints the commands
to run there; it runs them itself only when `llamafactory-cli` is on PATH.

The export registers one dataset per target layout (`debtsim_sft` sharegpt,
`debtsim_alpaca_sft` alpaca; the same for dpo): `train.llamafactory` picks one
by name. With `method=full` the DPO stage starts from the SFT stage's model
folder; with LoRA it continues the SFT adapter. LLaMA-Factory trains whole
conversations (`cutoff_len` = max_length), not the per-turn samples of the TRL
path.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import yaml

from debtsim.train.train_settings import LlamaFactoryFormat, Method, TrainError, TrainSettings
from simulator.llm.hf import Precision

CLI = "llamafactory-cli"
TEMPLATE = "smollm2"  # LLaMA-Factory's built-in ChatML template for SmolLM2; `default` is wrong here
FULL_MODEL = "llamafactory_sft"
"""Where the SFT stage writes (a full model with method=full, an adapter with LoRA)."""


def registered_name(settings: TrainSettings, kind: str) -> str:
    """The dataset the export registers for `kind` in the configured layout (see the export targets)."""
    name = settings.llamafactory_dataset
    infix = "_alpaca" if settings.llamafactory is LlamaFactoryFormat.ALPACA else ""
    return f"{name}{infix}_{kind}"


def dataset_name(folder: Path, wanted: str) -> str:
    """`wanted` if `folder/dataset_info.json` registers it; else a one-line error listing what it has."""
    info = folder / "dataset_info.json"
    if not info.exists():
        raise TrainError(f"no {info} (export with target llamafactory or alpaca)")
    names = list(json.loads(info.read_text(encoding="utf-8")))
    if wanted not in names:
        raise TrainError(
            f"{info}: no dataset {wanted!r} (registered: {', '.join(names)}); set train.llamafactory"
        )
    return wanted


def stage_yaml(settings: TrainSettings, base: Path, data: Path, out: Path, stage: str) -> dict:
    steps, lr = (
        (settings.sft.steps, settings.sft.learning_rate)
        if stage == "sft"
        else (settings.dpo.steps, settings.dpo.learning_rate)
    )
    start = base
    if stage == "dpo" and settings.method is Method.FULL:  # the SFT model, not the base, goes into DPO
        start = out / FULL_MODEL
    config = {
        "model_name_or_path": str(start),
        "stage": stage,
        "do_train": True,
        "finetuning_type": str(settings.method),
        "dataset_dir": str(data),
        "dataset": dataset_name(data, registered_name(settings, stage)),
        "template": TEMPLATE,
        "cutoff_len": settings.max_length,
        "output_dir": str(out / f"llamafactory_{stage}"),
        "per_device_train_batch_size": settings.batch_size,
        "gradient_accumulation_steps": settings.grad_accum,
        "learning_rate": lr,
        "max_steps": steps,
        "logging_steps": settings.logging_steps,
        "save_strategy": "no",
        "report_to": "none",
        "seed": settings.seed,
        "bf16": precision_of(settings) == "bf16",
        "fp16": precision_of(settings) == "fp16",
        "overwrite_output_dir": True,
    }
    if settings.method is Method.LORA:
        config |= {
            "lora_rank": settings.lora.r,
            "lora_alpha": settings.lora.alpha,
            "lora_dropout": settings.lora.dropout,
            "lora_target": "all",
        }
    if stage == "dpo":
        config |= {"pref_beta": settings.dpo.beta, "pref_loss": "sigmoid"}
        if settings.method is Method.LORA:  # continue from the SFT adapter
            config["adapter_name_or_path"] = str(out / FULL_MODEL)
    return config


def precision_of(settings: TrainSettings) -> str:
    """LLaMA-Factory's precision flag: explicit settings as given; auto means fp32 (it runs elsewhere)."""
    return "fp32" if settings.precision is Precision.AUTO else str(settings.precision)


def data_folder(kind_dir: Path) -> Path:
    """The train split folder when the selection wrote one (it carries its own dataset_info.json)."""
    train = kind_dir / "train"
    return train if (train / "dataset_info.json").exists() else kind_dir


def write_yamls(settings: TrainSettings, base: Path, run_dir: Path, out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    stages = [("sft", data_folder(run_dir / "sft"))]
    if settings.dpo.steps:
        stages.append(("dpo", data_folder(run_dir / "dpo")))
    paths = []
    for stage, data in stages:
        path = out / f"llamafactory_{stage}.yaml"
        path.write_text(yaml.safe_dump(stage_yaml(settings, base, data, out, stage), sort_keys=False))
        paths.append(path)
    return paths


def hand_off(settings: TrainSettings, base: Path, run_dir: Path, out: Path) -> list[str]:
    """Write the YAMLs; run them when LLaMA-Factory is installed here, else return the commands."""
    commands = [f"{CLI} train {path}" for path in write_yamls(settings, base, run_dir, out)]
    if shutil.which(CLI) is None:
        return commands
    for command in commands:
        subprocess.run(command.split(), check=True)
    return commands

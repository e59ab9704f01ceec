"""The second trainer: the same export handed to LLaMA-Factory through a generated YAML.

LLaMA-Factory pins older transformers/trl/peft than ours and a plain install
swaps torch for a CUDA build, so it lives in its OWN environment (see
notes/training-on-cpu.md: `pip install torch==2.13.0`, then
`pip install --no-deps llamafactory==0.9.5` and its pinned dependencies). This
module writes `llamafactory_sft.yaml` (and `llamafactory_dpo.yaml`) pointing at
the export's `dataset_info.json`, and prints the command to run there; it runs
the command itself only when `llamafactory-cli` is on PATH.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import yaml

from simulator.train.settings import Method, TrainError, TrainSettings

CLI = "llamafactory-cli"
TEMPLATE = "smollm2"  # LLaMA-Factory's built-in ChatML template for SmolLM2; `default` is wrong here


def dataset_name(folder: Path) -> str:
    """The one dataset the export registered in `folder/dataset_info.json`."""
    info = folder / "dataset_info.json"
    if not info.exists():
        raise TrainError(f"no {info} (export with target llamafactory)")
    names = list(yaml.safe_load(info.read_text(encoding="utf-8")))
    if len(names) != 1:
        raise TrainError(f"{info}: expected one dataset, found {names}")
    return names[0]


def stage_yaml(settings: TrainSettings, base: Path, data: Path, out: Path, stage: str) -> dict:
    steps, lr = (
        (settings.sft.steps, settings.sft.learning_rate)
        if stage == "sft"
        else (settings.dpo.steps, settings.dpo.learning_rate)
    )
    config = {
        "model_name_or_path": str(base),
        "stage": stage,
        "do_train": True,
        "finetuning_type": str(settings.method),
        "dataset_dir": str(data),
        "dataset": dataset_name(data),
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
        "bf16": False,
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
            config["adapter_name_or_path"] = str(out / "llamafactory_sft")
    return config


def write_yamls(settings: TrainSettings, base: Path, run_dir: Path, out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    stages = [("sft", run_dir / "sft")] + ([("dpo", run_dir / "dpo")] if settings.dpo.steps else [])
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

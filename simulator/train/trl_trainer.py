"""TRL in process: SFT on the exported conversations (loss on collector turns only), then optional DPO.

Imports torch/transformers/trl/peft lazily: nothing else in the package needs
them (extra `debtsim[train]`). CPU settings follow notes/training-on-cpu.md:
no bf16, no gradient checkpointing, `use_cpu`. With LoRA, DPO runs on the SFT
adapter merged into the base, with a fresh adapter, so DPO's frozen reference
is the SFT model, not the untrained base.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

from simulator.train.loss_log import LOSS_LOG, head_tail, loss_callback, read_losses
from simulator.train.result import Collector, StageResult
from simulator.train.settings import Method, TrainError, TrainSettings
from simulator.train.template import training_template

ADAPTER = "adapter"
EVAL_RECORDS = 4
"""Records whose loss is measured before and after SFT: a steadier 'did it learn' than step losses."""
REPLY_BUDGET = 96
"""Tokens a DPO prompt leaves for the chosen/rejected reply."""


def read_records(path: Path, keys: tuple[str, ...]) -> list[dict]:
    """The records of an exported TRL file, reduced to the columns the trainer reads."""
    if not path.exists():
        raise TrainError(f"no training file {path} (run `debtsim export` first)")
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    if not records:
        raise TrainError(f"{path}: no records to train on")
    missing = [k for k in keys if k not in records[0]]
    if missing:
        raise TrainError(f"{path}: records lack {missing} (expected TRL conversational format)")
    return [{k: r[k] for k in keys} for r in records]


def common_args(settings: TrainSettings, out: Path, steps: int, learning_rate: float) -> dict:
    return dict(
        output_dir=str(out),
        max_steps=steps,
        learning_rate=learning_rate,
        per_device_train_batch_size=settings.batch_size,
        gradient_accumulation_steps=settings.grad_accum,
        logging_steps=settings.logging_steps,
        save_strategy="no",
        report_to=[],
        seed=settings.seed,
        data_seed=settings.seed,
        bf16=False,
        fp16=False,
        gradient_checkpointing=False,
        use_cpu=True,
        per_device_eval_batch_size=settings.batch_size,
        dataloader_num_workers=0,
        lr_scheduler_type="constant",
        warmup_steps=0,
    )


def lora_config(settings: TrainSettings):
    from peft import LoraConfig

    lora = settings.lora
    return LoraConfig(
        r=lora.r,
        lora_alpha=lora.alpha,
        lora_dropout=lora.dropout,
        target_modules=lora.target_modules,
        task_type="CAUSAL_LM",
    )


def load(model_dir: Path):
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(model_dir)
    if tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.eos_token
    model = AutoModelForCausalLM.from_pretrained(model_dir, dtype=torch.float32)
    return model, tokenizer


def stage_result(
    out: Path, stage: str, steps: int, seconds: float, records: int, evals: tuple[float, float] | None = None
) -> StageResult:
    first, last = head_tail(read_losses(out / LOSS_LOG, stage))
    before, after = evals or (None, None)
    return StageResult(
        stage=stage,
        steps=steps,
        records=records,
        first_loss=first,
        last_loss=last,
        seconds=round(seconds, 2),
        eval_before=before,
        eval_after=after,
    )


def sft(settings: TrainSettings, base: Path, data: Path, out: Path) -> tuple[Collector, StageResult]:
    """SFT from `base` on `data` (TRL messages); returns what to load as the collector."""
    from datasets import Dataset
    from trl import SFTConfig, SFTTrainer

    records = read_records(data, ("messages",))
    model, tokenizer = load(base)
    tokenizer.chat_template = training_template(tokenizer, records[0]["messages"])
    config = SFTConfig(
        **common_args(settings, out / "sft", settings.sft.steps, settings.sft.learning_rate),
        max_length=settings.max_length,
        assistant_only_loss=True,
        packing=False,
    )
    peft = lora_config(settings) if settings.method is Method.LORA else None
    trainer = SFTTrainer(
        model=model,
        args=config,
        train_dataset=Dataset.from_list(records),
        eval_dataset=Dataset.from_list(records[:EVAL_RECORDS]),
        processing_class=tokenizer,
        peft_config=peft,
        callbacks=[loss_callback(out / LOSS_LOG, "sft")],
    )
    before = trainer.evaluate()["eval_loss"]
    start = time.perf_counter()
    trainer.train()
    seconds = time.perf_counter() - start
    after = trainer.evaluate()["eval_loss"]
    return save(trainer, tokenizer, settings, base, out / "sft"), stage_result(
        out, "sft", settings.sft.steps, seconds, len(records), (before, after)
    )


def save(trainer, tokenizer, settings: TrainSettings, base: Path, where: Path) -> Collector:
    if settings.method is Method.LORA:
        trainer.model.save_pretrained(where / ADAPTER)
        tokenizer.save_pretrained(where / ADAPTER)
        return Collector(model=str(base), adapter=str(where / ADAPTER))
    trainer.model.save_pretrained(where / "model")
    tokenizer.save_pretrained(where / "model")
    return Collector(model=str(where / "model"), adapter=None)


def merged(collector: Collector, out: Path) -> Path:
    """A full folder of the SFT model: DPO's starting point and its frozen reference."""
    if collector.adapter is None:
        return Path(collector.model)
    from peft import PeftModel

    model, tokenizer = load(Path(collector.model))
    model = PeftModel.from_pretrained(model, collector.adapter).merge_and_unload()
    where = out / "sft" / "merged"
    model.save_pretrained(where)
    tokenizer.save_pretrained(where)
    return where


def fit_prompt(record: dict, tokenizer, budget: int) -> dict:
    """Drop the oldest exchanges (system kept) until the prompt leaves `budget` tokens for a reply.

    TRL drops a pair whose prompt alone fills max_length; a late decision point in
    a long call would otherwise never train.
    """
    system = [m for m in record["prompt"][:1] if m["role"] == "system"]
    rest = record["prompt"][len(system) :]
    while len(rest) > 2:
        text = tokenizer.apply_chat_template(system + rest, add_generation_prompt=True, tokenize=False)
        if len(tokenizer(text, add_special_tokens=False)["input_ids"]) <= budget:
            break
        rest = rest[2:]
    return record | {"prompt": system + rest}


def dpo(
    settings: TrainSettings, start_from: Collector, data: Path, out: Path
) -> tuple[Collector, StageResult]:
    """DPO from the SFT collector on exported (prompt, chosen, rejected) pairs."""
    from datasets import Dataset
    from trl import DPOConfig, DPOTrainer

    records = read_records(data, ("prompt", "chosen", "rejected"))
    base = merged(start_from, out)
    model, tokenizer = load(base)
    budget = settings.max_length - REPLY_BUDGET
    records = [fit_prompt(r, tokenizer, budget) for r in records]
    config = DPOConfig(
        **common_args(settings, out / "dpo", settings.dpo.steps, settings.dpo.learning_rate),
        max_length=settings.max_length,
        beta=settings.dpo.beta,
    )
    peft = lora_config(settings) if settings.method is Method.LORA else None
    trainer = DPOTrainer(
        model=model,
        args=config,
        train_dataset=Dataset.from_list(records),
        processing_class=tokenizer,
        peft_config=peft,
        callbacks=[loss_callback(out / LOSS_LOG, "dpo")],
    )
    start = time.perf_counter()
    trainer.train()
    seconds = time.perf_counter() - start
    return save(trainer, tokenizer, settings, base, out / "dpo"), stage_result(
        out, "dpo", settings.dpo.steps, seconds, len(records)
    )

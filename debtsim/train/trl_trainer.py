"""TRL in process: SFT on the prepared samples (completion-only loss), then optional DPO.

Imports torch/transformers/trl/peft lazily: nothing else in the package needs
them (extra `debtsim[train]`). The samples come from `debtsim.train.train_samples`
(one prompt/completion record per collector reply by default, so the loss is
on the collector's words only and every reply trains, offers and closings
included). Device and precision follow `train.device` / `train.precision`
(auto: CUDA with bf16 autocast where available; on CPU, per
notes/training-on-cpu.md, fp32 without gradient checkpointing and `use_cpu`).
Weights load in float32 and mixed precision is autocast, so optimizer state
stays full precision. With LoRA, DPO runs on the SFT adapter merged into the
base, with a fresh adapter, so DPO's frozen reference is the SFT model.
"""

from __future__ import annotations

import time
from pathlib import Path

from debtsim.train.loss_log import LOSS_LOG, head_tail, loss_callback, read_losses
from debtsim.train.result import Collector, StageResult
from debtsim.train.template import training_template
from debtsim.train.train_settings import Method, SampleUnit, TrainError, TrainSettings
from simulator.llm.collector_prompt import ASSISTANT, TokenCount
from simulator.llm.hf import placement

ADAPTER = "adapter"
REPLY_BUDGET = 96
"""Tokens a DPO prompt leaves for the chosen/rejected reply."""


def precision_flags(settings: TrainSettings) -> dict:
    """use_cpu / bf16 / fp16 for the Trainer from the device and precision settings."""
    import torch

    device, dtype = placement(settings.device, settings.precision, "train.device")
    return {
        "use_cpu": device == "cpu",
        "bf16": dtype is torch.bfloat16,
        "fp16": dtype is torch.float16,
    }


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
        **precision_flags(settings),
        gradient_checkpointing=False,
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


def load_tokenizer(model_dir: Path):
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(model_dir)
    if tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.eos_token
    return tokenizer


def load(model_dir: Path):
    import torch
    from transformers import AutoModelForCausalLM

    return AutoModelForCausalLM.from_pretrained(model_dir, dtype=torch.float32), load_tokenizer(model_dir)


def token_counter(tokenizer) -> TokenCount:
    """Tokens of prompt + completion as TRL renders them (the chat template over both)."""

    def count(prompt: list[dict], completion: str) -> int:
        messages = [*prompt, {"role": ASSISTANT, "content": completion}] if completion else prompt
        text = tokenizer.apply_chat_template(messages, tokenize=False)
        return len(tokenizer(text, add_special_tokens=False)["input_ids"])

    return count


def stage_result(
    out: Path,
    stage: str,
    steps: int,
    seconds: float,
    records: int,
    evals: tuple[float, float] | None = None,
    truncated: int | None = None,
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
        truncated=truncated,
    )


def sft_config(settings: TrainSettings, out: Path):
    """Prompt/completion samples train on the completion only; whole calls on marked assistant turns."""
    from trl import SFTConfig

    loss = (
        {"completion_only_loss": True}
        if settings.samples is SampleUnit.TURN
        else {"assistant_only_loss": True}
    )
    return SFTConfig(
        **common_args(settings, out / "sft", settings.sft.steps, settings.sft.learning_rate),
        max_length=settings.max_length,
        packing=False,
        **loss,
    )


def sft(
    settings: TrainSettings, base: Path, records: list[dict], evals: list[dict], out: Path, truncated: int
) -> tuple[Collector, StageResult]:
    """SFT from `base` on prepared records; loss on `evals` before and after; what to load as the collector."""
    from datasets import Dataset
    from trl import SFTTrainer

    if not records:
        raise TrainError("no SFT samples to train on (every reply dropped?)")
    model, tokenizer = load(base)
    if settings.samples is SampleUnit.CONVERSATION:
        tokenizer.chat_template = training_template(tokenizer, records[0]["messages"])
    trainer = SFTTrainer(
        model=model,
        args=sft_config(settings, out),
        train_dataset=Dataset.from_list(records),
        eval_dataset=Dataset.from_list(evals),
        processing_class=tokenizer,
        peft_config=lora_config(settings) if settings.method is Method.LORA else None,
        callbacks=[loss_callback(out / LOSS_LOG, "sft")],
    )
    before = trainer.evaluate()["eval_loss"]
    start = time.perf_counter()
    trainer.train()
    seconds = time.perf_counter() - start
    after = trainer.evaluate()["eval_loss"]
    return save(trainer, tokenizer, settings, base, out / "sft"), stage_result(
        out, "sft", settings.sft.steps, seconds, len(records), (before, after), truncated
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
    settings: TrainSettings, start_from: Collector, records: list[dict], out: Path
) -> tuple[Collector, StageResult]:
    """DPO from the SFT collector on (prompt, chosen, rejected) pairs."""
    from datasets import Dataset
    from trl import DPOConfig, DPOTrainer

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
